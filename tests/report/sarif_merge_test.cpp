// Merging SARIF logs of shards: one run that validates, rules united with their indices, run-level results
// once, unsuccessful when any shard was; other logs refused with the input named.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sample_report.hpp"
#include "util/result.hpp"

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

// How merging went, and the merged log (null when it failed).
struct Merged {
    surveycheck::util::Result result;
    json log;
};

// Merge `logs` named a.sarif, b.sarif, ...
Merged merge(const std::vector<std::string>& logs) {
    std::vector<report::ReportText> inputs;
    for (std::size_t i = 0; i < logs.size(); ++i) {
        inputs.push_back({std::string(1, static_cast<char>('a' + i)) + ".sarif", logs[i]});
    }
    std::ostringstream out;
    Merged merged{report::merge_sarif(inputs, out), json()};
    if (merged.result) merged.log = json::parse(out.str());
    return merged;
}

TEST(SarifMerge, TwoShardsMergeIntoOneRunThatValidates) {
    report::RunReport second = clean_report();
    second.run_findings.push_back(sample_report().run_findings.front());  // every shard reports it
    const Merged merged = merge({sarif_text(sample_report()), sarif_text(second)});
    ASSERT_TRUE(merged.result) << merged.result.description;
    const json& log = merged.log;
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
    const Merged merged = merge({sarif_text(clean_report()), sarif_text(clean_report())});
    ASSERT_TRUE(merged.result) << merged.result.description;
    const json& log = merged.log;
    EXPECT_EQ(log["runs"][0]["invocations"][0]["executionSuccessful"], true);
    EXPECT_EQ(log["runs"][0]["artifacts"].size(), 2u);
}

TEST(SarifMerge, RulesAreUnitedAndResultIndicesFollowThem) {
    report::RunReport first = clean_report();
    first.rules = {first.rules.front()};  // the first shard knows one rule only
    report::RunReport second = sample_report();
    std::reverse(second.rules.begin(), second.rules.end());
    const Merged merged = merge({sarif_text(first), sarif_text(second)});
    ASSERT_TRUE(merged.result) << merged.result.description;
    const json& log = merged.log;
    const json rules = log["runs"][0]["tool"]["driver"]["rules"];
    EXPECT_EQ(rules.size(), sample_report().rules.size());
    for (const auto& result : log["runs"][0]["results"]) {
        EXPECT_EQ(rules[result["ruleIndex"].get<std::size_t>()]["id"], result["ruleId"]);
    }
}

TEST(SarifMerge, LogOfAnotherToolIsRefusedNamingTheInput) {
    json other = json::parse(sarif_text(clean_report()));
    other["runs"][0]["tool"]["driver"]["name"] = "eslint";
    const Merged merged = merge({sarif_text(clean_report()), other.dump()});
    EXPECT_FALSE(merged.result);
    EXPECT_EQ(merged.result.description, "b.sarif: run.tool.driver.name: not surveycheck");
}

TEST(SarifMerge, LogWithTwoRunsIsRefused) {
    json two = json::parse(sarif_text(clean_report()));
    two["runs"].push_back(two["runs"][0]);
    const Merged merged = merge({two.dump()});
    EXPECT_FALSE(merged.result);
    EXPECT_EQ(merged.result.description, "a.sarif: expected one run, found 2");
}

TEST(SarifMerge, ShardsOfDifferentVersionsAreRefused) {
    report::RunReport second = clean_report();
    second.tool_version = "0.2.0";
    const Merged merged = merge({sarif_text(clean_report()), sarif_text(second)});
    EXPECT_FALSE(merged.result);
    EXPECT_NE(merged.result.description.find("b.sarif: was written by surveycheck \"0.2.0\""),
              std::string::npos)
        << merged.result.description;
}

TEST(SarifMerge, ShardsWithoutFilesKeepTheirRunLevelResults) {
    report::RunReport first = sample_report();
    first.files.clear();
    report::RunReport second = first;
    second.run_findings.push_back(surveycheck::test::run_finding("00000000000000bb"));
    const Merged merged = merge({sarif_text(first), sarif_text(second)});
    ASSERT_TRUE(merged.result) << merged.result.description;
    const json& log = merged.log;
    EXPECT_EQ(log["runs"][0]["results"].size(), first.run_findings.size() + 1);
    EXPECT_TRUE(log["runs"][0]["artifacts"].empty());
}

TEST(SarifMerge, MergedLogIsWhatTheSinkWritesForTheMergedRun) {
    report::RunReport second = clean_report();
    second.run_findings = sample_report().run_findings;  // every shard reports it
    std::vector<report::ReportText> inputs = {{"a.sarif", sarif_text(sample_report())},
                                              {"b.sarif", sarif_text(second)}};
    std::ostringstream out;
    const auto result = report::merge_sarif(inputs, out);
    ASSERT_TRUE(result) << result.description;
    report::RunReport whole = sample_report();
    for (const auto& file : clean_report().files) whole.files.push_back(file);
    EXPECT_EQ(out.str(), sarif_text(whole));
}

TEST(SarifMerge, TextThatIsNotJsonIsRefused) {
    const Merged merged = merge({"<xml/>"});
    EXPECT_FALSE(merged.result);
    EXPECT_NE(merged.result.description.find("a.sarif: not JSON"), std::string::npos)
        << merged.result.description;
}

}  // namespace
