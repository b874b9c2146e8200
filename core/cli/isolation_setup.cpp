#include "cli/isolation_setup.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>

#include "cli/run_setup.hpp"
#include "engine/engine.hpp"
#include "engine/isolated_runner.hpp"
#include "report/report.hpp"

namespace surveycheck::cli {
namespace {

// The running executable, which the workers run as `<it> worker`.
std::string own_executable() {
    char path[PATH_MAX];
    const ssize_t size = ::readlink("/proc/self/exe", path, sizeof path - 1);
    return size > 0 ? std::string(path, static_cast<std::size_t>(size)) : std::string("/proc/self/exe");
}

// The limits of --rule-timeout and --rule-memory; throws UsageError.
host::WorkerLimits worker_limits(const RuleOptions& options) {
    if (!(options.rule_timeout > 0) || options.rule_timeout > 86400) {
        throw UsageError("--rule-timeout expects seconds between 0 and 86400");
    }
    host::WorkerLimits limits;
    limits.timeout = std::chrono::milliseconds(std::llround(options.rule_timeout * 1000));
    limits.memory_mb = options.rule_memory;
    return limits;
}

}  // namespace

void add_isolation_options(CLI::App& command, RuleOptions& options) {
    command
        .add_option("--isolation", options.isolation,
                    "Which plugins run in worker processes: none, third-party (default) or all")
        ->check(CLI::IsMember({"none", "third-party", "all"}));
    const auto given = [&options](const char* name) {
        return [&options, name](const std::string&) { options.worker_limits_given.emplace_back(name); };
    };
    command
        .add_option("--rule-timeout", options.rule_timeout,
                    "Seconds one isolated rule call may take (default 10)")
        ->type_name("SECONDS")
        ->each(given("--rule-timeout"));
    command.add_option("--rule-memory", options.rule_memory, "MB of address space per worker (default 2048)")
        ->type_name("MB")
        ->each(given("--rule-memory"));
    command
        .add_option("--plugin-allow", options.plugin_allow,
                    "Pin a plugin by hash (repeatable): other third-party plugins are refused")
        ->type_name("sha256:HEX")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

void apply_isolation_options(RuleOptions& options, RunSetup& setup) {
    setup.host.set_trust(trust_policy(options));
    options.selection.isolation = isolation_level(options.isolation);
    if (options.selection.isolation == engine::Isolation::none && !options.worker_limits_given.empty()) {
        throw UsageError(options.worker_limits_given.front() +
                         " has no effect with --isolation none: every plugin runs in surveycheck's own "
                         "process, without a deadline or memory limit");
    }
    setup.host.set_load_policy(load_policy(options.selection.isolation, worker_limits(options)));
}

host::LoadPolicy load_policy(engine::Isolation level, const host::WorkerLimits& limits) {
    host::LoadPolicy policy;
    policy.third_party = level != engine::Isolation::none;
    policy.builtin = level == engine::Isolation::all;
    policy.executable = own_executable();
    policy.limits = limits;
    return policy;
}

host::TrustPolicy trust_policy(const RuleOptions& options) {
    host::TrustPolicy policy;
    for (const auto& pin : options.plugin_allow) {
        std::string hex = pin.rfind("sha256:", 0) == 0 ? pin.substr(7) : std::string();
        std::transform(hex.begin(), hex.end(), hex.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (hex.size() != 64 || !std::all_of(hex.begin(), hex.end(), [](unsigned char c) {
                return std::isdigit(c) || (c >= 'a' && c <= 'f');
            })) {
            throw UsageError(
                "--plugin-allow expects sha256:<64 hex digits> (see `surveycheck plugins`), got '" + pin +
                "'");
        }
        policy.allowed_sha256.push_back(hex);
    }
    return policy;
}

engine::Isolation isolation_level(const std::string& name) {
    if (name == "none") return engine::Isolation::none;
    if (name == "all") return engine::Isolation::all;
    if (name == "third-party" || name.empty()) return engine::Isolation::third_party;
    throw UsageError("--isolation expects none, third-party or all, got '" + name + "'");
}

std::unique_ptr<engine::RuleRunner> make_rule_runner(const RuleOptions& options, RunSetup& setup,
                                                     unsigned jobs) {
    const engine::RuleSet& rules = *setup.rules;
    bool any = false;
    for (std::size_t i = 0; i < rules.rules().size(); ++i) any = any || rules.isolated(i);
    if (!any) return nullptr;
    engine::IsolationOptions isolation;
    isolation.executable = own_executable();
    isolation.limits = worker_limits(options);
    isolation.max_workers = std::max(1u, jobs);
    try {
        auto runner = std::make_unique<engine::IsolatedRunner>(rules, options.selection, isolation);
        setup.start_faults = runner->start_faults();
        return runner;
    } catch (const engine::ConfigError& error) {
        throw UsageError(error.what());
    }
}

void report_start_faults(const RunSetup& setup, report::RunReport& report) {
    for (const auto& record : setup.host.plugins()) {
        if (!record.faulted) continue;
        const std::string prefix = record.file + ": ";  // every refusal starts with it
        const std::string reason =
            record.error.rfind(prefix, 0) == 0 ? record.error.substr(prefix.size()) : record.error;
        engine::add_start_failure(report.run_findings, *setup.rules, "", record.file, reason);
    }
    for (const auto& fault : setup.start_faults) {
        const engine::RunRule& rule = setup.rules->rules()[fault.rule];
        report.problems.push_back("rule " + rule.id + " (" + rule.file +
                                  ") could not start: " + fault.reason);
        engine::add_start_failure(report.run_findings, *setup.rules, rule.id, rule.file, fault.reason);
    }
}

}  // namespace surveycheck::cli
