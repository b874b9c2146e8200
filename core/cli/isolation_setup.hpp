// Turns --isolation, --rule-timeout, --rule-memory and --plugin-allow into a trust policy and a rule runner.
#pragma once

#include <memory>

#include "cli/commands.hpp"
#include "engine/rule_runner.hpp"
#include "plugins/plugin_host.hpp"

namespace CLI {
class App;
}  // namespace CLI

namespace surveycheck::cli {

struct RunSetup;

// Add --isolation, --rule-timeout, --rule-memory and --plugin-allow to a sub-command.
void add_isolation_options(CLI::App& command, RuleOptions& options);

// Before prepare_run: the trust policy onto the plugin host, the isolation level onto the selection.
void apply_isolation_options(RuleOptions& options, RunSetup& setup);

// The trust policy of --plugin-allow (sha256:HEX, repeatable); throws UsageError on a malformed pin.
plugins::TrustPolicy trust_policy(const RuleOptions& options);

// The isolation level of --isolation; throws UsageError on an unknown one.
engine::Isolation isolation_level(const std::string& name);

// A runner for `rules`: worker pools for its isolated rules (up to `jobs` workers per plugin), or null when
// every rule runs in-process; throws UsageError when an isolated rule cannot start.
std::unique_ptr<engine::RuleRunner> make_rule_runner(const RuleOptions& options, const engine::RuleSet& rules,
                                                     unsigned jobs);

}  // namespace surveycheck::cli
