#include "engine/translate.hpp"

#include <cstddef>
#include <set>

#include "surveycheck/rulekit/messages.hpp"
#include "surveycheck/rulekit/translations.hpp"
#include "util/utf8.hpp"

namespace surveycheck::engine {
Translator::Translator(std::string lang, const RuleSet& rules) : lang_(std::move(lang)), rules_(rules) {}

const std::string* Translator::lookup(const RunRule& rule, const std::string& key) const {
    if (key.empty() || lang_.empty() || lang_ == "en") return nullptr;
    for (const auto& entry : rule.translations) {
        if (entry.lang == lang_ && entry.key == key) return &entry.text;
    }
    return nullptr;
}

void Translator::apply(std::vector<Finding>& findings) const {
    if (lang_.empty() || lang_ == "en") return;
    for (auto& finding : findings) {
        if (finding.message_id.empty() && finding.hint_id.empty()) continue;
        const RunRule* rule = rules_.find(finding.rule);
        if (!rule) continue;
        std::vector<rulekit::MessageArg> args;
        std::set<std::string> given;
        for (const auto& [name, value] : finding.args) {
            args.push_back(rulekit::MessageArg{name, value});
            given.insert(name);
        }
        // A translation with a placeholder the finding gives no value for would show "{name}": English stays.
        const auto usable = [&](const std::string* text) {
            return text != nullptr && rulekit::unfilled_placeholders(*text, given).empty();
        };
        if (const std::string* text = lookup(*rule, finding.message_id); usable(text)) {
            finding.message = rulekit::format_message(*text, args);
        }
        if (const std::string* text = lookup(*rule, finding.hint_id); usable(text))
            finding.hint = rulekit::format_message(*text, args);
    }
}

std::string rule_text(const RunRule& rule, const std::string& key, const std::string& english,
                      const std::string& lang) {
    if (lang != "en") {
        for (const auto& entry : rule.translations)
            if (entry.lang == lang && entry.key == key && !entry.text.empty()) return entry.text;
    }
    return english;
}

std::vector<TranslationEntry> plugin_translations(const sc_rule& rule) {
    std::vector<TranslationEntry> out;
    for (std::uint32_t i = 0; i < host::translation_count(rule); ++i) {
        const sc_translation& item = host::translation_at(rule, i);
        if (item.lang && item.key && item.text)
            out.push_back(TranslationEntry{util::valid_utf8(item.lang), util::valid_utf8(item.key),
                                           util::valid_utf8(item.text)});
    }
    return out;
}

}  // namespace surveycheck::engine
