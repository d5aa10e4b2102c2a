#define _POSIX_C_SOURCE 200809L
#include "CTerminalSignals.h"

#include <signal.h>
#include <string.h>

// All a handler touches: writing a sig_atomic_t is async-signal-safe. Two slots, so a
// Ctrl-Z never hides a pending SIGTERM.
static volatile sig_atomic_t pending_exit_signal = 0;
static volatile sig_atomic_t pending_suspend = 0;

static void record_signal(int signal_number) {
    if (signal_number == SIGTSTP) {
        pending_suspend = 1;
    } else {
        pending_exit_signal = signal_number;
    }
}

static void set_handler(int signal_number, void (*handler)(int)) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; // no SA_RESTART: an interrupted read returns, so the app sees the signal promptly
    sigaction(signal_number, &action, NULL);
}

void folio_signals_install(void) {
    // A parent may have started us with these blocked (threads of a test runner do); the reader
    // relies on them to quit, suspend and follow resizes.
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGINT);
    sigaddset(&wanted, SIGTERM);
    sigaddset(&wanted, SIGHUP);
    sigaddset(&wanted, SIGTSTP);
    sigaddset(&wanted, SIGCONT);
    sigaddset(&wanted, SIGWINCH);
    sigprocmask(SIG_UNBLOCK, &wanted, NULL);
    set_handler(SIGINT, record_signal);
    set_handler(SIGTERM, record_signal);
    set_handler(SIGHUP, record_signal);
    set_handler(SIGTSTP, record_signal);
}

void folio_signals_uninstall(void) {
    set_handler(SIGINT, SIG_DFL);
    set_handler(SIGTERM, SIG_DFL);
    set_handler(SIGHUP, SIG_DFL);
    set_handler(SIGTSTP, SIG_DFL);
}

int folio_signals_take(void) {
    int exit_signal = pending_exit_signal;
    if (exit_signal != 0) {
        // Cleared only when set: a signal landing between the read and here is not lost.
        pending_exit_signal = 0;
        return exit_signal;
    }
    if (pending_suspend) {
        pending_suspend = 0;
        return SIGTSTP;
    }
    return 0;
}

int folio_signals_peek(void) {
    return pending_exit_signal != 0 ? pending_exit_signal : (pending_suspend ? SIGTSTP : 0);
}

void folio_signals_stop_process(void) {
    set_handler(SIGTSTP, SIG_DFL);

    sigset_t tstp_only;
    sigemptyset(&tstp_only);
    sigaddset(&tstp_only, SIGTSTP);
    sigprocmask(SIG_UNBLOCK, &tstp_only, NULL);
    raise(SIGTSTP); // stops here; returns after SIGCONT

    set_handler(SIGTSTP, record_signal);
}
