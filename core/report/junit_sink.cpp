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

// Write one testcase; findings that do not fail it go to the suite's system-out.
void write_case(pugi::xml_node suite, const std::string& classname, const Case& test,
                engine::Severity fail_on, std::string& system_out, Counts& counts) {
    pugi::xml_node testcase = suite.append_child("testcase");
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

// The testcases of a file: the file itself when it is unreadable or has findings of its own, then one per
// contribution in document order.
std::vector<Case> cases_of(const engine::FileResult& file) {
    std::vector<Case> cases;
    Case whole{"(whole file)", {}, "", "", ""};
    if (file.status == engine::FileStatus::unreadable) {
        const std::string position =
            std::to_string(file.error_position.line) + ":" + std::to_string(file.error_position.column);
        whole.error_message = position + ": " + file.error;
        whole.error_type = "surveycheck/unreadable";
        whole.error_text = file.path + ":" + position + ": " + file.error + "\n";
    }
    std::vector<std::string> ids;
    for (const auto& contribution : file.contributions) {
        cases.push_back(Case{contribution_name(contribution), {}, "", "", ""});
        ids.push_back(contribution.id);
    }
    for (const auto& finding : file.findings) {
        if (finding.contribution.empty()) {
            whole.findings.push_back(&finding);
            continue;
        }
        std::size_t at = 0;
        while (at < ids.size() && ids[at] != finding.contribution) ++at;
        if (at == ids.size()) {
            ids.push_back(finding.contribution);
            cases.push_back(Case{finding.contribution, {}, "", "", ""});
        }
        cases[at].findings.push_back(&finding);
    }
    if (!whole.error_type.empty() || !whole.findings.empty()) cases.insert(cases.begin(), std::move(whole));
    return cases;
}

// Write a testsuite with its required children in the schema's order.
void write_suite(pugi::xml_node root, std::size_t id, const std::string& name, const std::vector<Case>& cases,
                 engine::Severity fail_on, const std::string& timestamp, const std::string& hostname) {
    pugi::xml_node suite = root.append_child("testsuite");
    set(suite, "name", name);
    set(suite, "package", std::string("surveycheck"));
    set(suite, "id", id);
    set(suite, "timestamp", timestamp);
    set(suite, "hostname", hostname);
    pugi::xml_attribute tests = suite.append_attribute("tests");
    pugi::xml_attribute failures = suite.append_attribute("failures");
    pugi::xml_attribute errors = suite.append_attribute("errors");
    set(suite, "skipped", std::size_t{0});
    set(suite, "time", std::string("0"));
    suite.append_child("properties");

    std::string system_out;
    Counts counts;
    for (const Case& test : cases) write_case(suite, name, test, fail_on, system_out, counts);
    tests.set_value(std::to_string(counts.tests).c_str());
    failures.set_value(std::to_string(counts.failures).c_str());
    errors.set_value(std::to_string(counts.errors).c_str());
    pugi::xml_node out = suite.append_child("system-out");
    if (!system_out.empty()) out.text().set(xml_safe(system_out).c_str());
    suite.append_child("system-err");
}

// JUnit XML: each file's testsuite is written as the file ends and waits in a spool, as the run's own suite
// (run findings and problems, known last) comes first and shifts the suites' ids.
class JunitSink : public WholeFileSink {
public:
    JunitSink(const SinkTarget& target, const JunitOptions& options)
        : target_(target),
          timestamp_(timestamp_of(options)),
          hostname_(options.hostname.empty() ? "localhost" : options.hostname),
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
            std::vector<Case> cases;
            for (const auto& problem : report.problems) {
                cases.push_back(
                    Case{"problem: " + problem, {}, problem, "surveycheck/problem", problem + "\n"});
            }
            if (!report.run_findings.empty()) {
                Case run{"(whole run)", {}, "", "", ""};
                for (const auto& finding : report.run_findings) run.findings.push_back(&finding);
                cases.push_back(std::move(run));
            }
            out << suite_text(0, "(run)", cases).text;
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
    void file(const engine::FileResult& file, std::size_t index) override {
        const Suite suite = suite_text(index, file.path.empty() ? "(unnamed)" : file.path, cases_of(file));
        ids_.push_back(suites_.size() + suite.id_at);
        suites_.buffer += suite.text;
        suites_.flush(true);
    }

private:
    // A testsuite as text, and where its id starts in it.
    struct Suite {
        std::string text;
        std::size_t id_at = 0;
    };

    Suite suite_text(std::size_t id, const std::string& name, const std::vector<Case>& cases) const {
        pugi::xml_document doc;
        pugi::xml_node root = doc.append_child("testsuites");
        write_suite(root, id, name, cases, fail_on_, timestamp_, hostname_);
        std::ostringstream text;
        root.first_child().print(text, "  ", pugi::format_default, pugi::encoding_utf8, 1);
        Suite suite{text.str(), 0};
        // The name before it is escaped: no quote of its own can end it early.
        constexpr std::string_view id_attribute = " package=\"surveycheck\" id=\"";
        suite.id_at = suite.text.find(id_attribute) + id_attribute.size();
        return suite;
    }

    SinkTarget target_;
    std::string timestamp_;
    std::string hostname_;
    engine::Severity fail_on_ = engine::Severity::error;
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
