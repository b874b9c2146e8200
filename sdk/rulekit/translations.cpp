#include "surveycheck/rulekit/translations.hpp"

#include <algorithm>
#include <map>

#include "surveycheck/abi_toolkit.hpp"

namespace surveycheck::rulekit {
namespace {

bool lower(char c) { return c >= 'a' && c <= 'z'; }
bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }

template <class Test>
bool all_of(std::string_view text, Test test) {
    return std::all_of(text.begin(), text.end(), test);
}

// [a-z0-9]+(-[a-z0-9]+)*
bool is_kebab(std::string_view id) {
    if (id.empty() || id.front() == '-' || id.back() == '-' || id.find("--") != std::string_view::npos) {
        return false;
    }
    return all_of(id, [](char c) { return lower(c) || digit(c) || c == '-'; });
}

// The set as "{a}, {b}", or "none".
std::string listed(const std::set<std::string>& names) {
    std::string out;
    for (const std::string& name : names) out += (out.empty() ? "{" : ", {") + name + "}";
    return out.empty() ? "none" : out;
}

// What is wrong with a language tag, with the tag it probably means ("FR" -> "fr", "pt_br" -> "pt-BR").
std::string tag_problem(std::string_view lang) {
    std::string fixed(lang);
    std::replace(fixed.begin(), fixed.end(), '_', '-');
    const std::size_t dash = std::min(fixed.find('-'), fixed.size());
    const bool region = fixed.size() - dash == 3;  // "-BR"
    for (std::size_t i = 0; i < fixed.size(); ++i) {
        if (i < dash && upper(fixed[i])) fixed[i] = static_cast<char>(fixed[i] - 'A' + 'a');
        if (i > dash && region && lower(fixed[i])) fixed[i] = static_cast<char>(fixed[i] - 'a' + 'A');
    }
    if (fixed != lang && is_language_tag(fixed)) {
        return "is not a BCP 47 language tag; write \"" + fixed + "\"";
    }
    return "is not a BCP 47 language tag such as \"fr\" or \"pt-BR\"";
}

}  // namespace

bool is_language_tag(std::string_view lang) {
    std::size_t start = 0;
    int index = 0;
    bool script_seen = false;
    bool region_seen = false;
    while (start <= lang.size()) {
        const std::size_t end = std::min(lang.find('-', start), lang.size());
        const std::string_view part = lang.substr(start, end - start);
        if (index == 0) {
            if (part.size() < 2 || part.size() > 3 || !all_of(part, lower)) return false;
        } else if (!script_seen && !region_seen && part.size() == 4 && upper(part[0]) &&
                   all_of(part.substr(1), lower)) {
            script_seen = true;
        } else if (!region_seen &&
                   ((part.size() == 2 && all_of(part, upper)) || (part.size() == 3 && all_of(part, digit)))) {
            region_seen = true;
        } else {
            return false;
        }
        ++index;
        start = end + 1;
    }
    return true;
}

bool is_message_key(std::string_view key) {
    if (key == "title") return true;
    for (std::size_t start = 0;;) {
        const std::size_t dot = key.find('.', start);
        if (!is_kebab(key.substr(start, dot == std::string_view::npos ? dot : dot - start))) return false;
        if (dot == std::string_view::npos) return true;
        start = dot + 1;
    }
}

std::set<std::string> placeholders(std::string_view text) {
    std::set<std::string> names;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
            ++i;
            continue;
        }
        if (c != '{') continue;
        const std::size_t close = text.find_first_of("{}", i + 1);
        if (close == std::string_view::npos || text[close] != '}') continue;
        names.emplace(text.substr(i + 1, close - i - 1));
        i = close;
    }
    return names;
}

std::vector<std::string> unfilled_placeholders(std::string_view text, const std::set<std::string>& given) {
    std::vector<std::string> unfilled;
    for (const std::string& name : placeholders(text))
        if (!given.count(name)) unfilled.push_back("{" + name + "}");
    return unfilled;
}

