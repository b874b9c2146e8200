// A finding as the host keeps and reports it.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eusurvey/model.hpp"
#include "surveycheck/severity.hpp"

namespace surveycheck::engine {

// The SDK's severity: one type for the host and its plugins, ordered info < warning < error.
using Severity = surveycheck::Severity;

// The question a finding is about (all empty for a finding on the whole contribution or file).
struct FindingQuestion {
    std::string key;
    std::string uid;
    std::string bid;
    std::string title;
};

// Why a finding is suppressed: a waiver of the config file.
struct Suppression {
    std::string justification;  // mandatory in every waiver
    std::string author;
    std::string expires;  // YYYY-MM-DD
};

// A finding's state against a baseline (SARIF baselineState).
enum class BaselineState { none, new_finding, unchanged };

// What one occurrence of a finding says and where: all of a single finding but its rule, file, contribution
// and question; a grouped finding holds one per occurrence.
struct FindingItem {
    std::string message;
    eusurvey::Position position;
    std::string xpath;
    std::string hint;
    std::string fingerprint;  // never from line numbers; waivers and baselines match an occurrence by it
    std::string excerpt;      // an excerpt of the answer for readers; empty when confidential or none
    std::string message_id;   // the message's id inside its rule, for translations; empty when none
    std::string hint_id;      // the hint's id inside its rule; empty when none
    std::vector<std::pair<std::string, std::string>> args;  // values of the {name} placeholders of both
    bool suppressed = false;  // waived: still reported, but never counted for the exit code
    Suppression suppression;  // valid when suppressed
    BaselineState baseline = BaselineState::none;
};

// One finding: one occurrence, or a group of occurrences of one rule on one answer (its `items`, whose first
// gives the group's place; the group's own message sums them up).
struct Finding : FindingItem {
    std::string rule;  // "<plugin>/<check>" or "surveycheck/<check>" for the host's own
    Severity severity = Severity::error;
    std::string file;
    std::string contribution;  // AnswerSet id, or its list number; empty for file-level findings
    FindingQuestion question;
    std::string section;  // section title
    std::string docs_url;
    std::vector<FindingItem> items;  // a grouped finding's occurrences in document order; empty when single
};

struct RunRule;

// Where a finding is: file, contribution, position and XPath (all empty for a finding about the whole run).
struct FindingPlace {
    std::string file;
    std::string contribution;
    eusurvey::Position position;
    std::string xpath;
};

// The one place a Finding is made: `rule`'s id, severity and docs link, its `message` and `hint`, at
// `place`, with `fingerprint`.
Finding make_finding(const RunRule& rule, std::string message, std::string hint, FindingPlace place,
                     std::string fingerprint);

// A stable fingerprint (16 hex digits, FNV-1a 64) of a finding's identity parts; never give it line numbers.
std::string fingerprint_of(std::initializer_list<std::string_view> parts);
// fingerprint_of() of parts held in strings.
std::string fingerprint_of(const std::vector<std::string>& parts);

// "error", "warning" or "info".
const char* severity_name(Severity severity);

// Parse "error" / "warning" / "info"; false when `text` is none of them.
bool parse_severity(const std::string& text, Severity& out);

}  // namespace surveycheck::engine
