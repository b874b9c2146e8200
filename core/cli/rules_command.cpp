#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/isolation_setup.hpp"
#include "cli/run_setup.hpp"
#include "report/ui_text.hpp"

namespace surveycheck::cli {
namespace {

void write_rules_text(const engine::RuleSet& rules, const std::vector<std::string>& refused,
                      const std::string& lang) {
    const report::UiText ui(lang);
    for (const auto& rule : rules.rules()) {
        std::cout << rule.id << "  [" << ui.severity(rule.severity);
        if (rule.severity != rule.default_severity) {
            std::cout << ", " << ui("rules.default", {{"severity", ui.severity(rule.default_severity)}});
        }
        std::cout << (rule.enabled ? "" : ", " + std::string(ui("rules.disabled")))
                  << (rule.third_party ? ", " + std::string(ui("rules.third-party")) : "") << "]\n";
        std::cout << "    " << rule_text(rule, "title", rule.title, lang) << '\n';
        write_rule_details(std::cout, rule, ui, "    ");
    }
    for (const auto& refusal : refused) std::cout << ui("rules.refused") << refusal << '\n';
}

void write_rules_json(const engine::RuleSet& rules, const std::vector<std::string>& refused) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& rule : rules.rules()) {
        nlohmann::ordered_json options = nlohmann::ordered_json::array();
        for (const auto& option : rule.options) {
            options.push_back({{"name", option.name},
                               {"type", option.type},
                               {"default", option.default_value},
                               {"description", option.description}});
        }
        nlohmann::ordered_json translations = nlohmann::ordered_json::array();
        for (const auto& entry : rule.translations)
            translations.push_back({{"lang", entry.lang}, {"key", entry.key}, {"text", entry.text}});
        nlohmann::ordered_json entry{{"id", rule.id},
                                     {"plugin", rule.plugin},
                                     {"third_party", rule.third_party},
                                     {"file", rule.file},
                                     {"title", rule.title},
                                     {"description", rule.description},
                                     {"default_severity", engine::severity_name(rule.default_severity)},
                                     {"severity", engine::severity_name(rule.severity)},
                                     {"enabled", rule.enabled},
                                     {"options", options}};
        if (!rule.docs_url.empty()) entry["docs"] = rule.docs_url;  // a rule without a page has no link
        entry["translations"] = translations;
        out.push_back(std::move(entry));
    }
    std::cout << nlohmann::ordered_json{{"rules", out}, {"refused", refused}}.dump(2) << '\n';
}

}  // namespace

int run_rules(RulesOptions options) {
    RunSetup setup;
    apply_isolation_options(options.rules, setup);  // third-party plugins are read by a worker
    prepare_run(options.rules, setup);
    if (options.format == "json") {
        write_rules_json(*setup.rules, setup.refused);
    } else {
        write_rules_text(*setup.rules, setup.refused, options.rules.selection.lang);
    }
    return setup.refused.empty() ? exit_clean : exit_incomplete;
}

}  // namespace surveycheck::cli
