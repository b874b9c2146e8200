#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <sstream>
#include <string_view>

#include "engine/translate.hpp"
#include "report/html_assets.hpp"
#include "report/report.hpp"
#include "report/sinks.hpp"
#include "report/spool.hpp"
#include "report/ui_text.hpp"
#include "util/base64.hpp"
#include "util/sha256.hpp"

namespace surveycheck::report {
namespace {

using engine::Finding;
using engine::Severity;

constexpr std::array<Severity, 3> severities = {Severity::error, Severity::warning, Severity::info};

// Untrusted text for HTML text and quoted attribute values: markup characters become references, control
// characters (other than tab and line breaks) their Control Pictures symbol, so nothing is ever markup.
std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 16);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const auto byte = static_cast<unsigned char>(c);
        const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0u;
        if (byte == 0xC2 && next >= 0x80 && next <= 0x9F) {  // a C1 control (8-bit CSI): no picture, U+FFFD
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                if ((byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7f) {
                    const unsigned picture = byte == 0x7f ? 0x2421 : 0x2400 + byte;
                    out += static_cast<char>(0xE0 | (picture >> 12));
                    out += static_cast<char>(0x80 | ((picture >> 6) & 0x3F));
                    out += static_cast<char>(0x80 | (picture & 0x3F));
                } else {
                    out += c;
                }
        }
    }
    return out;
}

// A rule's documentation link, only for web and file addresses (never javascript: or data:).
bool linkable(const std::string& url) {
    for (const char* scheme : {"https://", "http://", "file://"}) {
        if (url.rfind(scheme, 0) == 0) return true;
    }
    return false;
}

// The CSP source of an inline element: 'sha256-<base64 of the digest>'.
std::string csp_hash(std::string_view content) {
    return "'sha256-" + util::base64(util::sha256_digest(content)) + "'";
}

// Active findings per severity and waived ones, of one scope (the run, a file or a contribution).
struct Counts {
    std::size_t error = 0;
    std::size_t warning = 0;
    std::size_t info = 0;
    std::size_t waived = 0;

    void add(const Finding& finding) {
        if (finding.suppressed) {
            ++waived;
        } else if (finding.severity == Severity::error) {
            ++error;
        } else if (finding.severity == Severity::warning) {
            ++warning;
        } else {
            ++info;
        }
    }
    std::size_t of(const std::string& key) const {
        if (key == "error") return error;
        if (key == "warning") return warning;
        if (key == "info") return info;
        return waived;
    }
};

const std::array<const char*, 4> count_keys = {"error", "warning", "info", "waived"};

// Findings of one question, in the order they come.
struct QuestionGroup {
    std::string id;  // profile key, else uid, else title
    const engine::FindingQuestion* question = nullptr;
    std::vector<const Finding*> findings;
};

// Questions of one section, in the order their first finding comes.
struct SectionGroup {
    bool whole = false;  // findings about the whole contribution, not a question
    std::string title;
    std::vector<QuestionGroup> questions;
};

std::string question_id(const Finding& finding) {
    const auto& q = finding.question;
    return !q.key.empty() ? q.key : !q.uid.empty() ? q.uid : q.title;
}

// Findings grouped by section and question, in the order the engine gives them (questionnaire order).
std::vector<SectionGroup> group_by_question(const std::vector<const Finding*>& findings) {
    std::vector<SectionGroup> sections;
    for (const Finding* finding : findings) {
        const std::string id = question_id(*finding);
        const bool whole = id.empty();
        auto s = std::find_if(sections.begin(), sections.end(), [&](const SectionGroup& group) {
            return group.whole == whole && (whole || group.title == finding->section);
        });
        if (s == sections.end())
            s = sections.insert(sections.end(), SectionGroup{whole, finding->section, {}});
        auto q = std::find_if(s->questions.begin(), s->questions.end(),
                              [&](const QuestionGroup& group) { return group.id == id; });
        if (q == s->questions.end())
            q = s->questions.insert(s->questions.end(), QuestionGroup{id, &finding->question, {}});
        q->findings.push_back(finding);
    }
    return sections;
}

// What the page's head and filters count over every finding of the run, waived ones included.
struct Tally {
    Counts totals;
    std::map<std::string, std::size_t> per_rule;
    std::map<std::string, std::size_t> per_severity;
    std::size_t failing = 0;  // active at or above the threshold
    std::size_t findings = 0;

