// JUnit writer: the report validates against the Ant JUnit schema, with a suite per file and a case per
// contribution, failing at or above the threshold.
#include <gtest/gtest.h>

#include <cstdlib>
#include <pugixml.hpp>
#include <sstream>

#include "sample_report.hpp"

namespace {

using surveycheck::test::sample_report;
using surveycheck::test::valid_xml;
namespace report = surveycheck::report;
namespace engine = surveycheck::engine;

const std::string junit_schema = SURVEYCHECK_JUNIT_SCHEMA;

std::string junit_text(const report::RunReport& run) {
    std::ostringstream out;
    report::write_junit(out, run, report::JunitOptions{"2025-03-14T09:05:33", "localhost"});
    return out.str();
}

// The parsed JUnit document of `run`.
struct Junit {
    explicit Junit(const report::RunReport& run) : text(junit_text(run)) {
        const pugi::xml_parse_result parsed = doc.load_string(text.c_str());
        EXPECT_TRUE(parsed) << parsed.description();
    }
    pugi::xml_node suite(const std::string& name) const {
        return doc.child("testsuites").find_child_by_attribute("testsuite", "name", name.c_str());
    }
    std::string text;
    pugi::xml_document doc;
};

std::string counts(pugi::xml_node suite) {
    return std::string(suite.attribute("tests").value()) + " tests, " + suite.attribute("failures").value() +
           " failures, " + suite.attribute("errors").value() + " errors";
}

TEST(JunitReporter, SampleRunValidatesAgainstJunitSchema) {
    EXPECT_TRUE(valid_xml(junit_text(sample_report()), junit_schema));
    EXPECT_TRUE(valid_xml(junit_text(surveycheck::test::clean_report()), junit_schema));
}

TEST(JunitReporter, SchemaCheckRejectsATestcaseWithoutClassname) {
    Junit junit(sample_report());
    junit.doc.child("testsuites").child("testsuite").child("testcase").remove_attribute("classname");
    std::ostringstream out;
    junit.doc.save(out);
    EXPECT_FALSE(valid_xml(out.str(), junit_schema));  // proves the schema check can fail
}

TEST(JunitReporter, OneSuitePerFileAfterTheRunSuite) {
    const Junit junit(sample_report());
    std::vector<std::string> names;
    for (pugi::xml_node suite : junit.doc.child("testsuites").children("testsuite")) {
        names.push_back(suite.attribute("name").value());
    }
    EXPECT_EQ(names, (std::vector<std::string>{"(run)", "exports/report one.xml",
                                               "/data/exp\xc3\xbcrt #1.xml", "broken.xml"}));
}

TEST(JunitReporter, CheckedFileCountsItselfAndEachContribution) {
    const Junit junit(sample_report());
    const pugi::xml_node suite = junit.suite("exports/report one.xml");
    // (whole file) fails on its profile error, c-1 on a missing answer, c-2 on the finding new to the
    // baseline.
    EXPECT_EQ(counts(suite), "3 tests, 3 failures, 0 errors");
    std::vector<std::string> cases;
    for (pugi::xml_node test : suite.children("testcase")) {
        cases.push_back(test.attribute("name").value());
        EXPECT_STREQ(test.attribute("classname").value(), "exports/report one.xml");
    }
    EXPECT_EQ(cases,
              (std::vector<std::string>{"(whole file)", "c-1 (Partnership A, January - June 2020)", "c-2"}));
}

TEST(JunitReporter, FailureNamesRuleAndMessageAndTellsPositionQuestionAndHint) {
    const Junit junit(sample_report());
    const pugi::xml_node failure =
        junit.suite("exports/report one.xml")
            .find_child_by_attribute("testcase", "name", "c-1 (Partnership A, January - June 2020)")
            .child("failure");
    ASSERT_TRUE(failure);
    EXPECT_STREQ(failure.attribute("type").value(), "mandatory-fields/missing");
    EXPECT_STREQ(failure.attribute("message").value(),
                 "mandatory-fields/missing: The mandatory question is not answered");
    const std::string text = failure.text().get();
    EXPECT_NE(text.find("at exports/report one.xml:12:5"), std::string::npos) << text;
    EXPECT_NE(text.find("question: exec_summary \"Executive summary\""), std::string::npos) << text;
    EXPECT_NE(text.find("hint: Answer the question"), std::string::npos) << text;
    EXPECT_NE(text.find("xpath: /Results/Answers/AnswerSet[1]/Answer[3]"), std::string::npos) << text;
    // The info finding of c-1 is below the threshold: not in the failure.
    EXPECT_EQ(text.find("mandatory-fields/recommended"), std::string::npos) << text;
}

TEST(JunitReporter, BelowThresholdWaivedAndKnownFindingsGoToSystemOut) {
    const Junit junit(sample_report());
    const pugi::xml_node suite = junit.suite("exports/report one.xml");
    const std::string out = suite.child("system-out").text().get();
    EXPECT_NE(out.find("[c-1 (Partnership A, January - June 2020)] info mandatory-fields/recommended"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("suppressed: Answered on paper (j.smith, expires 2026-12-31)"), std::string::npos)
        << out;
    EXPECT_NE(out.find("baseline: unchanged"), std::string::npos) << out;
    // c-2 fails on the new finding only.
    const pugi::xml_node failure = suite.find_child_by_attribute("testcase", "name", "c-2").child("failure");
    const std::string text = failure.text().get();
    EXPECT_NE(text.find("baseline: new"), std::string::npos) << text;
    EXPECT_EQ(text.find("suppressed"), std::string::npos) << text;
}

TEST(JunitReporter, FailOnInfoMakesEveryUnwaivedNewFindingFail) {
    report::RunReport run = sample_report();
    run.fail_on = engine::Severity::info;
    const Junit junit(run);
    const pugi::xml_node failure =
        junit.suite("exports/report one.xml")
            .find_child_by_attribute("testcase", "name", "c-1 (Partnership A, January - June 2020)")
            .child("failure");
    EXPECT_STREQ(failure.attribute("message").value(),
                 "mandatory-fields/missing: The mandatory question is not answered (and 1 more)");
    EXPECT_STREQ(failure.attribute("type").value(), "mandatory-fields/missing mandatory-fields/recommended");
}

TEST(JunitReporter, FailedRuleIsAnErrorNotAFailure) {
    const Junit junit(sample_report());
    const pugi::xml_node suite = junit.suite("/data/exp\xc3\xbcrt #1.xml");
    EXPECT_EQ(counts(suite), "1 tests, 0 failures, 1 errors");
    const pugi::xml_node error = suite.child("testcase").child("error");
    EXPECT_STREQ(error.attribute("type").value(), "surveycheck/rule-failed");
}

TEST(JunitReporter, UnreadableFileIsATestcaseWithAnError) {
    const Junit junit(sample_report());
    const pugi::xml_node suite = junit.suite("broken.xml");
    EXPECT_EQ(counts(suite), "1 tests, 0 failures, 1 errors");
    const pugi::xml_node error = suite.child("testcase").child("error");
    EXPECT_STREQ(error.attribute("message").value(), "3:14: mismatched end tag");
    EXPECT_STREQ(error.attribute("type").value(), "surveycheck/unreadable");
}

TEST(JunitReporter, RunSuiteHoldsProblemsAsErrorsAndRunFindings) {
    const Junit junit(sample_report());
    const pugi::xml_node suite = junit.suite("(run)");
    // The refused plugin errs; the run-level warning is below the error threshold.
    EXPECT_EQ(counts(suite), "2 tests, 0 failures, 1 errors");
    const std::string out = suite.child("system-out").text().get();
    EXPECT_NE(out.find("warning surveycheck/unknown-question"), std::string::npos) << out;
}

TEST(JunitReporter, CleanRunHasNoRunSuiteAndNoFailures) {
    const Junit junit(surveycheck::test::clean_report());
    EXPECT_FALSE(junit.suite("(run)"));
    EXPECT_EQ(counts(junit.suite("clean.xml")), "1 tests, 0 failures, 0 errors");
}

TEST(JunitReporter, UntrustedTextIsEscapedAndControlCharactersReplaced) {
    const Junit junit(sample_report());
    EXPECT_EQ(junit.text.find('\x1b'), std::string::npos);
    EXPECT_EQ(junit.text.find("<script>"), std::string::npos);
    EXPECT_EQ(junit.text.find("\xff"), std::string::npos);
    const std::string text = junit.suite("exports/report one.xml")
                                 .find_child_by_attribute("testcase", "name", "c-2")
                                 .child("failure")
                                 .text()
                                 .get();
    // ESC shows as its Control Pictures symbol (U+241B), the two bad bytes as U+FFFD.
    EXPECT_NE(text.find("answer: \"<script>alert(1)</script> \xe2\x90\x9b[31mred & \"quoted\" "
                        "\xef\xbf\xbd\xef\xbf\xbd end\""),
              std::string::npos)
        << text;
}

TEST(JunitReporter, TimestampComesFromOptionsThenSourceDateEpoch) {
    const Junit junit(sample_report());
    EXPECT_STREQ(junit.suite("broken.xml").attribute("timestamp").value(), "2025-03-14T09:05:33");
    ::setenv("SOURCE_DATE_EPOCH", "86400", 1);
    std::ostringstream out;
    report::write_junit(out, surveycheck::test::clean_report());
    ::unsetenv("SOURCE_DATE_EPOCH");
    EXPECT_NE(out.str().find("timestamp=\"1970-01-02T00:00:00\""), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("hostname=\"localhost\""), std::string::npos);
}

}  // namespace
