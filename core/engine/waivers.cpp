#include "engine/waivers.hpp"

#include <ctime>

#include "engine/host_rules.hpp"

namespace surveycheck::engine {
namespace {

bool rule_matches(const std::string& pattern, const std::string& rule) {
    if (pattern == rule || pattern == "all" || pattern == "*") return true;
    const auto slash = rule.find('/');
    const std::string plugin = rule.substr(0, slash);
    return pattern == plugin || pattern == plugin + "/*";
}

bool covers(const Waiver& waiver, const Finding& finding) {
    if (!rule_matches(waiver.rule, finding.rule)) return false;
    if (!waiver.contribution.empty() && waiver.contribution != finding.contribution) return false;
    if (!waiver.question.empty() && waiver.question != finding.question.key &&
        waiver.question != finding.question.uid && waiver.question != finding.question.bid) {
        return false;
    }
    return waiver.fingerprint.empty() || waiver.fingerprint == finding.fingerprint;
}

std::string describe(const Waiver& waiver) {
    std::string text = waiver.rule;
    if (!waiver.contribution.empty()) text += " for contribution " + waiver.contribution;
    if (!waiver.question.empty())
        text += (waiver.contribution.empty() ? " for question " : ", question ") + waiver.question;
    if (!waiver.fingerprint.empty())
        text += (waiver.contribution.empty() && waiver.question.empty() ? " for fingerprint "
                                                                        : ", fingerprint ") +
                waiver.fingerprint;
    return text;
}

}  // namespace

std::string today_utc() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
    return text;
}

WaiverSet::WaiverSet(std::vector<Waiver> waivers, std::string today)
    : waivers_(std::move(waivers)), expired_(waivers_.size(), false), uses_(waivers_.size(), 0) {
    for (std::size_t i = 0; i < waivers_.size(); ++i) {
        expired_[i] = !waivers_[i].expires.empty() && waivers_[i].expires < today;  // ISO dates sort as text
    }
}

void WaiverSet::apply(std::vector<Finding>& findings) {
    for (auto& finding : findings) {
        for (std::size_t i = 0; i < waivers_.size(); ++i) {
            if (expired_[i] || !covers(waivers_[i], finding)) continue;
            ++uses_[i];
            if (!finding.suppressed) {
                finding.suppressed = true;
                finding.suppression =
                    Suppression{waivers_[i].justification, waivers_[i].author, waivers_[i].expires};
            }
        }
    }
}

std::vector<Finding> WaiverSet::findings(const RuleSet& rules) const {
    std::vector<Finding> out;
    const RunRule& expired_rule = *rules.find("surveycheck/waiver-expired");
    const RunRule& unused_rule = *rules.find("surveycheck/waiver-unused");
    for (std::size_t i = 0; i < waivers_.size(); ++i) {
        const RunRule* rule = expired_[i] ? &expired_rule : uses_[i] == 0 ? &unused_rule : nullptr;
        if (!rule || !rule->enabled) continue;
        const char* message = expired_[i] ? "expired" : "unused";
        const char* hint = expired_[i] ? "expired.hint" : "unused.hint";
        out.push_back(
            host_finding(*rule, {waivers_[i].file, "", waivers_[i].position, ""}, message, hint,
                         {{"waiver", describe(waivers_[i])}, {"expires", waivers_[i].expires}},
                         {rule->id, waivers_[i].rule, waivers_[i].contribution, waivers_[i].question}));
    }
    return out;
}

}  // namespace surveycheck::engine
