#include "host/isolation/supervisor.hpp"

#include "host/fault_report.hpp"
#include "host/plugin_host.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <thread>
#include <vector>

extern char** environ;

namespace surveycheck::host {
namespace {

using Clock = std::chrono::steady_clock;

std::string seconds_text(std::chrono::milliseconds duration) {
    const auto ms = duration.count();
    if (ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
    return std::to_string(ms) + " ms";
}

// The host's environment; in an AddressSanitizer build without its SIGSEGV handler (see worker_protocol.hpp).
std::vector<std::string> worker_environment() {
    std::vector<std::string> environment;
    bool asan_options = false;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        std::string text = *entry;
        if (built_with_address_sanitizer && text.rfind("ASAN_OPTIONS=", 0) == 0) {
            text += ":handle_segv=0";
            asan_options = true;
        }
        environment.push_back(std::move(text));
    }
    if (built_with_address_sanitizer && !asan_options) environment.emplace_back("ASAN_OPTIONS=handle_segv=0");
    return environment;
}

WorkerCall broken(std::string reason) { return WorkerCall{WorkerCall::Status::broken, std::move(reason)}; }

}  // namespace

std::string describe_exit(int wait_status) {
    if (WIFSIGNALED(wait_status)) {
        const int signal = WTERMSIG(wait_status);
        std::string text =
            "was killed by signal " + std::to_string(signal) + " (" + signal_name(signal) + ")";
        if (signal == SIGXCPU) text += ": it used up its CPU time limit";
        return text;
    }
    if (WIFEXITED(wait_status)) return "exited with status " + std::to_string(WEXITSTATUS(wait_status));
    return "ended with wait status " + std::to_string(wait_status);
}

// One worker process; `pid` is -1 until it is (re)started.
struct WorkerPool::Process {
    pid_t pid = -1;
    int channel = -1;
    std::deque<std::uint64_t> surveys;  // keys of the questionnaires it holds, oldest first
    std::uint64_t contribution = 0;     // key of the contribution it holds, 0 for none

    bool holds_survey(std::uint64_t key) const {
        return std::find(surveys.begin(), surveys.end(), key) != surveys.end();
    }

