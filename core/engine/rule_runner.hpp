// The seam where the engine calls a rule: in the host's process, or in a worker process
// (isolated_runner.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/rule_set.hpp"
#include "surveycheck/abi.h"

namespace surveycheck::engine {

// A process-wide unique key for one survey or contribution view (never 0), so a worker can cache it.
std::uint64_t next_view_key();

// One contribution to check, with the keys of its views.
struct RuleCall {
    std::uint64_t survey_key = 0;
    const sc_survey* survey = nullptr;
    std::uint64_t contribution_key = 0;
    const sc_contribution* contribution = nullptr;
};

// How a rule call ended.
struct RuleOutcome {
    enum class Status {
        ok,          // the rule checked the contribution
        failed,      // the rule said it failed (its own text in `reason`)
        broken,      // it crashed, hung, threw, ran out of memory or broke the protocol
        not_started  // it could not start (reported once for the run) and was not called
    };
    Status status = Status::ok;
    std::string reason;
};

// Calls rules on contributions; thread-safe. (Which rules are no longer called is the engine's Quarantine.)
class RuleRunner {
public:
    explicit RuleRunner(const RuleSet& rules);
    virtual ~RuleRunner() = default;
    RuleRunner(const RuleRunner&) = delete;
    RuleRunner& operator=(const RuleRunner&) = delete;

    // Run rule `index` (into RuleSet::rules()) on one contribution; its findings go to `sink`.
    RuleOutcome run(std::size_t index, const RuleCall& call, sc_sink sink);

protected:
    // Call the rule.
    virtual RuleOutcome call(std::size_t index, const RuleCall& call, sc_sink sink) = 0;
    const RuleSet& rules_;
};

// Call enabled plugin rule `index` of `rules` in this process, with the instance the RuleSet created.
RuleOutcome call_in_process(const RuleSet& rules, std::size_t index, const RuleCall& call, sc_sink sink);

// Runs every rule in the host's process with the instances the RuleSet created.
class InProcessRunner : public RuleRunner {
public:
    using RuleRunner::RuleRunner;

protected:
    RuleOutcome call(std::size_t index, const RuleCall& call, sc_sink sink) override;
};

}  // namespace surveycheck::engine
