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

#include "host/isolation/worker_protocol.hpp"

namespace surveycheck::host {

// How one call into a worker ended.
struct WorkerCall {
    enum class Status { ok, rule_failed, broken };
    // `rule` of a start that broke while no create ran: loading the plugin did.
    static constexpr std::uint32_t no_rule = 0xffffffffu;
    Status status = Status::ok;
    std::string reason;  // rule_failed: the rule's own text; broken: crash, signal, timeout or protocol error
    std::uint32_t rule = no_rule;  // start: index into the request's rules of the rule being created
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

    // Start one worker now so that rules which cannot be created are known before the run: rule_failed when
    // a create refused (its text), broken when loading or a create crashed, hung or exited.
    WorkerCall start();
    // Start a worker that loads the plugin and describes it (write_description) into `reply`, then ends.
    WorkerCall describe(std::vector<char>& reply);
    // Run rule `rule` (index into the request's rules) on a contribution; findings go to `sink` as they come.
    WorkerCall check(std::uint32_t rule, std::uint64_t survey_key, const sc_survey& survey,
                     std::uint64_t contribution_key, const sc_contribution& contribution, sc_sink sink);

private:
    struct Process;
    Process* acquire(std::uint64_t contribution_key);
    void release(Process* process);
    WorkerCall spawn(Process& process, FrameType request, std::vector<char>& reply);
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

// Read the plugin of `record.file` in a worker process under `limits` and fill `record` with its rule table;
// returns why it was refused, and marks it faulted when its worker crashed, hung or exited.
std::string describe_in_worker(const std::string& executable, const WorkerLimits& limits,
                               PluginRecord& record);

// What a wait status says about how a worker ended: "was killed by signal 11 (SIGSEGV)", "exited with status
// 1".
std::string describe_exit(int wait_status);

}  // namespace surveycheck::host
