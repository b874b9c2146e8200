// The sub-commands of the `surveycheck` executable and the options they share.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/rule_set.hpp"

namespace surveycheck::cli {

// Exit codes of ARCHITECTURE.md.
enum ExitCode { exit_clean = 0, exit_findings = 1, exit_usage = 2, exit_incomplete = 3 };

// Options that decide which rules run and how (validate and rules share them).
struct RuleOptions {
    std::vector<std::string> plugin_dirs;
    bool builtin_plugins = true;
    std::string profile;                    // empty: the built-in profile
    std::string data_dir;                   // empty: the configured default
    std::vector<std::string> severities;    // RULE=LEVEL
    std::vector<std::string> rule_options;  // RULE:NAME=VALUE
    engine::Selection selection;
    std::string isolation = "third-party";         // none, third-party or all: which plugins run in workers
    double rule_timeout = 10;                      // seconds one isolated rule call may take
    std::uint64_t rule_memory = 2048;              // MB of address space of one worker
    std::vector<std::string> worker_limits_given;  // which of --rule-timeout and --rule-memory were given
    std::vector<std::string>
        plugin_allow;  // sha256:HEX pins; when given, only these third-party plugins load
};

// Options of `validate`.
struct ValidateOptions {
    RuleOptions rules;
    std::vector<std::string> files;    // files, folders, glob patterns, "-" for standard input
    std::vector<std::string> formats;  // FORMAT or FORMAT:PATH; none: text on standard output
    std::string output;                // path of the one format given without a path
    std::string fail_on;               // empty: the config file's, else error
    std::string colour = "auto";
    std::string config;                   // config file (schemas/config.xsd)
    bool no_config = false;               // --no-config: no search for surveycheck.xml
    unsigned jobs = 0;                    // 0: every core
    std::string baseline;                 // report only findings this baseline does not know
    std::string write_baseline;           // record this run's findings here
    std::string shard;                    // K/N
    bool quiet = false;                   // no summary line on standard error
    double heartbeat = 10;                // seconds between progress records off a terminal
    std::string sarif_category;           // SARIF automationDetails category (GitHub code scanning)
    std::string stream_threshold = "1M";  // stream exports at least this large, one contribution at a time
    std::string output_mode;              // octal bits of new reports; empty: 0600 internal, umask public
    bool follow_symlinks = false;         // read symbolic links in folders that point out of them
};

// Options of `rules`.
struct RulesOptions {
    RuleOptions rules;
    std::string format = "text";
};

// Options of `merge`.
struct MergeOptions {
    std::string format;  // "json" or "sarif"; empty: the format of the first input
    std::string output;
    std::string output_mode;  // octal bits of the merged report; empty: 0600
    std::vector<std::string> inputs;
};

// Run `validate`; returns the exit code.
int run_validate(ValidateOptions options);

// Run `rules`; returns the exit code.
int run_rules(RulesOptions options);

// Run `merge`; returns the exit code.
int run_merge(MergeOptions options);

}  // namespace surveycheck::cli
