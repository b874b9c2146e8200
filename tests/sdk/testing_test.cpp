// The plugin test harness (testing.hpp): runs a built plugin's rules on inline or file exports and compares
// findings by rule, severity, question key and line.
#include "surveycheck/testing.hpp"
#include "surveycheck/test_runner.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace {

using surveycheck::testing::Expected;
using surveycheck::testing::Plugin;
using surveycheck::testing::ReportedFinding;
using surveycheck::testing::RunOptions;
using surveycheck::testing::Xml;

const Plugin& mandatory_fields() {
    static const Plugin plugin(SURVEYCHECK_MANDATORY_FIELDS_MODULE);
    return plugin;
}

// A mandatory period and a recommended summary.
const char* mini_profile = R"(<?xml version="1.0" encoding="UTF-8"?>
<profile id="mini" title="Mini form" version="1">
  <question key="period" requirement="mandatory"><match bid="period" title="Reporting period"/></question>
  <question key="summary" requirement="recommended"><match bid="summary" title="Summary"/></question>
</profile>
)";

std::string mini_export(const std::string& answers) {
    return std::string(R"(<?xml version="1.0" encoding="UTF-8"?>
<Results create="2025-03-14_09-05-33"><Survey id="1" uid="u-survey" alias="mini">
<Elements lang="EN">
<Question id="q-period" type="Single Choice" bid="period">Reporting period</Question>
<Answer id="a-h1" type="Choice Answer" bid="h1">January - June 2020</Answer>
<Question id="q-summary" type="Free Text" bid="summary">Summary</Question>
</Elements></Survey>
<Answers>
<AnswerSet id="c-1" list="7" lang="EN">
)") + answers +
           R"(</AnswerSet>
</Answers></Results>
)";
}

RunOptions with_mini_profile() {
    RunOptions options;
    options.profile = Xml::text(mini_profile);
    return options;
}

TEST(TestingHarness, LoadsThePluginWithItsRules) {
    EXPECT_EQ(mandatory_fields().name(), "mandatory-fields");
    const auto rules = mandatory_fields().rules();
    EXPECT_NE(std::find(rules.begin(), rules.end(), "mandatory-fields/missing"), rules.end());
}

TEST(TestingHarness, RunsOneRuleOnAnInlineExportWithAnInlineProfile) {
    const auto found =
        mandatory_fields().run("missing", Xml::text(mini_export(R"(<Answer qid="q-summary">Done.</Answer>
)")),
                               with_mini_profile());
    // The mandatory period is missing: reported at the AnswerSet (line 9), by the profile's key.
    EXPECT_TRUE(findings_are(found, {{"mandatory-fields/missing", "error", "period", 9}}));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].contribution, "c-1");
}

TEST(TestingHarness, RunsOnlyTheRuleAsked) {
    // The summary is a placeholder ("n/a"), but only `missing` runs, and the period is answered.
    const auto found = mandatory_fields().run(
        "mandatory-fields/missing",
        Xml::text(
            mini_export(R"(<Answer qid="q-period" aid="a-h1"></Answer><Answer qid="q-summary">n/a</Answer>
)")),
        with_mini_profile());
    EXPECT_TRUE(findings_are(found, {}));
}

TEST(TestingHarness, RunsEveryRuleOfThePlugin) {
    const auto found =
        mandatory_fields().run_all(Xml::text(mini_export(R"(<Answer qid="q-summary">n/a</Answer>
)")),
                                   with_mini_profile());
    EXPECT_TRUE(
        findings_are(found, {{"missing", "error", "period", 9}, {"placeholder", "warning", "summary", 10}}));
}

TEST(TestingHarness, RunsOnAnExportFileWithTheBuiltInProfile) {
    const auto found = mandatory_fields().run("placeholder", Xml::file(SURVEYCHECK_SEED_REPORT));
    // The seed report answers "Comments" with "." (line 32 of examples/s3-seed-report.xml).
    EXPECT_TRUE(findings_are(found, {{"mandatory-fields/placeholder", "warning", "sdg_comments", 32}}));
}

TEST(TestingHarness, FindingsAreExplainsWhatIsMissingAndWhatIsUnexpected) {
    const std::vector<ReportedFinding> found{{"p/a", "error", "period", 9, 1, "c-1", "m", "", ""}};
    const auto wrong_line = findings_are(found, {{"p/a", "error", "period", 10}});
    EXPECT_FALSE(wrong_line);
    EXPECT_NE(
        std::string(wrong_line.message()).find("expected, not reported: p/a error question=period line=10"),
        std::string::npos);
    EXPECT_NE(std::string(wrong_line.message()).find("reported, not expected: p/a error"), std::string::npos);
    EXPECT_FALSE(findings_are(found, {{"a", "warning", "", 0}}));
    EXPECT_FALSE(findings_are(found, {{"b", "", "", 0}}));
    EXPECT_FALSE(findings_are(found, {}));
    EXPECT_TRUE(findings_are(found, {{"a", "", "", 0}}));
    EXPECT_FALSE(findings_are(found, {{"/a", "", "", 0}, {"a", "", "", 0}}));
    EXPECT_TRUE(has_finding(found, {"p/a", "error", "period", 9}));
    EXPECT_FALSE(has_finding(found, {"p/a", "error", "summary", 0}));
}

TEST(TestingHarness, UnknownRuleIsAClearError) {
    try {
        mandatory_fields().run("no-such-rule", Xml::text(mini_export("")));
        FAIL() << "expected an error";
    } catch (const std::runtime_error& error) {
        EXPECT_STREQ(error.what(), "plugin mandatory-fields has no rule mandatory-fields/no-such-rule");
    }
}

TEST(TestingHarness, BrokenInlineExportIsAClearErrorWithItsPosition) {
    try {
        mandatory_fields().run("missing", Xml::text("<Results>\n<Survey>\n</Results>"));
        FAIL() << "expected an error";
    } catch (const std::runtime_error& error) {
        EXPECT_EQ(std::string(error.what()).rfind("export <inline export>:3:", 0), 0u) << error.what();
    }
}

TEST(TestingHarness, BrokenProfileIsAClearError) {
    RunOptions options;
    options.profile = Xml::text("<profile>");
    EXPECT_THROW(mandatory_fields().run("missing", Xml::text(mini_export("")), options), std::runtime_error);
}

TEST(TestingHarness, RefusedPluginIsAnErrorWithTheHostsReason) {
    try {
        Plugin plugin(SURVEYCHECK_ABI_MAJOR_2_MODULE);
        FAIL() << "expected a refusal";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("plugin built for ABI 2.0, this host speaks ABI 1."),
                  std::string::npos)
            << error.what();
    }
}

}  // namespace
