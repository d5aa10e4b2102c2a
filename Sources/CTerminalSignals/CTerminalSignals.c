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

static void install_recorder(int signal_number) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = record_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; // no SA_RESTART: an interrupted read returns, so the app sees the signal promptly
    sigaction(signal_number, &action, NULL);
}

void folio_signals_install(void) {
    install_recorder(SIGINT);
    install_recorder(SIGTERM);
    install_recorder(SIGHUP);
    install_recorder(SIGTSTP);
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
    struct sigaction default_action;
    memset(&default_action, 0, sizeof default_action);
    default_action.sa_handler = SIG_DFL;
    sigemptyset(&default_action.sa_mask);
    sigaction(SIGTSTP, &default_action, NULL);

    sigset_t tstp_only;
    sigemptyset(&tstp_only);
    sigaddset(&tstp_only, SIGTSTP);
    sigprocmask(SIG_UNBLOCK, &tstp_only, NULL);
    raise(SIGTSTP); // stops here; returns after SIGCONT

    install_recorder(SIGTSTP);
}
