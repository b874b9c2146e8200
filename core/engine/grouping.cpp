#include "engine/grouping.hpp"

#include <algorithm>
#include <map>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "engine/host_rules.hpp"
#include "surveycheck/rulekit/messages.hpp"

namespace surveycheck::engine {
namespace {

// What findings of one group share, viewed in the findings (no copies: keys are compared only while the
// findings stay where they are).
using GroupKey = std::tuple<std::string_view, std::string_view, std::string_view, std::string_view, Severity>;

const std::string& question_id(const Finding& finding) {
    return finding.question.key.empty() ? finding.question.uid : finding.question.key;
}

// The rule's text `key` in `lang`, else in English; null when it has neither.
const std::string* rule_text(const RunRule* rule, const std::string& lang, const std::string& key) {
    if (!rule) return nullptr;
    const std::string* english = nullptr;
    for (const auto& entry : rule->translations) {
        if (entry.key != key) continue;
        if (entry.lang == lang) return &entry.text;
        if (entry.lang == "en") english = &entry.text;
    }
    return english;
}

std::string fill(std::string_view text, const std::vector<std::pair<std::string, std::string>>& args) {
    std::vector<rulekit::MessageArg> views;
    for (const auto& [name, value] : args) views.push_back(rulekit::MessageArg{name, value});
    return rulekit::format_message(text, views);
}

// What an item stands for in its group's summary: its "label" argument, else its hint, else its message.
const std::string& label_of(const FindingItem& item) {
    for (const auto& [name, value] : item.args)
        if (name == "label") return value;
    return !item.hint.empty() ? item.hint : item.message;
}

// The occurrence `finding` becomes inside a grouped finding: all of it but what the group shares.
FindingItem item_of(Finding finding) { return std::move(static_cast<FindingItem&>(finding)); }

}  // namespace

FindingGrouper::FindingGrouper(std::string lang, const RuleSet& rules)
    : lang_(std::move(lang)), rules_(rules) {}

void FindingGrouper::apply(std::vector<Finding>& findings) const {
    std::map<GroupKey, std::vector<std::size_t>> members;
    for (std::size_t i = 0; i < findings.size(); ++i) {
        const Finding& finding = findings[i];
        if (finding.contribution.empty() || question_id(finding).empty() || !finding.items.empty()) continue;
        members[GroupKey{finding.file, finding.contribution, finding.rule, question_id(finding),
                         finding.severity}]
            .push_back(i);
    }
    // Per finding: the group it leads, or that it joined (and so leaves the list).
    std::vector<const std::vector<std::size_t>*> leads(findings.size(), nullptr);
    std::vector<bool> joined(findings.size(), false);
    bool any = false;
    for (const auto& [key, indices] : members) {
        if (indices.size() < 2) continue;
        any = true;
        leads[indices.front()] = &indices;
        for (std::size_t i = 1; i < indices.size(); ++i) joined[indices[i]] = true;
    }
    if (!any) return;
    std::vector<Finding> out;
    out.reserve(findings.size());
    for (std::size_t i = 0; i < findings.size(); ++i) {
        if (joined[i]) continue;
        if (!leads[i]) {
            out.push_back(std::move(findings[i]));
            continue;
        }
        std::vector<Finding> group_members;
        for (const std::size_t m : *leads[i]) group_members.push_back(std::move(findings[m]));
        out.push_back(group(group_members));
    }
    findings = std::move(out);
}

Finding FindingGrouper::group(std::vector<Finding>& members) const {
    // Items in document order; a rule may report them in another.
    std::stable_sort(members.begin(), members.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.position.line, a.position.column) < std::tie(b.position.line, b.position.column);
    });
    Finding out = members.front();
    for (auto& member : members) out.items.push_back(item_of(std::move(member)));
    const auto& items = out.items;

    const bool all_suppressed =
        std::all_of(items.begin(), items.end(), [](const FindingItem& item) { return item.suppressed; });
    out.suppressed = all_suppressed;
    out.suppression = all_suppressed ? items.front().suppression : Suppression{};
    const auto has_state = [&](BaselineState state) {
        return std::any_of(items.begin(), items.end(),
                           [state](const FindingItem& item) { return item.baseline == state; });
    };
    out.baseline = has_state(BaselineState::new_finding) ? BaselineState::new_finding
                   : has_state(BaselineState::unchanged) ? BaselineState::unchanged
                                                         : BaselineState::none;
    const bool one_hint = std::all_of(
        items.begin(), items.end(), [&](const FindingItem& item) { return item.hint == items.front().hint; });
    out.hint = one_hint ? items.front().hint : std::string();
    out.hint_id = one_hint ? items.front().hint_id : std::string();

    const RunRule* rule = rules_.find(out.rule);
    const std::string* title = rule_text(rule, lang_, "title");
    const std::string* text = rule_text(rule, lang_, "group");
    out.message_id = "group";
    out.args = {{"count", std::to_string(items.size())},
                {"title", title  ? *title
                          : rule ? rule->title
                                 : out.rule},
                {"summary", summary(items)}};
    out.message =
        fill(text ? std::string_view(*text) : std::string_view(host_text(lang_, "group")), out.args);
    // A contribution that repeats an earlier one's id has "-2" fingerprints (engine): so has its group.
    const std::string& first = items.front().fingerprint;
    const std::size_t repeat = first.find('-');
    out.fingerprint =
        fingerprint_of({"group", out.rule, out.contribution, question_id(out), severity_name(out.severity)}) +
        (repeat == std::string::npos ? std::string() : first.substr(repeat));
    return out;
}

std::string FindingGrouper::summary(const std::vector<FindingItem>& items) const {
    std::vector<std::pair<const std::string*, std::size_t>> distinct;  // in order of first occurrence
    std::unordered_map<std::string_view, std::size_t> index;           // label -> its place in `distinct`
    for (const FindingItem& item : items) {
        const std::string& label = label_of(item);
        const auto [at, added] = index.emplace(label, distinct.size());
        if (added) {
            distinct.emplace_back(&label, 1);
        } else {
            ++distinct[at->second].second;
        }
    }
    std::string out;
    for (std::size_t i = 0; i < distinct.size() && i < group_summary_entries; ++i) {
        if (i > 0) out += ", ";
        out += *distinct[i].first;
        if (distinct[i].second > 1) out += " ×" + std::to_string(distinct[i].second);
    }
    if (distinct.size() > group_summary_entries) {
        out += ' ';
        out += fill(host_text(lang_, "group.more"),
                    {{"n", std::to_string(distinct.size() - group_summary_entries)}});
    }
    return out;
}

}  // namespace surveycheck::engine
