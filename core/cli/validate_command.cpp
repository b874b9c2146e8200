#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/output_file.hpp"
#include "cli/run_setup.hpp"
#include "engine/engine.hpp"
#include "eusurvey/reader.hpp"
#include "report/report.hpp"

namespace surveycheck::cli {
namespace {

engine::FileResult unreadable(const std::string& path, const eusurvey::ReadResult& read) {
    engine::FileResult file;
    file.path = path;
    file.status = engine::FileStatus::unreadable;
    file.error = read.description;
    file.error_position = read.position;
    return file;
}

bool use_colour(const ValidateOptions& options) {
    if (options.colour == "always") return true;
    if (options.colour == "never" || !options.output.empty()) return false;
    return ::isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
}

int exit_code_of(const report::RunReport& report) {
    bool unreadable_input = false;
    for (const auto& file : report.files) unreadable_input |= file.status == engine::FileStatus::unreadable;
    if (unreadable_input) return exit_usage;
    if (report.incomplete()) return exit_incomplete;
    for (const engine::Finding* finding : report.all_findings()) {
        if (finding->severity >= report.fail_on) return exit_findings;
    }
    return exit_clean;
}

}  // namespace

int run_validate(ValidateOptions options) {
    report::RunReport report;
    report.tool_version = SURVEYCHECK_VERSION;
    if (!engine::parse_severity(options.fail_on, report.fail_on)) {
        throw UsageError("--fail-on expects error, warning or info, got '" + options.fail_on + "'");
    }
    if (!options.output.empty() && is_one_of(options.output, options.files)) {
        throw UsageError("--output " + options.output + " is one of the inputs; refusing to overwrite it");
    }

    RunSetup setup;
    prepare_run(options.rules, setup);
    for (const auto& refusal : setup.refused) {
        std::cerr << "surveycheck: plugin refused: " << refusal << '\n';
        report.problems.push_back("plugin refused: " + refusal);
    }

    report.rules = setup.rules->rules();
    const engine::Engine engine(*setup.rules, setup.profile, options.rules.selection.audience);
    for (const auto& path : options.files) {
        eusurvey::Export doc;
        const eusurvey::ReadResult read = eusurvey::read_export_file(path, doc);
        if (!read) {
            std::cerr << path << ':' << read.position.line << ':' << read.position.column
                      << ": error: " << read.description << '\n';
            report.add_file(unreadable(path, read));
            continue;
        }
        report.add_file(engine.validate(doc));
    }

    std::ostringstream text;
    if (options.format == "json") {
        report::write_json(text, report);
    } else {
        report::write_text(text, report, report::TextOptions{use_colour(options)});
    }
    if (options.output.empty()) {
        std::cout << text.str() << std::flush;
    } else {
        std::string error;
        if (!write_file_atomically(options.output, text.str(), error)) throw UsageError(error);
    }

    return exit_code_of(report);
}

}  // namespace surveycheck::cli
