#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <sstream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/config_file.hpp"
#include "cli/inputs.hpp"
#include "cli/isolation_setup.hpp"
#include "cli/logging.hpp"
#include "cli/output_file.hpp"
#include "cli/run_setup.hpp"
#include "engine/baseline.hpp"
#include "engine/engine.hpp"
#include "engine/run.hpp"
#include "report/report.hpp"
#include "report/sinks.hpp"
#include "report/ui_text.hpp"

namespace surveycheck::cli {

namespace fs = std::filesystem;
namespace {

// One report to write: a format and where (empty path: standard output).
struct OutputSpec {
    std::string format;
    std::string path;
};

// "--format FORMAT[:PATH]" (repeatable) and the older "--output PATH" for the one without a path.
std::vector<OutputSpec> parse_outputs(const ValidateOptions& options) {
    std::vector<OutputSpec> outputs;
    for (const auto& spec : options.formats) {
        const auto colon = spec.find(':');
        OutputSpec output{spec.substr(0, colon), colon == std::string::npos ? "" : spec.substr(colon + 1)};
        if (!report::find_sink_format(output.format)) {
            throw UsageError("--format " + spec + ": unknown format '" + output.format + "' (" +
                             report::sink_format_names() + ")");
        }
        if (colon != std::string::npos && output.path.empty())
            throw UsageError("--format " + spec + ": no path");
        outputs.push_back(output);
    }
    if (outputs.empty()) outputs.push_back(OutputSpec{"text", ""});
    std::size_t to_stdout = 0;
    for (auto& output : outputs) {
        if (output.path.empty() && !options.output.empty()) output.path = options.output;
        if (output.path.empty()) ++to_stdout;
    }
    if (to_stdout > 1)
        throw UsageError("only one --format can go to standard output; give the others a :PATH");
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        for (std::size_t j = i + 1; j < outputs.size(); ++j) {
            if (!outputs[i].path.empty() && outputs[i].path == outputs[j].path) {
                throw UsageError("two reports would be written to " + outputs[i].path);
            }
        }
    }
    return outputs;
}

// The config file merged under the command line: lists append (the command line comes later and wins),
// single values apply when the command line left them unset.
void apply_config(const ConfigFile& config, ValidateOptions& options) {
    RuleOptions& rules = options.rules;
    rules.plugin_dirs.insert(rules.plugin_dirs.begin(), config.plugin_dirs.begin(), config.plugin_dirs.end());
    rules.plugin_allow.insert(rules.plugin_allow.begin(), config.plugin_allow.begin(),
                              config.plugin_allow.end());
    if (config.builtin_plugins && !*config.builtin_plugins) rules.builtin_plugins = false;
    if (rules.profile.empty()) rules.profile = config.profile;
    if (rules.data_dir.empty()) rules.data_dir = config.data_dir;
    if (rules.selection.audience.empty()) rules.selection.audience = config.audience;
    if (options.fail_on.empty()) options.fail_on = config.fail_on;
    if (rules.selection.docs_base.empty()) rules.selection.docs_base = config.docs_url;
    auto prepend = [](std::vector<std::string>& to, const std::vector<std::string>& from) {
        to.insert(to.begin(), from.begin(), from.end());
    };
    rules.selection.config_enable = config.enable;  // a layer under --enable/--disable, not merged with them
    rules.selection.config_disable = config.disable;
    prepend(rules.severities, config.severities);
    prepend(rules.rule_options, config.rule_options);
}

std::string read_all(std::istream& in) {
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// "--stream-threshold": bytes, with an optional K, M or G (powers of 1024); 0 never streams.
std::uintmax_t parse_stream_threshold(const std::string& text) {
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    const std::string unit = text.substr(digits);
    const int shift = unit.empty() ? 0 : unit == "K" ? 10 : unit == "M" ? 20 : unit == "G" ? 30 : -1;
    if (digits == 0 || digits > 12 || shift < 0) {
        throw UsageError("--stream-threshold expects a size such as 64M, 1G or 0, got '" + text + "'");
    }
    return std::stoull(text.substr(0, digits)) << shift;
}

// An unreadable file on standard error as `FILE:LINE:COLUMN: error: REASON`, and in the log file.
void report_unreadable(const engine::FileResult& result) {
    if (result.status != engine::FileStatus::unreadable) return;
    std::cerr << result.path << ':' << result.error_position.line << ':' << result.error_position.column
              << ": error: " << result.error << '\n';
    if (logging_to_file())
        spdlog::error("{}:{}:{}: unreadable: {}", result.path, result.error_position.line,
                      result.error_position.column, result.error);
}

// Rule failures and quarantines in the log file: what an operator reading the log must not miss.
void log_rule_failures(const std::vector<engine::Finding>& findings) {
    if (!logging_to_file()) return;
    for (const auto& finding : findings) {
        if (finding.rule != "surveycheck/rule-failed" && finding.rule != "surveycheck/rule-quarantined")
            continue;
        spdlog::error("{}{}{}: {}: {}", finding.file, finding.contribution.empty() ? "" : " contribution ",
                      finding.contribution, finding.rule, finding.message);
    }
}

// The run's files into the report sinks and the run's report, named on standard error when unreadable,
// counted by the progress line, their rule failures logged.
class ReportOutput final : public engine::RunOutput {
public:
    ReportOutput(report::Sinks& sinks, report::RunReport& report, Progress& progress)
        : sinks_(sinks), report_(report), progress_(progress) {}

    void begin_streamed_file(const std::string& path) override { streamed_file_ = path; }
    void contribution(const engine::ContributionSummary& contribution,
                      const std::vector<engine::Finding>& findings) override {
        progress_.contribution_done(streamed_file_);
        log_rule_failures(findings);
        sinks_.contribution(contribution, findings);
    }
    void end_file(engine::FileResult& file, std::size_t streamed) override {
        report_unreadable(file);
        log_rule_failures(file.findings);
        log_rule_failures(file.run_findings);
        const std::size_t contributions = streamed + file.contributions.size();
        progress_.file_done(file.path, contributions, streamed);
        spdlog::debug("{}: {} contributions", file.path, contributions);
        report::send_contents(sinks_, file);
        sinks_.end_file(report::file_header(file), contributions);
        file.contributions.clear();
        file.findings.clear();
        report_.add_file(std::move(file));
    }
    void drop_file() override { sinks_.drop_file(); }

private:
    report::Sinks& sinks_;
    report::RunReport& report_;
    Progress& progress_;
    std::string streamed_file_;
};

bool use_colour(const ValidateOptions& options, const OutputSpec& output) {
    if (options.colour == "always") return true;
    if (options.colour == "never" || !output.path.empty()) return false;
    return ::isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
}

// The sink of each output, writing to its file or standard output; temporary files go next to the report
// (so on the disk that must hold it), else in TMPDIR.
void add_sinks(report::Sinks& sinks, const std::vector<OutputSpec>& outputs,
               const std::vector<OutputFile*>& files, const ValidateOptions& options) {
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        report::SinkTarget target;
        target.out = files[i] ? &files[i]->stream() : &std::cout;
        target.fd = files[i] ? files[i]->fd() : -1;
        const std::string beside = files[i] ? files[i]->folder() : std::string();
        target.spool_folder = !beside.empty() ? beside : report::default_spool_folder();
        target.colour = use_colour(options, outputs[i]);
        target.flush_often = !files[i];
        sinks.add(report::find_sink_format(outputs[i].format)->make(target));
    }
}

// The files of `report` that were not checked completely: unreadable, or a rule failed on them.
std::vector<std::string> unchecked_files(const report::RunReport& report) {
    std::vector<std::string> unchecked;
    for (const auto& file : report.files)
        if (file.status != engine::FileStatus::checked) unchecked.push_back(file.path);
    return unchecked;
}

// Incomplete (an unreadable input, a rule that failed or did not start, a refused plugin) before findings: a
// run that did not check everything cannot pass or fail on what it saw; its findings are in the reports.
int exit_code_of(const report::RunReport& report) {
    if (report.incomplete()) return exit_incomplete;
    const report::Summary counts = report.summary();
    const std::size_t failing = (report.fail_on <= engine::Severity::error ? counts.error : 0) +
                                (report.fail_on <= engine::Severity::warning ? counts.warning : 0) +
                                (report.fail_on <= engine::Severity::info ? counts.info : 0);
    return failing > 0 ? exit_findings : exit_clean;
}

void print_summary(const report::RunReport& report, double seconds) {
    const report::Summary counts = report.summary();
    const report::UiText ui(report.lang);
    std::string line = "surveycheck: " + report::counts_line(ui, counts);
    if (report.baseline.used)
        line += ", " + ui("summary.known-from-baseline", {{"n", std::to_string(report.baseline.known)}});
    char seconds_text[32];
    char rate_text[32];
    std::snprintf(seconds_text, sizeof seconds_text, "%.2f", seconds);
    std::snprintf(rate_text, sizeof rate_text, "%.1f",
                  seconds > 0 ? static_cast<double>(counts.contributions) / seconds : 0.0);
    line += ui("summary.time", {{"seconds", seconds_text}, {"rate", rate_text}});
    if (report.incomplete()) line += "; " + std::string(ui("status.incomplete"));
    std::fprintf(stderr, "%s\n", line.c_str());
}

// The run's end in the log file: its problems and its summary line, also under --quiet.
void log_run_end(const report::RunReport& report, double seconds) {
    if (!logging_to_file()) return;
    log_rule_failures(report.run_findings);
    const report::UiText english("en");  // the log is for operators, in one language
    spdlog::info("summary: {} in {:.2f} s{}, exit code {}", report::counts_line(english, report.summary()),
                 seconds, report.incomplete() ? "; validation incomplete" : "", exit_code_of(report));
}

}  // namespace

