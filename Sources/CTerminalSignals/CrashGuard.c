#define _DEFAULT_SOURCE // sigaltstack, SA_ONSTACK
#include "CrashGuard.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

// Everything the handler touches is set up beforehand in static storage: a handler may only
// make async-signal-safe calls (write, tcsetattr, unlink, rmdir, sigaction, sigprocmask, raise).

static const int crash_signals[] = {SIGILL, SIGTRAP, SIGSEGV, SIGABRT, SIGBUS, SIGFPE};
#define CRASH_SIGNAL_COUNT ((int)(sizeof crash_signals / sizeof crash_signals[0]))

static struct sigaction previous_actions[CRASH_SIGNAL_COUNT];
static int is_installed = 0;
static volatile sig_atomic_t is_handling = 0;

static struct termios shell_modes;
static int shell_modes_fd = -1;

// SIGSTKSZ is no longer a constant in recent glibc; 64 KiB is far more than the handler needs.
static char alternate_stack[64 * 1024];
static stack_t previous_stack;
static int has_previous_stack = 0;

#define PATH_CAPACITY 4096
#define FILE_CAPACITY 8
static char files[FILE_CAPACITY][PATH_CAPACITY];
static volatile sig_atomic_t file_count = 0;
static char folder[PATH_CAPACITY];
static volatile sig_atomic_t has_folder = 0;

// CAN first: it cancels an escape sequence curses may have been halfway through writing.
// Then attributes off, every mouse mode off, keypad transmit off (rmkx), the cursor shown,
// and the normal screen back.
static const char restore_sequence[] =
    "\030"
    "\033[0m"
    "\033[?1000l\033[?1002l\033[?1003l\033[?1006l\033[?1015l"
    "\033[?1l\033>"
    "\033[?25h"
    "\033[?1049l";

static void write_all(int fd, const char *bytes, size_t count) {
    while (count > 0) {
        ssize_t written = write(fd, bytes, count);
        if (written > 0) {
            bytes += written;
            count -= (size_t)written;
        } else if (written < 0 && errno == EINTR) {
            continue;
        } else {
            return;
        }
    }
}

static void restore_terminal(void) {
    write_all(STDOUT_FILENO, restore_sequence, sizeof restore_sequence - 1);
    // TCSANOW, not TCSADRAIN: a terminal that stopped reading must not hang the dying process.
    if (shell_modes_fd >= 0) tcsetattr(shell_modes_fd, TCSANOW, &shell_modes);
}

static void remove_paths(void) {
    int count = file_count;
    for (int index = 0; index < count && index < FILE_CAPACITY; index++) unlink(files[index]);
    if (has_folder) rmdir(folder);
}

static void crash_handler(int signal_number) {
    // A second crash (another thread, or this handler failing) goes straight to dying.
    if (!is_handling) {
        is_handling = 1;
        restore_terminal();
        remove_paths();
    }
    struct sigaction default_action;
    memset(&default_action, 0, sizeof default_action);
    default_action.sa_handler = SIG_DFL;
    sigemptyset(&default_action.sa_mask);
    sigaction(signal_number, &default_action, NULL);
    sigset_t only_this;
    sigemptyset(&only_this);
    sigaddset(&only_this, signal_number);
    sigprocmask(SIG_UNBLOCK, &only_this, NULL);
    raise(signal_number); // dies here by the original signal, so the shell reports it
}

void folio_crash_guard_install(void) {
    if (is_installed) return;
    shell_modes_fd = -1;
    if (tcgetattr(STDIN_FILENO, &shell_modes) == 0) {
        shell_modes_fd = STDIN_FILENO;
    } else if (tcgetattr(STDOUT_FILENO, &shell_modes) == 0) {
        shell_modes_fd = STDOUT_FILENO;
    }

    // Per thread: this covers the thread that runs the reader, where a runaway recursion would be.
    stack_t stack;
    memset(&stack, 0, sizeof stack);
    stack.ss_sp = alternate_stack;
    stack.ss_size = sizeof alternate_stack;
    has_previous_stack = sigaltstack(&stack, &previous_stack) == 0;

    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = crash_handler;
    // Nothing else interrupts the restore (a Ctrl-Z halfway would leave the terminal mixed).
    sigfillset(&action.sa_mask);
    action.sa_flags = SA_ONSTACK;
    for (int index = 0; index < CRASH_SIGNAL_COUNT; index++) {
        sigaction(crash_signals[index], &action, &previous_actions[index]);
    }
    is_handling = 0;
    is_installed = 1;
}

void folio_crash_guard_uninstall(void) {
    if (!is_installed) return;
    is_installed = 0;
    for (int index = 0; index < CRASH_SIGNAL_COUNT; index++) {
        sigaction(crash_signals[index], &previous_actions[index], NULL);
    }
    if (has_previous_stack) {
        sigaltstack(&previous_stack, NULL);
        has_previous_stack = 0;
    }
}

int folio_crash_guard_remove_file(const char *path) {
    int count = file_count;
    if (count >= FILE_CAPACITY || strlen(path) >= PATH_CAPACITY) return -1;
    strcpy(files[count], path);
    file_count = count + 1; // only after the path is whole: a crash meanwhile skips it
    return 0;
}

int folio_crash_guard_remove_folder(const char *path) {
    if (strlen(path) >= PATH_CAPACITY) return -1;
    has_folder = 0;
    strcpy(folder, path);
    has_folder = 1;
    return 0;
}

void folio_crash_guard_forget_paths(void) {
    file_count = 0;
    has_folder = 0;
}
