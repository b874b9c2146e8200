#include "engine/isolated_runner.hpp"

#include <map>

namespace surveycheck::engine {
namespace {
constexpr std::size_t npos = static_cast<std::size_t>(-1);
}  // namespace

IsolatedRunner::IsolatedRunner(const RuleSet& rules, const Selection& selection, IsolationOptions options)
    : RuleRunner(rules), pool_of_(rules.rules().size(), npos), slot_of_(rules.rules().size(), 0) {
    std::map<std::string, std::size_t> pool_of_file;
    std::vector<plugins::StartRequest> requests;
    for (std::size_t i = 0; i < rules.rules().size(); ++i) {
        if (!rules.isolated(i)) continue;
        const RuleInfo& rule = rules.rules()[i];
        auto [it, added] = pool_of_file.emplace(rule.file, requests.size());
        if (added) {
            plugins::StartRequest request;
            request.plugin_file = rule.file;
            request.data_dir = selection.data_dir;
            request.audience = selection.audience;
            requests.push_back(std::move(request));
        }
        plugins::WorkerRuleSpec spec;
        spec.id = rule.id;
        if (const auto given = selection.options.find(rule.id); given != selection.options.end()) {
            spec.options = given->second;
        }
        pool_of_[i] = it->second;
        slot_of_[i] = static_cast<std::uint32_t>(requests[it->second].rules.size());
        requests[it->second].rules.push_back(std::move(spec));
    }
    for (auto& request : requests) {
        const std::string file = request.plugin_file;
        pools_.push_back(std::make_unique<plugins::WorkerPool>(options.executable, std::move(request),
                                                               options.limits, options.max_workers));
        if (std::string error = pools_.back()->start(); !error.empty()) {
            throw ConfigError(error.rfind("rule ", 0) == 0 ? error : "plugin " + file + ": " + error);
        }
    }
}

RuleOutcome IsolatedRunner::call(std::size_t index, const RuleCall& rule_call, sc_sink sink) {
    if (pool_of_[index] == npos) return call_in_process(rules_, index, rule_call, sink);
    const plugins::WorkerCall result =
        pools_[pool_of_[index]]->check(slot_of_[index], rule_call.survey_key, *rule_call.survey,
                                       rule_call.contribution_key, *rule_call.contribution, sink);
    switch (result.status) {
        case plugins::WorkerCall::Status::ok:
            return RuleOutcome{};
        case plugins::WorkerCall::Status::rule_failed:
            return RuleOutcome{RuleOutcome::Status::failed, result.reason, false};
        case plugins::WorkerCall::Status::broken:
            break;
    }
    return RuleOutcome{RuleOutcome::Status::broken, result.reason, false};
}

}  // namespace surveycheck::engine
