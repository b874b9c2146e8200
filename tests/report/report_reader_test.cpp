// JSON report reader: what write_json wrote reads back to the same report, and anything else is refused.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "sample_report.hpp"

namespace {

using nlohmann::json;
using surveycheck::test::sample_report;
namespace report = surveycheck::report;
namespace engine = surveycheck::engine;

std::string json_text(const report::RunReport& run) {
    std::ostringstream out;
    report::write_json(out, run);
    return out.str();
}

// The error of reading `text`, empty when it was read.
std::string read_error(const std::string& text) {
    report::RunReport run;
    const auto result = report::read_json_report(text, run);
    EXPECT_FALSE(result);
    return result.description;
}

TEST(ReportReader, WrittenReportReadsBackToTheSameReport) {
    const std::string written = json_text(sample_report());
    report::RunReport run;
    const auto result = report::read_json_report(written, run);
    ASSERT_TRUE(result) << result.description;
    EXPECT_EQ(json_text(run), written);
    EXPECT_EQ(run.run_findings.size(), 1u);
    ASSERT_EQ(run.files.size(), 3u);
    EXPECT_EQ(run.files[0].findings.size(), 6u);
    EXPECT_EQ(run.files[1].findings.size(), 1u);
    EXPECT_EQ(run.files[2].error_position.column, 14u);
    EXPECT_TRUE(run.incomplete());
}

TEST(ReportReader, AttachmentsOfAZipExportReadBack) {
    report::RunReport sample = sample_report();
    sample.files[0].attachments = {{"q-cv/0f9e8d7c-1a2b_cv.xml", "q-cv", "cv.xml"}};
    const std::string written = json_text(sample);
    report::RunReport run;
    const auto result = report::read_json_report(written, run);
    ASSERT_TRUE(result) << result.description;
    EXPECT_EQ(json_text(run), written);
    ASSERT_EQ(run.files[0].attachments.size(), 1u);
    EXPECT_EQ(run.files[0].attachments[0].question_uid, "q-cv");
    EXPECT_EQ(run.files[0].attachments[0].file_name, "cv.xml");
    EXPECT_TRUE(run.files[1].attachments.empty());
}

TEST(ReportReader, WaiverAndBaselineFieldsAreReadWhenPresent) {
    json doc = json::parse(json_text(surveycheck::test::clean_report()));
    json finding = json::parse(json_text(sample_report()))["findings"][1];
    finding["file"] = "clean.xml";
    finding["suppressed"] = true;
    finding["suppression"] = {{"justification", "known"}, {"author", "a.b"}, {"expires", "2030-01-01"}};
    finding["baseline_state"] = "unchanged";
    doc["findings"].push_back(finding);
    report::RunReport run;
    const auto result = report::read_json_report(doc.dump(), run);
    ASSERT_TRUE(result) << result.description;
    const engine::Finding& read = run.files[0].findings.at(0);
    EXPECT_TRUE(read.suppressed);
    EXPECT_EQ(read.suppression.author, "a.b");
    EXPECT_EQ(read.baseline, engine::BaselineState::unchanged);
}

TEST(ReportReader, BaselineSummaryIsReadWhenPresent) {
    report::RunReport written = surveycheck::test::clean_report();
    written.baseline.used = true;
    written.baseline.path = "nightly.baseline";
    written.baseline.known = 4;
    written.baseline.absent.push_back(
        {"00000000000000cc", "mandatory-fields/missing", "old.xml", "c-3", "sdg", "gone"});
    report::RunReport run;
    const auto result = report::read_json_report(json_text(written), run);
    ASSERT_TRUE(result) << result.description;
    EXPECT_TRUE(run.baseline.used);
    EXPECT_EQ(run.baseline.known, 4u);
    ASSERT_EQ(run.baseline.absent.size(), 1u);
    EXPECT_EQ(run.baseline.absent[0].question, "sdg");
    EXPECT_EQ(json_text(run), json_text(written));
}

TEST(ReportReader, UnknownBaselineStateIsRefused) {
    json doc = json::parse(json_text(sample_report()));
    doc["findings"][1]["baseline_state"] = "absent";
    EXPECT_NE(read_error(doc.dump()).find("findings[1].baseline_state"), std::string::npos);
}

TEST(ReportReader, TextThatIsNotJsonIsRefused) {
    EXPECT_NE(read_error("{\"tool\": ").find("not JSON"), std::string::npos);
}

TEST(ReportReader, ReportOfAnotherToolIsRefused) {
    json doc = json::parse(json_text(sample_report()));
    doc["tool"]["name"] = "eslint";
    EXPECT_NE(read_error(doc.dump()).find("tool.name"), std::string::npos);
}

TEST(ReportReader, FindingWithoutRuleIsRefusedWithItsPath) {
    json doc = json::parse(json_text(sample_report()));
    doc["findings"][2].erase("rule");
    EXPECT_NE(read_error(doc.dump()).find("findings[2]: 'rule' is missing"), std::string::npos);
}

TEST(ReportReader, NegativeLineIsRefused) {
    json doc = json::parse(json_text(sample_report()));
    doc["findings"][1]["line"] = -3;
    EXPECT_NE(read_error(doc.dump()).find("findings[1].line"), std::string::npos);
}

TEST(ReportReader, FindingOfAFileNotListedIsRefused) {
    json doc = json::parse(json_text(sample_report()));
    doc["findings"][1]["file"] = "elsewhere.xml";
    EXPECT_NE(read_error(doc.dump()).find("'elsewhere.xml' is not in files"), std::string::npos);
}

TEST(ReportReader, IncompleteSummaryKeepsTheReportIncomplete) {
    json doc = json::parse(json_text(surveycheck::test::clean_report()));
    doc["summary"]["incomplete"] = true;  // a reason this reader does not know
    report::RunReport run;
    const auto result = report::read_json_report(doc.dump(), run);
    ASSERT_TRUE(result) << result.description;
    EXPECT_TRUE(run.incomplete());
}

}  // namespace
