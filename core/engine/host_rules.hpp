// The host's own rules (surveycheck/*): one table holds each rule's metadata and every message it reports, in
// English and French side by side, and a RuleSet registers them as it registers a plugin's rules.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/finding.hpp"
#include "engine/rule_set.hpp"

namespace surveycheck::engine {

// The values of a message's {name} placeholders.
using MessageArgs = std::vector<std::pair<std::string, std::string>>;

// The host's own rules (file and contribution problems, profile mismatches, rule failures, waivers).
const std::vector<RunRule>& host_rules();

// One text of the host that belongs to no rule (a grouped finding's message): its id, English and French.
struct HostText {
    const char* id;
    const char* en;
    const char* fr;
};

// Every text of the host that belongs to no rule.
const std::vector<HostText>& host_texts();

// Host text `id` in `lang` ("fr" French, anything else English); throws std::logic_error for an unknown id.
const char* host_text(const std::string& lang, const char* id);

// Give `finding` the English message `message_id` and hint `hint_id` of host rule `rule`, filled from
// `args`; throws std::logic_error when the rule's table lacks either.
void set_host_text(Finding& finding, const RunRule& rule, const char* message_id, const char* hint_id,
                   MessageArgs args);

// A finding of host rule `rule` at `place`, saying `message_id` and `hint_id` filled from `args`; `identity`
// makes its fingerprint.
Finding host_finding(const RunRule& rule, FindingPlace place, const char* message_id, const char* hint_id,
                     MessageArgs args, const std::vector<std::string>& identity);

}  // namespace surveycheck::engine
