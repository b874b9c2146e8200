// Turns --isolation, --rule-timeout, --rule-memory and --plugin-allow into a trust policy and a rule runner.
#pragma once

#include <memory>

#include "cli/commands.hpp"
#include "engine/rule_runner.hpp"
#include "host/plugin_host.hpp"

namespace CLI {
class App;
}  // namespace CLI

namespace surveycheck::report {
struct RunReport;
}  // namespace surveycheck::report

namespace surveycheck::cli {

struct RunSetup;

// Add --isolation, --rule-timeout, --rule-memory and --plugin-allow to a sub-command.
void add_isolation_options(CLI::App& command, RuleOptions& options);

// Before prepare_run: the trust and load policies onto the plugin host, the isolation level onto the
// selection; throws UsageError, also for worker limits given with --isolation none.
void apply_isolation_options(RuleOptions& options, RunSetup& setup);

// Which plugins the host only reads through a worker at `level`, with `limits` on each.
host::LoadPolicy load_policy(engine::Isolation level, const host::WorkerLimits& limits);

// The trust policy of --plugin-allow (sha256:HEX, repeatable); throws UsageError on a malformed pin.
host::TrustPolicy trust_policy(const RuleOptions& options);

// The isolation level of --isolation; throws UsageError on an unknown one.
engine::Isolation isolation_level(const std::string& name);

// A runner for the rules of `setup`: worker pools for its isolated rules (up to `jobs` workers per plugin),
// or null when every rule runs in-process; the rules that fault as they start go to `setup.start_faults`.
// Throws UsageError when an isolated rule refuses its configuration.
std::unique_ptr<engine::RuleRunner> make_rule_runner(const RuleOptions& options, RunSetup& setup,
                                                     unsigned jobs);

// The plugins and rules of `setup` that faulted before the run, as rule-failed findings (and problems) of
// `report`.
void report_start_faults(const RunSetup& setup, report::RunReport& report);

}  // namespace surveycheck::cli
