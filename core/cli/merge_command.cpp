#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/output_file.hpp"
#include "cli/run_setup.hpp"
#include "report/report.hpp"

namespace surveycheck::cli {
namespace {

namespace fs = std::filesystem;

std::string read_input(const std::string& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) throw UsageError("cannot read " + path + ": it is a folder");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError("cannot read " + path + ": " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw UsageError("cannot read " + path);
    return text.str();
}

// "json" for a surveycheck JSON report, "sarif" for a SARIF log, by their top-level members.
std::string format_of(const std::string& path, const std::string& text) {
    const auto root = nlohmann::json::parse(text, nullptr, false);
    if (root.is_discarded()) throw UsageError(path + ": not JSON, so neither a JSON report nor a SARIF log");
    if (root.is_object() && root.contains("runs") && root.contains("version")) return "sarif";
    if (root.is_object() && root.contains("findings") && root.contains("files")) return "json";
    throw UsageError(path + ": neither a surveycheck JSON report nor a SARIF log");
}

std::string merge_json(const std::vector<report::ReportText>& inputs) {
    std::vector<report::RunReport> shards;
    std::vector<std::string> names;
    for (const auto& input : inputs) {
        report::RunReport shard;
        std::string error;
        if (!report::read_json_report(input.text, shard, error)) throw UsageError(input.name + ": " + error);
        shards.push_back(std::move(shard));
        names.push_back(input.name);
    }
    report::RunReport merged;
    std::string error;
    if (!report::merge_reports(shards, names, merged, error)) throw UsageError(error);
    std::ostringstream out;
    report::write_json(out, merged);
    return out.str();
}

std::string merge_sarif(const std::vector<report::ReportText>& inputs) {
    std::ostringstream out;
    std::string error;
    if (!report::merge_sarif(inputs, out, error)) throw UsageError(error);
    return out.str();
}

}  // namespace

int run_merge(MergeOptions options) {
    ReadSet reads;
    std::vector<report::ReportText> inputs;
    std::string format = options.format;
    std::string format_source = "--format";
    for (const auto& path : options.inputs) {
        if (!reads.what_is(path).empty()) throw UsageError(path + " is given twice; a shard merges once");
        reads.add(path, "one of the inputs");
        std::string text = read_input(path);
        const std::string found = format_of(path, text);
        if (format.empty()) {
            format = found;
            format_source = path;
        } else if (found != format) {
            throw UsageError(path + " is a " + (found == "sarif" ? "SARIF log" : "JSON report") + " but " +
                             format_source + " says " + format + "; merge one format at a time");
        }
        inputs.push_back(report::ReportText{path, std::move(text)});
    }

    const std::string merged = format == "sarif" ? merge_sarif(inputs) : merge_json(inputs);
    // Shards' reports may quote confidential answers: the merged one is created as an internal report is.
    write_output(options.output, "--output", merged, reads, output_mode(true, options.output_mode));
    return exit_clean;
}

}  // namespace surveycheck::cli
