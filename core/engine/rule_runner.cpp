#include "engine/rule_runner.hpp"

#include <array>
#include <atomic>
#include <exception>

#include "host/fault_report.hpp"
#include "util/utf8.hpp"

namespace surveycheck::engine {

std::uint64_t next_view_key() {
    static std::atomic<std::uint64_t> next{1};
    return next++;
}

RuleRunner::RuleRunner(const RuleSet& rules) : rules_(rules) {}

RuleOutcome RuleRunner::run(std::size_t index, const RuleCall& rule_call, sc_sink sink) {
    return call(index, rule_call, sink);
}

RuleOutcome InProcessRunner::call(std::size_t index, const RuleCall& rule_call, sc_sink sink) {
    return call_in_process(rules_, index, rule_call, sink);
}

RuleOutcome call_in_process(const RuleSet& rules, std::size_t index, const RuleCall& rule_call,
                            sc_sink sink) {
    const RunRule& rule = rules.rules()[index];
    std::array<char, 1024> message{};
    int status = SC_STATUS_OK;
    const host::RunningPlugin running("check of rule", rule.id, rule.file);
    // A plugin must never let an exception out of check; when one does anyway, catching it here is the best
    // the host can do (it may still terminate the process when the plugin was built without unwind tables).
    try {
        status = rule.rule->check(rules.instance(index), rule_call.survey, rule_call.contribution, sink,
                                  sc_error_buffer{message.data(), message.size()});
    } catch (const std::exception& error) {
        return RuleOutcome{
            RuleOutcome::Status::broken,
            std::string("it threw a C++ exception out of check, which the plugin ABI forbids (") +
                error.what() + ")"};
    } catch (...) {
        return RuleOutcome{RuleOutcome::Status::broken,
                           "it threw a C++ exception out of check, which the plugin ABI forbids"};
    }
    if (status == SC_STATUS_OK) return RuleOutcome{};
    message.back() = '\0';
    return RuleOutcome{RuleOutcome::Status::failed,
                       message[0] ? util::valid_utf8(message.data()) : "no reason given"};
}

}  // namespace surveycheck::engine
