#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "report/report.hpp"
#include "report/sinks.hpp"
#include "report/spool.hpp"
#include "surveycheck/rulekit/text.hpp"
#include "util/utf8.hpp"

namespace surveycheck::report {
namespace {

// The host rule whose findings mean "not checked", reported as a JUnit error rather than a failure.
const char* const rule_failed = "surveycheck/rule-failed";

// Text that XML 1.0 can carry: invalid UTF-8 becomes U+FFFD, forbidden control characters their
// Control Pictures symbol (ESC -> U+241B), so untrusted answers never make the report unreadable.
std::string xml_safe(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        // Printable ASCII, tab and line breaks, most of any text, are copied as they are.
        std::size_t plain = i;
        while (plain < text.size()) {
            const auto c = static_cast<unsigned char>(text[plain]);
            if (c >= 0x7F || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) break;
            ++plain;
        }
        out.append(text, i, plain - i);
        i = plain;
        if (i == text.size()) break;
        std::uint32_t code = util::next_code_point(text, i);
        if (code < 0x20 && code != '\t' && code != '\n' && code != '\r') code += 0x2400;
        if (code == 0x7F) code = 0x2421;                  // DEL: its Control Pictures symbol
        if (code >= 0x80 && code <= 0x9F) code = 0xFFFD;  // C1 controls (8-bit CSI) have none
        if (code == 0xFFFE || code == 0xFFFF) code = 0xFFFD;
        rulekit::append_utf8(out, code);
    }
    return out;
}

void set(pugi::xml_node node, const char* name, const std::string& value) {
    node.append_attribute(name).set_value(xml_safe(value).c_str());
}

void set(pugi::xml_node node, const char* name, std::size_t value) {
    node.append_attribute(name).set_value(std::to_string(value).c_str());
}

std::string timestamp_of(const JunitOptions& options) {
    if (!options.timestamp.empty()) return options.timestamp;
    std::time_t now = std::time(nullptr);
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
        char* end = nullptr;
        const long long seconds = std::strtoll(epoch, &end, 10);
        if (end != epoch && *end == '\0' && seconds >= 0) now = static_cast<std::time_t>(seconds);
    }
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    return text;
}

// True when a finding fails its testcase: at or above the threshold, not waived, not known from a baseline.
bool fails(const engine::Finding& finding, engine::Severity fail_on) {
    return !finding.suppressed && finding.baseline != engine::BaselineState::unchanged &&
           finding.severity >= fail_on;
}

std::string where(const engine::Finding& finding) {
    std::string out = finding.file.empty() ? "(whole run)" : finding.file;
    if (finding.position.line > 0) out += ":" + std::to_string(finding.position.line);
    if (finding.position.column > 0) out += ":" + std::to_string(finding.position.column);
    return out;
}

// Everything a reader needs about one finding, one fact a line.
std::string details(const engine::Finding& finding) {
    std::ostringstream out;
    out << engine::severity_name(finding.severity) << ' ' << finding.rule << ": " << finding.message << '\n';
    out << "  at " << where(finding) << '\n';
    if (!finding.contribution.empty()) out << "  contribution: " << finding.contribution << '\n';
    if (!finding.question.key.empty() || !finding.question.title.empty()) {
        out << "  question: " << (finding.question.key.empty() ? finding.question.uid : finding.question.key);
        if (!finding.question.title.empty()) out << " \"" << finding.question.title << '"';
        out << '\n';
    }
    if (!finding.section.empty()) out << "  section: " << finding.section << '\n';
    if (!finding.xpath.empty()) out << "  xpath: " << finding.xpath << '\n';
    if (!finding.excerpt.empty()) out << "  answer: \"" << finding.excerpt << "\"\n";
    if (!finding.hint.empty()) out << "  hint: " << finding.hint << '\n';
    for (const engine::FindingItem& item : finding.items) {
        out << "  - " << item.position.line << ':' << item.position.column << ' ' << item.message;
        if (!item.hint.empty()) out << " (" << item.hint << ')';
        if (item.suppressed) out << " [suppressed: " << item.suppression.justification << ']';
        if (item.baseline == engine::BaselineState::unchanged) out << " [baseline: unchanged]";
        out << '\n';
    }
    if (!finding.docs_url.empty()) out << "  docs: " << finding.docs_url << '\n';
    if (finding.suppressed) {
        out << "  suppressed: " << finding.suppression.justification << " (" << finding.suppression.author
            << ", expires " << finding.suppression.expires << ")\n";
    }
    if (finding.baseline == engine::BaselineState::unchanged) out << "  baseline: unchanged\n";
    if (finding.baseline == engine::BaselineState::new_finding) out << "  baseline: new\n";
    return out.str();
}

// One testcase being built: what fails it, what is only told.
struct Case {
    std::string name;
    std::vector<const engine::Finding*> findings;
    std::string error_message;  // set: the testcase errored (unreadable file, problem)
    std::string error_type;
    std::string error_text;
};

// Counts of a suite.
struct Counts {
    std::size_t tests = 0;
    std::size_t failures = 0;
    std::size_t errors = 0;
};