    // Stop the whole process group, reap the worker and return its wait status; `grace` lets it exit first.
    int stop(std::chrono::milliseconds grace) {
        int status = 0;
        if (pid > 0) {
            const auto until = Clock::now() + grace;
            siginfo_t info{};
            // Peek without reaping, so the process group stays reserved until it is killed below.
            while (Clock::now() < until) {
                info.si_pid = 0;
                if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
                    info.si_pid == pid) {
                    break;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
            ::kill(-pid, SIGKILL);
            while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
        }
        if (channel >= 0) ::close(channel);
        pid = -1;
        channel = -1;
        surveys.clear();
        contribution = 0;
        return status;
    }
};

WorkerPool::WorkerPool(std::string executable, StartRequest request, WorkerLimits limits,
                       unsigned max_workers)
    : executable_(std::move(executable)),
      request_(std::move(request)),
      limits_(limits),
      max_workers_(std::max(1u, max_workers)) {
    request_.cpu_seconds = static_cast<std::uint32_t>((limits_.timeout.count() + 999) / 1000);
    request_.memory_mb = limits_.memory_mb;
    FrameWriter out;
    write_start(out, request_);
    start_payload_ = out.bytes();
}

WorkerPool::~WorkerPool() {
    for (auto& process : processes_) process->stop(std::chrono::milliseconds(0));
}

WorkerCall WorkerPool::start() {
    auto process = std::make_unique<Process>();
    std::vector<char> reply;
    WorkerCall started = spawn(*process, FrameType::start, reply);
    const std::lock_guard<std::mutex> lock(mutex_);
    processes_.push_back(std::move(process));
    idle_.push_back(processes_.back().get());
    return started;
}

WorkerCall WorkerPool::describe(std::vector<char>& reply) {
    Process process;
    WorkerCall described = spawn(process, FrameType::describe, reply);
    process.stop(std::chrono::milliseconds(0));
    return described;
}

WorkerCall WorkerPool::spawn(Process& process, FrameType request, std::vector<char>& reply) {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
        return broken(std::string("cannot create its channel: ") + std::strerror(errno));
    }
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDIN_FILENO);
    posix_spawnattr_init(&attributes);
    sigset_t defaults;
    sigset_t none;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGXCPU);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setpgroup(&attributes, 0);  // its own process group, killed as a whole
    posix_spawnattr_setflags(&attributes,
                             POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    std::string program = executable_;
    std::string command = "worker";
    char* argv[] = {program.data(), command.data(), nullptr};
    std::vector<std::string> environment = worker_environment();
    std::vector<char*> envp;
    for (auto& entry : environment) envp.push_back(entry.data());
    envp.push_back(nullptr);
    pid_t pid = -1;
    const int spawned = ::posix_spawn(&pid, executable_.c_str(), &actions, &attributes, argv, envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    ::close(fds[1]);
    if (spawned != 0) {
        ::close(fds[0]);
        return broken("cannot start " + executable_ + ": " + std::strerror(spawned));
    }
    process.pid = pid;
    process.channel = fds[0];

    // Until the worker says it loads the plugin, only surveycheck itself runs: it gets at least 10 s. From
    // then on plugin code runs, and loading and each create get the deadline of a call.
    const auto start_time = std::max<std::chrono::milliseconds>(limits_.timeout, std::chrono::seconds(10));
    auto deadline = Clock::now() + start_time;
    std::string stage = " while starting";
    bool plugin_code = false;  // the worker announced that it runs plugin code
    WorkerCall failure;
    failure.status = WorkerCall::Status::broken;
    FrameType type{};
    if (!send_frame(process.channel, request, start_payload_)) {
        failure.reason = "its worker process " + describe_exit(process.stop(std::chrono::seconds(1))) + stage;
        return failure;
    }
    for (;;) {
        const Receive got = receive_frame(process.channel, type, reply, deadline);
        if (got == Receive::ok && (type == FrameType::loading || type == FrameType::creating)) {
            FrameReader in(reply.data(), reply.size());
            failure.rule = type == FrameType::creating ? in.u32() : WorkerCall::no_rule;
            if (!in.ok() || (failure.rule != WorkerCall::no_rule && failure.rule >= request_.rules.size())) {
                break;
            }
            stage = failure.rule == WorkerCall::no_rule
                        ? " while loading the plugin"
                        : " in create of rule " + request_.rules[failure.rule].id;
            deadline = Clock::now() + limits_.timeout;
            plugin_code = true;
            continue;
        }
        if (got == Receive::ok && (type == FrameType::ready || type == FrameType::described)) return {};
        if (got == Receive::ok && type == FrameType::start_failed) {
            process.stop(std::chrono::milliseconds(1000));
            return WorkerCall{WorkerCall::Status::rule_failed, std::string(reply.begin(), reply.end())};
        }
        if (got == Receive::timed_out) {
            process.stop(std::chrono::milliseconds(0));
            failure.reason = !plugin_code
                                 ? "its worker did not start within " + seconds_text(start_time)
                                 : "it did not finish within " + seconds_text(limits_.timeout) +
                                       " (--rule-timeout)" + stage + "; its worker process group was killed";
            return failure;
        }
        if (got == Receive::closed) {
            failure.reason =
                "its worker process " + describe_exit(process.stop(std::chrono::seconds(1))) + stage;
            return failure;
        }
        break;
    }
    process.stop(std::chrono::milliseconds(0));
    failure.reason = "its worker sent a malformed reply" + stage;
    return failure;
}

WorkerPool::Process* WorkerPool::acquire(std::uint64_t contribution_key) {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        if (!idle_.empty()) {
            auto it = std::find_if(idle_.begin(), idle_.end(),
                                   [&](const Process* p) { return p->contribution == contribution_key; });
            if (it == idle_.end()) it = idle_.end() - 1;
            Process* process = *it;
            idle_.erase(it);
            return process;
        }
        if (processes_.size() < max_workers_) {
            processes_.push_back(std::make_unique<Process>());
            return processes_.back().get();
        }
        idle_changed_.wait(lock);
    }
}

void WorkerPool::release(Process* process) {
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        idle_.push_back(process);
    }
    idle_changed_.notify_one();
}

