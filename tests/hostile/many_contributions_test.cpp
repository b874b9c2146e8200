// An export of many contributions validated keeps its memory flat in every report format: findings leave for
// the reports' spools as contributions complete, so ten times the contributions take about the same memory.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "bounded_cli.hpp"
#include "repeated_export.hpp"

namespace {

namespace fs = std::filesystem;

using surveycheck::test::BoundedOutcome;
using surveycheck::test::describe;
using surveycheck::test::json;

const std::string seed = std::string(SURVEYCHECK_SOURCE_DIR) + "/examples/s3-seed-report.xml";

// About 61 findings per copy of the seed: 1,500 copies make 90,000 findings (some 100 MB held in memory).
const int copies[2] = {150, 1500};

// Runs of `validate` over 150 and 1,500 copies of the seed, each writing the reports `formats` names (with
// "{}" in a path standing for the number of copies); memory must not grow by `bound_mb` with the copies.
class ManyContributions : public surveycheck::test::BoundedCliFixture {
protected:
    void run_both(const std::vector<std::string>& formats, std::uint64_t bound_mb) {
        // A forked child's peak counts the test process's pages, so the exports are written as they are made
        // and the reports read only after both runs.
        for (int i = 0; i < 2; ++i) {
            const fs::path input = dir_ / ("export-" + std::to_string(copies[i]) + ".xml");
            {
                std::ofstream out(input, std::ios::binary);
                surveycheck::test::write_repeated_contributions(out, seed, copies[i]);
            }
            std::vector<std::string> args = {"validate", "-q", "--jobs", "2", input.string()};
            for (std::string format : formats) {
                const auto at = format.find("{}");
                format.replace(at, 2, (dir_ / std::to_string(copies[i])).string());
                args.push_back("--format");
                args.push_back(format);
            }
            runs_[i] = run_bounded(args);
            ASSERT_EQ(runs_[i].code, 0) << describe(runs_[i]);  // warnings only
        }
        EXPECT_LT(runs_[1].peak_rss_mb, runs_[0].peak_rss_mb + surveycheck::test::memory_bound_mb(bound_mb))
            << describe(runs_[0]) << "\n"
            << describe(runs_[1]);
        std::printf("peak %llu MB for %d contributions, %llu MB for %d\n",
                    static_cast<unsigned long long>(runs_[0].peak_rss_mb), copies[0],
                    static_cast<unsigned long long>(runs_[1].peak_rss_mb), copies[1]);
    }

    // The report of the run over copies[i] whose path ends in `suffix`.
    std::string report(int i, const std::string& suffix) const {
        return surveycheck::test::read_file(dir_ / (std::to_string(copies[i]) + suffix));
    }

    BoundedOutcome runs_[2];
};

TEST_F(ManyContributions, JsonReportMemoryDoesNotGrowWithTheExport) {
    if (surveycheck::test::sanitized)
        GTEST_SKIP() << "AddressSanitizer's quarantine grows with what is freed";
    run_both({"json:{}.json"}, 16);
    for (int i = 0; i < 2; ++i) {
        const json parsed = json::parse(report(i, ".json"));
        EXPECT_EQ(parsed["summary"]["contributions"], copies[i]);
        // The seed's 66 occurrences per contribution, most of them items of its two grouped region findings.
        std::size_t occurrences = 0;
        for (const json& finding : parsed["findings"])
            occurrences += finding.contains("items") ? finding["items"].size() : 1;
        EXPECT_GT(occurrences, 60u * static_cast<unsigned>(copies[i]));
    }
}

// Text, JUnit and HTML group a file's findings per contribution: the file waits on disk, not in memory. The
// bound is generous (the runs grow by some 5 MB; holding the file took 540 MB more), so that load cannot
// make it fail.
TEST_F(ManyContributions, GroupedReportsMemoryDoesNotGrowWithTheExport) {
    if (surveycheck::test::sanitized)
        GTEST_SKIP() << "AddressSanitizer's quarantine grows with what is freed";
    run_both({"text:{}.txt", "junit:{}.junit.xml", "html:{}.html"}, 64);
    for (int i = 0; i < 2; ++i) {
        const std::string text = report(i, ".txt");
        EXPECT_NE(text.find("(" + std::to_string(copies[i]) + " contributions)"), std::string::npos);
        const std::string junit = report(i, ".junit.xml");
        EXPECT_NE(junit.find(" tests=\"" + std::to_string(copies[i]) + "\""), std::string::npos);
        const std::string html = report(i, ".html");
        EXPECT_NE(html.find("id=\"f1-c" + std::to_string(copies[i]) + "\""), std::string::npos);
    }
}

}  // namespace