    void add(const Finding& finding, Severity fail_on) {
        totals.add(finding);
        ++per_rule[finding.rule];
        ++per_severity[engine::severity_name(finding.severity)];
        if (!finding.suppressed && finding.severity >= fail_on) ++failing;
        ++findings;
    }
};

// Add the counts of `more` to `tally`.
void add_tally(Tally& tally, const Tally& more) {
    tally.totals.error += more.totals.error;
    tally.totals.warning += more.totals.warning;
    tally.totals.info += more.totals.info;
    tally.totals.waived += more.totals.waived;
    for (const auto& [rule, count] : more.per_rule) tally.per_rule[rule] += count;
    for (const auto& [severity, count] : more.per_severity) tally.per_severity[severity] += count;
    tally.failing += more.failing;
    tally.findings += more.findings;
}

// The page: each file's overview rows and section are written as the file ends, a contribution at a time,
// and wait in two spools, as the head counts every finding of the run.
class HtmlSink : public GroupingSink {
public:
    explicit HtmlSink(const SinkTarget& target)
        : GroupingSink(target.spool_folder),
          target_(target),
          out_(target.out),
          overview_(target.spool_folder),
          files_(target.spool_folder) {}

    void begin(const RunReport& report) override {
        fail_on_ = report.fail_on;
        ui_ = UiText(report.lang);
        for (const auto& rule : report.rules) {
            std::string title = engine::rule_text(rule, "title", rule.title, report.lang);
            if (rule.third_party) title += " [" + std::string(ui_("rules.third-party")) + "]";
            rule_titles_[rule.id] = std::move(title);
        }
    }

    void finish(const RunReport& report) override {
        report_ = &report;
        out_ = target_.out;
        for (const auto& finding : report.run_findings) tally_.add(finding, fail_on_);
        const Summary summary = report.summary();
        head(summary);
        *out_ << "<body>\n";
        header(summary);
        filters();
        *out_ << "<main>\n";
        problems();
        run_findings();
        *out_ << "<section id=\"overview\">\n<h2>" << ui_("html.overview")
              << "</h2>\n<table>\n<thead><tr><th>" << ui_("html.file-and-contribution") << "</th><th>"
              << ui_("html.partnership") << "</th><th>" << ui_("html.period") << "</th><th>"
              << ui_("html.status") << "</th><th class=\"num\">" << ui_("html.errors")
              << "</th><th class=\"num\">" << ui_("html.warnings") << "</th><th class=\"num\">"
              << ui_("html.infos") << "</th><th class=\"num\">" << ui_("html.waived")
              << "</th></tr></thead>\n<tbody>\n";
        overview_.drain(*out_, target_.fd);
        *out_ << "</tbody>\n</table>\n</section>\n";
        files_.drain(*out_, target_.fd);
        baseline();
        *out_ << "</main>\n<footer>" << ui_("html.footer", {{"version", escape(report.tool_version)}})
              << "</footer>\n"
              << "<script>" << html::script << "</script>\n</body>\n</html>\n";
    }

protected:
    void arrived(const std::vector<Finding>& findings) override {
        for (const auto& finding : findings) {
            file_tally_.add(finding, fail_on_);
        }
    }

    void dropped() override { file_tally_ = Tally{}; }

    void begin_file(const EndedFile& file, std::size_t i) override {
        add_tally(tally_, file_tally_);
        const Counts counts = file_tally_.totals;
        file_tally_ = Tally{};
        const engine::FileResult& header = *file.header;
        file_ = file_scope(i);
        contribution_ = 0;
        readable_ = header.status != engine::FileStatus::unreadable;
        out_ = &text_;
        *out_ << "<tr class=\"file-row\"><th scope=\"row\"><a class=\"path\" href=\"#" << file_ << "\">"
              << escape(header.path) << "</a></th><td></td><td></td><td>" << status_text(header) << "</td>";
        count_cells(file_, counts);
        *out_ << "</tr>\n";
        spool_text(overview_);
        *out_ << "<details class=\"file\" id=\"" << file_ << "\" open>\n<summary><span class=\"path\">"
              << escape(header.path) << "</span> <span class=\"muted\">— " << status_text(header) << ", "
              << ui_.count(file.contributions, "count.contribution") << "</span></summary>\n";
        if (!readable_) {
            *out_ << "<p class=\"unreadable\">"
                  << ui_("html.unreadable-at", {{"line", std::to_string(header.error_position.line)},
                                                {"column", std::to_string(header.error_position.column)}})
                  << escape(header.error) << "</p>\n";
        } else if (!file.unattached.empty()) {
            *out_ << "<section class=\"group\">\n<h4>" << ui_("html.whole-file")
                  << "</h4>\n<ol class=\"findings\">\n";
            for (const Finding* finding : file.unattached) finding_item(*finding, "all " + file_, true);
            *out_ << "</ol>\n</section>\n";
        }
        spool_text(files_);
    }