// Write one testcase into `parent`; findings that do not fail it go to the suite's system-out.
void write_case(pugi::xml_node parent, const std::string& classname, const Case& test,
                engine::Severity fail_on, std::string& system_out, Counts& counts) {
    pugi::xml_node testcase = parent.append_child("testcase");
    set(testcase, "name", test.name);
    set(testcase, "classname", classname);
    set(testcase, "time", std::string("0"));
    ++counts.tests;

    std::vector<const engine::Finding*> failing;
    const engine::Finding* crashed = nullptr;
    for (const engine::Finding* finding : test.findings) {
        const bool failed_rule = finding->rule == rule_failed && !finding->suppressed;
        if (failed_rule && !crashed) crashed = finding;
        if (failed_rule || fails(*finding, fail_on)) {
            failing.push_back(finding);
        } else {
            system_out += "[" + test.name + "] " + details(*finding);
        }
    }
    if (!test.error_type.empty() || crashed) {
        pugi::xml_node error = testcase.append_child("error");
        if (crashed) {
            set(error, "message", crashed->rule + ": " + crashed->message);
            set(error, "type", crashed->rule);
        } else {
            set(error, "message", test.error_message);
            set(error, "type", test.error_type);
        }
        std::string text = test.error_text;
        for (const engine::Finding* finding : failing) text += details(*finding);
        error.text().set(xml_safe(text).c_str());
        ++counts.errors;
        return;
    }
    if (failing.empty()) return;
    // The Ant schema allows one failure per testcase: it names the first finding and lists them all.
    pugi::xml_node failure = testcase.append_child("failure");
    std::string message = failing.front()->rule + ": " + failing.front()->message;
    std::string type = failing.front()->rule;
    if (failing.size() > 1) message += " (and " + std::to_string(failing.size() - 1) + " more)";
    std::vector<std::string> rules{failing.front()->rule};
    for (const engine::Finding* finding : failing) {
        if (std::find(rules.begin(), rules.end(), finding->rule) != rules.end()) continue;
        rules.push_back(finding->rule);
        type += " " + finding->rule;
    }
    set(failure, "message", message);
    set(failure, "type", type);
    std::string text;
    for (const engine::Finding* finding : failing) text += details(*finding);
    failure.text().set(xml_safe(text).c_str());
    ++counts.failures;
}

std::string contribution_name(const engine::ContributionSummary& contribution) {
    std::string name = contribution.id;
    std::string context = contribution.partnership;
    if (!contribution.period.empty()) context += (context.empty() ? "" : ", ") + contribution.period;
    if (!context.empty()) name += " (" + context + ")";
    return name;
}

// The text of `node`, printed as it is inside a testsuite of the report.
std::string printed(pugi::xml_node node, unsigned depth) {
    std::ostringstream text;
    node.print(text, "  ", pugi::format_default, pugi::encoding_utf8, depth);
    return text.str();
}

// Where a testsuite's id starts in its start tag (the name before it is escaped: no quote of its own can end
// it early).
constexpr std::string_view id_attribute = " package=\"surveycheck\" id=\"";

// One testsuite written a testcase at a time: its testcases and the text of its system-out wait in two
// spools until the counts of its start tag are known.
class SuiteWriter {
public:
    explicit SuiteWriter(const std::string& folder) : cases_(folder), system_out_(folder) {}

    void add(const std::string& classname, const Case& test, engine::Severity fail_on) {
        pugi::xml_document doc;
        std::string system_out;
        write_case(doc, classname, test, fail_on, system_out, counts_);
        cases_.buffer += printed(doc.first_child(), 2);
        cases_.flush(true);
        if (system_out.empty()) return;
        pugi::xml_document text;
        text.append_child(pugi::node_pcdata).set_value(xml_safe(system_out).c_str());
        system_out_.buffer += printed(text.first_child(), 0);
        system_out_.flush(true);
    }

    // Write the suite into `to` and start empty again; returns where its id starts in `to`.
    std::uint64_t write(Spool& to, std::size_t id, const std::string& name, const std::string& timestamp,
                        const std::string& hostname) {
        pugi::xml_document doc;
        pugi::xml_node suite = doc.append_child("testsuite");
        set(suite, "name", name);
        set(suite, "package", std::string("surveycheck"));
        set(suite, "id", id);
        set(suite, "timestamp", timestamp);
        set(suite, "hostname", hostname);
        set(suite, "tests", counts_.tests);
        set(suite, "failures", counts_.failures);
        set(suite, "errors", counts_.errors);
        set(suite, "skipped", std::size_t{0});
        set(suite, "time", std::string("0"));
        suite.append_child("properties");
        std::string head = printed(suite, 1);
        head.resize(head.size() - std::string_view("  </testsuite>\n").size());
        const std::uint64_t id_at = to.size() + head.find(id_attribute) + id_attribute.size();
        to.buffer += head;
        to.take(cases_);
        if (system_out_.size() == 0) {
            to.buffer += "    <system-out />\n";
        } else {
            to.buffer += "    <system-out>";
            to.take(system_out_);
            to.buffer += "</system-out>\n";
        }
        to.buffer += "    <system-err />\n  </testsuite>\n";
        to.flush(true);
        counts_ = Counts{};
        return id_at;
    }

private:
    Spool cases_;
    Spool system_out_;
    Counts counts_;
};

