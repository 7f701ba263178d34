#define _GNU_SOURCE
#include "CPseudoTerminal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

int dbr_pty_spawn(const char *path, char *const argv[], char *const envp[],
                  unsigned short columns, unsigned short rows, int *master_fd, pid_t *pid) {
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0) return errno;
    if (grantpt(master) != 0 || unlockpt(master) != 0) { int e = errno; close(master); return e; }
    char name[256];
    if (ptsname_r(master, name, sizeof name) != 0) { int e = errno; close(master); return e; }
    int slave = open(name, O_RDWR | O_NOCTTY);
    if (slave < 0) { int e = errno; close(master); return e; }
    struct winsize size = { .ws_row = rows, .ws_col = columns };
    ioctl(slave, TIOCSWINSZ, &size);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    // Opened by name in the child, after setsid and without O_NOCTTY, the pty becomes the
    // child's controlling terminal, so a typed Ctrl-C raises SIGINT as in a real terminal.
    posix_spawn_file_actions_addclose(&actions, slave);
    posix_spawn_file_actions_addopen(&actions, 0, name, O_RDWR, 0);
    posix_spawn_file_actions_adddup2(&actions, 0, 1);
    posix_spawn_file_actions_adddup2(&actions, 0, 2);

    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGHUP);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    int result = posix_spawn(pid, path, &actions, &attributes, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close(slave);
    if (result != 0) { close(master); return result; }
    *master_fd = master;
    return 0;
}

int dbr_pty_resize(int master_fd, unsigned short columns, unsigned short rows) {
    struct winsize size = { .ws_row = rows, .ws_col = columns };
    return ioctl(master_fd, TIOCSWINSZ, &size) == 0 ? 0 : errno;
}

int dbr_pty_canonical(int master_fd) {
    struct termios modes;
    if (tcgetattr(master_fd, &modes) != 0) return -1;
    return (modes.c_lflag & ICANON) ? 1 : 0;
}

int dbr_pty_make_canonical(int master_fd) {
    struct termios modes;
    if (tcgetattr(master_fd, &modes) != 0) return errno;
    modes.c_lflag |= ICANON | ECHO;
    return tcsetattr(master_fd, TCSANOW, &modes) == 0 ? 0 : errno;
}
