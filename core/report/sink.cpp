#include "report/sink.hpp"

namespace surveycheck::report {

SinkTarget target_of(std::ostream& out) {
    SinkTarget target;
    target.out = &out;
    target.spool_folder = default_spool_folder();
    return target;
}

void WholeFileSink::contribution(const engine::ContributionSummary& contribution,
                                 const std::vector<engine::Finding>& findings) {
    current_.contributions.push_back(contribution);
    current_.findings.insert(current_.findings.end(), findings.begin(), findings.end());
}

void WholeFileSink::findings(const std::vector<engine::Finding>& findings) {
    current_.findings.insert(current_.findings.end(), findings.begin(), findings.end());
}

engine::FileResult WholeFileSink::take(const engine::FileResult& header) {
    engine::FileResult whole = file_header(header);
    whole.contributions = std::move(current_.contributions);
    whole.findings = std::move(current_.findings);
    current_ = engine::FileResult{};
    return whole;
}

void WholeFileSink::end_file(const engine::FileResult& header, std::size_t) { file(take(header), ended_++); }

void WholeFileSink::drop_file() { current_ = engine::FileResult{}; }

void Sinks::add(std::unique_ptr<Sink> sink) {
    if (auto* whole = dynamic_cast<WholeFileSink*>(sink.get())) {
        whole_.push_back(whole);
    } else {
        streaming_.push_back(sink.get());
    }
    sinks_.push_back(std::move(sink));
}

void Sinks::begin(const RunReport& report) {
    for (auto& sink : sinks_) sink->begin(report);
}

void Sinks::contribution(const engine::ContributionSummary& contribution,
                         const std::vector<engine::Finding>& findings) {
    ++current_.contributions;
    for (const auto& finding : findings) count_finding(finding, current_);
    for (Sink* sink : streaming_) sink->contribution(contribution, findings);
    if (!whole_.empty()) whole_.front()->WholeFileSink::contribution(contribution, findings);
}

void Sinks::findings(const std::vector<engine::Finding>& findings) {
    for (const auto& finding : findings) count_finding(finding, current_);
    for (Sink* sink : streaming_) sink->findings(findings);
    if (!whole_.empty()) whole_.front()->WholeFileSink::findings(findings);
}

void Sinks::end_file(const engine::FileResult& file, std::size_t contributions) {
    add_summary(counts_, current_);
    current_ = Summary{};
    for (Sink* sink : streaming_) sink->end_file(file, contributions);
    if (whole_.empty()) return;
    // The first whole-file sink's buffer, once, for each of them.
    const engine::FileResult whole = whole_.front()->take(file);
    for (WholeFileSink* sink : whole_) sink->file(whole, sink->ended_++);
}

void Sinks::drop_file() {
    current_ = Summary{};
    for (auto& sink : sinks_) sink->drop_file();
}

void Sinks::finish(const RunReport& report) {
    for (auto& sink : sinks_) sink->finish(report);
}

engine::FileResult file_header(const engine::FileResult& file) {
    engine::FileResult header;
    header.path = file.path;
    header.status = file.status;
    header.error = file.error;
    header.error_position = file.error_position;
    header.attachments = file.attachments;
    return header;
}

void write_through(Sink& sink, const RunReport& report) {
    RunReport rest;
    rest.tool_version = report.tool_version;
    rest.rules = report.rules;
    rest.fail_on = report.fail_on;
    sink.begin(rest);
    rest.released = report.released;
    const std::vector<engine::Finding> none;
    for (const auto& file : report.files) {
        for (const auto& contribution : file.contributions) sink.contribution(contribution, none);
        sink.findings(file.findings);
        rest.files.push_back(file_header(file));
        sink.end_file(rest.files.back(), file.contributions.size());
        rest.released.contributions += file.contributions.size();
        for (const auto& finding : file.findings) count_finding(finding, rest.released);
    }
    rest.run_findings = report.run_findings;
    rest.problems = report.problems;
    rest.baseline = report.baseline;
    sink.finish(rest);
}

}  // namespace surveycheck::report