std::vector<TranslationProblem> check_translations(std::string_view title,
                                                   const std::vector<TranslationText>& texts) {
    std::vector<TranslationProblem> problems;
    auto error = [&](std::string_view lang, std::string_view key, std::string problem) {
        problems.push_back(
            {TranslationLevel::error, std::string(lang), std::string(key), std::move(problem)});
    };
    // The English texts: the title, and the catalogue when the rule declares one.
    std::map<std::string, std::string_view, std::less<>> english{{"title", title}};
    bool has_catalogue = false;
    for (const TranslationText& text : texts) {
        if (text.lang != "en") continue;
        // An English "group" text (the message of a grouped finding) is not a catalogue: the rule may give
        // it alone.
        if (text.key == "group") {
            if (!english.emplace("group", text.text).second) error(text.lang, text.key, "is declared twice");
            continue;
        }
        has_catalogue = true;
        if (!is_message_key(text.key)) continue;  // reported below
        if (text.key == "title") {
            error(text.lang, text.key, "the English title is the rule's own; do not repeat it");
        } else if (!english.emplace(std::string(text.key), text.text).second) {
            error(text.lang, text.key, "is declared twice");
        }
    }
    std::map<std::string, std::set<std::string>, std::less<>> keys_of;  // language -> keys it translates
    std::set<std::string> all_keys;
    for (const TranslationText& text : texts) {
        if (!is_language_tag(text.lang)) {
            error(text.lang, text.key, "language " + tag_problem(text.lang));
            continue;
        }
        if (!is_message_key(text.key)) {
            error(text.lang, text.key,
                  "is not a message key: kebab-case ids ([a-z0-9]+(-[a-z0-9]+)*) joined by dots, such as "
                  "\"too-short\" or \"too-short.hint\", or \"title\"");
            continue;
        }
        if (text.lang == "en") continue;
        if (!keys_of[std::string(text.lang)].insert(std::string(text.key)).second) {
            error(text.lang, text.key, "is translated twice");
            continue;
        }
        all_keys.insert(std::string(text.key));
        const auto source = english.find(text.key);
        if (source == english.end()) {
            if (has_catalogue) {
                error(text.lang, text.key, "names no message of the rule (no \"en\" text has this key)");
            }
            continue;
        }
        const std::set<std::string> wanted = placeholders(source->second);
        const std::set<std::string> used = placeholders(text.text);
        if (used != wanted) {
            error(text.lang, text.key,
                  "uses the placeholders " + listed(used) + " where the English text has " + listed(wanted));
        }
    }
    if (has_catalogue) {
        for (const auto& entry : english) all_keys.insert(entry.first);
    }
    for (const auto& [lang, keys] : keys_of) {
        std::string missing;
        for (const std::string& key : all_keys)
            if (!keys.count(key)) missing += (missing.empty() ? "" : ", ") + key;
        if (!missing.empty()) {
            problems.push_back({TranslationLevel::warning, lang, "",
                                "translates " + std::to_string(keys.size()) + " of " +
                                    std::to_string(all_keys.size()) + " texts (English is shown for " +
                                    missing + ")"});
        }
    }
    return problems;
}

std::vector<TranslationProblem> check_translations(const sc_rule& rule) {
    std::vector<TranslationText> texts;
    if (abi::has_field(rule, rule.translation_count) && rule.translations != nullptr) {
        for (std::uint32_t i = 0; i < rule.translation_count; ++i) {
            const sc_translation& item = abi::element(rule.translations, i);
            texts.push_back(
                {item.lang ? item.lang : "", item.key ? item.key : "", item.text ? item.text : ""});
        }
    }
    return check_translations(rule.title ? rule.title : "", texts);
}

std::string describe(const TranslationProblem& problem, std::string_view rule) {
    std::string out = "rule " + std::string(rule) + ": translation \"" + problem.lang + "\"";
    if (!problem.key.empty()) out += " \"" + problem.key + "\"";
    return out + ": " + problem.problem;
}

}  // namespace surveycheck::rulekit
