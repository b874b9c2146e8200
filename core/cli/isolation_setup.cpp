#include "cli/isolation_setup.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>

#include "cli/run_setup.hpp"
#include "engine/isolated_runner.hpp"

namespace surveycheck::cli {
namespace {

// The running executable, which the workers run as `<it> worker`.
std::string own_executable() {
    char path[PATH_MAX];
    const ssize_t size = ::readlink("/proc/self/exe", path, sizeof path - 1);
    return size > 0 ? std::string(path, static_cast<std::size_t>(size)) : std::string("/proc/self/exe");
}

}  // namespace

void add_isolation_options(CLI::App& command, RuleOptions& options) {
    command
        .add_option("--isolation", options.isolation,
                    "Which plugins run in worker processes: none, third-party (default) or all")
        ->check(CLI::IsMember({"none", "third-party", "all"}));
    command
        .add_option("--rule-timeout", options.rule_timeout,
                    "Seconds one isolated rule call may take (default 10)")
        ->type_name("SECONDS");
    command.add_option("--rule-memory", options.rule_memory, "MB of address space per worker (default 2048)")
        ->type_name("MB");
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
}

plugins::TrustPolicy trust_policy(const RuleOptions& options) {
    plugins::TrustPolicy policy;
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

std::unique_ptr<engine::RuleRunner> make_rule_runner(const RuleOptions& options, const engine::RuleSet& rules,
                                                     unsigned jobs) {
    bool any = false;
    for (std::size_t i = 0; i < rules.rules().size(); ++i) any = any || rules.isolated(i);
    if (!any) return nullptr;
    if (!(options.rule_timeout > 0) || options.rule_timeout > 86400) {
        throw UsageError("--rule-timeout expects seconds between 0 and 86400");
    }
    engine::IsolationOptions isolation;
    isolation.executable = own_executable();
    isolation.limits.timeout = std::chrono::milliseconds(std::llround(options.rule_timeout * 1000));
    isolation.limits.memory_mb = options.rule_memory;
    isolation.max_workers = std::max(1u, jobs);
    try {
        return std::make_unique<engine::IsolatedRunner>(rules, options.selection, isolation);
    } catch (const engine::ConfigError& error) {
        throw UsageError(error.what());
    }
}

}  // namespace surveycheck::cli
