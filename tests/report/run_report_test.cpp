// RunReport keeps the findings about the whole run each once, however many files and rules report them.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "report/report.hpp"
#include "sample_report.hpp"

namespace {

using namespace surveycheck;

// `count` run findings with fingerprints first..first+count-1.
engine::FileResult file_with_run_findings(std::size_t first, std::size_t count) {
    engine::FileResult file;
    file.path = "export-" + std::to_string(first) + ".xml";
    for (std::size_t i = first; i < first + count; ++i) {
        char fingerprint[17];
        std::snprintf(fingerprint, sizeof fingerprint, "%016zx", i);
        file.run_findings.push_back(test::run_finding(fingerprint));
    }
    return file;
}

TEST(RunReport, RunFindingsRepeatedByFilesAreKeptOnceInOrder) {
    report::RunReport report;
    report.add_file(file_with_run_findings(0, 3));
    report.add_file(file_with_run_findings(2, 3));  // 2 again, then 3 and 4
    ASSERT_EQ(report.run_findings.size(), 5u);
    for (std::size_t i = 0; i < 5; ++i)
        EXPECT_EQ(report.run_findings[i].fingerprint, "000000000000000" + std::to_string(i));
    EXPECT_TRUE(report.files[1].run_findings.empty()) << "a file's run findings move to the run";
}

TEST(RunReport, RunFindingAddedDirectlyIsStillKeptOnce) {
    report::RunReport report;
    report.add_file(file_with_run_findings(0, 1));
    report.run_findings.push_back(test::run_finding("00000000000000aa"));  // a refused plugin, say
    engine::FileResult file = file_with_run_findings(0, 1);
    file.run_findings.push_back(test::run_finding("00000000000000aa"));
    report.add_file(std::move(file));
    EXPECT_EQ(report.run_findings.size(), 2u);
}

// A plugin may report a run finding per contribution, each different: 200,000 of them, in two files that
// repeat half, took minutes while every one was compared with every one kept before; a lookup each is well
// under a second.
TEST(RunReport, HundredsOfThousandsOfRunFindingsAreKeptInLinearTime) {
    report::RunReport report;
    const auto start = std::chrono::steady_clock::now();
    report.add_file(file_with_run_findings(0, 200000));
    report.add_file(file_with_run_findings(100000, 200000));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(report.run_findings.size(), 300000u);
    EXPECT_LT(seconds, 20.0);
}

}  // namespace
