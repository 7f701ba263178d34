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


// Signals: handlers only record the signal and wake the reader through a pipe (the
// self-pipe trick), so a signal that lands just before a wait still ends it. libedit's own
// signal handling (EL_SIGNAL) stays off: it re-sends every signal to the whole process
// group, so a parent shell or make would get the drill's SIGTERM too.
#include <signal.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <poll.h>

/// SIGINT, SIGTERM, SIGHUP or SIGQUIT: the read ends (Ctrl-C discards the answer; the others
/// end the session).
static volatile sig_atomic_t dbr_last_signal = 0;
/// SIGWINCH, SIGCONT and SIGTSTP: handled at the next wait for input.
static volatile sig_atomic_t dbr_resized = 0;
static volatile sig_atomic_t dbr_continued = 0;
static volatile sig_atomic_t dbr_stop_requested = 0;
static int dbr_wake_pipe[2] = { -1, -1 };

enum { DBR_RESIZED = 1, DBR_CONTINUED = 2, DBR_STOP = 4 };

static void dbr_wake(void) {
    int saved = errno;
    if (dbr_wake_pipe[1] >= 0) { ssize_t ignored = write(dbr_wake_pipe[1], "", 1); (void)ignored; }
    errno = saved;
}
static void dbr_record_signal(int signo) { dbr_last_signal = signo; dbr_wake(); }
static void dbr_record_event(int signo) {
    if (signo == SIGWINCH) dbr_resized = 1;
    else if (signo == SIGCONT) dbr_continued = 1;
    else if (signo == SIGTSTP) dbr_stop_requested = 1;
    dbr_wake();
}

/// Installs the handlers and unblocks their signals (a parent may have passed on a mask
/// that blocks them). A signal the parent set to be ignored (nohup, a background job of a
/// script) stays ignored. The signals that end a read interrupt system calls (no
/// SA_RESTART); the others restart them, so a resize never fails a write or an fsync.
static inline void dbr_install_signal_handlers(void) {
    static const int ending[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
    static const int events[] = { SIGWINCH, SIGCONT, SIGTSTP };
    struct sigaction action, previous;
    sigset_t unblock;
    sigemptyset(&unblock);
    if (dbr_wake_pipe[0] < 0 && pipe2(dbr_wake_pipe, O_NONBLOCK | O_CLOEXEC) != 0) {
        dbr_wake_pipe[0] = dbr_wake_pipe[1] = -1; // without it a signal still interrupts read()
    }
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < sizeof ending / sizeof ending[0]; i++) {
        if (sigaction(ending[i], NULL, &previous) == 0 && previous.sa_handler == SIG_IGN) continue;
        action.sa_handler = dbr_record_signal;
        action.sa_flags = 0;
        sigaction(ending[i], &action, NULL);
        sigaddset(&unblock, ending[i]);
    }
    for (size_t i = 0; i < sizeof events / sizeof events[0]; i++) {
        if (sigaction(events[i], NULL, &previous) == 0 && previous.sa_handler == SIG_IGN) continue;
        action.sa_handler = dbr_record_event;
        action.sa_flags = SA_RESTART;
        sigaction(events[i], &action, NULL);
        sigaddset(&unblock, events[i]);
    }
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);
}

/// The last ending signal received since the previous call, or 0.
static inline int dbr_take_signal(void) {
    return __atomic_exchange_n(&dbr_last_signal, 0, __ATOMIC_SEQ_CST);
}

static inline int dbr_errno(void) { return errno; }

/// The events (DBR_RESIZED, DBR_CONTINUED, DBR_STOP) since the previous call.
static inline int dbr_take_events(void) {
    int events = 0;
    if (__atomic_exchange_n(&dbr_resized, 0, __ATOMIC_SEQ_CST)) events |= DBR_RESIZED;
    if (__atomic_exchange_n(&dbr_continued, 0, __ATOMIC_SEQ_CST)) events |= DBR_CONTINUED;
    if (__atomic_exchange_n(&dbr_stop_requested, 0, __ATOMIC_SEQ_CST)) events |= DBR_STOP;
    return events;
}

/// Stops the process as Ctrl-Z asked (the handler only recorded it), and returns once it is
/// continued. The caller puts the terminal back in its usual mode first.
static inline void dbr_stop_now(void) {
    struct sigaction fallback, ours;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(SIGTSTP, &fallback, &ours);
    raise(SIGTSTP); // stopped here until SIGCONT
    sigaction(SIGTSTP, &ours, NULL);
}

/// Waits until `fd` has input (or end of input). Returns 1 then; 0 when an event is to be
/// handled (see dbr_take_events); -1 with errno EINTR when an ending signal is pending.
/// The flags are checked before waiting and the handlers write to a pipe that the wait
/// watches, so no signal can slip in between the check and the wait.
static inline int dbr_wait_input(int fd) {
    for (;;) {
        if (dbr_last_signal != 0) { errno = EINTR; return -1; }
        if (dbr_resized || dbr_continued || dbr_stop_requested) return 0;
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

/// Handles the events of dbr_take_events while libedit is editing a line: a resize tells
/// libedit the new width; Ctrl-Z restores the terminal, stops, and on `fg` goes back to raw
/// mode and redraws the line; a resume after a stop we did not see (SIGSTOP) does the same.
static inline void dbr_el_handle_events(EditLine *el, int events) {
    if (events & DBR_STOP) {
        el_set(el, EL_PREP_TERM, 0);
        dbr_stop_now();
        dbr_take_events(); // the SIGCONT of our own resume
        events |= DBR_CONTINUED;
    } else if (events & DBR_CONTINUED) {
        el_set(el, EL_PREP_TERM, 0); // libedit still thinks the terminal is raw
    }
    if (events & (DBR_RESIZED | DBR_CONTINUED)) el_resize(el);
    if (events & DBR_CONTINUED) {
        el_set(el, EL_PREP_TERM, 1);
        el_set(el, EL_REFRESH);
    }
}

/// libedit's character reader (EL_GETCFN), replacing the built-in one so that an ending
/// signal ends the read at once (it returns -1 with errno EINTR); the built-in reader
/// retries the first EINTR. Decodes UTF-8 through mbrtowc, like the built-in reader: a
/// byte that cannot continue a sequence is dropped and the next one starts a new one.
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
            dbr_el_handle_events(el, dbr_take_events());
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
        for (;;) {
            mbstate_t state;
            memset(&state, 0, sizeof state);
            size_t used = mbrtowc(wc, bytes, length, &state);
            if (used == (size_t)-2 && length < MB_LEN_MAX) break;   // incomplete: read on
            if (used != (size_t)-1 && used != (size_t)-2) return 1; // a whole character
            if (length == 1) { length = 0; break; }                 // a stray byte: drop it
            bytes[0] = bytes[length - 1];                           // it may start the next one
            length = 1;
        }
    }
}

/// Before a line is read: a resize while the drill was busy, and Ctrl-Z pressed then.
static inline void dbr_el_prepare(EditLine *el) {
    int events = dbr_take_events();
    if (events & DBR_STOP) dbr_stop_now(); // the terminal is in its usual mode between reads
    if (events & DBR_RESIZED) el_resize(el);
}

static inline int dbr_el_use_own_reader(EditLine *el) {
    return el_set(el, EL_GETCFN, dbr_read_char);
}

#endif