    void file_contribution(const engine::ContributionSummary& contribution,
                           const std::vector<const Finding*>& all, bool first) override {
        static const std::vector<const Finding*> none;
        const std::vector<const Finding*>& findings = first ? all : none;
        const std::string scope = file_ + "-c" + std::to_string(++contribution_);
        Counts counts;
        for (const Finding* finding : findings) counts.add(*finding);
        *out_ << "<tr class=\"contribution-row\"><td><a href=\"#" << scope << "\">"
              << ui_("html.contribution-link", {{"id", escape(contribution.id)}})
              << "</a></td><td class=\"text\">" << escape(contribution.partnership)
              << "</td><td class=\"text\">" << escape(contribution.period) << "</td><td></td>";
        count_cells(scope, counts);
        *out_ << "</tr>\n";
        spool_text(overview_);
        if (!readable_) return;
        this->contribution(contribution, file_, scope, counts, findings);
        spool_text(files_);
    }

    void end_of_file() override {
        *out_ << "</details>\n";
        spool_text(files_);
        out_ = target_.out;
    }

private:
    void head(const Summary& summary) {
        *out_ << "<!DOCTYPE html>\n<html lang=\"" << (ui_.french() ? "fr" : "en")
              << "\">\n<head>\n<meta charset=\"utf-8\">\n"
              << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src "
              << csp_hash(html::script) << "; style-src " << csp_hash(html::style)
              << "; img-src 'none'; base-uri 'none'; form-action 'none'\">\n"
              << "<meta name=\"referrer\" content=\"no-referrer\">\n"
              << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              << "<meta name=\"generator\" content=\"surveycheck " << escape(report_->tool_version) << "\">\n"
              << "<title>" << ui_("html.title") << ui_("colon") << ui_.count(summary.files, "count.file")
              << ", " << ui_.count(summary.error, "count.error") << ", "
              << ui_.count(summary.warning, "count.warning") << "</title>\n<style>" << html::style
              << "</style>\n</head>\n";
    }

    void header(const Summary& summary) {
        *out_ << "<header>\n<h1>" << ui_("html.title") << "</h1>\n";
        const Verdict verdict = verdict_of(ui_, summary, report_->fail_on, report_->incomplete());
        *out_ << "<p class=\"verdict verdict-" << verdict.kind << "\" id=\"verdict\">"
              << escape(verdict.text);
        *out_ << "</p>\n<p class=\"totals\" id=\"totals\">" << ui_.count(summary.files, "count.file") << ", "
              << ui_.count(summary.contributions, "count.contribution") << ui_("colon");
        const Counts& totals = tally_.totals;
        const char* separator = "";
        for (const char* key : count_keys) {
            *out_ << separator << "<span class=\"count-" << key << "\"><b data-count=\"" << key
                  << "\" data-scope=\"all\">" << totals.of(key) << "</b> " << count_label(key) << "</span>";
            separator = " · ";
        }
        *out_ << "</p>\n<p class=\"filter-note\" id=\"filter-note\" hidden>" << ui_("html.filtered")
              << " <b id=\"shown-count\">" << tally_.findings << "</b> "
              << ui_("html.shown", {{"n", std::to_string(tally_.findings)}})
              << " (<span id=\"filter-description\" data-severity-label=\"" << ui_("html.filter-severity")
              << "\" data-rule-label=\"" << ui_("html.filter-rule") << "\"></span>).</p>\n</header>\n";
    }

