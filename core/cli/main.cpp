// surveycheck: validate EUSurvey report exports with rule plugins.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/isolation_setup.hpp"
#include "cli/logging.hpp"
#include "cli/plugin_commands.hpp"
#include "cli/review_commands.hpp"
#include "cli/run_setup.hpp"
#include "cli/worker_command.hpp"

int main(int argc, char** argv) {
    using namespace surveycheck::cli;
    setup_logging(LogOptions{});

    CLI::App app{"surveycheck " SURVEYCHECK_VERSION
                 " — validates EUSurvey XML exports (S3 partnership monitoring reports) with rule plugins.\n"
                 "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or unreadable input, "
                 "3 validation incomplete.",
                 "surveycheck"};
    app.set_version_flag("--version", "surveycheck " SURVEYCHECK_VERSION);
    app.require_subcommand(1);
    LogOptions log;
    app.add_option("--log-level", log.level, "trace, debug, info, warn, error or off (default warn)")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
    app.add_option("--log-file", log.file, "Write the log to FILE instead of standard error")
        ->type_name("FILE");
    app.add_option("--log-format", log.format, "text or json (one object per line)")
        ->check(CLI::IsMember({"text", "json"}));

    ValidateOptions validate;
    CLI::App* validate_cmd = app.add_subcommand("validate", "Validate export files and report the findings");
    validate_cmd->add_option("files", validate.files, "EUSurvey XML exports")->required()->type_name("FILE");
    one_per_use(validate_cmd->add_option(
                    "--format", validate.formats,
                    "Report format, repeatable: text json jsonl sarif junit html, each optionally :PATH"))
        ->type_name("FORMAT[:PATH]");
    validate_cmd
        ->add_option("-o,--output", validate.output, "Write the report without a :PATH to FILE (atomically)")
        ->type_name("FILE");
    validate_cmd
        ->add_option("--fail-on", validate.fail_on,
                     "Lowest severity that makes the exit code 1 (default error)")
        ->check(CLI::IsMember({"error", "warning", "info"}));
    validate_cmd->add_option("--color", validate.colour, "Colour the text report")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->default_str("auto");
    validate_cmd->add_option("--config", validate.config, "Config file: rules, options, folders, waivers")
        ->type_name("FILE");
    validate_cmd
        ->add_option("-j,--jobs", validate.jobs, "Threads over files and contributions (default: all cores)")
        ->check(CLI::Range(1u, 1024u));
    validate_cmd
        ->add_option("--baseline", validate.baseline, "Report only findings this baseline does not know")
        ->type_name("FILE");
    validate_cmd
        ->add_option("--write-baseline", validate.write_baseline, "Record this run's findings as a baseline")
        ->type_name("FILE");
    validate_cmd
        ->add_option("--shard", validate.shard, "Validate only the K-th of N partitions of the inputs")
        ->type_name("K/N");
    validate_cmd->add_flag("-q,--quiet", validate.quiet, "No summary line on standard error");
    validate_cmd
        ->add_option("--stream-threshold", validate.stream_threshold,
                     "Stream exports of at least SIZE bytes (K, M, G suffixes; 0: never)")
        ->type_name("SIZE")
        ->default_str("1M");
    add_rule_options(*validate_cmd, validate.rules);
    add_isolation_options(*validate_cmd, validate.rules);

    RulesOptions rules;
    CLI::App* rules_cmd =
        app.add_subcommand("rules", "List every loaded rule with its plugin, severity and options");
    rules_cmd->add_option("--format", rules.format, "Listing format")
        ->check(CLI::IsMember({"text", "json"}))
        ->default_str("text");
    add_rule_options(*rules_cmd, rules.rules);
    PluginCommands plugin_commands(app);
    // Hidden: the worker process of --isolation, started by surveycheck itself.
    CLI::App* worker_cmd = app.add_subcommand("worker", "Run isolated rules for a supervising surveycheck");
    worker_cmd->group("");
    ReviewCommands review_commands(app);

    MergeOptions merge;
    CLI::App* merge_cmd =
        app.add_subcommand("merge", "Merge the JSON reports or SARIF logs of shards into one");
    merge_cmd->add_option("inputs", merge.inputs, "Reports of the shards, in order")
        ->required()
        ->type_name("IN");
    merge_cmd->add_option("--format", merge.format, "Format of the inputs and the output (default: detected)")
        ->check(CLI::IsMember({"json", "sarif"}));
    merge_cmd->add_option("-o,--output", merge.output, "Write the merged report to OUT (atomically)")
        ->required()
        ->type_name("OUT");

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& done) {
        return app.exit(done);
    } catch (const CLI::ParseError& error) {
        app.exit(error);
        return exit_usage;
    }
    try {
        setup_logging(log);
        if (*worker_cmd) return run_worker_command();
        if (plugin_commands.chosen()) return plugin_commands.run();
        if (review_commands.chosen()) return review_commands.run();
        if (*validate_cmd) return run_validate(std::move(validate));
        if (*rules_cmd) return run_rules(std::move(rules));
        if (*merge_cmd) return run_merge(std::move(merge));
    } catch (const UsageError& error) {
        std::cerr << "surveycheck: " << error.what() << '\n';
        return exit_usage;
    } catch (const std::exception& error) {
        std::cerr << "surveycheck: internal error: " << error.what() << '\n';
        return exit_incomplete;
    }
    return exit_usage;
}
