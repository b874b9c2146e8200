#include "cli/run_setup.hpp"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <filesystem>

#include "host/fault_report.hpp"
#include "profile/builtin.hpp"
#include "surveycheck/rulekit/translations.hpp"

namespace surveycheck::cli {
namespace {

namespace fs = std::filesystem;

// "RULE=LEVEL" into the selection.
void parse_severities(const std::vector<std::string>& specs, engine::Selection& selection) {
    for (const auto& spec : specs) {
        const auto eq = spec.rfind('=');
        engine::Severity severity{};
        if (eq == std::string::npos || eq == 0 || !engine::parse_severity(spec.substr(eq + 1), severity)) {
            throw UsageError("--severity expects RULE=error|warning|info, got '" + spec + "'");
        }
        selection.severities.emplace_back(spec.substr(0, eq), severity);
    }
}

// "RULE:NAME=VALUE" into the selection.
void parse_rule_options(const std::vector<std::string>& specs, engine::Selection& selection) {
    for (const auto& spec : specs) {
        const auto colon = spec.find(':');
        const auto eq = spec.find('=', colon == std::string::npos ? 0 : colon);
        if (colon == std::string::npos || eq == std::string::npos || colon == 0 || eq == colon + 1) {
            throw UsageError("--rule-option expects RULE:NAME=VALUE, got '" + spec + "'");
        }
        selection.options[spec.substr(0, colon)].emplace_back(spec.substr(colon + 1, eq - colon - 1),
                                                              spec.substr(eq + 1));
    }
}

std::string default_data_dir() {
    if (const char* env = std::getenv("SURVEYCHECK_DATA_DIR"); env && *env) return env;
    return SURVEYCHECK_DEFAULT_DATA_DIR;
}

}  // namespace

CLI::Option* one_per_use(CLI::Option* option) {
    return option->expected(1)->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

void add_rule_options(CLI::App& command, RuleOptions& options) {
    one_per_use(command.add_option("--plugin-dir", options.plugin_dirs,
                                   "Also load the rule plugins in DIR (repeatable)"))
        ->type_name("DIR");
    command.add_flag("!--no-builtin-plugins", options.builtin_plugins, "Do not load the first-party plugins");
    command.add_option("--profile", options.profile, "Form profile XML (default: the built-in S3 profile)")
        ->type_name("FILE");
    command.add_option("--data-dir", options.data_dir, "Reference data folder (NUTS lists, member states)")
        ->type_name("DIR");
    one_per_use(
        command.add_option("--enable", options.selection.enable, "Enable RULE, PLUGIN or all (repeatable)"))
        ->type_name("RULE");
    one_per_use(command.add_option("--disable", options.selection.disable,
                                   "Disable RULE, PLUGIN or all (repeatable)"))
        ->type_name("RULE");
    one_per_use(
        command.add_option("--severity", options.severities, "Override a severity: RULE=error|warning|info"))
        ->type_name("RULE=LEVEL");
    one_per_use(
        command.add_option("--rule-option", options.rule_options, "Set a rule option: RULE:NAME=VALUE"))
        ->type_name("RULE:NAME=VALUE");
    command
        .add_option(
            "--lang", options.selection.lang,
            "Language of the messages, a BCP 47 tag such as fr or pt-BR (default en; English where a rule "
            "has no translation)")
        ->check(CLI::Validator(
            [](const std::string& lang) {
                return rulekit::is_language_tag(lang) ? std::string()
                                                      : "expected a BCP 47 language tag such as fr or pt-BR";
            },
            "LANG"));
    command
        .add_option(
            "--docs-url", options.selection.docs_base,
            "Base URL of the rules' documentation links (default " + engine::default_docs_base() + ")")
        ->type_name("BASE")
        ->check(CLI::Validator(
            [](const std::string& base) {
                for (const char* scheme : {"https://", "http://", "file://"})
                    if (base.rfind(scheme, 0) == 0 && base.size() > std::string(scheme).size())
                        return std::string();
                return std::string("expected an https://, http:// or file:// address");
            },
            "BASE"));
    command.add_option("--audience", options.selection.audience, "Who reads the report (default internal)")
        ->check(CLI::IsMember({"internal", "public"}));
}

void write_rule_details(std::ostream& out, const engine::RunRule& rule, const report::UiText& ui,
                        const char* indent) {
    out << indent << ui("rules.plugin") << rule.plugin;
    if (!rule.file.empty()) out << " (" << rule.file << ')';
    if (rule.third_party) out << " [" << ui("rules.third-party") << ']';
    out << '\n';
    for (const auto& option : rule.options) {
        out << indent
            << ui("rules.option", {{"name", option.name},
                                   {"type", option.type},
                                   {"default", option.default_value},
                                   {"description", option.description}})
            << '\n';
    }
    if (!rule.docs_url.empty()) out << indent << ui("rules.docs") << rule.docs_url << '\n';
}

void prepare_run(RuleOptions& options, RunSetup& setup) {
    host::install_fault_report(exit_incomplete);
    if (options.builtin_plugins) setup.host.load_directory(host::builtin_plugin_dir(), true);
    for (const auto& dir : options.plugin_dirs) {
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) throw UsageError("--plugin-dir " + dir + ": no such folder");
        setup.host.load_directory(dir, false);
    }
    for (const auto& record : setup.host.plugins()) {
        if (record.loaded) {
            spdlog::debug("loaded plugin {} {} from {}", record.name, record.version, record.file);
        } else {
            setup.refused.push_back(record.error);
        }
    }

    if (options.profile.empty()) {
        const auto result =
            profile::load_profile_buffer(profile::builtin_profile_xml(), "<built-in profile>", setup.profile);
        if (!result) throw UsageError("the built-in profile is broken: " + result.description);
    } else {
        const auto result = profile::load_profile_file(options.profile, setup.profile);
        if (!result) {
            throw UsageError(options.profile + ":" + std::to_string(result.position.line) + ":" +
                             std::to_string(result.position.column) + ": " + result.description);
        }
    }

    std::string data_dir = options.data_dir.empty() ? default_data_dir() : options.data_dir;
    std::error_code ec;
    if (!options.data_dir.empty() && !fs::is_directory(data_dir, ec)) {
        throw UsageError("--data-dir " + data_dir + ": no such folder");
    }
    options.selection.data_dir = fs::is_directory(data_dir, ec) ? data_dir : std::string();
    if (options.selection.audience.empty()) options.selection.audience = "internal";
    parse_severities(options.severities, options.selection);
    parse_rule_options(options.rule_options, options.selection);
    try {
        setup.rules = std::make_unique<engine::RuleSet>(setup.host.rules(), options.selection);
    } catch (const engine::ConfigError& error) {
        throw UsageError(error.what());
    }
}

}  // namespace surveycheck::cli