namespace {

// The first surveycheck.xml in the current folder or one above it, or empty.
std::string find_config() {
    std::error_code error;
    for (fs::path folder = fs::current_path(error); !error && !folder.empty();
         folder = folder.parent_path()) {
        const fs::path candidate = folder / "surveycheck.xml";
        std::error_code missing;  // a folder without one is no error
        if (fs::is_regular_file(candidate, missing)) return candidate.string();
        if (folder == folder.root_path()) break;
    }
    return {};
}

// The config file read and merged under the command line, and the defaults filled in; returns the config.
// Without --config, a surveycheck.xml found from the current folder up is used, and said so: a config can
// disable rules, so it is never applied unannounced.
ConfigFile resolve_options(ValidateOptions& options) {
    ConfigFile config;
    if (options.config.empty() && !options.no_config) {
        options.config = find_config();
        if (!options.config.empty()) {
            spdlog::info("using the config file {}", options.config);
            if (!options.quiet)
                std::fprintf(stderr, "surveycheck: using the config file %s (--no-config ignores it)\n",
                             options.config.c_str());
        }
    }
    if (!options.config.empty()) {
        if (const util::Result loaded = load_config(options.config, config); !loaded) {
            throw UsageError(util::describe(loaded, options.config));
        }
        apply_config(config, options);
    }
    if (options.fail_on.empty()) options.fail_on = "error";
    if (options.rules.selection.audience.empty()) options.rules.selection.audience = "internal";
    return config;
}

// The inputs named on the command line, narrowed to the shard asked for.
std::vector<Input> select_inputs(const ValidateOptions& options) {
    std::vector<Input> inputs = expand_inputs(options.files, options.follow_symlinks);
    if (options.shard.empty()) return inputs;
    unsigned k = 0;
    unsigned n = 0;
    if (!parse_shard(options.shard, k, n)) throw UsageError("--shard expects K/N with 1 <= K <= N");
    return select_shard(inputs, k, n);
}

// The filter of the baseline at `path` (none when empty), noted in `report`.
std::unique_ptr<engine::BaselineFilter> load_baseline(const std::string& path, report::RunReport& report) {
    if (path.empty()) return nullptr;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError("--baseline " + path + ": cannot read it");
    std::vector<engine::BaselineEntry> entries;
    if (const util::Result read = engine::read_baseline(read_all(in), entries); !read) {
        throw UsageError("--baseline " + path + ": " + read.description);
    }
    report.baseline.used = true;
    report.baseline.path = path;
    return std::make_unique<engine::BaselineFilter>(entries);
}

// Everything the run reads, which no output may overwrite.
ReadSet inputs_of_run(const std::vector<Input>& inputs, const ValidateOptions& options,
                      const RunSetup& setup) {
    ReadSet reads;
    for (const auto& input : inputs) reads.add(input.path, "one of the inputs");
    reads.add(options.config, "the config file");
    reads.add(options.rules.profile, "the profile");
    reads.add(options.baseline, "the baseline");
    for (const auto& record : setup.host.plugins()) reads.add(record.file, "a plugin");
    const std::string& data_dir = options.rules.selection.data_dir;
    if (!data_dir.empty()) reads.add_folder(data_dir, "reference data");
    return reads;
}

// The file of each output (null for standard output), opened in `files`.
std::vector<OutputFile*> open_reports(OutputFiles& files, const std::vector<OutputSpec>& outputs) {
    std::vector<OutputFile*> opened;
    for (const auto& output : outputs) {
        opened.push_back(output.path.empty() ? nullptr
                                             : &files.open(output.path, "--format " + output.format));
    }
    return opened;
}

int validate(ValidateOptions options) {
    const auto start = std::chrono::steady_clock::now();
    const ConfigFile config = resolve_options(options);
    report::RunReport report;
    report.tool_version = SURVEYCHECK_VERSION;
    report.lang = options.rules.selection.lang;
    report.sarif_category = options.sarif_category;
    if (!engine::parse_severity(options.fail_on, report.fail_on)) {
        throw UsageError("fail-on expects error, warning or info, got '" + options.fail_on + "'");
    }
    const std::vector<OutputSpec> outputs = parse_outputs(options);
    const std::uintmax_t stream_threshold = parse_stream_threshold(options.stream_threshold);
    const std::vector<Input> inputs = select_inputs(options);
    std::unique_ptr<engine::BaselineFilter> baseline = load_baseline(options.baseline, report);

    RunSetup setup;
    apply_isolation_options(options.rules, setup);
    prepare_run(options.rules, setup);

    // Every output is checked against everything the run reads, and prepared, before any work is done.
    // Internal reports and logs quote confidential answers: only their owner may read them, unless told.
    const mode_t mode = output_mode(options.rules.selection.audience != "public", options.output_mode);
    ReadSet reads = inputs_of_run(inputs, options, setup);
    open_log_file(reads, mode, /*hold=*/true);  // nothing written to it before the outputs are checked
    reads.add(log_file_path(), "the log file");
    OutputFiles output_files(reads, mode);
    const std::vector<OutputFile*> files = open_reports(output_files, outputs);
    OutputFile* baseline_file = options.write_baseline.empty()
                                    ? nullptr
                                    : &output_files.open(options.write_baseline, "--write-baseline");
    release_log_file();
    for (const auto& refusal : setup.refused) {
        spdlog::error("plugin refused: {}", refusal);
        report.problems.push_back("plugin refused: " + refusal);
    }
    report.rules = setup.rules->rules();
    const engine::Translator translator(options.rules.selection.lang, *setup.rules);
    const unsigned jobs = options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    const std::unique_ptr<engine::RuleRunner> runner = make_rule_runner(options.rules, setup, jobs);
    report_start_faults(setup, report);
    const engine::Engine engine(*setup.rules, setup.profile, options.rules.selection.audience, runner.get());

    const bool reads_stdin =
        std::any_of(inputs.begin(), inputs.end(), [](const Input& in) { return in.path == "-"; });
    const std::string stdin_bytes = reads_stdin ? read_all(std::cin) : std::string();
    spdlog::info("validating {} inputs on {} threads", inputs.size(), jobs);

    // Contributions and findings leave memory as they are committed, so a run's memory does not grow with
    // its exports: every report is a sink that streams, waiting in temporary files where it must. Findings
    // go through one pipeline, committed strictly in input order, and in contribution order within a file.
    report::Sinks sinks;
    add_sinks(sinks, outputs, files, options);
    sinks.begin(report);
    const bool baseline_used = baseline != nullptr;
    engine::FindingPipeline pipeline(engine::WaiverSet(config.waivers, engine::today_utc()), translator,
                                     std::move(baseline), !options.write_baseline.empty());
    const Progress::Mode progress_mode = interactive_stderr() && !logging_to_file() && !options.quiet
                                             ? Progress::Mode::terminal
                                         : options.quiet && !logging_to_file() ? Progress::Mode::off
                                                                               : Progress::Mode::heartbeat;
    Progress progress(inputs.size(), progress_mode,
                      std::chrono::milliseconds(static_cast<long long>(options.heartbeat * 1000)));
    ReportOutput output(sinks, report, progress);
    engine::run_inputs(inputs, engine, pipeline, {jobs, stream_threshold, &stdin_bytes}, output);
    progress.finish();
    pipeline.finish_run(report.run_findings, *setup.rules);
    // Baseline entries of files this run could not check completely are kept as they were.
    std::vector<engine::BaselineEntry> carried;
    if (baseline_used) {
        report.baseline.known = pipeline.baseline()->known();
        report.baseline.absent = pipeline.baseline()->absent();
        carried = engine::take_unchecked(report.baseline.absent, unchecked_files(report));
    }

    report.released = sinks.counts();
    sinks.finish(report);
    if (baseline_file) {
        std::vector<const engine::Finding*> baseline_source;
        for (const auto& finding : pipeline.copies()) baseline_source.push_back(&finding);
        baseline_file->stream() << engine::write_baseline(baseline_source, carried);
    }
    output_files.commit();  // all reports at once, or none
    log_run_end(report, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (!options.quiet) {
        print_summary(report,
                      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return exit_code_of(report);
}

}  // namespace

int run_validate(ValidateOptions options) {
    try {
        return validate(std::move(options));
    } catch (const report::SpoolError& error) {
        throw UsageError(error.what());  // the disk, not the program: exit 2 with what went wrong
    }
}

}  // namespace surveycheck::cli
