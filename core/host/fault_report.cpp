#include "host/fault_report.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>

namespace surveycheck::host {
namespace {

// What this thread runs of a plugin, formatted ahead so that a signal handler only has to write(2) it.
thread_local char running_text[1024];
thread_local std::size_t running_size = 0;

std::atomic<bool> installed{false};
std::atomic<void (*)()> last_words{nullptr};  // what the process does before a fault ends it

void say_last_words() {
    if (void (*words)() = last_words.exchange(nullptr)) words();
}
int exit_code_on_plugin_exit = 1;

constexpr int fatal_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
constexpr std::size_t fatal_signal_count = sizeof fatal_signals / sizeof fatal_signals[0];
// What each fatal signal did before install_fault_report(): the default, or a sanitizer's report.
struct sigaction previous_actions[fatal_signal_count];

void append(std::string_view text) {
    const std::size_t room = sizeof running_text - running_size;
    const std::size_t size = std::min(text.size(), room);
    std::memcpy(running_text + running_size, text.data(), size);
    running_size += size;
}

void write_text(const char* text) {
    // Nothing to do when standard error is gone; the process ends either way.
    if (::write(STDERR_FILENO, text, std::strlen(text)) < 0) return;
}

// "surveycheck: <what><name> in <running text>; <consequence>\n", with write(2) only.
void report(const char* what, const char* name, const char* consequence) {
    write_text("surveycheck: ");
    write_text(what);
    write_text(name);
    write_text(" in ");
    if (::write(STDERR_FILENO, running_text, running_size) < 0) return;
    write_text("; ");
    write_text(consequence);
    write_text("\n");
}

void on_fatal_signal(int signal, siginfo_t* info, void*) {
    say_last_words();
    if (running_size > 0) {
        report("fatal signal ", signal_name(signal),
               "it runs in surveycheck's own process (not isolated), so the run ends here without a report");
        running_size =
            0;  // said once, should the action taken over raise another signal (a sanitizer's abort)
    }
    for (std::size_t i = 0; i < fatal_signal_count; ++i) {
        if (fatal_signals[i] == signal) ::sigaction(signal, &previous_actions[i], nullptr);
    }
    // A fault (si_code > 0) happens again as this handler returns, now to the earlier action with its true
    // context; a signal that was sent (abort, kill) is sent again.
    if (info == nullptr || info->si_code <= 0) ::raise(signal);
}

void on_plugin_exit() {
    if (running_size == 0) return;
    report("exit() called", "",
           "it runs in surveycheck's own process (not isolated), so the run ends here without a report, as "
           "incomplete");
    say_last_words();
    ::_exit(exit_code_on_plugin_exit);
}

}  // namespace

const char* signal_name(int signal) {
    switch (signal) {
        case SIGSEGV:
            return "SIGSEGV";
        case SIGABRT:
            return "SIGABRT";
        case SIGBUS:
            return "SIGBUS";
        case SIGFPE:
            return "SIGFPE";
        case SIGILL:
            return "SIGILL";
        case SIGKILL:
            return "SIGKILL";
        case SIGTERM:
            return "SIGTERM";
        case SIGXCPU:
            return "SIGXCPU";
        case SIGPIPE:
            return "SIGPIPE";
        default:
            return "unknown signal";
    }
}

RunningPlugin::RunningPlugin(std::string_view stage, std::string_view subject, std::string_view file) {
    running_size = 0;
    append(stage);
    append(" ");
    append(subject);
    if (!file.empty()) {
        append(" (");
        append(file);
        append(")");
    }
}

RunningPlugin::~RunningPlugin() { running_size = 0; }

void before_fatal_end(void (*words)()) { last_words.store(words); }

void install_fault_report(int exit_code) {
    if (installed.exchange(true)) return;
    exit_code_on_plugin_exit = exit_code;
    std::atexit(on_plugin_exit);
    struct sigaction action {};
    action.sa_sigaction = on_fatal_signal;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    for (std::size_t i = 0; i < fatal_signal_count; ++i) {
        ::sigaction(fatal_signals[i], &action, &previous_actions[i]);
    }
}

}  // namespace surveycheck::host
