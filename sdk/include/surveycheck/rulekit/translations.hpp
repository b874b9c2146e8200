// Rule kit: the checks a rule's translations must pass, shared by the host (which refuses a plugin that fails
// them when it loads it) and the rule test harness (which fails the tests of such a plugin).
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "surveycheck/abi.h"

namespace surveycheck::rulekit {

// One text of a rule as it declares it: "en" entries are its English catalogue, others translations.
struct TranslationText {
    std::string_view lang;  // BCP 47 tag: "fr", "pt-BR"
    std::string_view key;   // message id, hint id ("<id>.hint") or "title"
    std::string_view text;  // with {name} placeholders
};

// How serious a problem is: an error refuses the plugin, a warning is shown.
enum class TranslationLevel { error, warning };

// One problem of a rule's translations.
struct TranslationProblem {
    TranslationLevel level = TranslationLevel::error;
    std::string lang;
    std::string key;  // empty for a problem of a whole language (partial)
    std::string problem;
};

// True when `lang` is a language tag: a lower-case primary subtag of 2 or 3 letters, optionally a script
// ("Latn") and a region ("BR", "419"), e.g. "fr", "pt-BR", "sr-Latn".
bool is_language_tag(std::string_view lang);

// True when `key` is "title" or kebab-case ids joined by dots: "too-short", "too-short.hint".
bool is_message_key(std::string_view key);

// The names of the {name} placeholders of `text` ("{{" and "}}" are braces, as format_message reads them).
std::set<std::string> placeholders(std::string_view text);

// The placeholders of `text` that `given` (the names a finding gave values for) lacks, each as "{name}"; a
// translation that has any would show them as written, so it is not shown.
std::vector<std::string> unfilled_placeholders(std::string_view text, const std::set<std::string>& given);

// Every problem of the texts of one rule titled `title` (in English): bad language tags and keys, a
// translation whose placeholders differ from the English text's, a key the English catalogue lacks (when the
// rule has one), a language that translates only some texts (a warning).
std::vector<TranslationProblem> check_translations(std::string_view title,
                                                   const std::vector<TranslationText>& texts);

// check_translations() of `rule`: its title and its sc_translation entries (none for a rule of ABI 1.0).
std::vector<TranslationProblem> check_translations(const sc_rule& rule);

// A problem of rule `rule` ("<plugin>/<id>") as one line, as the host and the harness word it:
// `rule my-rules/x: translation "fr" "too-short": uses the placeholders ...`.
std::string describe(const TranslationProblem& problem, std::string_view rule);

}  // namespace surveycheck::rulekit
