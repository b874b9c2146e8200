#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "report/json_text.hpp"
#include "report/report.hpp"
#include "report/sink.hpp"
#include "report/sinks.hpp"
#include "report/spool.hpp"

namespace surveycheck::report {
namespace {

// The waiver and baseline state of a finding or of one of its items.
void write_state(JsonText& json, const engine::FindingItem& finding) {
    json.member("suppressed", finding.suppressed);
    if (finding.suppressed) {
        json.key("suppression");
        json.begin_object();
        json.member("justification", finding.suppression.justification);
        json.member("author", finding.suppression.author);
        json.member("expires", finding.suppression.expires);
        json.end_object();
    }
    if (finding.baseline != engine::BaselineState::none) {
        json.member("baseline_state",
                    finding.baseline == engine::BaselineState::new_finding ? "new" : "unchanged");
    }
}

// One occurrence of a grouped finding, with the values of its message's placeholders (each name once).
void write_item(JsonText& json, const engine::FindingItem& item) {
    json.begin_object();
    json.member("message", item.message);
    json.member("line", std::uint64_t{item.position.line});
    json.member("column", std::uint64_t{item.position.column});
    json.member("xpath", item.xpath);
    json.member("hint", item.hint);
    json.member("fingerprint", item.fingerprint);
    json.member("excerpt", item.excerpt);
    // By name, as a reader's object holds them: a report read back and written again is the same.
    const std::map<std::string, std::string> args(item.args.begin(), item.args.end());
    json.key("args");
    json.begin_object();
    for (const auto& [name, value] : args) json.member(name, value);
    json.end_object();
    write_state(json, item);
    json.end_object();
}

void write_finding(JsonText& json, const engine::Finding& finding) {
    json.begin_object();
    json.member("rule", finding.rule);
    json.member("severity", engine::severity_name(finding.severity));
    json.member("message", finding.message);
    json.member("file", finding.file);
    json.member("contribution", finding.contribution);
    json.key("question");
    json.begin_object();
    json.member("key", finding.question.key);
    json.member("uid", finding.question.uid);
    json.member("bid", finding.question.bid);
    json.member("title", finding.question.title);
    json.end_object();
    json.member("section", finding.section);
    json.member("line", std::uint64_t{finding.position.line});
    json.member("column", std::uint64_t{finding.position.column});
    json.member("xpath", finding.xpath);
    json.member("hint", finding.hint);
    json.member("fingerprint", finding.fingerprint);
    json.member("docs", finding.docs_url);
    json.member("excerpt", finding.excerpt);
    write_state(json, finding);
    if (!finding.items.empty()) {
        json.key("items");
        json.begin_array();
        for (const auto& item : finding.items) write_item(json, item);
        json.end_array();
    }
    json.end_object();
}

void write_contribution(JsonText& json, const engine::ContributionSummary& contribution) {
    json.begin_object();
    json.member("id", contribution.id);
    json.member("partnership", contribution.partnership);
    json.member("period", contribution.period);
    json.member("line", std::uint64_t{contribution.position.line});
    json.member("column", std::uint64_t{contribution.position.column});
    json.end_object();
}

// What the report holds in bulk, written by whoever holds it: a file's contributions (by index into
// report.files) and the findings of files; `piece` is the text written so far, to flush into `out` first.
struct Bulk {
    std::function<void(JsonText& json, std::string& piece, std::ostream& out, std::size_t file)>
        contributions;
    std::function<void(JsonText& json, std::string& piece, std::ostream& out)> file_findings;
};

void write_summary(JsonText& json, const RunReport& report) {
    const Summary counts = report.summary();
    json.key("summary");
    json.begin_object();
    json.member("files", std::uint64_t{counts.files});
    json.member("contributions", std::uint64_t{counts.contributions});
    json.member("error", std::uint64_t{counts.error});
    json.member("warning", std::uint64_t{counts.warning});
    json.member("info", std::uint64_t{counts.info});
    json.member("suppressed", std::uint64_t{counts.suppressed});
    json.key("rules");
    json.begin_object();
    for (const auto& [rule, count] : counts.per_rule) json.member(rule, std::uint64_t{count});
    json.end_object();
    json.member("fail_on", engine::severity_name(report.fail_on));
    json.member("incomplete", report.incomplete());
    if (report.baseline.used) {
        json.key("baseline");
        json.begin_object();
        json.member("path", report.baseline.path);
        json.member("known", std::uint64_t{report.baseline.known});
        json.key("absent");
        json.begin_array();
        for (const auto& entry : report.baseline.absent) {
            json.begin_object();
            json.member("fingerprint", entry.fingerprint);
            json.member("rule", entry.rule);
            json.member("file", entry.file);
            json.member("contribution", entry.contribution);
            json.member("question", entry.question);
            json.member("message", entry.message);
            json.end_object();
        }
        json.end_array();
        json.end_object();
    }
    json.end_object();
}

// The whole report; `bulk` writes the contributions and file findings in their places.
void write_report(std::ostream& out, const RunReport& report, const Bulk& bulk) {
    std::string text;
    JsonText json(text, 2);
    json.begin_object();
    json.key("tool");
    json.begin_object();
    json.member("name", "surveycheck");
    json.member("version", report.tool_version);
    json.end_object();
    json.key("files");
    json.begin_array();
    for (std::size_t i = 0; i < report.files.size(); ++i) {
        const engine::FileResult& file = report.files[i];
        json.begin_object();
        json.member("path", file.path);
        json.member("status", engine::file_status_name(file.status));
        if (file.status == engine::FileStatus::unreadable) {
            json.key("error");
            json.begin_object();
            json.member("message", file.error);
            json.member("line", std::uint64_t{file.error_position.line});
            json.member("column", std::uint64_t{file.error_position.column});
            json.end_object();
        }
        json.key("contributions");
        json.begin_array();
        bulk.contributions(json, text, out, i);
        json.end_array();
        if (!file.attachments.empty()) {
            json.key("attachments");
            json.begin_array();
            for (const auto& attachment : file.attachments) {
                json.begin_object();
                json.member("member", attachment.member);
                json.member("question", attachment.question_uid);
                json.member("name", attachment.file_name);
                json.end_object();
            }
            json.end_array();
        }
        json.end_object();
        flush_large(text, out);
    }
    json.end_array();
    json.key("findings");
    json.begin_array();
    for (const auto& finding : report.run_findings) {
        write_finding(json, finding);
        flush_large(text, out);
    }
    bulk.file_findings(json, text, out);
    json.end_array();
    json.key("problems");
    json.begin_array();
    for (const auto& problem : report.problems) json.value(problem);
    json.end_array();
    write_summary(json, report);
    json.end_object();
    // Invalid UTF-8 in an export is replaced, never a reason to lose the report.
    out << text << '\n';
}

}  // namespace

std::string finding_json_line(const engine::Finding& finding) {
    std::string line;
    JsonText json(line, -1);
    write_finding(json, finding);
    return line;
}

void write_json(std::ostream& out, const RunReport& report) {
    Bulk bulk;
    bulk.contributions = [&](JsonText& json, std::string& piece, std::ostream& to, std::size_t file) {
        for (const auto& contribution : report.files[file].contributions) {
            write_contribution(json, contribution);
            flush_large(piece, to);
        }
    };
    bulk.file_findings = [&](JsonText& json, std::string& piece, std::ostream& to) {
        for (const auto& file : report.files) {
            for (const auto& finding : file.findings) {
                write_finding(json, finding);
                flush_large(piece, to);
            }
        }
    };
    write_report(out, report, bulk);
}

namespace {

// The JSON report: contributions and findings wait in two spools until finish() writes the very bytes
// write_json() would for the whole report.
class JsonSink : public Sink {
public:
    explicit JsonSink(const SinkTarget& target)
        : target_(target), contributions_(target.spool_folder), findings_(target.spool_folder) {}

