// SARIF writer: the log validates against the SARIF 2.1.0 schema and maps every field of a finding.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "sample_report.hpp"

namespace {

using nlohmann::json;
using surveycheck::test::sample_report;
using surveycheck::test::valid_json;
namespace report = surveycheck::report;

const std::string sarif_schema = SURVEYCHECK_SARIF_SCHEMA;

std::string sarif_text(const report::RunReport& run) {
    std::ostringstream out;
    report::write_sarif(out, run);
    return out.str();
}

json sarif(const report::RunReport& run) { return json::parse(sarif_text(run)); }

// The result whose partial fingerprint is `fingerprint`.
json result_with(const json& log, const std::string& fingerprint) {
    for (const auto& result : log["runs"][0]["results"]) {
        if (result["partialFingerprints"]["surveycheck/v1"] == fingerprint) return result;
    }
    ADD_FAILURE() << "no result with fingerprint " << fingerprint;
    return json::object();
}

TEST(SarifReporter, SampleRunValidatesAgainstSarifSchema) {
    EXPECT_TRUE(valid_json(sarif_text(sample_report()), sarif_schema));
    EXPECT_TRUE(valid_json(sarif_text(surveycheck::test::clean_report()), sarif_schema));
}

TEST(SarifReporter, LogIsNlohmannsIndentedDumpOfItselfByteForByte) {
    // Results are written as text, the frame by nlohmann: both must read as one dump of the whole log
    // (waived, baselined, file-less and run-level findings of the sample included).
    for (const report::RunReport& run : {sample_report(), surveycheck::test::clean_report()}) {
        const std::string text = sarif_text(run);
        EXPECT_EQ(text, nlohmann::ordered_json::parse(text).dump(2) + "\n");
    }
}

TEST(SarifReporter, SchemaCheckRejectsAnInvalidLevel) {
    json log = sarif(sample_report());
    log["runs"][0]["results"][0]["level"] = "fatal";  // proves the schema check can fail
    EXPECT_FALSE(valid_json(log.dump(), sarif_schema));
}

TEST(SarifReporter, DriverDescribesEveryRuleWithLevelHelpAndDescriptions) {
    const report::RunReport run = sample_report();
    const json driver = sarif(run)["runs"][0]["tool"]["driver"];
    EXPECT_EQ(driver["name"], "surveycheck");
    EXPECT_EQ(driver["version"], "0.1.0");
    ASSERT_EQ(driver["rules"].size(), run.rules.size());
    const json missing = driver["rules"][run.rules.size() - 2];
    EXPECT_EQ(missing["id"], "mandatory-fields/missing");
    EXPECT_EQ(missing["shortDescription"]["text"], "Mandatory question not answered");
    EXPECT_EQ(missing["fullDescription"]["text"], "A question the profile marks mandatory has no answer.");
    EXPECT_EQ(missing["helpUri"], "https://example.invalid/docs/rules/mandatory-fields.md#missing");
    EXPECT_EQ(missing["defaultConfiguration"]["level"], "error");
    // Overridden to info: SARIF has no info level, so it is a note.
    const json recommended = driver["rules"][run.rules.size() - 1];
    EXPECT_EQ(recommended["defaultConfiguration"]["level"], "note");
    EXPECT_EQ(recommended["properties"]["defaultSeverity"], "warning");
    EXPECT_EQ(recommended["properties"]["severityOverridden"], true);
    EXPECT_EQ(recommended["properties"]["options"][0]["name"], "ignore");
}

TEST(SarifReporter, ResultCarriesRuleLocationLogicalLocationsAndFingerprint) {
    const report::RunReport run = sample_report();
    const json log = sarif(run);
    const json result = result_with(log, "0000000000000002");
    EXPECT_EQ(result["ruleId"], "mandatory-fields/missing");
    EXPECT_EQ(log["runs"][0]["tool"]["driver"]["rules"][result["ruleIndex"].get<int>()]["id"],
              "mandatory-fields/missing");
    EXPECT_EQ(result["level"], "error");
    EXPECT_EQ(result["message"]["text"], "The mandatory question is not answered");
    const json location = result["locations"][0];
    // A relative path stays relative, its space percent-encoded.
    EXPECT_EQ(location["physicalLocation"]["artifactLocation"]["uri"], "exports/report%20one.xml");
    EXPECT_EQ(location["physicalLocation"]["region"], json({{"startLine", 12}, {"startColumn", 5}}));
    EXPECT_EQ(location["logicalLocations"][0]["fullyQualifiedName"],
              "contribution/c-1/question/exec_summary");
    EXPECT_EQ(location["logicalLocations"][0]["kind"], "element");
    EXPECT_EQ(location["logicalLocations"][1]["fullyQualifiedName"],
              "/Results/Answers/AnswerSet[1]/Answer[3]");
    const json properties = result["properties"];
    EXPECT_EQ(properties["contribution"], "c-1");
    EXPECT_EQ(
        properties["question"],
        json({{"key", "exec_summary"}, {"uid", "u-exec"}, {"bid", "exec"}, {"title", "Executive summary"}}));
    EXPECT_EQ(properties["section"], "Public part");
    EXPECT_EQ(properties["hint"], "Answer the question");
    EXPECT_EQ(properties["xpath"], "/Results/Answers/AnswerSet[1]/Answer[3]");
    EXPECT_FALSE(result.contains("suppressions"));
    EXPECT_FALSE(result.contains("baselineState"));
}

TEST(SarifReporter, InfoFindingIsANote) {
    EXPECT_EQ(result_with(sarif(sample_report()), "0000000000000003")["level"], "note");
}

TEST(SarifReporter, AbsolutePathBecomesPercentEncodedFileUri) {
    const json result = result_with(sarif(sample_report()), "0000000000000007");
    EXPECT_EQ(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
              "file:///data/exp%C3%BCrt%20%231.xml");
}

TEST(SarifReporter, FileLevelFindingWithoutPositionHasNoRegionAndNoContribution) {
    const json result = result_with(sarif(sample_report()), "0000000000000001");
    const json location = result["locations"][0];
    EXPECT_FALSE(location["physicalLocation"].contains("region"));
    // Only the XPath names where it is: there is no contribution.
    ASSERT_EQ(location["logicalLocations"].size(), 1u);
    EXPECT_EQ(location["logicalLocations"][0]["fullyQualifiedName"],
              "/Results/Answers/AnswerSet[1]/Answer[3]");
}

TEST(SarifReporter, WaivedFindingHasExternalSuppressionWithJustificationAuthorAndExpiry) {
    const json result = result_with(sarif(sample_report()), "0000000000000004");
    ASSERT_EQ(result["suppressions"].size(), 1u);
    const json suppression = result["suppressions"][0];
    EXPECT_EQ(suppression["kind"], "external");
    EXPECT_EQ(suppression["justification"], "Answered on paper");
    EXPECT_EQ(suppression["properties"]["author"], "j.smith");
    EXPECT_EQ(suppression["properties"]["expires"], "2026-12-31");
}

TEST(SarifReporter, BaselineStatesAreNewAndUnchanged) {
    const json log = sarif(sample_report());
    EXPECT_EQ(result_with(log, "0000000000000005")["baselineState"], "unchanged");
    EXPECT_EQ(result_with(log, "0000000000000006")["baselineState"], "new");
}

TEST(SarifReporter, RunLevelFindingHasNoPhysicalLocation) {
    const json result = result_with(sarif(sample_report()), "00000000000000aa");
    EXPECT_EQ(result["level"], "warning");
    EXPECT_FALSE(result.contains("locations"));
}

TEST(SarifReporter, IncompleteRunIsUnsuccessfulAndNotifiesProblemsAndUnreadableFiles) {
    const json invocation = sarif(sample_report())["runs"][0]["invocations"][0];
    EXPECT_EQ(invocation["executionSuccessful"], false);
    const json notes = invocation["toolExecutionNotifications"];
    ASSERT_EQ(notes.size(), 2u);
    EXPECT_EQ(notes[0]["message"]["text"], "plugin refused: /opt/plugins/libold.so: ABI 2.0, host 1.0");
    EXPECT_EQ(notes[1]["level"], "error");
    EXPECT_EQ(notes[1]["message"]["text"], "broken.xml: mismatched end tag");
    EXPECT_EQ(notes[1]["locations"][0]["physicalLocation"]["region"],
              json({{"startLine", 3}, {"startColumn", 14}}));
}

TEST(SarifReporter, CompleteRunIsSuccessfulWithoutNotifications) {
    const json invocation = sarif(surveycheck::test::clean_report())["runs"][0]["invocations"][0];
    EXPECT_EQ(invocation["executionSuccessful"], true);
    EXPECT_FALSE(invocation.contains("toolExecutionNotifications"));
}

TEST(SarifReporter, ArtifactsListEveryFileWithItsStatus) {
    const json artifacts = sarif(sample_report())["runs"][0]["artifacts"];
    ASSERT_EQ(artifacts.size(), 3u);
    EXPECT_EQ(artifacts[0]["location"]["uri"], "exports/report%20one.xml");
    EXPECT_EQ(artifacts[0]["properties"]["contributions"], 2);
    EXPECT_EQ(artifacts[1]["properties"]["status"], "incomplete");
    EXPECT_EQ(artifacts[2]["properties"]["status"], "unreadable");
}

TEST(SarifReporter, UntrustedExcerptKeepsMarkupAndReplacesInvalidUtf8) {
    const json result = result_with(sarif(sample_report()), "0000000000000002");
    EXPECT_EQ(result["properties"]["excerpt"],
              "<script>alert(1)</script> \x1b[31mred & \"quoted\" \xef\xbf\xbd\xef\xbf\xbd end");
}

}  // namespace
