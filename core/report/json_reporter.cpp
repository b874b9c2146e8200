#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "report/json_text.hpp"
#include "report/report.hpp"

namespace surveycheck::report {
namespace {

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

constexpr std::size_t piece_size = std::size_t{1} << 20;

// Write `piece` out once it is large: a report of millions of findings is never held whole.
void flush_large(std::string& piece, std::ostream& out) {
    if (piece.size() < piece_size) return;
    out << piece;
    piece.clear();
}

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

// One unnamed temporary file that text is appended to, in pieces, and can be cut back.
class JsonSpool::Spool {
public:
    explicit Spool(const std::string& folder) {
        const std::string where = folder.empty() ? "." : folder;
        what_ = "the report's temporary file in " + where;
        std::string name = (std::filesystem::path(where) / ".surveycheck-spool.XXXXXX").string();
        fd_ = ::mkstemp(name.data());
        if (fd_ < 0) fail("create");
        ::unlink(name.c_str());  // gone with the process, whatever happens
    }
    ~Spool() { ::close(fd_); }
    Spool(const Spool&) = delete;
    Spool& operator=(const Spool&) = delete;

    // Text is appended here, then flushed.
    std::string buffer;
    // Bytes appended so far.
    std::uint64_t size() const { return written_ + buffer.size(); }
    void flush(bool large_only) {
        if (large_only && buffer.size() < piece_size) return;
        for (std::size_t done = 0; done < buffer.size();) {
            const ssize_t n = ::pwrite(fd_, buffer.data() + done, buffer.size() - done,
                                       static_cast<off_t>(written_ + done));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) fail("write");
            done += static_cast<std::size_t>(n);
        }
        written_ += buffer.size();
        buffer.clear();
    }
    // Forget everything after the first `size` bytes.
    void cut(std::uint64_t size) {
        if (size >= written_) {
            buffer.resize(static_cast<std::size_t>(size - written_));
            return;
        }
        buffer.clear();
        written_ = size;
        if (::ftruncate(fd_, static_cast<off_t>(size)) != 0) fail("cut");
    }
    // Copy bytes [from, to) into `out` (after flush()); into `out_fd` in the kernel when it is `out`'s
    // descriptor (>= 0) and the file systems allow it.
    void copy(std::uint64_t from, std::uint64_t to, std::ostream& out, int out_fd) const {
        if (out_fd >= 0 && from < to) {
            out.flush();
            auto offset = static_cast<loff_t>(from);
            while (offset < static_cast<loff_t>(to)) {
                const ssize_t n =
                    ::copy_file_range(fd_, &offset, out_fd, nullptr,
                                      static_cast<std::size_t>(static_cast<loff_t>(to) - offset), 0);
                if (n < 0 && errno == EINTR) continue;
                if (n <= 0) break;  // not supported here: copy the rest through `out`
            }
            from = static_cast<std::uint64_t>(offset);
        }
        std::string chunk(piece_size, '\0');
        while (from < to) {
            const std::size_t want =
                static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), to - from));
            const ssize_t n = ::pread(fd_, chunk.data(), want, static_cast<off_t>(from));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) fail("read");
            out.write(chunk.data(), n);
            from += static_cast<std::uint64_t>(n);
        }
    }

private:
    [[noreturn]] void fail(const char* doing) const {
        throw SpoolError(std::string("cannot ") + doing + " " + what_ + ": " +
                         (errno != 0 ? std::strerror(errno) : "no space left"));
    }

    int fd_ = -1;
    std::string what_;  // for messages
    std::uint64_t written_ = 0;
};

JsonSpool::JsonSpool(const std::optional<std::string>& folder) {
    if (!folder) return;
    contributions_ = std::make_unique<Spool>(*folder);
    findings_ = std::make_unique<Spool>(*folder);
}

JsonSpool::~JsonSpool() = default;

void JsonSpool::add_contribution(const engine::ContributionSummary& contribution) {
    ++current_.contributions;
    if (!contributions_) return;
    JsonText json(contributions_->buffer, 2, 4);  // an element of files[].contributions
    write_contribution(json, contribution);
    contributions_->flush(true);
}

void JsonSpool::add_findings(const std::vector<engine::Finding>& findings) {
    for (const auto& finding : findings) {
        count_finding(finding, current_);
        if (!findings_) continue;
        JsonText json(findings_->buffer, 2, 2);  // an element of findings
        write_finding(json, finding);
        findings_->flush(true);
    }
}

void JsonSpool::end_file() {
    add_summary(counts_, current_);
    current_ = Summary{};
    if (!contributions_) return;
    file_ends_.push_back(contributions_->size());
    findings_end_ = findings_->size();
}

void JsonSpool::drop_file() {
    current_ = Summary{};
    if (!contributions_) return;
    contributions_->cut(file_ends_.empty() ? 0 : file_ends_.back());
    findings_->cut(findings_end_);
}

void JsonSpool::finish(std::ostream& out, const RunReport& report, int out_fd) {
    if (!contributions_ || report.files.size() != file_ends_.size()) {
        throw std::logic_error("the report's files are not the spooled ones");
    }
    drop_file();
    contributions_->flush(false);
    findings_->flush(false);
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
        splice(json, piece, to, *contributions_, file == 0 ? 0 : file_ends_[file - 1], file_ends_[file]);
    };
    bulk.file_findings = [&](JsonText& json, std::string& piece, std::ostream& to) {
        splice(json, piece, to, *findings_, 0, findings_end_);
    };
    write_report(out, report, bulk);
}

}  // namespace surveycheck::report