WorkerCall WorkerPool::check(std::uint32_t rule, std::uint64_t survey_key, const sc_survey& survey,
                             std::uint64_t contribution_key, const sc_contribution& contribution,
                             sc_sink sink) {
    Process* process = acquire(contribution_key);
    WorkerCall result = call(*process, rule, survey_key, survey, contribution_key, contribution, sink);
    release(process);
    return result;
}

WorkerCall WorkerPool::call(Process& process, std::uint32_t rule, std::uint64_t survey_key,
                            const sc_survey& survey, std::uint64_t contribution_key,
                            const sc_contribution& contribution, sc_sink sink) {
    if (process.pid < 0) {
        std::vector<char> reply;
        if (WorkerCall started = spawn(process, FrameType::start, reply);
            started.status != WorkerCall::Status::ok) {
            return broken("its worker could not be restarted: " + started.reason);
        }
    }
    const auto deadline = Clock::now() + limits_.timeout;
    auto died = [&](const char* when) {
        return broken(std::string("its worker process ") +
                      describe_exit(process.stop(std::chrono::seconds(1))) + when);
    };
    if (!process.holds_survey(survey_key)) {
        FrameWriter out;
        out.u64(survey_key);
        write_survey(out, survey);
        if (!send_frame(process.channel, FrameType::survey, out.bytes())) return died("");
        process.surveys.push_back(survey_key);
        if (process.surveys.size() > worker_survey_cache) process.surveys.pop_front();
    }
    FrameWriter out;
    out.u64(survey_key);
    out.u32(rule);
    out.u64(contribution_key);
    const bool send_contribution = process.contribution != contribution_key;
    out.u8(send_contribution ? 1 : 0);
    if (send_contribution) write_contribution(out, contribution, survey.question_count);
    if (!send_frame(process.channel, FrameType::check, out.bytes())) return died("");
    process.contribution = contribution_key;

    FrameType type{};
    std::vector<char> payload;
    for (;;) {
        const Receive got = receive_frame(process.channel, type, payload, deadline);
        if (got == Receive::timed_out) {
            process.stop(std::chrono::milliseconds(0));
            return broken("it did not finish within " + seconds_text(limits_.timeout) +
                          " (--rule-timeout); its worker process group was killed");
        }
        if (got == Receive::closed) return died("");
        if (got == Receive::malformed) {
            process.stop(std::chrono::milliseconds(0));
            return broken("its worker sent a malformed frame");
        }
        FrameReader in(payload.data(), payload.size());
        if (type == FrameType::finding) {
            sc_finding finding{};
            std::vector<sc_message_arg> args;  // what finding.args points to until emit returns
            if (!read_finding(in, finding, args)) {
                process.stop(std::chrono::milliseconds(0));
                return broken("its worker sent a malformed finding");
            }
            sink.emit(sink.context, &finding);
        } else if (type == FrameType::done) {
            const std::uint32_t status = in.u32();
            std::string reason = in.text();
            if (!in.ok()) {
                process.stop(std::chrono::milliseconds(0));
                return broken("its worker sent a malformed reply");
            }
            if (status == SC_STATUS_OK) return WorkerCall{};
            return WorkerCall{WorkerCall::Status::rule_failed, reason.empty() ? "no reason given" : reason};
        } else if (type == FrameType::exception) {
            const std::string what(payload.begin(), payload.end());
            process.stop(std::chrono::seconds(1));
            return broken("it threw a C++ exception out of check, which the plugin ABI forbids (" + what +
                          ")");
        } else {
            process.stop(std::chrono::milliseconds(0));
            return broken("its worker sent an unexpected frame");
        }
    }
}

std::string describe_in_worker(const std::string& executable, const WorkerLimits& limits,
                               PluginRecord& record) {
    StartRequest request;
    request.plugin_file = record.file;
    WorkerPool pool(executable, std::move(request), limits, 1);
    std::vector<char> reply;
    const WorkerCall described = pool.describe(reply);
    if (described.status != WorkerCall::Status::ok) {
        record.faulted = true;
        return described.reason;
    }
    FrameReader in(reply.data(), reply.size());
    std::string refusal;
    if (!read_description(in, refusal, record)) {
        record.faulted = true;
        record.rules.clear();
        return "its worker sent a malformed description of the plugin";
    }
    return refusal;
}

}  // namespace surveycheck::host
