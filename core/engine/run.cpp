#include "engine/run.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "engine/ordered_commit.hpp"
#include "engine/parallel.hpp"
#include "engine/policy_order.hpp"
#include "eusurvey/reader.hpp"
#include "eusurvey/stream_reader.hpp"
#include "eusurvey/zip_reader.hpp"
#include "util/result.hpp"

namespace surveycheck::engine {

FindingPipeline::FindingPipeline(WaiverSet waivers, const Translator& translator,
                                 std::unique_ptr<BaselineFilter> baseline, bool keep_copies)
    : waivers_(std::move(waivers)),
      translator_(translator),
      grouper_(translator.language(), translator.rules()),
      baseline_(std::move(baseline)),
      keep_copies_(keep_copies) {}

FindingPipeline::~FindingPipeline() = default;

void FindingPipeline::apply(std::vector<Finding>& findings) {
    waivers_.apply(findings);
    translator_.apply(findings);
    if (keep_copies_) copies_.insert(copies_.end(), findings.begin(), findings.end());
    if (baseline_) baseline_->mark(findings);
    grouper_.apply(findings);
    if (baseline_) drop_unchanged(findings);
    order_by_policy(findings);
}

void FindingPipeline::apply(FileResult& file) {
    std::vector<Finding> all = std::move(file.findings);
    std::vector<std::size_t> ends = std::move(file.contribution_ends);
    ends.push_back(all.size());  // the file's own findings
    file.findings.clear();
    file.contribution_ends.clear();
    std::size_t begin = 0;
    for (const std::size_t end : ends) {
        std::vector<Finding> part(std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(begin)),
                                  std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(end)));
        apply(part);
        std::move(part.begin(), part.end(), std::back_inserter(file.findings));
        file.contribution_ends.push_back(file.findings.size());
        begin = end;
    }
    file.contribution_ends.pop_back();
}

FindingPipeline::Checkpoint FindingPipeline::checkpoint() const {
    return {waivers_, baseline_ ? std::make_unique<BaselineFilter>(*baseline_) : nullptr, copies_.size()};
}

void FindingPipeline::restore(const Checkpoint& checkpoint) {
    waivers_ = checkpoint.waivers;
    if (baseline_ && checkpoint.baseline) *baseline_ = *checkpoint.baseline;
    copies_.resize(checkpoint.copies);
}

void FindingPipeline::finish_run(std::vector<Finding>& run_findings, const RuleSet& rules) {
    std::vector<Finding> waiver_findings = waivers_.findings(rules);
    run_findings.insert(run_findings.end(), waiver_findings.begin(), waiver_findings.end());
    apply(run_findings);
}

