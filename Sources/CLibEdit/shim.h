// Fixed-argument wrappers around libedit's variadic calls, which Swift cannot make.
// See shared/LIBEDIT-NOTES.md: el_set, el_get and history are C-variadic, and Swift 6
// rejects passing stdin/stdout/stderr, so el_init is wrapped too.
#ifndef DEBRIEF_LIBEDIT_SHIM_H
#define DEBRIEF_LIBEDIT_SHIM_H

#include <histedit.h>
#include <stdio.h>
#include <stdlib.h>
#include <locale.h>
#include <langinfo.h>
#include <string.h>

typedef char *(*dbr_prompt_fn)(EditLine *);
typedef unsigned char (*dbr_command_fn)(EditLine *, int);

static inline EditLine *dbr_el_init(const char *prog) {
    return el_init(prog, stdin, stdout, stderr);
}
static inline int dbr_el_set_prompt(EditLine *el, dbr_prompt_fn fn) { return el_set(el, EL_PROMPT, fn); }
static inline int dbr_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int dbr_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int dbr_el_set_hist(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int dbr_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
static inline void *dbr_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}
static inline int dbr_el_addfn(EditLine *el, const char *name, const char *help, dbr_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
static inline int dbr_el_bind(EditLine *el, const char *key, const char *fn) {
    return el_set(el, EL_BIND, key, fn, NULL);
}

static inline History *dbr_history_init(void) { return history_init(); }
static inline int dbr_history_setsize(History *h, int size) { HistEvent ev; return history(h, &ev, H_SETSIZE, size); }
static inline int dbr_history_setunique(History *h, int on) { HistEvent ev; return history(h, &ev, H_SETUNIQUE, on); }
static inline int dbr_history_enter(History *h, const char *line) { HistEvent ev; return history(h, &ev, H_ENTER, line); }
static inline int dbr_history_load(History *h, const char *file) { HistEvent ev; return history(h, &ev, H_LOAD, file); }
static inline int dbr_history_save(History *h, const char *file) { HistEvent ev; return history(h, &ev, H_SAVE, file); }

/// Makes libedit read and write UTF-8: without a UTF-8 LC_CTYPE it drops non-ASCII bytes.
static inline void dbr_use_utf8_locale(void) {
    setlocale(LC_CTYPE, "");
    const char *codeset = nl_langinfo(CODESET);
    if (codeset == NULL || (strcmp(codeset, "UTF-8") != 0 && strcmp(codeset, "utf8") != 0)) {
        setlocale(LC_CTYPE, "C.UTF-8");
    }
}


// Signals: a handler that only records the signal and wakes the reader through a pipe
// (the self-pipe trick), so a signal that lands just before a read still ends it.
#include <signal.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <poll.h>

static volatile sig_atomic_t dbr_last_signal = 0;
static volatile sig_atomic_t dbr_redraw_pending = 0;
static int dbr_wake_pipe[2] = { -1, -1 };

static void dbr_wake(void) {
    int saved = errno;
    if (dbr_wake_pipe[1] >= 0) { ssize_t ignored = write(dbr_wake_pipe[1], "", 1); (void)ignored; }
    errno = saved;
}
static void dbr_record_signal(int signo) { dbr_last_signal = signo; dbr_wake(); }
static void dbr_record_redraw(int signo) { (void)signo; dbr_redraw_pending = 1; dbr_wake(); }

/// Installs the handlers and unblocks their signals (a parent may have passed on a mask
/// that blocks them). A signal the parent set to be ignored (nohup, a background job of a
/// script) stays ignored.
static inline void dbr_install_signal_handlers(void) {
    static const int recorded[] = { SIGINT, SIGTERM, SIGHUP };
    static const int redraws[] = { SIGWINCH, SIGCONT };
    struct sigaction action, previous;
    sigset_t unblock;
    sigemptyset(&unblock);
    if (dbr_wake_pipe[0] < 0 && pipe2(dbr_wake_pipe, O_NONBLOCK | O_CLOEXEC) != 0) {
        dbr_wake_pipe[0] = dbr_wake_pipe[1] = -1; // without it a signal still interrupts read()
    }
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; // no SA_RESTART
    for (size_t i = 0; i < sizeof recorded / sizeof recorded[0]; i++) {
        if (sigaction(recorded[i], NULL, &previous) == 0 && previous.sa_handler == SIG_IGN) continue;
        action.sa_handler = dbr_record_signal;
        sigaction(recorded[i], &action, NULL);
        sigaddset(&unblock, recorded[i]);
    }
    for (size_t i = 0; i < sizeof redraws / sizeof redraws[0]; i++) {
        action.sa_handler = dbr_record_redraw;
        sigaction(redraws[i], &action, NULL);
        sigaddset(&unblock, redraws[i]);
    }
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);
}

