// surveycheck: validate EUSurvey report exports with rule plugins.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/interrupts.hpp"
#include "cli/isolation_setup.hpp"
#include "cli/logging.hpp"
#include "cli/output_file.hpp"
#include "cli/plugin_commands.hpp"
#include "cli/review_commands.hpp"
#include "cli/run_setup.hpp"
#include "cli/worker_command.hpp"
#include "report/sinks.hpp"

namespace {

using surveycheck::cli::ReadSet;

// Every file or folder an option of `command` names, its outputs aside: what its log may not be.
ReadSet files_named(const CLI::App& command) {
    ReadSet reads;
    for (const CLI::Option* option : command.get_options()) {
        if (option->check_name("--output") || option->check_name("--format") ||
            option->check_name("--write-baseline")) {
            continue;
        }
        for (const std::string& value : option->results()) {
            std::error_code ec;
            if (std::filesystem::is_directory(value, ec)) {
                reads.add_folder(value, "in a folder this command reads");
            } else {
                reads.add(value, "read by this command");
            }
        }
    }
    return reads;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace surveycheck::cli;
    setup_logging(LogOptions{});

    CLI::App app{"surveycheck " SURVEYCHECK_VERSION
                 " — validates EUSurvey XML exports (S3 partnership monitoring reports) with rule plugins.\n"
                 "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 nothing could run (usage), "
                 "3 validation incomplete (an unreadable input, a failed rule).",
                 "surveycheck"};
    app.set_version_flag("--version", "surveycheck " SURVEYCHECK_VERSION);
    app.require_subcommand(1);
    LogOptions log;
    CLI::Option* log_level =
        app.add_option("--log-level", log.level,
                       "trace, debug, info, warn, error or off (default warn; info with --log-file)")
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
                    "Report format, repeatable: " + surveycheck::report::sink_format_names(" ", " ") +
                        ", each optionally :PATH"))
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
    validate_cmd
        ->add_option(
            "--config", validate.config,
            "Config file: rules, options, folders, waivers (default: the first surveycheck.xml found "
            "in the current folder or above it)")
        ->type_name("FILE");
    validate_cmd->add_flag("--no-config", validate.no_config, "Do not look for a surveycheck.xml");
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
    validate_cmd->add_flag("-q,--quiet", validate.quiet,
                           "No summary line or heartbeat on standard error (the log file keeps both)");
    validate_cmd
        ->add_option("--sarif-category", validate.sarif_category,
                     "SARIF automationDetails category, e.g. surveycheck/nightly: GitHub code scanning keeps "
                     "one set of alerts per category")
        ->type_name("CATEGORY");
    validate_cmd
        ->add_option("--heartbeat", validate.heartbeat,
                     "Off a terminal, a progress record every SECONDS (default 10): file and contributions")
        ->check(CLI::Range(0.01, 3600.0))
        ->type_name("SECONDS");
    validate_cmd
        ->add_option("--stream-threshold", validate.stream_threshold,
                     "Stream exports of at least SIZE bytes (K, M, G suffixes; 0: never)")
        ->type_name("SIZE")
        ->default_str("1M");
    validate_cmd
        ->add_option("--output-mode", validate.output_mode,
                     "Permission bits of new reports, baseline and log (default 600; public audience: "
                     "666 less the umask)")
        ->type_name("OCTAL");
    validate_cmd->add_flag("--follow-symlinks", validate.follow_symlinks,
                           "Read symbolic links inside input folders that point out of them");
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
    merge_cmd
        ->add_option("--output-mode", merge.output_mode, "Permission bits of the merged report (default 600)")
        ->type_name("OCTAL");

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& done) {
        return app.exit(done);
    } catch (const CLI::ParseError& error) {
        app.exit(error);
        return exit_usage;
    }
    // A log file still waiting opens against the files the command's options name (worked out only then).
    // validate opens its own once it knows everything it reads (config, plugins, data); the other commands
    // before they run, and a validate that failed early at the end.
    const auto open_log = [&](bool confidential) {
        if (log_file_waiting())
            open_log_file(files_named(*app.get_subcommands().front()), output_mode(confidential, ""));
    };
    // The chosen command's exit code.
    const auto run = [&]() {
        if (!*validate_cmd) open_log(false);
        if (*worker_cmd) return run_worker_command();
        if (plugin_commands.chosen()) return plugin_commands.run();
        if (review_commands.chosen()) return review_commands.run();
        if (*validate_cmd) return run_validate(std::move(validate));
        if (*rules_cmd) return run_rules(std::move(rules));
        if (*merge_cmd) return run_merge(std::move(merge));
        return static_cast<int>(exit_usage);
    };
    clean_up_on_interrupt();
    watch_standard_output();
    int code = exit_usage;
    try {
        // A log file is kept to know what a run did: its summary and progress are info records.
        if (!log.file.empty() && log_level->count() == 0) log.level = "info";
        setup_logging(log);
        code = run();
    } catch (const UsageError& error) {
        std::cerr << "surveycheck: " << error.what() << '\n';
        code = exit_usage;
    } catch (const std::exception& error) {
        std::cerr << "surveycheck: internal error: " << error.what() << '\n';
        code = exit_incomplete;
    }
    // Whatever happened: the log gets what waited for it, and a report that did not reach its reader is an
    // error, never a success.
    try {
        open_log(true);
        flush_standard_output();
        if (const std::string error = log_file_error(); !error.empty()) throw UsageError(error);
    } catch (const UsageError& error) {
        std::cerr << "surveycheck: " << error.what() << '\n';
        code = exit_usage;
    }
    return code;
}
