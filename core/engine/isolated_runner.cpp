#include "engine/isolated_runner.hpp"

#include <algorithm>
#include <map>

#include "util/utf8.hpp"

namespace surveycheck::engine {
namespace {
constexpr std::size_t npos = static_cast<std::size_t>(-1);
}  // namespace

IsolatedRunner::IsolatedRunner(const RuleSet& rules, const Selection& selection, IsolationOptions options)
    : RuleRunner(rules), pool_of_(rules.rules().size(), npos), slot_of_(rules.rules().size(), 0) {
    // The isolated rules of each plugin file, in rule order.
    std::map<std::string, std::vector<std::size_t>> rules_of_file;
    std::vector<std::string> files;
    for (std::size_t i = 0; i < rules.rules().size(); ++i) {
        if (!rules.isolated(i)) continue;
        auto [it, added] = rules_of_file.try_emplace(rules.rules()[i].file);
        if (added) files.push_back(it->first);
        it->second.push_back(i);
    }
    for (const auto& file : files) {
        std::vector<std::size_t>& members = rules_of_file[file];
        // A rule whose create breaks its worker is left out and the others are started again without it.
        while (!members.empty()) {
            host::StartRequest request;
            request.plugin_file = file;
            request.data_dir = selection.data_dir;
            request.audience = selection.audience;
            for (const std::size_t i : members) {
                host::WorkerRuleSpec spec;
                spec.id = rules.rules()[i].id;
                spec.options = rules.options_of(i);
                request.rules.push_back(std::move(spec));
            }
            auto pool = std::make_unique<host::WorkerPool>(options.executable, std::move(request),
                                                           options.limits, options.max_workers);
            const host::WorkerCall started = pool->start();
            if (started.status == host::WorkerCall::Status::rule_failed) {
                const std::string& error = started.reason;
                throw ConfigError(error.rfind("rule ", 0) == 0 ? error : "plugin " + file + ": " + error);
            }
            if (started.status == host::WorkerCall::Status::ok) {
                for (std::size_t slot = 0; slot < members.size(); ++slot) {
                    pool_of_[members[slot]] = pools_.size();
                    slot_of_[members[slot]] = static_cast<std::uint32_t>(slot);
                }
                pools_.push_back(std::move(pool));
                break;
            }
            if (started.rule == host::WorkerCall::no_rule) {
                for (const std::size_t i : members) start_faults_.push_back(StartFault{i, started.reason});
                break;
            }
            start_faults_.push_back(StartFault{members[started.rule], started.reason});
            members.erase(members.begin() + started.rule);
        }
    }
    std::sort(start_faults_.begin(), start_faults_.end(),
              [](const StartFault& a, const StartFault& b) { return a.rule < b.rule; });
}

RuleOutcome IsolatedRunner::call(std::size_t index, const RuleCall& rule_call, sc_sink sink) {
    if (!rules_.isolated(index)) return call_in_process(rules_, index, rule_call, sink);
    if (pool_of_[index] == npos) return RuleOutcome{RuleOutcome::Status::not_started, {}};
    const host::WorkerCall result =
        pools_[pool_of_[index]]->check(slot_of_[index], rule_call.survey_key, *rule_call.survey,
                                       rule_call.contribution_key, *rule_call.contribution, sink);
    switch (result.status) {
        case host::WorkerCall::Status::ok:
            return RuleOutcome{};
        case host::WorkerCall::Status::rule_failed:
            return RuleOutcome{RuleOutcome::Status::failed, util::valid_utf8(result.reason)};
        case host::WorkerCall::Status::broken:
            break;
    }
    return RuleOutcome{RuleOutcome::Status::broken, util::valid_utf8(result.reason)};
}

}  // namespace surveycheck::engine
