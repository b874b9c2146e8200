#include "engine/rule_set.hpp"

#include <algorithm>
#include <array>
#include <filesystem>

#include "engine/abi_view.hpp"
#include "engine/host_rules.hpp"
#include "engine/translate.hpp"
#include "host/fault_report.hpp"
#include "surveycheck/abi_toolkit.hpp"
#include "util/utf8.hpp"

#ifndef SURVEYCHECK_DOCS_BASE
#define SURVEYCHECK_DOCS_BASE ""
#endif

namespace surveycheck::engine {
namespace {

Severity from_abi(std::uint32_t severity) {
    switch (severity) {
        case SC_SEVERITY_INFO:
            return Severity::info;
        case SC_SEVERITY_WARNING:
            return Severity::warning;
        default:
            return Severity::error;
    }
}

// A text of the plugin's metadata as well-formed UTF-8 (invalid bytes become U+FFFD), empty when null.
std::string text_or_empty(const char* text) { return text ? util::valid_utf8(text) : ""; }

const char* option_type_name(std::uint32_t type) {
    switch (type) {
        case SC_OPTION_INTEGER:
            return "integer";
        case SC_OPTION_BOOLEAN:
            return "boolean";
        default:
            return "string";
    }
}

RunRule plugin_rule(const host::LoadedRule& loaded) {
    const sc_rule& rule = *loaded.rule;
    RunRule info;
    info.id = loaded.id;
    info.plugin = loaded.plugin_name;
    info.title = text_or_empty(rule.title);
    info.description = text_or_empty(rule.description);
    info.file = loaded.file;
    info.docs_path = text_or_empty(rule.docs_url);
    info.docs_url = docs_url_on(info.docs_path, default_docs_base());
    info.default_severity = from_abi(rule.default_severity);
    info.severity = info.default_severity;
    info.rule = loaded.rule;
    info.translations = plugin_translations(rule);
    info.builtin = loaded.builtin;
    info.third_party = !loaded.builtin;
    info.in_worker = loaded.in_worker;
    for (std::uint32_t i = 0; i < rule.option_count && rule.options; ++i) {
        const sc_option_info& option = host::option_at(rule, i);
        info.options.push_back(OptionInfo{text_or_empty(option.name), option_type_name(option.type),
                                          text_or_empty(option.default_value),
                                          text_or_empty(option.description)});
    }
    return info;
}

// How closely `pattern` names `rule`: 3 its id, 2 its plugin, 1 everything, 0 not at all.
int specificity(const std::string& pattern, const RunRule& rule) {
    if (pattern == rule.id) return 3;
    if (pattern == rule.plugin || pattern == rule.plugin + "/*") return 2;
    if (pattern == "all" || pattern == "*") return 1;
    return 0;
}

void require_known(const std::string& pattern, const std::vector<RunRule>& rules, const char* where) {
    const bool known = std::any_of(rules.begin(), rules.end(),
                                   [&](const RunRule& rule) { return specificity(pattern, rule) > 0; });
    if (!known) {
        throw ConfigError(std::string(where) + ": no loaded rule or plugin is called '" + pattern +
                          "' (see `surveycheck rules`)");
    }
}

// Per rule, the --rule-option values meant for it: those of its plugin's name (or "all") for the options it
// declares, then those of its own id, so the more specific pattern wins. Throws ConfigError for a pattern
// that names no rule or plugin, and for an option that no rule it names declares.
std::vector<OptionValues> option_values(const std::vector<RunRule>& rules,
                                        const std::map<std::string, OptionValues>& given) {
    std::vector<OptionValues> out(rules.size());
    for (const auto& [pattern, values] : given) {
        require_known(pattern, rules, "--rule-option");
        for (const auto& [name, value] : values) {
            bool declared = false;
            for (const RunRule& rule : rules) {
                if (specificity(pattern, rule) == 0) continue;
                declared =
                    declared || std::any_of(rule.options.begin(), rule.options.end(),
                                            [&](const OptionInfo& option) { return option.name == name; });
            }
            if (declared) continue;
            const RunRule* exact = nullptr;
            for (const RunRule& rule : rules)
                if (rule.id == pattern) exact = &rule;
            throw ConfigError(exact ? "rule " + pattern + " has no option '" + name + "'"
                                    : "no rule of '" + pattern + "' has an option '" + name +
                                          "' (see `surveycheck rules`)");
        }
    }
    for (int level = 1; level <= 3; ++level) {
        for (std::size_t i = 0; i < rules.size(); ++i) {
            for (const auto& [pattern, values] : given) {
                if (specificity(pattern, rules[i]) != level) continue;
                for (const auto& [name, value] : values) {
                    const bool declared =
                        std::any_of(rules[i].options.begin(), rules[i].options.end(),
                                    [&](const OptionInfo& option) { return option.name == name; });
                    if (declared) out[i].emplace_back(name, value);
                }
            }
        }
    }
    return out;
}

}  // namespace

namespace {
// The docs an installed host carries, next to its plugins: "file://<prefix>/share/doc/surveycheck/"; empty
// in a build tree, whose links point into the source tree (SURVEYCHECK_DOCS_BASE).
std::string installed_docs_base() {
    namespace fs = std::filesystem;
    const std::string plugin_dir = host::builtin_plugin_dir();  // <prefix>/lib/surveycheck/plugins
    std::error_code ec;
    const fs::path docs = fs::path(plugin_dir) / ".." / ".." / ".." / "share" / "doc" / "surveycheck";
    if (plugin_dir.empty() || !fs::is_directory(docs, ec)) return {};
    return "file://" + fs::weakly_canonical(docs, ec).string() + "/";
}
}  // namespace

std::string default_docs_base() { return SURVEYCHECK_DOCS_BASE_URL; }

std::string docs_url_on(const std::string& declared, const std::string& base) {
    if (declared.empty() || declared.find("://") != std::string::npos) return declared;
    std::string path = declared;
    while (path.rfind("./", 0) == 0) path.erase(0, 2);
    while (!path.empty() && path.front() == '/') path.erase(0, 1);
    if (base.empty() || base.back() == '/') return base + path;
    return base + "/" + path;
}

std::string local_docs_url(const std::string& declared) {
    if (declared.empty() || declared.find("://") != std::string::npos) return declared;
    static const std::string installed = installed_docs_base();
    // Links name files by their path in the source tree (docs/rules/x.md); the install holds docs/ itself.
    if (!installed.empty()) {
        return installed + (declared.rfind("docs/", 0) == 0 ? declared.substr(5) : declared);
    }
    return std::string(SURVEYCHECK_DOCS_BASE) + declared;
}

namespace {

// One layer of --enable/--disable patterns on `rule`: when a pattern of the layer matches it, the most
// specific one decides (a tie disables); otherwise the rule keeps what it had.
void apply_layer(const std::vector<std::string>& enable, const std::vector<std::string>& disable,
                 RunRule& rule) {
    int best_enable = 0;
    int best_disable = 0;
    for (const auto& pattern : enable) best_enable = std::max(best_enable, specificity(pattern, rule));
    for (const auto& pattern : disable) best_disable = std::max(best_disable, specificity(pattern, rule));
    if (best_enable > 0 || best_disable > 0) rule.enabled = best_enable > best_disable;
}

}  // namespace

RuleSet::RuleSet(const std::vector<host::LoadedRule>& loaded, const Selection& selection) {
    rules_ = host_rules();
    for (const auto& rule : loaded) rules_.push_back(plugin_rule(rule));

    for (const auto& pattern : selection.enable) require_known(pattern, rules_, "--enable");
    for (const auto& pattern : selection.disable) require_known(pattern, rules_, "--disable");
    for (const auto& pattern : selection.config_enable)
        require_known(pattern, rules_, "<enable> of the config");
    for (const auto& pattern : selection.config_disable)
        require_known(pattern, rules_, "<disable> of the config");
    for (const auto& [pattern, severity] : selection.severities) require_known(pattern, rules_, "--severity");

    const std::string docs_base = selection.docs_base.empty() ? default_docs_base() : selection.docs_base;
    for (auto& rule : rules_) {
        rule.docs_url = docs_url_on(rule.docs_path, docs_base);
        // The config file first, then the command line over it.
        apply_layer(selection.config_enable, selection.config_disable, rule);
        apply_layer(selection.enable, selection.disable, rule);

        int best_severity = 0;
        for (const auto& [pattern, severity] : selection.severities) {
            const int match = specificity(pattern, rule);
            if (match > 0 && match >= best_severity) {
                best_severity = match;
                rule.severity = severity;
                rule.severity_overridden = true;
            }
        }
    }

    option_values_ = option_values(rules_, selection.options);

    instances_.assign(rules_.size(), nullptr);
    created_.assign(rules_.size(), false);
    isolated_.assign(rules_.size(), false);
    for (std::size_t i = 0; i < rules_.size(); ++i) {
        const RunRule& rule = rules_[i];
        if (!rule.rule || !rule.enabled) continue;
        if (rule.in_worker || selection.isolation == Isolation::all ||
            (selection.isolation == Isolation::third_party && !rule.builtin)) {
            isolated_[i] = true;  // its worker creates it
            continue;
        }
        const abi::RuleConfig config(option_values_[i], selection.data_dir, selection.audience);
        std::array<char, 1024> message{};
        void* instance = nullptr;
        const host::RunningPlugin running("create of rule", rule.id, rule.file);
        const int status =
            rule.rule->create(config.get(), &instance, sc_error_buffer{message.data(), message.size()});
        if (status != SC_STATUS_OK) {
            message.back() = '\0';
            release();  // the destructor does not run when the constructor throws
            throw ConfigError("rule " + rule.id + " (" + rule.file + ") could not start: " + message.data());
        }
        instances_[i] = instance;
        created_[i] = true;
    }
}

RuleSet::~RuleSet() { release(); }

void RuleSet::release() {
    for (std::size_t i = 0; i < created_.size(); ++i) {
        if (created_[i]) {
            const host::RunningPlugin running("destroy of rule", rules_[i].id, rules_[i].file);
            rules_[i].rule->destroy(instances_[i]);
        }
        created_[i] = false;
        instances_[i] = nullptr;
    }
}

const RunRule* RuleSet::find(const std::string& id) const {
    const auto it =
        std::find_if(rules_.begin(), rules_.end(), [&](const RunRule& rule) { return rule.id == id; });
    return it == rules_.end() ? nullptr : &*it;
}

}  // namespace surveycheck::engine
