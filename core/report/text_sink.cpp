#include <cstdio>
#include <memory>
#include <sstream>

#include "report/report.hpp"
#include "report/sinks.hpp"
#include "report/spool.hpp"
#include "report/ui_text.hpp"

namespace surveycheck::report {
namespace {

using engine::Finding;
using engine::Severity;

const char* colour_of(Severity severity) {
    switch (severity) {
        case Severity::error:
        case Severity::rule_default:  // never kept
            return "\x1b[1;31m";
        case Severity::warning:
            return "\x1b[1;33m";
        case Severity::info:
            return "\x1b[1;36m";
    }
    return "";
}

// Answer text is untrusted: control characters (terminal escapes among them) are shown, never sent.
std::string printable(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0u;
        if (c == 0xC2 && next >= 0x80 && next <= 0x9F) {  // a C1 control, e.g. the 8-bit CSI
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", next);
            out += escaped;
            ++i;
        } else if (c < 0x20 || c == 0x7f) {
            if (c == '\n' || c == '\t') {
                out += ' ';
            } else {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
                out += escaped;
            }
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

class TextWriter {
public:
    TextWriter(std::ostream& out, const TextOptions& options) : out_(out), colour_(options.colour) {}

    void set_language(const std::string& lang) { ui_ = UiText(lang); }

    void file_header(const engine::FileResult& file, std::size_t contributions) {
        out_ << style("\x1b[1m") << printable(file.path) << style("\x1b[0m");
        if (file.status == engine::FileStatus::unreadable) {
            out_ << ui_("colon") << style(colour_of(Severity::error)) << ui_("status.unreadable")
                 << style("\x1b[0m") << ui_("colon") << file.error_position.line << ':'
                 << file.error_position.column << ": " << printable(file.error) << '\n';
            return;
        }
        out_ << " (" << ui_.count(contributions, "count.contribution");
        if (file.status == engine::FileStatus::incomplete) out_ << ", " << ui_("status.incomplete");
        out_ << ")\n";
        if (file.attachments.empty()) return;
        const std::size_t count = file.attachments.size();
        out_ << "  " << ui_("text.not-validated", {{"files", ui_.count(count, "count.uploaded-file")}});
        constexpr std::size_t listed = 20;  // the JSON report names them all
        for (std::size_t i = 0; i < count && i < listed; ++i) {
            out_ << (i == 0 ? "" : ", ") << printable(file.attachments[i].member);
        }
        if (count > listed) out_ << ui_("text.and-more", {{"n", std::to_string(count - listed)}});
        out_ << '\n';
    }

    void contribution_header(const engine::ContributionSummary& contribution, std::size_t count) {
        out_ << "  " << ui_("text.contribution") << ' ' << printable(contribution.id);
        if (!contribution.partnership.empty() || !contribution.period.empty()) {
            out_ << " — " << printable(contribution.partnership);
            if (!contribution.partnership.empty() && !contribution.period.empty()) out_ << ", ";
            out_ << printable(contribution.period);
        }
        out_ << ui_("text.at-line", {{"n", std::to_string(contribution.position.line)}});
        out_ << (count == 0 ? std::string(ui_("text.no-findings")) : ui_.count(count, "count.finding"))
             << '\n';
    }

    void finding(const Finding& finding, const char* indent) {
        out_ << indent << style(colour_of(finding.severity)) << ui_.severity(finding.severity)
             << style("\x1b[0m")
             << (finding.suppressed ? " (" + std::string(ui_("waived")) + ") " : std::string(" "))
             << finding.rule << "  " << finding.position.line;
        if (finding.position.column > 0) out_ << ':' << finding.position.column;  // 0: no place in a line
        out_ << '\n';
        if (!finding.question.title.empty() || !finding.question.key.empty()) {
            out_ << indent << "  " << ui_("text.question");
            if (!finding.section.empty()) out_ << printable(finding.section) << " › ";
            out_ << printable(finding.question.title.empty() ? finding.question.key : finding.question.title);
            if (!finding.question.key.empty()) out_ << " [" << printable(finding.question.key) << ']';
            out_ << '\n';
        }
        out_ << indent << "  " << printable(finding.message) << '\n';
        if (!finding.excerpt.empty())
            out_ << indent << "  " << ui_("text.answer") << '"' << printable(finding.excerpt) << "\"\n";
        if (!finding.hint.empty())
            out_ << indent << "  " << ui_("text.hint") << printable(finding.hint) << '\n';
        for (const engine::FindingItem& item : finding.items) this->item(item, indent);
        if (finding.suppressed) {
            out_ << indent << "  "
                 << ui_("text.waived-by", {{"author", printable(finding.suppression.author)},
                                           {"expires", finding.suppression.expires},
                                           {"justification", printable(finding.suppression.justification)}})
                 << '\n';
        }
    }

    // One item of a grouped finding on one line: place, message, hint and its waiver or baseline state.
    void item(const engine::FindingItem& item, const char* indent) {
        out_ << indent << "  - " << item.position.line;
        if (item.position.column > 0) out_ << ':' << item.position.column;
        out_ << "  " << printable(item.message);
        if (!item.hint.empty()) out_ << " — " << printable(item.hint);
        if (item.suppressed) {
            out_ << " (" << ui_("waived") << ": " << printable(item.suppression.justification) << ')';
        } else if (item.baseline == engine::BaselineState::unchanged) {
            out_ << " (" << ui_("text.unchanged") << ')';
        }
        out_ << '\n';
    }

    void summary(const RunReport& report) {
        const Summary counts = report.summary();
        for (const auto& problem : report.problems) {
            out_ << style(colour_of(Severity::error)) << ui_("text.problem") << style("\x1b[0m")
                 << ui_("colon") << printable(problem) << '\n';
        }
        out_ << '\n' << counts_line(ui_, counts);
        if (report.incomplete()) out_ << " — " << ui_("status.incomplete");
        out_ << '\n' << verdict_of(ui_, counts, report.fail_on, report.incomplete()).text << '\n';
        if (!counts.per_rule.empty()) {
            const char* separator = ui_("text.by-rule");
            for (const auto& [rule, count] : counts.per_rule) {
                out_ << separator << rule << ' ' << count;
                separator = ", ";
            }
            out_ << '\n';
        }
        if (report.baseline.used) {
            out_ << ui_("text.baseline", {{"path", printable(report.baseline.path)},
                                          {"known", std::to_string(report.baseline.known)},
                                          {"absent", std::to_string(report.baseline.absent.size())}})
                 << '\n';
            for (const auto& entry : report.baseline.absent) {
                out_ << "  " << ui_("text.gone") << entry.fingerprint << ' ' << entry.rule << ' '
                     << printable(entry.file) << ' ' << printable(entry.contribution) << ' '
                     << printable(entry.question) << '\n';
            }
        }
    }

private:
    const char* style(const char* code) const { return colour_ ? code : ""; }

    std::ostream& out_;
    bool colour_;
    UiText ui_;
};

// Run findings first, then every file as it ends (waiting in a spool, as the run findings are known last),
// then the summary.
class TextSink : public GroupingSink {
public:
    explicit TextSink(const SinkTarget& target)
        : GroupingSink(target.spool_folder),
          target_(target),
          options_{target.colour},
          writer_(text_, options_),
          files_(target.spool_folder) {}

    void begin(const RunReport& report) override { writer_.set_language(report.lang); }

    void finish(const RunReport& report) override {
        std::ostream& out = *target_.out;
        TextWriter writer(out, options_);
        writer.set_language(report.lang);
        if (!report.run_findings.empty()) out << UiText(report.lang)("text.run") << '\n';
        for (const auto& finding : report.run_findings) writer.finding(finding, "  ");
        files_.drain(out, target_.fd);
        writer.summary(report);
    }

protected:
    void begin_file(const EndedFile& file, std::size_t) override {
        writer_.file_header(*file.header, file.contributions);
        readable_ = file.header->status != engine::FileStatus::unreadable;
        if (readable_) {
            for (const Finding* finding : file.own) writer_.finding(*finding, "  ");
        }
        spool_text();
    }

    void file_contribution(const engine::ContributionSummary& contribution,
                           const std::vector<const Finding*>& findings, bool) override {
        if (!readable_) return;
        writer_.contribution_header(contribution, findings.size());
        for (const Finding* finding : findings) writer_.finding(*finding, "    ");
        spool_text();
    }

    void end_of_file() override {}

private:
    void spool_text() {
        files_.buffer += text_.str();
        text_.str("");
        files_.flush(true);
    }

    SinkTarget target_;
    TextOptions options_;
    std::ostringstream text_;  // a file's header or one contribution
    TextWriter writer_;        // into `text_`
    Spool files_;
    bool readable_ = true;  // the current file
};

}  // namespace

std::unique_ptr<Sink> make_text_sink(const SinkTarget& target) { return std::make_unique<TextSink>(target); }

void write_text(std::ostream& out, const RunReport& report, const TextOptions& options) {
    SinkTarget target = target_of(out);
    target.colour = options.colour;
    TextSink sink(target);
    write_through(sink, report);
}

}  // namespace surveycheck::report
