// What validate and rules both set up: plugins, profile and rule set, from the shared options.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "engine/isolated_runner.hpp"
#include "engine/rule_set.hpp"
#include "engine/translate.hpp"
#include "host/plugin_host.hpp"
#include "profile/profile.hpp"
#include "report/ui_text.hpp"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace surveycheck::cli {

// A usage or configuration problem: printed as "surveycheck: <what>", exit code 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Plugins, profile and rules of one run.
struct RunSetup {
    host::PluginHost host;
    profile::Profile profile;
    std::unique_ptr<engine::RuleSet> rules;
    std::vector<std::string> refused;              // one message per refused plugin file
    std::vector<engine::StartFault> start_faults;  // isolated rules whose worker broke in their create
};

// Make a repeatable option take one value per use, so `--format json FILE` leaves FILE an input.
CLI::Option* one_per_use(CLI::Option* option);

// Add the options that choose plugins, profile and rules (--plugin-dir, --enable, --severity, ...) to
// `command`.
void add_rule_options(CLI::App& command, RuleOptions& options);

// Load plugins, the profile and the rule selection; throws UsageError.
void prepare_run(RuleOptions& options, RunSetup& setup);

// A rule's plugin (and file), options and docs link, a line each after `indent`, as `rules` and `explain`
// show them.
void write_rule_details(std::ostream& out, const engine::RunRule& rule, const report::UiText& ui,
                        const char* indent);

// A rule's text in a language (engine/translate.hpp).
using engine::rule_text;

}  // namespace surveycheck::cli
