// Merging shard reports: files in order, run-level findings and problems once, disagreeing shards refused.
#include <gtest/gtest.h>

#include "sample_report.hpp"

namespace {

using surveycheck::test::clean_report;
using surveycheck::test::sample_report;
namespace report = surveycheck::report;
namespace engine = surveycheck::engine;

TEST(ReportMerge, FilesFollowShardOrderAndRunFindingsAndProblemsAppearOnce) {
    report::RunReport first = sample_report();
    report::RunReport second = clean_report();
    second.run_findings.push_back(first.run_findings.front());  // every shard reports it
    second.run_findings.push_back(surveycheck::test::run_finding("00000000000000bb"));
    second.problems = first.problems;
    report::RunReport merged;
    const auto result = report::merge_reports({first, second}, {"a.json", "b.json"}, merged);
    ASSERT_TRUE(result) << result.description;
    ASSERT_EQ(merged.files.size(), 4u);
    EXPECT_EQ(merged.files[0].path, "exports/report one.xml");
    EXPECT_EQ(merged.files[3].path, "clean.xml");
    ASSERT_EQ(merged.run_findings.size(), 2u);
    EXPECT_EQ(merged.run_findings[1].fingerprint, "00000000000000bb");
    EXPECT_EQ(merged.problems, first.problems);
    EXPECT_EQ(merged.rules.size(), first.rules.size());
    const report::Summary summary = merged.summary();
    EXPECT_EQ(summary.files, 4u);
    EXPECT_EQ(summary.contributions, 4u);
    EXPECT_EQ(summary.warning, 2u);
    EXPECT_TRUE(merged.incomplete());
}

TEST(ReportMerge, RulesAreUnitedById) {
    report::RunReport first = clean_report();
    report::RunReport second = clean_report();
    first.rules.pop_back();
    report::RunReport merged;
    const auto result = report::merge_reports({first, second}, {"a", "b"}, merged);
    ASSERT_TRUE(result) << result.description;
    EXPECT_EQ(merged.rules.size(), second.rules.size());
    EXPECT_EQ(merged.rules.back().id, "mandatory-fields/recommended");
}

TEST(ReportMerge, CompleteShardsMergeIntoACompleteReport) {
    report::RunReport merged;
    const auto result = report::merge_reports({clean_report(), clean_report()}, {"a", "b"}, merged);
    ASSERT_TRUE(result) << result.description;
    EXPECT_FALSE(merged.incomplete());
}

// A shard that used the baseline: it knew `known` findings and did not find the entries `absent`.
report::RunReport with_baseline(std::size_t known, const std::vector<std::string>& absent) {
    report::RunReport shard = clean_report();
    shard.baseline.used = true;
    shard.baseline.path = "nightly.baseline";
    shard.baseline.known = known;
    for (const auto& fingerprint : absent) {
        shard.baseline.absent.push_back(
            {fingerprint, "mandatory-fields/missing", "x.xml", "c-1", "sdg", "m"});
    }
    return shard;
}

TEST(ReportMerge, BaselineEntryIsAbsentOnlyWhenNoShardFoundIt) {
    // Entry 1 was found by the second shard, entry 2 by the first, entry 3 by none.
    const report::RunReport first = with_baseline(1, {"0000000000000001", "0000000000000003"});
    const report::RunReport second = with_baseline(1, {"0000000000000002", "0000000000000003"});
    report::RunReport merged;
    const auto result = report::merge_reports({first, second}, {"a", "b"}, merged);
    ASSERT_TRUE(result) << result.description;
    EXPECT_TRUE(merged.baseline.used);
    EXPECT_EQ(merged.baseline.known, 2u);
    ASSERT_EQ(merged.baseline.absent.size(), 1u);
    EXPECT_EQ(merged.baseline.absent[0].fingerprint, "0000000000000003");
}

TEST(ReportMerge, ShardWithoutTheBaselineOfTheOthersIsRefused) {
    report::RunReport merged;
    const auto result = report::merge_reports({with_baseline(0, {}), clean_report()}, {"a", "b"}, merged);
    EXPECT_FALSE(result);
    EXPECT_EQ(result.description, "b used no baseline, a one; shards of one run use the same");
}

TEST(ReportMerge, ShardsOfDifferentVersionsAreRefused) {
    report::RunReport second = clean_report();
    second.tool_version = "0.2.0";
    report::RunReport merged;
    const auto result = report::merge_reports({clean_report(), second}, {"a.json", "b.json"}, merged);
    EXPECT_FALSE(result);
    EXPECT_EQ(result.description,
              "b.json was written by surveycheck 0.2.0, a.json by 0.1.0; shards of one run use one version");
}

TEST(ReportMerge, ShardsWithDifferentThresholdsAreRefused) {
    report::RunReport second = clean_report();
    second.fail_on = engine::Severity::warning;
    report::RunReport merged;
    const auto result = report::merge_reports({clean_report(), second}, {"a.json", "b.json"}, merged);
    EXPECT_FALSE(result);
    EXPECT_NE(result.description.find("b.json fails on warning, a.json on error"), std::string::npos)
        << result.description;
}

}  // namespace
