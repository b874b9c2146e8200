#include "engine/policy_order.hpp"

#include <algorithm>

namespace surveycheck::engine {
namespace {

// The weights of the first-party plugins; every other plugin weighs `third_party`.
struct PluginWeight {
    std::string_view plugin;
    int weight;
};

constexpr PluginWeight plugin_weights[] = {
    {"eu13-justification", 0},          // the EU13 involvement the programme is judged on
    {"mandatory-fields", 0},            // answers the report must give
    {"confidentiality-separation", 1},  // confidential text in public answers
    {"nuts-code-format", 2},            // format
    {"report-consistency", 2},          // consistency between answers
    {"surveycheck", 2},                 // the host's own checks
};

constexpr int third_party = 3;

}  // namespace

int policy_weight(std::string_view rule_id) {
    const std::string_view plugin = rule_id.substr(0, rule_id.find('/'));
    for (const PluginWeight& entry : plugin_weights)
        if (entry.plugin == plugin) return entry.weight;
    return third_party;
}

void order_by_policy(std::vector<Finding>& findings) {
    const auto before = [](const Finding& a, const Finding& b) {
        if (a.severity != b.severity) return a.severity > b.severity;
        return policy_weight(a.rule) < policy_weight(b.rule);
    };
    for (auto first = findings.begin(); first != findings.end();) {
        auto last = std::find_if(first, findings.end(), [&](const Finding& finding) {
            return finding.file != first->file || finding.contribution != first->contribution;
        });
        if (!first->contribution.empty()) std::stable_sort(first, last, before);
        first = last;
    }
}

}  // namespace surveycheck::engine