    void filters() {
        const auto& per_rule = tally_.per_rule;
        auto& per_severity = tally_.per_severity;
        if (per_rule.empty()) return;
        *out_ << "<nav id=\"filters\" aria-label=\"" << ui_("html.filters")
              << "\">\n<fieldset id=\"severity-filter\"><legend>" << ui_("html.severity") << "</legend>";
        for (const Severity severity : severities) {
            const char* name = engine::severity_name(severity);
            *out_ << "<label class=\"count-" << name
                  << "\"><input type=\"checkbox\" name=\"severity\" value=\"" << name << "\" checked> "
                  << ui_.severity(severity) << " (<span data-severity-count=\"" << name << "\">"
                  << per_severity[name] << "</span>)</label>";
        }
        *out_ << "<button type=\"button\" id=\"show-all\">" << ui_("html.show-all")
              << "</button></fieldset>\n"
              << "<fieldset id=\"rule-filter\"><legend>" << ui_("html.rule") << "</legend>";
        for (const auto& [rule, count] : per_rule) {
            *out_ << "<label><input type=\"checkbox\" name=\"rule\" value=\"" << escape(rule)
                  << "\" checked> <code>" << escape(rule) << "</code>";
            const auto title = rule_titles_.find(rule);
            if (title != rule_titles_.end() && !title->second.empty())
                *out_ << " <span class=\"rule-title\">" << escape(title->second) << "</span>";
            *out_ << " (<span data-rule-count=\"" << escape(rule) << "\">" << count << "</span>)</label>";
        }
        *out_ << "<button type=\"button\" id=\"no-rule\">" << ui_("html.no-rule") << "</button></fieldset>\n"
              << "<p class=\"muted\">"
              << ui_("html.filter-note", {{"example", "<code>#severity=error,warning&amp;rule=…</code>"}})
              << "</p>\n</nav>\n";
    }

    void problems() {
        if (report_->problems.empty()) return;
        *out_ << "<section id=\"problems\">\n<h2>" << ui_("html.problems")
              << "</h2>\n<ul class=\"problems\">\n";
        for (const auto& problem : report_->problems) *out_ << "<li>" << escape(problem) << "</li>\n";
        *out_ << "</ul>\n</section>\n";
    }

    void run_findings() {
        if (report_->run_findings.empty()) return;
        *out_ << "<section id=\"run\" class=\"group\">\n<h2>" << ui_("html.run-findings") << "</h2>\n"
              << "<ol class=\"findings\">\n";
        for (const auto& finding : report_->run_findings) finding_item(finding, "all run", true);
        *out_ << "</ol>\n</section>\n";
    }

    void count_cells(const std::string& scope, const Counts& counts) {
        for (const char* key : count_keys) {
            const std::size_t n = counts.of(key);
            *out_ << "<td class=\"num count-" << key << (n == 0 ? " zero" : "") << "\" data-count=\"" << key
                  << "\" data-scope=\"" << scope << "\">" << n << "</td>";
        }
    }

    std::string status_text(const engine::FileResult& file) const {
        switch (file.status) {
            case engine::FileStatus::checked:
                return ui_("status.checked");
            case engine::FileStatus::incomplete:
                return ui_("status.incomplete");
            case engine::FileStatus::unreadable:
                return "<span class=\"unreadable\">" + std::string(ui_("status.unreadable")) + "</span>";
        }
        return "";
    }

    // What a count key shows beside its number: a severity's name, or "waived".
    const char* count_label(const std::string& key) const {
        if (key == "error") return ui_.severity(Severity::error);
        if (key == "warning") return ui_.severity(Severity::warning);
        if (key == "info") return ui_.severity(Severity::info);
        return ui_("waived");
    }

    static std::string file_scope(std::size_t i) { return "f" + std::to_string(i + 1); }
    // Write what `text_` holds into `spool`.
    void spool_text(Spool& spool) {
        spool.buffer += text_.str();
        text_.str("");
        spool.flush(true);
    }