    void begin(const RunReport&) override {}

    void contribution(const engine::ContributionSummary& contribution,
                      const std::vector<engine::Finding>& findings) override {
        JsonText json(contributions_.buffer, 2, 4);  // an element of files[].contributions
        write_contribution(json, contribution);
        contributions_.flush(true);
        this->findings(findings);
    }

    void findings(const std::vector<engine::Finding>& findings) override {
        for (const auto& finding : findings) {
            JsonText json(findings_.buffer, 2, 2);  // an element of findings
            write_finding(json, finding);
            findings_.flush(true);
        }
    }

    void end_file(const engine::FileResult&, std::size_t) override {
        file_ends_.push_back(contributions_.size());
        findings_end_ = findings_.size();
    }

    void drop_file() override {
        contributions_.cut(file_ends_.empty() ? 0 : file_ends_.back());
        findings_.cut(findings_end_);
    }

    void finish(const RunReport& report) override {
        if (report.files.size() != file_ends_.size()) {
            throw std::logic_error("the report's files are not the spooled ones");
        }
        drop_file();
        contributions_.flush(false);
        findings_.flush(false);
        const int out_fd = target_.fd;
        // Every spooled element starts with its comma; the first of an array drops it.
        const auto splice = [out_fd](JsonText& json, std::string& piece, std::ostream& to, const Spool& spool,
                                     std::uint64_t from, std::uint64_t end) {
            if (from == end) return;
            if (json.splice()) ++from;
            to << piece;
            piece.clear();
            spool.copy(from, end, to, out_fd);
        };
        Bulk bulk;
        bulk.contributions = [&](JsonText& json, std::string& piece, std::ostream& to, std::size_t file) {
            splice(json, piece, to, contributions_, file == 0 ? 0 : file_ends_[file - 1], file_ends_[file]);
        };
        bulk.file_findings = [&](JsonText& json, std::string& piece, std::ostream& to) {
            splice(json, piece, to, findings_, 0, findings_end_);
        };
        write_report(*target_.out, report, bulk);
    }

private:
    SinkTarget target_;
    Spool contributions_;
    Spool findings_;
    std::vector<std::uint64_t> file_ends_;  // per ended file: where its contributions end in the spool
    std::uint64_t findings_end_ = 0;        // bytes of findings of ended files
};

}  // namespace

std::unique_ptr<Sink> make_json_sink(const SinkTarget& target) { return std::make_unique<JsonSink>(target); }

}  // namespace surveycheck::report
