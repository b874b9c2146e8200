// Runs the rules the selection isolates in worker processes (one pool per plugin file), the others
// in-process.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/rule_runner.hpp"
#include "host/isolation/supervisor.hpp"

namespace surveycheck::engine {

// Where and how isolated rules run.
struct IsolationOptions {
    std::string executable;  // the surveycheck binary, started as `<executable> worker`
    host::WorkerLimits limits;
    unsigned max_workers = 1;  // processes per plugin file, at most one per validating thread
};

// An isolated rule that could not start: its worker crashed, hung or exited while loading it or in its
// create.
struct StartFault {
    std::size_t rule = 0;  // index into RuleSet::rules()
    std::string reason;
};

// A RuleRunner that sends each isolated rule's calls to a worker of its plugin file.
class IsolatedRunner : public RuleRunner {
public:
    // Start one worker per plugin file with isolated rules, without the rules whose start faults; throws
    // ConfigError when a rule refuses its configuration.
    IsolatedRunner(const RuleSet& rules, const Selection& selection, IsolationOptions options);
    // The rules that could not start, in rule order; they are not called.
    const std::vector<StartFault>& start_faults() const { return start_faults_; }

protected:
    RuleOutcome call(std::size_t index, const RuleCall& call, sc_sink sink) override;

private:
    std::vector<std::unique_ptr<host::WorkerPool>> pools_;
    std::vector<std::size_t> pool_of_;    // per rule: index into pools_, or npos when in-process
    std::vector<std::uint32_t> slot_of_;  // per rule: its index in the pool's start request
    std::vector<StartFault> start_faults_;
};

}  // namespace surveycheck::engine