// JUnit XML: a testsuite per file, written as the file ends: the file itself as a testcase when it is
// unreadable or has findings of its own, then one per contribution in document order, then one per id that
// findings name and no contribution has. The suites wait in a spool, as the run's own suite (run findings
// and problems, known last) comes first and shifts the suites' ids.
class JunitSink : public GroupingSink {
public:
    JunitSink(const SinkTarget& target, const JunitOptions& options)
        : GroupingSink(target.spool_folder),
          target_(target),
          timestamp_(timestamp_of(options)),
          hostname_(options.hostname.empty() ? "localhost" : options.hostname),
          suite_(target.spool_folder),
          suites_(target.spool_folder) {}

    void begin(const RunReport& report) override { fail_on_ = report.fail_on; }

    void finish(const RunReport& report) override {
        std::ostream& out = *target_.out;
        out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        const bool run_suite = !report.run_findings.empty() || !report.problems.empty();
        if (!run_suite && ids_.empty()) {
            out << "<testsuites />\n";
            return;
        }
        out << "<testsuites>\n";
        if (run_suite) {
            for (const auto& problem : report.problems) {
                suite_.add("(run)",
                           Case{"problem: " + problem, {}, problem, "surveycheck/problem", problem + "\n"},
                           fail_on_);
            }
            if (!report.run_findings.empty()) {
                Case run{"(whole run)", {}, "", "", ""};
                for (const auto& finding : report.run_findings) run.findings.push_back(&finding);
                suite_.add("(run)", run, fail_on_);
            }
            Spool run_text(target_.spool_folder);
            suite_.write(run_text, 0, "(run)", timestamp_, hostname_);
            run_text.drain(out, target_.fd);
        }
        suites_.flush(false);
        std::uint64_t from = 0;
        for (std::size_t i = 0; i < ids_.size(); ++i) {
            suites_.copy(from, ids_[i], out, target_.fd);
            out << i + (run_suite ? 1 : 0);
            from = ids_[i] + std::to_string(i).size();
        }
        suites_.copy(from, suites_.size(), out, target_.fd);
        out << "</testsuites>\n";
    }

protected:
    void begin_file(const EndedFile& file, std::size_t index) override {
        const engine::FileResult& header = *file.header;
        name_ = header.path.empty() ? "(unnamed)" : header.path;
        index_ = index;
        Case whole{"(whole file)", file.own, "", "", ""};
        if (header.status == engine::FileStatus::unreadable) {
            const std::string position = std::to_string(header.error_position.line) + ":" +
                                         std::to_string(header.error_position.column);
            whole.error_message = position + ": " + header.error;
            whole.error_type = "surveycheck/unreadable";
            whole.error_text = header.path + ":" + position + ": " + header.error + "\n";
        }
        if (!whole.error_type.empty() || !whole.findings.empty()) suite_.add(name_, whole, fail_on_);
        strays_.clear();
        for (const engine::Finding* finding : file.strays) {
            auto stray = std::find_if(strays_.begin(), strays_.end(),
                                      [&](const Case& test) { return test.name == finding->contribution; });
            if (stray == strays_.end())
                stray = strays_.insert(strays_.end(), Case{finding->contribution, {}, "", "", ""});
            stray->findings.push_back(finding);
        }
    }

    void file_contribution(const engine::ContributionSummary& contribution,
                           const std::vector<const engine::Finding*>& findings, bool first) override {
        Case test{contribution_name(contribution), {}, "", "", ""};
        if (first) test.findings = findings;
        suite_.add(name_, test, fail_on_);
    }

    void end_of_file() override {
        for (const Case& stray : strays_) suite_.add(name_, stray, fail_on_);
        strays_.clear();
        ids_.push_back(suite_.write(suites_, index_, name_, timestamp_, hostname_));
    }

private:
    SinkTarget target_;
    std::string timestamp_;
    std::string hostname_;
    engine::Severity fail_on_ = engine::Severity::error;
    SuiteWriter suite_;         // the current file's suite, or the run's
    std::string name_;          // of the current file's suite
    std::size_t index_ = 0;     // of the current file among files
    std::vector<Case> strays_;  // of the current file: per id that no contribution has, its findings
    Spool suites_;
    std::vector<std::uint64_t> ids_;  // per file suite: where its id (its index among files) is in the spool
};

}  // namespace

std::unique_ptr<Sink> make_junit_sink(const SinkTarget& target) {
    return std::make_unique<JunitSink>(target, JunitOptions{});
}

void write_junit(std::ostream& out, const RunReport& report, const JunitOptions& options) {
    JunitSink sink(target_of(out), options);
    write_through(sink, report);
}

}  // namespace surveycheck::report
