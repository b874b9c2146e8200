// Runs the real `surveycheck` under a wall-clock deadline, a CPU limit and an address-space limit, and
// measures its peak memory: a hostile input that makes it hang or balloon fails the test instead of the
// machine.
#pragma once

#include <signal.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "cli_fixture.hpp"

namespace surveycheck::test {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool sanitized = true;
#else
constexpr bool sanitized = false;
#endif
#else
constexpr bool sanitized = false;
#endif

// `mb` of peak memory, or three times that under AddressSanitizer (its shadow memory and quarantine).
constexpr std::uint64_t memory_bound_mb(std::uint64_t mb) { return sanitized ? 3 * mb : mb; }

// Bounds of one run.
struct Limits {
    int seconds = 60;                       // wall clock, then the process group is killed
    std::uint64_t address_space_mb = 2048;  // RLIMIT_AS (not applied under AddressSanitizer)
    std::uint64_t file_size_bytes = 0;      // RLIMIT_FSIZE, 0 for none: a full disk (SIGXFSZ ignored)
};

// What a bounded run did.
struct BoundedOutcome {
    int code = -1;           // exit code; -1 when killed by a signal
    int signal = 0;          // the signal that ended it, 0 when it exited
    bool timed_out = false;  // the deadline passed and it was killed
    std::uint64_t peak_rss_mb = 0;
    double seconds = 0;
    std::string out;
    std::string err;
};

// A CliFixture whose runs are bounded.
class BoundedCliFixture : public CliFixture {
protected:
    // The names in the test's folder other than the ones the fixture itself writes, sorted.
    std::vector<std::string> folder_names() const {
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(dir_)) {
            const std::string name = entry.path().filename().string();
            if (name != "stdout.txt" && name != "stderr.txt") names.push_back(name);
        }
        std::sort(names.begin(), names.end());
        return names;
    }

    // Run surveycheck with `args` (one word each, no shell) under `limits`.
    BoundedOutcome run_bounded(const std::vector<std::string>& args, const Limits& limits = {}) const {
        const fs::path out = dir_ / "stdout.txt";
        const fs::path err = dir_ / "stderr.txt";
        std::vector<std::string> words = {SURVEYCHECK_EXE};
        words.insert(words.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& word : words) argv.push_back(word.data());
        argv.push_back(nullptr);

        const auto start = std::chrono::steady_clock::now();
        const pid_t pid = ::fork();
        if (pid == 0) {
            ::setpgid(0, 0);
            const int in_fd = ::open("/dev/null", O_RDONLY);
            const int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            const int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (in_fd < 0 || out_fd < 0 || err_fd < 0) ::_exit(126);
            ::dup2(in_fd, 0);
            ::dup2(out_fd, 1);
            ::dup2(err_fd, 2);
            const rlim_t cpu = static_cast<rlim_t>(limits.seconds) * 2;
            const rlimit cpu_limit{cpu, cpu + 1};
            ::setrlimit(RLIMIT_CPU, &cpu_limit);
            if (limits.file_size_bytes > 0) {
                ::signal(SIGXFSZ, SIG_IGN);
                const rlimit size_limit{limits.file_size_bytes, limits.file_size_bytes};
                ::setrlimit(RLIMIT_FSIZE, &size_limit);
            }
            if (!sanitized) {
                const rlim_t bytes = static_cast<rlim_t>(limits.address_space_mb) << 20;
                const rlimit as_limit{bytes, bytes};
                ::setrlimit(RLIMIT_AS, &as_limit);
            }
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        BoundedOutcome result;
        if (pid < 0) return result;
        const auto deadline = start + std::chrono::seconds(limits.seconds);
        int status = 0;
        rusage usage{};
        for (;;) {
            const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
            if (done == pid) break;
            if (std::chrono::steady_clock::now() > deadline) {
                ::kill(-pid, SIGKILL);
                ::wait4(pid, &status, 0, &usage);
                result.timed_out = true;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        result.peak_rss_mb = static_cast<std::uint64_t>(usage.ru_maxrss) / 1024;
        if (WIFEXITED(status)) result.code = WEXITSTATUS(status);
        if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
        result.out = read_file(out);
        result.err = read_file(err);
        return result;
    }
};

// A readable account of a bounded run, for failure messages.
inline std::string describe(const BoundedOutcome& outcome) {
    return "exit " + std::to_string(outcome.code) + ", signal " + std::to_string(outcome.signal) +
           (outcome.timed_out ? ", timed out" : "") + ", " + std::to_string(outcome.peak_rss_mb) + " MB, " +
           std::to_string(outcome.seconds) + " s; stderr:\n" + outcome.err.substr(0, 2000);
}

}  // namespace surveycheck::test