    void contribution(const engine::ContributionSummary& contribution, const std::string& file_scope,
                      const std::string& scope, const Counts& counts,
                      const std::vector<const Finding*>& findings) {
        *out_ << "<details class=\"contribution\" id=\"" << scope << "\" open>\n<summary><h3>"
              << ui_("html.contribution-heading", {{"id", escape(contribution.id)}});
        if (!contribution.partnership.empty()) *out_ << " — " << escape(contribution.partnership);
        if (!contribution.period.empty()) *out_ << ", " << escape(contribution.period);
        *out_ << "</h3> <span class=\"muted\">"
              << ui_("html.line", {{"n", std::to_string(contribution.position.line)}})
              << "</span><span class=\"counts\">";
        for (const char* key : count_keys) {
            const std::size_t n = counts.of(key);
            *out_ << "<span class=\"count-" << key << "\"><b data-count=\"" << key << "\" data-scope=\""
                  << scope << "\">" << n << "</b> " << count_label(key) << "</span>";
        }
        *out_ << "</span></summary>\n<div class=\"contribution-body\">\n";
        if (findings.empty()) {
            *out_ << "<p class=\"muted\">" << ui_("html.no-findings") << "</p>\n";
        } else {
            *out_ << "<p class=\"no-match\" hidden>" << ui_("html.no-match") << "</p>\n";
        }
        const std::string scopes = "all " + file_scope + " " + scope;
        for (const auto& section : group_by_question(findings)) {
            *out_ << "<section class=\"group section\">\n<h4>"
                  << (section.whole           ? std::string(ui_("html.whole-contribution"))
                      : section.title.empty() ? std::string(ui_("html.outside-sections"))
                                              : ui_("html.section", {{"title", escape(section.title)}}))
                  << "</h4>\n";
            for (const auto& question : section.questions) {
                *out_ << "<div class=\"group question\">\n";
                if (!question.id.empty()) {
                    const auto& q = *question.question;
                    *out_ << "<h5>" << escape(q.title.empty() ? question.id : q.title);
                    if (!q.key.empty()) *out_ << " <code class=\"muted\">" << escape(q.key) << "</code>";
                    *out_ << "</h5>\n";
                }
                *out_ << "<ol class=\"findings\">\n";
                for (const Finding* finding : question.findings) finding_item(*finding, scopes, false);
                *out_ << "</ol>\n</div>\n";
            }
            *out_ << "</section>\n";
        }
        *out_ << "</div>\n</details>\n";
    }

    void finding_item(const Finding& finding, const std::string& scopes, bool with_place) {
        const char* severity = engine::severity_name(finding.severity);
        *out_ << "<li class=\"finding sev-" << severity << (finding.suppressed ? " waived" : "")
              << "\" data-severity=\"" << severity << "\" data-rule=\"" << escape(finding.rule)
              << "\" data-waived=\"" << (finding.suppressed ? 1 : 0) << "\" data-scopes=\"" << scopes
              << "\" data-fingerprint=\"" << escape(finding.fingerprint)
              << "\">\n<div class=\"finding-head\">"
              << "<span class=\"badge badge-sev\">" << ui_.severity(finding.severity) << "</span>";
        if (finding.suppressed) *out_ << "<span class=\"badge badge-waived\">" << ui_("waived") << "</span>";
        if (finding.baseline == engine::BaselineState::new_finding)
            *out_ << "<span class=\"badge badge-new\">" << ui_("html.new") << "</span>";
        if (linkable(finding.docs_url)) {
            *out_ << "<a class=\"rule\" href=\"" << escape(finding.docs_url)
                  << "\" rel=\"noopener noreferrer\">"
                  << "<code>" << escape(finding.rule) << "</code></a>";
        } else {
            *out_ << "<code class=\"rule\">" << escape(finding.rule) << "</code>";
        }
        *out_ << "<span class=\"where\">";
        if (with_place && !finding.contribution.empty())
            *out_ << ui_("html.contribution-link", {{"id", escape(finding.contribution)}}) << ", ";
        place(finding.position);
        *out_ << "</span></div>\n<p class=\"message\">" << escape(finding.message) << "</p>\n";
        if (with_place && !question_id(finding).empty()) {
            *out_ << "<p class=\"question-ref\"><span class=\"label\">" << ui_("html.question") << "</span>";
            if (!finding.section.empty()) *out_ << escape(finding.section) << " › ";
            *out_ << escape(finding.question.title.empty() ? question_id(finding) : finding.question.title)
                  << "</p>\n";
        }
        if (!finding.excerpt.empty()) {
            *out_ << "<p class=\"excerpt\"><span class=\"label\">" << ui_("html.answer") << "</span><q>"
                  << escape(finding.excerpt) << "</q></p>\n";
        }
        if (!finding.hint.empty()) {
            *out_ << "<p class=\"hint\"><span class=\"label\">" << ui_("html.hint") << "</span>"
                  << escape(finding.hint) << "</p>\n";
        }
        if (!finding.items.empty()) items_table(finding);
        if (finding.suppressed) {
            *out_ << "<p class=\"waiver\"><span class=\"label\">" << ui_("html.waived-label") << "</span>";
            if (!finding.suppression.author.empty())
                *out_ << ui_("html.waived-by", {{"author", escape(finding.suppression.author)}});
            if (!finding.suppression.expires.empty())
                *out_ << ui_("html.waived-until", {{"expires", escape(finding.suppression.expires)}});
            *out_ << "— " << escape(finding.suppression.justification) << "</p>\n";
        }
        if (!finding.xpath.empty())
            *out_ << "<p class=\"xpath\"><code>" << escape(finding.xpath) << "</code></p>\n";
        *out_ << "</li>\n";
    }