namespace {

bool zip_on_disk(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char magic[4] = {};
    in.read(magic, sizeof magic);
    return in.gcount() == 4 && eusurvey::looks_like_zip(std::string(magic, 4));
}

FileResult unreadable(const std::string& path, const util::Result& read) {
    FileResult file;
    file.path = path;
    file.status = FileStatus::unreadable;
    file.error = read.description;
    file.error_position = read.position;
    return file;
}

// True when `input` is an export on disk large enough to be read one contribution at a time.
bool is_streamed(const RunInput& input, std::uintmax_t threshold) {
    if (threshold == 0 || input.path == "-" || !input.refused.empty()) return false;
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(input.path, error);
    return !error && size >= threshold && !zip_on_disk(input.path);
}

// Validate a large export one contribution at a time: memory stays bounded by the largest contribution.
// Contributions go to `sink` as they complete instead of into the result.
FileResult validate_streamed(const std::string& path, const Engine& engine, unsigned jobs,
                             const ContributionSink& sink) {
    eusurvey::StreamReader stream;
    eusurvey::Export head;
    eusurvey::ReadResult read = stream.open(path, head);
    if (!read) return unreadable(path, read);
    if (stream.complete()) return engine.validate(head, jobs);
    FileResult result = engine.validate_stream(head, stream, jobs, read, sink);
    return read ? result : unreadable(path, read);
}

// Read one input that is not streamed (an export, a ZIP of exports, or standard input) and validate every
// export in it.
std::vector<FileResult> validate_input(const RunInput& input, const Engine& engine, unsigned jobs,
                                       const std::string* stdin_bytes) {
    std::vector<FileResult> results;
    // `uploads`: the other members of the ZIP the export came in, listed with it as attachments.
    auto validate_bytes = [&](std::string bytes, const std::string& name,
                              const std::vector<std::string>& uploads) {
        eusurvey::Export doc;
        const eusurvey::ReadResult read = eusurvey::read_export_buffer(std::move(bytes), name, doc);
        if (read) doc.attachments = eusurvey::attachments_of(uploads, doc.survey);
        results.push_back(read ? engine.validate(doc, jobs) : unreadable(name, read));
    };
    if (!input.refused.empty()) {
        results.push_back(unreadable(input.path, util::Result::failure(input.refused)));
    } else if (input.path == "-") {
        validate_bytes(stdin_bytes ? *stdin_bytes : std::string(), "-", {});
    } else if (zip_on_disk(input.path)) {
        eusurvey::ZipExport archive;
        const eusurvey::ReadResult read = eusurvey::read_zip_export(input.path, archive);
        if (!read) {
            results.push_back(unreadable(input.path, read));
        } else {
            for (auto& member : archive.exports)
                validate_bytes(std::move(member.bytes), input.path + "!/" + member.name, archive.uploads);
        }
    } else {
        eusurvey::Export doc;
        const eusurvey::ReadResult read = eusurvey::read_export_file(input.path, doc);
        results.push_back(read ? engine.validate(doc, jobs) : unreadable(input.path, read));
    }
    return results;
}

// A file checked whole: its findings through the pipeline, then to the output.
void commit_file(FileResult& file, FindingPipeline& pipeline, RunOutput& output) {
    pipeline.apply(file);
    output.end_file(file, 0);
}

// A streamed export: each contribution through the pipeline and to the output as it is committed; all of it
// forgotten should the export turn out unreadable half-way.
void run_streamed(const RunInput& input, const Engine& engine, FindingPipeline& pipeline, unsigned jobs,
                  RunOutput& output) {
    std::size_t streamed = 0;
    output.begin_streamed_file(input.path);
    const FindingPipeline::Checkpoint before = pipeline.checkpoint();
    const ContributionSink sink = [&](ContributionSummary& contribution, std::vector<Finding>& findings) {
        pipeline.apply(findings);
        output.contribution(contribution, findings);
        ++streamed;
    };
    FileResult result = validate_streamed(input.path, engine, jobs, sink);
    if (result.status == FileStatus::unreadable) {
        output.drop_file();
        pipeline.restore(before);
        streamed = 0;
    }
    pipeline.apply(result);
    output.end_file(result, streamed);
}

}  // namespace

void run_inputs(const std::vector<RunInput>& inputs, const Engine& engine, FindingPipeline& pipeline,
                const RunOptions& options, RunOutput& output) {
    const unsigned jobs = std::max(1u, options.jobs);
    for (std::size_t first = 0; first < inputs.size();) {
        if (is_streamed(inputs[first], options.stream_threshold)) {
            run_streamed(inputs[first], engine, pipeline, jobs, output);
            ++first;
            continue;
        }
        std::size_t last = first;
        while (last < inputs.size() && !is_streamed(inputs[last], options.stream_threshold)) ++last;
        const std::size_t count = last - first;
        const unsigned outer =
            static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(jobs, count)));
        const unsigned inner = std::max(1u, jobs / outer);
        // Files finish in any order and are committed in input order.
        OrderedCommitter<std::vector<FileResult>> committer(0, 2 * std::size_t{outer},
                                                            [&](std::vector<FileResult>& results) {
                                                                for (auto& result : results)
                                                                    commit_file(result, pipeline, output);
                                                            });
        parallel_for(count, outer, [&](std::size_t i) {
            committer.done(i, validate_input(inputs[first + i], engine, inner, options.stdin_bytes));
        });
        first = last;
    }
}

}  // namespace surveycheck::engine
