#include "report/sink.hpp"

namespace surveycheck::report {

SinkTarget target_of(std::ostream& out) {
    SinkTarget target;
    target.out = &out;
    target.spool_folder = default_spool_folder();
    return target;
}

GroupingSink::GroupingSink(const std::string& spool_folder)
    : spool_(std::make_unique<FileSpool>(spool_folder)) {}

void GroupingSink::contribution(const engine::ContributionSummary& contribution,
                                const std::vector<engine::Finding>& findings) {
    arrived(findings);
    spool_->contribution(contribution, findings);
}

void GroupingSink::findings(const std::vector<engine::Finding>& findings) {
    arrived(findings);
    spool_->findings(findings);
}

void GroupingSink::end_file(const engine::FileResult& file, std::size_t contributions) {
    write_file(*spool_, {this}, file, contributions);
}

void GroupingSink::drop_file() {
    dropped();
    spool_->clear();
}

void GroupingSink::write_file(FileSpool& spool, const std::vector<GroupingSink*>& sinks,
                              const engine::FileResult& file, std::size_t contributions) {
    const EndedFile& ended = spool.end(file, contributions);
    for (GroupingSink* sink : sinks) sink->begin_file(ended, sink->ended_);
    spool.replay([&](const engine::ContributionSummary& contribution,
                     const std::vector<const engine::Finding*>& findings, bool first) {
        for (GroupingSink* sink : sinks) sink->file_contribution(contribution, findings, first);
    });
    for (GroupingSink* sink : sinks) {
        sink->end_of_file();
        ++sink->ended_;
    }
    spool.clear();
}

void Sinks::add(std::unique_ptr<Sink> sink) {
    if (auto* grouping = dynamic_cast<GroupingSink*>(sink.get())) {
        if (!spool_) spool_ = std::move(grouping->spool_);
        grouping->spool_.reset();
        grouping_.push_back(grouping);
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
    if (grouping_.empty()) return;
    for (GroupingSink* sink : grouping_) sink->arrived(findings);
    spool_->contribution(contribution, findings);
}

void Sinks::findings(const std::vector<engine::Finding>& findings) {
    for (const auto& finding : findings) count_finding(finding, current_);
    for (Sink* sink : streaming_) sink->findings(findings);
    if (grouping_.empty()) return;
    for (GroupingSink* sink : grouping_) sink->arrived(findings);
    spool_->findings(findings);
}

void Sinks::end_file(const engine::FileResult& file, std::size_t contributions) {
    add_summary(counts_, current_);
    current_ = Summary{};
    for (Sink* sink : streaming_) sink->end_file(file, contributions);
    if (!grouping_.empty()) GroupingSink::write_file(*spool_, grouping_, file, contributions);
}

void Sinks::drop_file() {
    current_ = Summary{};
    for (Sink* sink : streaming_) sink->drop_file();
    for (GroupingSink* sink : grouping_) sink->dropped();
    if (spool_) spool_->clear();
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

void send_contents(Sink& sink, const engine::FileResult& file) {
    std::size_t next = 0;
    std::vector<engine::Finding> findings;
    for (const auto& contribution : file.contributions) {
        findings.clear();
        while (next < file.findings.size() && !contribution.id.empty() &&
               file.findings[next].contribution == contribution.id) {
            findings.push_back(file.findings[next++]);
        }
        sink.contribution(contribution, findings);
    }
    findings.assign(file.findings.begin() + static_cast<std::ptrdiff_t>(next), file.findings.end());
    sink.findings(findings);
}

void write_through(Sink& sink, const RunReport& report, FileSender send) {
    RunReport rest;
    rest.tool_version = report.tool_version;
    rest.rules = report.rules;
    rest.fail_on = report.fail_on;
    sink.begin(rest);
    rest.released = report.released;
    for (const auto& file : report.files) {
        send(sink, file);
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
