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

/// Sets the terminal's size (the program gets SIGWINCH). Returns 0 or an errno.
int dbr_pty_resize(int master_fd, unsigned short columns, unsigned short rows);

/// 1 when the terminal is in canonical (line-by-line) mode, 0 when raw, -1 on error.
int dbr_pty_canonical(int master_fd);

/// Puts the terminal in canonical mode with echo, as a shell does when a job stops.
int dbr_pty_make_canonical(int master_fd);

#endif
