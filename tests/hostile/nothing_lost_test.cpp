// Nothing a user gave is lost: a report replaces the old one only when complete (no temporary file left
// behind when it cannot), and no report or baseline is ever written over one of the inputs.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "bounded_cli.hpp"

namespace {

namespace fs = std::filesystem;

using surveycheck::test::BoundedOutcome;
using surveycheck::test::describe;
using surveycheck::test::Limits;
using surveycheck::test::read_file;

const std::string seed_report = std::string(SURVEYCHECK_SOURCE_DIR) + "/examples/s3-seed-report.xml";
const std::vector<std::string> formats = {"text", "json", "jsonl", "sarif", "junit", "html"};
const std::string old_report = "the report of yesterday's run\n";

class NothingLost : public surveycheck::test::BoundedCliFixture {};

TEST_F(NothingLost, DiskFullWhileWritingKeepsTheOldReportAndLeavesNoTemporaryFile) {
    const std::string input = write("export.xml", read_file(seed_report));
    for (const auto& format : formats) {
        const std::string report = write("report." + format, old_report);
        Limits limits;
        limits.file_size_bytes = 4096;  // every report of the seed export is larger
        const BoundedOutcome result =
            run_bounded({"validate", "--format", format + ":" + report, input}, limits);
        EXPECT_EQ(result.code, 2) << format << ": " << describe(result);
        EXPECT_NE(result.err.find("cannot write"), std::string::npos) << format << ": " << result.err;
        EXPECT_EQ(read_file(report), old_report) << format;
        EXPECT_EQ(folder_names(), (std::vector<std::string>{"export.xml", "report." + format})) << format;
        fs::remove(report);
    }
}

TEST_F(NothingLost, ReportPathThatIsAFolderIsRefusedAndLeavesNoTemporaryFile) {
    const std::string input = write("export.xml", read_file(seed_report));
    fs::create_directory(dir_ / "reports");
    const BoundedOutcome result =
        run_bounded({"validate", "--format", "json:" + (dir_ / "reports").string(), input});
    EXPECT_EQ(result.code, 2) << describe(result);
    EXPECT_TRUE(fs::is_directory(dir_ / "reports"));
    EXPECT_TRUE(fs::is_empty(dir_ / "reports"));
    EXPECT_EQ(folder_names(), (std::vector<std::string>{"export.xml", "reports"}));
}

TEST_F(NothingLost, UsageErrorLeavesTheOldReportUntouched) {
    const std::string input = write("export.xml", read_file(seed_report));
    const std::string report = write("report.json", old_report);
    const BoundedOutcome result =
        run_bounded({"validate", "--disable", "no-such-rule", "--format", "json:" + report, input});
    EXPECT_EQ(result.code, 2) << describe(result);
    EXPECT_EQ(read_file(report), old_report);
    EXPECT_EQ(folder_names(), (std::vector<std::string>{"export.xml", "report.json"}));
}

TEST_F(NothingLost, EveryFormatRefusesToWriteOverAnInput) {
    const std::string input = write("export.xml", read_file(seed_report));
    for (const auto& format : formats) {
        for (const std::vector<std::string>& how :
             {std::vector<std::string>{"--format", format + ":" + input},
              std::vector<std::string>{"--format", format, "--output", input}}) {
            std::vector<std::string> args = {"validate"};
            args.insert(args.end(), how.begin(), how.end());
            args.push_back(input);
            const BoundedOutcome result = run_bounded(args);
            EXPECT_EQ(result.code, 2) << format << ": " << describe(result);
            EXPECT_NE(result.err.find("one of the inputs"), std::string::npos)
                << format << ": " << result.err;
            EXPECT_EQ(read_file(input), read_file(seed_report)) << format;
        }
    }
    EXPECT_EQ(folder_names(), std::vector<std::string>{"export.xml"});
}

TEST_F(NothingLost, InputNamedAnotherWayIsStillRecognised) {
    fs::create_directories(dir_ / "exports");
    const std::string input = (dir_ / "exports" / "export.xml").string();
    write("exports/export.xml", read_file(seed_report));
    fs::create_symlink(input, dir_ / "link.xml");
    const std::vector<std::string> spellings = {(dir_ / "exports" / ".." / "exports" / "export.xml").string(),
                                                (dir_ / "link.xml").string()};
    for (const auto& spelling : spellings) {
        // The input comes in through its folder; the report names it another way.
        const BoundedOutcome result =
            run_bounded({"validate", "--format", "sarif:" + spelling, (dir_ / "exports").string()});
        EXPECT_EQ(result.code, 2) << spelling << ": " << describe(result);
        EXPECT_EQ(read_file(input), read_file(seed_report)) << spelling;
    }
}

TEST_F(NothingLost, BaselineThatIsAnInputIsRefused) {
    const std::string input = write("export.xml", read_file(seed_report));
    const BoundedOutcome result = run_bounded({"validate", "--write-baseline", input, input});
    EXPECT_EQ(result.code, 2) << describe(result);
    EXPECT_NE(result.err.find("one of the inputs"), std::string::npos) << result.err;
    EXPECT_EQ(read_file(input), read_file(seed_report));
}

TEST_F(NothingLost, ZipInputIsNeverOverwritten) {
    const std::string zip = write("exports.zip", "PK\x03\x04 not really a zip");
    const std::string before = read_file(zip);
    const BoundedOutcome result = run_bounded({"validate", "--format", "junit:" + zip, zip});
    EXPECT_EQ(result.code, 2) << describe(result);
    EXPECT_EQ(read_file(zip), before);
}

}  // namespace
