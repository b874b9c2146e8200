// Test harness for rule plugins (GoogleTest), SDK only: build a questionnaire and a contribution through the
// ABI (testing/survey_builder.hpp), call a rule directly through the plugin's entry table
// (testing/rule_runner.hpp), and check the findings by rule, severity, question key and line.
//
//     extern "C" const sc_plugin surveycheck_plugin;  // the plugin's sources are compiled into the test
//     const surveycheck::testing::Rules rules(surveycheck_plugin);
//     TEST(MyRules, ShortAnswerIsReported) {
//         surveycheck::testing::SurveyBuilder survey;
//         const auto summary = survey.question(SC_QUESTION_FREE_TEXT, "Summary");  // key "q0"
//         surveycheck::testing::ContributionBuilder contribution(survey);
//         contribution.text(summary, "Fine.");
//         auto found = rules.run("too-short", survey.abi(), contribution.abi());
//         EXPECT_TRUE(findings_are(found, {{"my-rules/too-short", "warning", "q0"}}));
//     }
//
// To run a built plugin module on an XML export with a form profile, as `surveycheck validate` does, use the
// host's end-to-end runner, surveycheck/test_runner.hpp (SurveyCheck::testing), with these assertions.
//
// Rule coverage: when SURVEYCHECK_RULE_COVERAGE=1 (set by surveycheck_add_plugin_tests for one run of the
// whole program), the program fails if a rule of a plugin it loaded never reported a finding.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <ostream>
#include <string>
#include <vector>

#include "surveycheck/testing/rule_runner.hpp"
#include "surveycheck/testing/survey_builder.hpp"

namespace surveycheck::testing {

// What a test expects of a finding; an empty field or line 0 matches anything.
struct Expected {
    std::string rule;  // full id, or the check id alone
    std::string severity;
    std::string question;
    unsigned line = 0;
};

inline std::ostream& operator<<(std::ostream& out, const ReportedFinding& f) {
    return out << f.rule << " " << f.severity << " question=" << (f.question.empty() ? "-" : f.question)
               << " line=" << f.line << ":" << f.column << " \"" << f.message << "\"";
}

inline std::ostream& operator<<(std::ostream& out, const Expected& e) {
    return out << (e.rule.empty() ? "*" : e.rule) << " " << (e.severity.empty() ? "*" : e.severity)
               << " question=" << (e.question.empty() ? "*" : e.question) << " line=" << e.line;
}

// True when `finding` matches `expected`.
inline bool matches(const ReportedFinding& finding, const Expected& expected) {
    const std::string& r = expected.rule;
    const bool rule_ok = r.empty() || finding.rule == r ||
                         (finding.rule.size() > r.size() &&
                          finding.rule.compare(finding.rule.size() - r.size(), r.size(), r) == 0 &&
                          finding.rule[finding.rule.size() - r.size() - 1] == '/');
    return rule_ok && (expected.severity.empty() || finding.severity == expected.severity) &&
           (expected.question.empty() || finding.question == expected.question) &&
           (expected.line == 0 || finding.line == expected.line);
}

// Passes when `findings` match `expected` one to one, in any order.
inline ::testing::AssertionResult findings_are(const std::vector<ReportedFinding>& findings,
                                               const std::vector<Expected>& expected) {
    std::vector<bool> used(findings.size(), false);
    std::vector<const Expected*> missing;
    for (const Expected& e : expected) {
        bool found = false;
        for (std::size_t i = 0; i < findings.size() && !found; ++i) {
            if (!used[i] && matches(findings[i], e)) used[i] = found = true;
        }
        if (!found) missing.push_back(&e);
    }
    std::vector<const ReportedFinding*> unexpected;
    for (std::size_t i = 0; i < findings.size(); ++i)
        if (!used[i]) unexpected.push_back(&findings[i]);
    if (missing.empty() && unexpected.empty()) return ::testing::AssertionSuccess();
    ::testing::AssertionResult result = ::testing::AssertionFailure();
    for (const Expected* e : missing) result << "\n  expected, not reported: " << *e;
    for (const ReportedFinding* f : unexpected) result << "\n  reported, not expected: " << *f;
    return result;
}

// Passes when some finding of `findings` matches `expected`.
inline ::testing::AssertionResult has_finding(const std::vector<ReportedFinding>& findings,
                                              const Expected& expected) {
    for (const ReportedFinding& f : findings)
        if (matches(f, expected)) return ::testing::AssertionSuccess();
    ::testing::AssertionResult result = ::testing::AssertionFailure();
    result << "no finding matches " << expected << "; reported:";
    for (const ReportedFinding& f : findings) result << "\n  " << f;
    return result;
}

namespace detail {

// Fails the program after its last test when a loaded plugin has a rule that never fired.
class RuleCoverage : public ::testing::Environment {
public:
    void TearDown() override {
        const char* on = std::getenv("SURVEYCHECK_RULE_COVERAGE");
        if (on == nullptr || std::string(on) != "1") return;
        if (plugins_loaded() == 0) {
            ADD_FAILURE() << "rule coverage: no plugin was loaded by this test program";
            return;
        }
        for (const std::string& rule : rules_never_fired())
            ADD_FAILURE() << "rule coverage: " << rule
                          << " never reported a finding in these tests; add a test where it fires";
    }
};

inline ::testing::Environment* const rule_coverage = ::testing::AddGlobalTestEnvironment(new RuleCoverage);

}  // namespace detail

}  // namespace surveycheck::testing
