#include "cli/interrupts.hpp"

#include <limits.h>
#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdlib>
#include <cstring>

#include "host/fault_report.hpp"

namespace surveycheck::cli {
namespace {

// A temporary file's path, readable from a signal handler.
struct Slot {
    std::atomic<int> state{0};  // free, claimed (name being written) or ready (the handler may unlink it)
    char path[PATH_MAX] = {};
};
constexpr int free_slot = 0;
constexpr int claimed = 1;
constexpr int ready = 2;

constexpr std::array<int, 4> interrupts = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
std::array<Slot, 64> slots;
std::atomic<pid_t> owner{0};  // forked children leave the files alone
std::atomic<int> held{0};     // InterruptsHeld alive
std::atomic<int> pending{0};  // the interrupt that came while held

}  // namespace

void remove_temporaries() {
    if (::getpid() != owner.load()) return;
    for (auto& slot : slots) {
        if (slot.state.load() == ready) ::unlink(slot.path);
    }
}

namespace {

// Remove the temporaries and end the process as the signal would have.
[[noreturn]] void end_with(int signal_number) {
    remove_temporaries();
    ::signal(signal_number, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signal_number);
    ::pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    ::raise(signal_number);
    ::_exit(128 + signal_number);
}

void on_interrupt(int signal_number) {
    if (::getpid() != owner.load()) {
        ::signal(signal_number, SIG_DFL);
        ::raise(signal_number);
        return;
    }
    if (held.load() > 0) {
        pending.store(signal_number);
        return;
    }
    end_with(signal_number);
}

}  // namespace

void clean_up_on_interrupt() {
    owner.store(::getpid());
    // exit() or a fatal signal in plugin code in the host (--isolation none) unwinds nothing: the temporaries
    // go on the way out.
    std::atexit(remove_temporaries);
    host::before_fatal_end(remove_temporaries);
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    for (const int signal_number : interrupts) sigaddset(&action.sa_mask, signal_number);
    for (const int signal_number : interrupts) {
        struct sigaction previous {};
        // An interrupt the shell told us to ignore (nohup, background jobs) stays ignored.
        if (::sigaction(signal_number, nullptr, &previous) == 0 && previous.sa_handler == SIG_IGN) continue;
        ::sigaction(signal_number, &action, nullptr);
    }
}

int track_temporary(const std::string& path) {
    if (path.size() >= PATH_MAX) return -1;
    for (std::size_t i = 0; i < slots.size(); ++i) {
        Slot& slot = slots[i];
        int expected = free_slot;
        if (!slot.state.compare_exchange_strong(expected, claimed)) continue;
        std::memset(slot.path, 0, sizeof slot.path);
        std::memcpy(slot.path, path.c_str(), path.size());
        slot.state.store(ready);
        return static_cast<int>(i);
    }
    return -1;
}

void untrack_temporary(int slot) {
    if (slot < 0 || static_cast<std::size_t>(slot) >= slots.size()) return;
    slots[static_cast<std::size_t>(slot)].state.store(free_slot);
}

InterruptsHeld::InterruptsHeld() { held.fetch_add(1); }

InterruptsHeld::~InterruptsHeld() {
    if (held.fetch_sub(1) == 1) {
        if (const int signal_number = pending.exchange(0); signal_number != 0) end_with(signal_number);
    }
}

}  // namespace surveycheck::cli
