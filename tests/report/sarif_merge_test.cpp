// Merging SARIF logs of shards: one run that validates, rules united with their indices, run-level results
// once, unsuccessful when any shard was; other logs refused with the input named.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sample_report.hpp"

namespace {

using nlohmann::json;
using surveycheck::test::clean_report;
using surveycheck::test::sample_report;
using surveycheck::test::valid_json;
namespace report = surveycheck::report;

std::string sarif_text(const report::RunReport& run) {
    std::ostringstream out;
    report::write_sarif(out, run);
    return out.str();
}

// Merge `logs` named a.sarif, b.sarif, ...; the merged log, or the error in `error`.
json merge(const std::vector<std::string>& logs, std::string& error) {
    std::vector<report::ReportText> inputs;
    for (std::size_t i = 0; i < logs.size(); ++i) {
        inputs.push_back({std::string(1, static_cast<char>('a' + i)) + ".sarif", logs[i]});
    }
    std::ostringstream out;
    if (!report::merge_sarif(inputs, out, error)) return json();
    return json::parse(out.str());
}

TEST(SarifMerge, TwoShardsMergeIntoOneRunThatValidates) {
    report::RunReport second = clean_report();
    second.run_findings.push_back(sample_report().run_findings.front());  // every shard reports it
    std::string error;
    const json log = merge({sarif_text(sample_report()), sarif_text(second)}, error);
    ASSERT_TRUE(error.empty()) << error;
    EXPECT_TRUE(valid_json(log.dump(), SURVEYCHECK_SARIF_SCHEMA));
    ASSERT_EQ(log["runs"].size(), 1u);
    const json run = log["runs"][0];
    EXPECT_EQ(run["artifacts"].size(), 4u);
    EXPECT_EQ(run["artifacts"][3]["location"]["uri"], "clean.xml");
    // 8 results of the sample; the clean shard repeats only the run-level one.
    EXPECT_EQ(run["results"].size(), 8u);
    EXPECT_EQ(run["invocations"][0]["executionSuccessful"], false);
    EXPECT_EQ(run["invocations"][0]["toolExecutionNotifications"].size(), 2u);
}

TEST(SarifMerge, CompleteShardsMergeIntoASuccessfulRun) {
    std::string error;
    const json log = merge({sarif_text(clean_report()), sarif_text(clean_report())}, error);
    ASSERT_TRUE(error.empty()) << error;
    EXPECT_EQ(log["runs"][0]["invocations"][0]["executionSuccessful"], true);
    EXPECT_EQ(log["runs"][0]["artifacts"].size(), 2u);
}

TEST(SarifMerge, RulesAreUnitedAndResultIndicesFollowThem) {
    report::RunReport first = clean_report();
    first.rules = {first.rules.front()};  // the first shard knows one rule only
    report::RunReport second = sample_report();
    std::reverse(second.rules.begin(), second.rules.end());
    std::string error;
    const json log = merge({sarif_text(first), sarif_text(second)}, error);
    ASSERT_TRUE(error.empty()) << error;
    const json rules = log["runs"][0]["tool"]["driver"]["rules"];
    EXPECT_EQ(rules.size(), sample_report().rules.size());
    for (const auto& result : log["runs"][0]["results"]) {
        EXPECT_EQ(rules[result["ruleIndex"].get<std::size_t>()]["id"], result["ruleId"]);
    }
}

TEST(SarifMerge, LogOfAnotherToolIsRefusedNamingTheInput) {
    json other = json::parse(sarif_text(clean_report()));
    other["runs"][0]["tool"]["driver"]["name"] = "eslint";
    std::string error;
    merge({sarif_text(clean_report()), other.dump()}, error);
    EXPECT_EQ(error, "b.sarif: run.tool.driver.name: not surveycheck");
}

TEST(SarifMerge, LogWithTwoRunsIsRefused) {
    json two = json::parse(sarif_text(clean_report()));
    two["runs"].push_back(two["runs"][0]);
    std::string error;
    merge({two.dump()}, error);
    EXPECT_EQ(error, "a.sarif: expected one run, found 2");
}

TEST(SarifMerge, ShardsOfDifferentVersionsAreRefused) {
    report::RunReport second = clean_report();
    second.tool_version = "0.2.0";
    std::string error;
    merge({sarif_text(clean_report()), sarif_text(second)}, error);
    EXPECT_NE(error.find("b.sarif: was written by surveycheck \"0.2.0\""), std::string::npos) << error;
}

TEST(SarifMerge, ShardsWithoutFilesKeepTheirRunLevelResults) {
    report::RunReport first = sample_report();
    first.files.clear();
    report::RunReport second = first;
    second.run_findings.push_back(surveycheck::test::run_finding("00000000000000bb"));
    std::string error;
    const json log = merge({sarif_text(first), sarif_text(second)}, error);
    ASSERT_TRUE(error.empty()) << error;
    EXPECT_EQ(log["runs"][0]["results"].size(), first.run_findings.size() + 1);
    EXPECT_TRUE(log["runs"][0]["artifacts"].empty());
}

TEST(SarifMerge, MergedLogIsWhatTheSinkWritesForTheMergedRun) {
    report::RunReport second = clean_report();
    second.run_findings = sample_report().run_findings;  // every shard reports it
    std::string error;
    std::vector<report::ReportText> inputs = {{"a.sarif", sarif_text(sample_report())},
                                              {"b.sarif", sarif_text(second)}};
    std::ostringstream out;
    ASSERT_TRUE(report::merge_sarif(inputs, out, error)) << error;
    report::RunReport whole = sample_report();
    for (const auto& file : clean_report().files) whole.files.push_back(file);
    EXPECT_EQ(out.str(), sarif_text(whole));
}

TEST(SarifMerge, TextThatIsNotJsonIsRefused) {
    std::string error;
    merge({"<xml/>"}, error);
    EXPECT_NE(error.find("a.sarif: not JSON"), std::string::npos) << error;
}

}  // namespace
