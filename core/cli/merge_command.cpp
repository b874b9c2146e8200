#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/output_file.hpp"
#include "cli/run_setup.hpp"
#include "report/json_pieces.hpp"
#include "report/report.hpp"
#include "report/shard_merge.hpp"
#include "report/sinks.hpp"

namespace surveycheck::cli {
namespace {

namespace fs = std::filesystem;

// The bytes of the input `path`: read in place when it is a regular file, else (a pipe, say) read whole.
std::unique_ptr<report::JsonBytes> open_input(const std::string& path, std::string& whole) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) throw UsageError("cannot read " + path + ": it is a folder");
    if (fs::is_regular_file(path, ec)) {
        try {
            return report::file_bytes(path);
        } catch (const report::JsonPieceError& error) {
            throw UsageError(error.what());
        }
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError("cannot read " + path + ": " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw UsageError("cannot read " + path);
    whole = text.str();
    return report::text_bytes(whole);
}

// "json" for a surveycheck JSON report, "sarif" for a SARIF log, by their top-level members.
std::string format_of(const std::string& path, const report::JsonBytes& bytes) {
    const report::JsonSyntax syntax = report::check_syntax(bytes);
    if (!syntax.error.empty())
        throw UsageError(path + ": not JSON, so neither a JSON report nor a SARIF log");
    const auto has = [&](const char* key) {
        return std::find(syntax.top_keys.begin(), syntax.top_keys.end(), key) != syntax.top_keys.end();
    };
    if (has("runs") && has("version")) return "sarif";
    if (has("findings") && has("files")) return "json";
    throw UsageError(path + ": neither a surveycheck JSON report nor a SARIF log");
}

}  // namespace

int run_merge(MergeOptions options) {
    ReadSet reads;
    std::vector<std::string> texts(options.inputs.size());  // of inputs that are not regular files
    std::vector<std::unique_ptr<report::JsonBytes>> bytes;
    std::vector<report::ShardInput> shards;
    std::string format = options.format;
    std::string format_source = "--format";
    for (std::size_t i = 0; i < options.inputs.size(); ++i) {
        const std::string& path = options.inputs[i];
        if (!reads.what_is(path).empty()) throw UsageError(path + " is given twice; a shard merges once");
        reads.add(path, "one of the inputs");
        bytes.push_back(open_input(path, texts[i]));
        const std::string found = format_of(path, *bytes.back());
        if (format.empty()) {
            format = found;
            format_source = path;
        } else if (found != format) {
            throw UsageError(path + " is a " + (found == "sarif" ? "SARIF log" : "JSON report") + " but " +
                             format_source + " says " + format + "; merge one format at a time");
        }
        shards.push_back(report::ShardInput{path, bytes.back().get()});
    }

    // Shards' reports may quote confidential answers: the merged one is created as an internal report is.
    OutputFiles outputs(reads, output_mode(true, options.output_mode));
    std::unique_ptr<report::Sink> sink;
    // The output is opened once every shard was checked, and written through the format's sink.
    const report::OpenSink open = [&]() -> report::Sink& {
        OutputFile& file = outputs.open(options.output, "--output");
        report::SinkTarget target;
        target.out = &file.stream();
        target.fd = file.fd();
        target.spool_folder = !file.folder().empty() ? file.folder() : report::default_spool_folder();
        sink = report::find_sink_format(format)->make(target);
        return *sink;
    };
    const util::Result merged = format == "sarif" ? report::merge_sarif_shards(shards, open)
                                                  : report::merge_json_shards(shards, open);
    if (!merged) throw UsageError(merged.description);
    sink.reset();
    outputs.commit();
    return exit_clean;
}

}  // namespace surveycheck::cli