/// The last signal received since the previous call, or 0.
static inline int dbr_take_signal(void) {
    int signo = dbr_last_signal;
    dbr_last_signal = 0;
    return signo;
}

static inline int dbr_errno(void) { return errno; }

/// Whether SIGINT, SIGTERM or SIGHUP arrived and has not been taken yet.
static inline int dbr_signal_pending(void) { return dbr_last_signal != 0; }

/// Whether SIGWINCH or SIGCONT arrived since the previous call.
static inline int dbr_take_redraw(void) {
    int pending = dbr_redraw_pending;
    dbr_redraw_pending = 0;
    return pending;
}

/// Waits until `fd` has input (or end of input). Returns 1 then; 0 when SIGWINCH or SIGCONT
/// arrived (see dbr_take_redraw); -1 with errno EINTR when SIGINT, SIGTERM or SIGHUP is
/// pending. The flags are checked before waiting and the handlers write to a pipe that the
/// wait watches, so no signal can slip in between the check and the wait.
static inline int dbr_wait_input(int fd) {
    for (;;) {
        if (dbr_last_signal != 0) { errno = EINTR; return -1; }
        if (dbr_redraw_pending) return 0;
        struct pollfd fds[2] = { { fd, POLLIN, 0 }, { dbr_wake_pipe[0], POLLIN, 0 } };
        int ready = poll(fds, dbr_wake_pipe[0] >= 0 ? 2 : 1, -1);
        if (ready < 0) {
            if (errno == EINTR) continue;
            return 1; // let the read itself report the problem
        }
        if (fds[1].revents & POLLIN) {
            char drain[64];
            while (read(dbr_wake_pipe[0], drain, sizeof drain) > 0) {}
        }
        if (fds[0].revents != 0 && dbr_last_signal == 0) return 1;
    }
}

/// libedit's character reader (EL_GETCFN), replacing the built-in one so that SIGINT,
/// SIGTERM and SIGHUP end the read at once (it returns -1 with errno EINTR): the built-in
/// reader retries the first EINTR, and with EL_SIGNAL on libedit re-sends every signal to
/// the whole process group, so a parent shell or make would get our SIGTERM too.
/// A resize (SIGWINCH) or a resume after Ctrl-Z (SIGCONT) redraws the line instead.
/// A character whose first bytes came but not the rest blocks until the rest comes.
/// Decodes UTF-8 through mbrtowc, like the built-in reader.
#include <wchar.h>
#include <limits.h>
static inline int dbr_read_char(EditLine *el, wchar_t *wc) {
    char bytes[MB_LEN_MAX];
    size_t length = 0;
    *wc = L'\0';
    for (;;) {
        int waited = dbr_wait_input(STDIN_FILENO);
        if (waited < 0) return -1;
        if (waited == 0) {
            dbr_take_redraw();
            el_resize(el);
            el_set(el, EL_PREP_TERM, 1); // back to raw mode after a stop
            el_set(el, EL_REFRESH);
            continue;
        }
        unsigned char byte;
        ssize_t n = read(STDIN_FILENO, &byte, 1);
        if (n == 0) return 0;
        if (n < 0) {
            if (errno != EINTR) return -1;
            continue; // the next wait sees the signal's flag
        }
        bytes[length++] = (char)byte;
        mbstate_t state;
        memset(&state, 0, sizeof state);
        size_t used = mbrtowc(wc, bytes, length, &state);
        if (used == (size_t)-2 && length < MB_LEN_MAX) continue; // an incomplete sequence
        if (used == (size_t)-1 || used == (size_t)-2) {         // not UTF-8: drop it
            length = 0;
            continue;
        }
        return 1;
    }
}

static inline int dbr_el_use_own_reader(EditLine *el) {
    return el_set(el, EL_GETCFN, dbr_read_char);
}

#endif
