// `surveycheck merge` keeps its memory flat: shards are read in pieces and the merged report written through
// its sink, so shards ten times as large take about the same memory (bounded by the largest contribution).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "bounded_cli.hpp"
#include "repeated_export.hpp"

namespace {

namespace fs = std::filesystem;
namespace test = surveycheck::test;
using Bounded = test::BoundedOutcome;

class MergeMemory : public test::BoundedCliFixture {
protected:
    // The JSON report and SARIF log of an export of `copies` copies of the seed, as two shards each
    // ("a.json", "b.json", ...: the second a copy of the first, as a second shard of the same exports would
    // be).
    std::string shards(int copies) const {
        const fs::path folder = dir_ / std::to_string(copies);
        fs::create_directories(folder);
        const fs::path input = folder / "export.xml";
        {
            std::ofstream out(input, std::ios::binary);
            test::write_repeated_contributions(
                out, std::string(SURVEYCHECK_SOURCE_DIR) + "/examples/s3-seed-report.xml", copies);
        }
        const Bounded validated =
            run_bounded({"validate", "-q", "--jobs", "2", "--format", "json:" + (folder / "a.json").string(),
                         "--format", "sarif:" + (folder / "a.sarif").string(), input.string()});
        EXPECT_EQ(validated.code, 0) << test::describe(validated);  // warnings only
        fs::copy_file(folder / "a.json", folder / "b.json");
        fs::copy_file(folder / "a.sarif", folder / "b.sarif");
        return folder.string();
    }

    // Merge the two shards of `folder` in `format`.
    Bounded merge(const std::string& folder, const std::string& format) const {
        return run_bounded(
            {"merge", "-o", folder + "/merged." + format, folder + "/a." + format, folder + "/b." + format});
    }
};

TEST_F(MergeMemory, MergeMemoryDoesNotGrowWithTheShards) {
    if (test::sanitized) GTEST_SKIP() << "AddressSanitizer's quarantine grows with what is freed";
    // About 61 findings per copy of the seed: two shards of 400 copies hold 48,000 findings (some 50 MB of
    // JSON, about 1 GB once parsed whole).
    const std::string small = shards(40);
    const std::string large = shards(400);
    for (const std::string format : {"json", "sarif"}) {
        const Bounded runs[2] = {merge(small, format), merge(large, format)};
        for (const auto& run : runs) ASSERT_EQ(run.code, 0) << format << ": " << test::describe(run);
        EXPECT_LT(runs[1].peak_rss_mb, runs[0].peak_rss_mb + test::memory_bound_mb(16))
            << format << ":\n"
            << test::describe(runs[0]) << "\n"
            << test::describe(runs[1]);
        std::printf("merge %s: peak %llu MB for 2 x 40 copies, %llu MB for 2 x 400\n", format.c_str(),
                    static_cast<unsigned long long>(runs[0].peak_rss_mb),
                    static_cast<unsigned long long>(runs[1].peak_rss_mb));
    }
    const test::json shard = test::json::parse(test::read_file(large + "/a.json"));
    const test::json merged = test::json::parse(test::read_file(large + "/merged.json"));
    EXPECT_EQ(merged["summary"]["contributions"], 2 * 400);
    EXPECT_EQ(merged["findings"].size(), 2 * shard["findings"].size());
    const test::json log = test::json::parse(test::read_file(large + "/merged.sarif"));
    EXPECT_EQ(log["runs"][0]["results"].size(), 2 * shard["findings"].size());
}

}  // namespace
