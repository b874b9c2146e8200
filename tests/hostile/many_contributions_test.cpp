// An export of many contributions validated with a JSON report keeps its memory flat: findings leave for the
// report's spool as contributions complete, so ten times the contributions take about the same memory.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "bounded_cli.hpp"
#include "repeated_export.hpp"

namespace {

namespace fs = std::filesystem;

using surveycheck::test::BoundedOutcome;
using surveycheck::test::describe;
using surveycheck::test::json;

const std::string seed = std::string(SURVEYCHECK_SOURCE_DIR) + "/examples/s3-seed-report.xml";

using ManyContributions = surveycheck::test::BoundedCliFixture;

TEST_F(ManyContributions, JsonReportMemoryDoesNotGrowWithTheExport) {
    if (surveycheck::test::sanitized)
        GTEST_SKIP() << "AddressSanitizer's quarantine grows with what is freed";
    // About 61 findings per copy of the seed: 1,500 copies make 90,000 findings (some 100 MB held in memory).
    // A forked child's peak counts the test process's pages, so the exports are written as they are made and
    // the reports read only after both runs.
    const int copies[2] = {150, 1500};
    std::string reports[2];
    BoundedOutcome runs[2];
    for (int i = 0; i < 2; ++i) {
        const fs::path input = dir_ / ("export-" + std::to_string(copies[i]) + ".xml");
        {
            std::ofstream out(input, std::ios::binary);
            surveycheck::test::write_repeated_contributions(out, seed, copies[i]);
        }
        reports[i] = (dir_ / ("report-" + std::to_string(copies[i]) + ".json")).string();
        runs[i] =
            run_bounded({"validate", "-q", "--jobs", "2", "--format", "json:" + reports[i], input.string()});
        ASSERT_EQ(runs[i].code, 0) << describe(runs[i]);  // warnings only
    }
    EXPECT_LT(runs[1].peak_rss_mb, runs[0].peak_rss_mb + surveycheck::test::memory_bound_mb(16))
        << describe(runs[0]) << "\n"
        << describe(runs[1]);
    std::printf("peak %llu MB for %d contributions, %llu MB for %d\n",
                static_cast<unsigned long long>(runs[0].peak_rss_mb), copies[0],
                static_cast<unsigned long long>(runs[1].peak_rss_mb), copies[1]);
    for (int i = 0; i < 2; ++i) {
        const json parsed = json::parse(surveycheck::test::read_file(reports[i]));
        EXPECT_EQ(parsed["summary"]["contributions"], copies[i]);
        EXPECT_GT(parsed["findings"].size(), 60u * static_cast<unsigned>(copies[i]));
    }
}

}  // namespace
