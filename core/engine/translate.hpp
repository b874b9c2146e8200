// Messages in the reader's language: each rule's own translations (and the host's), English otherwise.
#pragma once

#include <string>
#include <vector>

#include "engine/finding.hpp"
#include "engine/rule_set.hpp"

namespace surveycheck::engine {

// Rewrites findings' messages and hints in one language; a message without a translation stays English.
class Translator {
public:
    // `lang` is ISO 639-1 ("en", "fr", ...); English needs no translation.
    Translator(std::string lang, const RuleSet& rules);

    // Translate the message and hint of each finding that has ids.
    void apply(std::vector<Finding>& findings) const;
    // The language it translates into.
    const std::string& language() const { return lang_; }
    // The rules whose translations it uses.
    const RuleSet& rules() const { return rules_; }

private:
    const std::string* lookup(const RunRule& rule, const std::string& key) const;

    std::string lang_;
    const RuleSet& rules_;
};

// A rule's text `key` ("title", "description") in `lang` from its translations, else `english`.
std::string rule_text(const RunRule& rule, const std::string& key, const std::string& english,
                      const std::string& lang);

// The translations a plugin rule ships (sc_rule.translations), read within the struct size it declares.
std::vector<TranslationEntry> plugin_translations(const sc_rule& rule);

}  // namespace surveycheck::engine
