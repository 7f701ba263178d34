// Test support: spawn a program on a new pseudo-terminal, in its own session, with no
// signals blocked (the test thread blocks SIGINT, and a child would inherit that mask).
// Glibc does not export all of posix_openpt/grantpt/unlockpt/ptsname_r to Swift.
#ifndef DEBRIEF_C_PSEUDO_TERMINAL_H
#define DEBRIEF_C_PSEUDO_TERMINAL_H

#include <sys/types.h>

/// Spawns `path` with `argv`/`envp` on a new pty of `columns` x `rows`.
/// On success returns 0 and sets the master fd and the child's pid; otherwise an errno.
int dbr_pty_spawn(const char *path, char *const argv[], char *const envp[],
                  unsigned short columns, unsigned short rows, int *master_fd, pid_t *pid);

#endif
