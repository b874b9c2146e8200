// The host side of plugin isolation: a pool of worker processes for one plugin file, with deadlines and
// limits.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "plugins/worker_protocol.hpp"

namespace surveycheck::plugins {

// Limits of every call into a worker.
struct WorkerLimits {
    std::chrono::milliseconds timeout{10000};  // wall-clock deadline of one check call
    std::uint64_t memory_mb = 2048;            // address space of a worker, 0 for no limit
};

// How one call into a worker ended.
struct WorkerCall {
    enum class Status { ok, rule_failed, broken };
    Status status = Status::ok;
    std::string reason;  // rule_failed: the rule's own text; broken: crash, signal, timeout or protocol error
};

// Worker processes (`<executable> worker`) running the rules of one plugin file; safe to use from many
// threads.
class WorkerPool {
public:
    // `request` names the plugin and its rules; at most `max_workers` processes run at once.
    WorkerPool(std::string executable, StartRequest request, WorkerLimits limits, unsigned max_workers);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Start one worker now so that rules which cannot be created are known before the run; empty or why not.
    std::string start();
    // Run rule `rule` (index into the request's rules) on a contribution; findings go to `sink` as they come.
    WorkerCall check(std::uint32_t rule, std::uint64_t survey_key, const sc_survey& survey,
                     std::uint64_t contribution_key, const sc_contribution& contribution, sc_sink sink);

private:
    struct Process;
    Process* acquire(std::uint64_t contribution_key);
    void release(Process* process);
    std::string spawn(Process& process);
    WorkerCall call(Process& process, std::uint32_t rule, std::uint64_t survey_key, const sc_survey& survey,
                    std::uint64_t contribution_key, const sc_contribution& contribution, sc_sink sink);

    std::string executable_;
    StartRequest request_;
    std::string start_payload_;
    WorkerLimits limits_;
    unsigned max_workers_;
    std::mutex mutex_;
    std::condition_variable idle_changed_;
    std::vector<std::unique_ptr<Process>> processes_;
    std::vector<Process*> idle_;
};

// What a wait status says about how a worker ended: "was killed by signal 11 (SIGSEGV)", "exited with status
// 1".
std::string describe_exit(int wait_status);

}  // namespace surveycheck::plugins