    // "line 3, column 7", "line 3" when there is no column, nothing without a line.
    void place(eusurvey::Position position) {
        if (position.line > 0 && position.column == 0) {
            *out_ << ui_("html.line", {{"n", std::to_string(position.line)}});
        } else if (position.line > 0) {
            *out_ << ui_("html.line-column", {{"line", std::to_string(position.line)},
                                              {"column", std::to_string(position.column)}});
        }
    }

    // A grouped finding's items, one row each: place, message, hint, and waiver or baseline state.
    void items_table(const Finding& finding) {
        *out_ << "<table class=\"items\">\n<caption>"
              << ui_("html.items", {{"n", std::to_string(finding.items.size())}})
              << "</caption>\n<thead><tr><th>" << ui_("html.item-place") << "</th><th>"
              << ui_("html.item-message") << "</th><th>" << ui_("html.hint") << "</th><th>"
              << ui_("html.item-state") << "</th></tr></thead>\n<tbody>\n";
        for (const engine::FindingItem& item : finding.items) {
            *out_ << "<tr class=\"item" << (item.suppressed ? " waived" : "") << "\" data-fingerprint=\""
                  << escape(item.fingerprint) << "\"><td>";
            place(item.position);
            *out_ << "</td><td>" << escape(item.message) << "</td><td>" << escape(item.hint) << "</td><td>";
            if (item.suppressed) {
                *out_ << ui_("waived") << " — " << escape(item.suppression.justification);
            } else if (item.baseline == engine::BaselineState::new_finding) {
                *out_ << ui_("html.new");
            } else if (item.baseline == engine::BaselineState::unchanged) {
                *out_ << ui_("html.unchanged");
            }
            *out_ << "</td></tr>\n";
        }
        *out_ << "</tbody>\n</table>\n";
    }

    void baseline() {
        if (!report_->baseline.used) return;
        *out_ << "<section id=\"baseline\">\n<h2>" << ui_("html.baseline") << "</h2>\n<p>"
              << "<span class=\"path\">" << escape(report_->baseline.path) << "</span>" << ui_("colon")
              << ui_("html.baseline-text",
                     {{"known", ui_.count(report_->baseline.known, "count.known-finding")},
                      {"absent", ui_.count(report_->baseline.absent.size(), "count.entry")}})
              << "</p>\n";
        if (!report_->baseline.absent.empty()) {
            *out_ << "<ul>\n";
            for (const auto& entry : report_->baseline.absent) {
                *out_ << "<li><code>" << escape(entry.rule) << "</code> <span class=\"path\">"
                      << escape(entry.file) << "</span> " << escape(entry.contribution) << " "
                      << escape(entry.question) << "</li>\n";
            }
            *out_ << "</ul>\n";
        }
        *out_ << "</section>\n";
    }

    SinkTarget target_;
    std::ostream* out_;                  // the page, or a file's part of it
    const RunReport* report_ = nullptr;  // at finish()
    engine::Severity fail_on_ = engine::Severity::error;
    UiText ui_;
    std::map<std::string, std::string> rule_titles_;
    Tally tally_;
    Tally file_tally_;  // of the current file, as its findings come
    Spool overview_;
    Spool files_;
    std::ostringstream text_;       // a piece of the current file's rows or section
    std::string file_;              // the current file's scope
    std::size_t contribution_ = 0;  // contributions of the current file so far
    bool readable_ = true;          // the current file
};

}  // namespace

std::unique_ptr<Sink> make_html_sink(const SinkTarget& target) { return std::make_unique<HtmlSink>(target); }

void write_html(std::ostream& out, const RunReport& report) {
    HtmlSink sink(target_of(out));
    write_through(sink, report);
}

}  // namespace surveycheck::report
