// `surveycheck merge` end to end: shard reports of real runs merge into one valid report; wrong inputs are
// refused with exit code 2, the file named and nothing written.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_fixture.hpp"
#include "sample_report.hpp"

namespace {

using nlohmann::json;
using surveycheck::test::Outcome;
using surveycheck::test::read_file;
using surveycheck::test::valid_json;
namespace report = surveycheck::report;

const std::string source_dir = SURVEYCHECK_SOURCE_DIR;
const std::string seed_report = source_dir + "/examples/s3-seed-report.xml";
const std::string clean_report = source_dir + "/examples/s3-clean-report.xml";

class MergeCommand : public surveycheck::test::CliFixture {
protected:
    std::string path(const std::string& name) const { return (dir_ / name).string(); }

    // Validate `input` into the JSON report `name`, with `extra` options.
    json shard(const std::string& name, const std::string& input, const std::string& extra = "") const {
        const Outcome result =
            run("validate --format json " + extra + " -o '" + path(name) + "' '" + input + "'");
        EXPECT_LE(result.code, 3) << result.err;
        return json::parse(read_file(path(name)));
    }

    std::string sarif_shard(const std::string& name, const report::RunReport& run) const {
        std::ostringstream out;
        report::write_sarif(out, run);
        return write(name, out.str());
    }

    // Run merge with `args`, expect exit 2 and no output file, and return what it said.
    std::string refused(const std::string& args) const {
        const Outcome result = run("merge -o '" + path("out.json") + "' " + args);
        EXPECT_EQ(result.code, 2) << result.err;
        EXPECT_FALSE(surveycheck::test::fs::exists(path("out.json")));
        return result.err;
    }
};

TEST_F(MergeCommand, JsonShardsMergeIntoOneReportThatValidates) {
    const json a = shard("a.json", seed_report);
    const json b = shard("b.json", clean_report);
    const Outcome result =
        run("merge -o '" + path("out.json") + "' '" + path("a.json") + "' '" + path("b.json") + "'");
    ASSERT_EQ(result.code, 0) << result.err;
    const std::string text = read_file(path("out.json"));
    EXPECT_TRUE(valid_json(text, source_dir + "/schemas/findings.schema.json"));
    const json merged = json::parse(text);
    ASSERT_EQ(merged["files"].size(), 2u);
    EXPECT_EQ(merged["files"][0]["path"], seed_report);
    EXPECT_EQ(merged["files"][1]["path"], clean_report);
    EXPECT_EQ(merged["findings"].size(), a["findings"].size() + b["findings"].size());
    for (const char* count : {"files", "contributions", "error", "warning", "info"}) {
        EXPECT_EQ(merged["summary"][count], a["summary"][count].get<int>() + b["summary"][count].get<int>())
            << count;
    }
    EXPECT_EQ(merged["summary"]["incomplete"], false);
}

TEST_F(MergeCommand, ProblemOfEveryShardAppearsOnceAndKeepsTheRunIncomplete) {
    const std::string refused_plugin = std::string("--plugin-dir '") + SURVEYCHECK_ABI2_PLUGIN_DIR + "'";
    ASSERT_EQ(shard("a.json", seed_report, refused_plugin)["problems"].size(), 1u);
    ASSERT_EQ(shard("b.json", clean_report, refused_plugin)["problems"].size(), 1u);
    const Outcome result =
        run("merge -o '" + path("out.json") + "' '" + path("a.json") + "' '" + path("b.json") + "'");
    ASSERT_EQ(result.code, 0) << result.err;
    const json merged = json::parse(read_file(path("out.json")));
    EXPECT_EQ(merged["problems"].size(), 1u);
    EXPECT_EQ(merged["summary"]["incomplete"], true);
}

TEST_F(MergeCommand, SarifShardsMergeIntoOneRunThatValidates) {
    const std::string a = sarif_shard("a.sarif", surveycheck::test::sample_report());
    const std::string b = sarif_shard("b.sarif", surveycheck::test::clean_report());
    const Outcome result = run("merge -o '" + path("out.sarif") + "' '" + a + "' '" + b + "'");
    ASSERT_EQ(result.code, 0) << result.err;
    const std::string text = read_file(path("out.sarif"));
    EXPECT_TRUE(valid_json(text, SURVEYCHECK_SARIF_SCHEMA));
    const json run_log = json::parse(text)["runs"][0];
    EXPECT_EQ(run_log["artifacts"].size(), 4u);
    EXPECT_EQ(run_log["invocations"][0]["executionSuccessful"], false);
}

TEST_F(MergeCommand, MixedFormatsAreRefused) {
    shard("a.json", seed_report);
    const std::string b = sarif_shard("b.sarif", surveycheck::test::clean_report());
    const std::string err = refused("'" + path("a.json") + "' '" + b + "'");
    EXPECT_NE(err.find(b + " is a SARIF log but " + path("a.json") + " says json"), std::string::npos) << err;
}

TEST_F(MergeCommand, InputsOfAnotherFormatThanAskedAreRefused) {
    shard("a.json", seed_report);
    const std::string err = refused("--format sarif '" + path("a.json") + "'");
    EXPECT_NE(err.find("is a JSON report but --format says sarif"), std::string::npos) << err;
}

TEST_F(MergeCommand, OutputThatIsAnInputIsRefusedAndLeftAlone) {
    shard("a.json", seed_report);
    shard("b.json", clean_report);
    const std::string before = read_file(path("a.json"));
    const Outcome result =
        run("merge -o '" + path("a.json") + "' '" + path("a.json") + "' '" + path("b.json") + "'");
    EXPECT_EQ(result.code, 2);
    EXPECT_NE(result.err.find("is one of the inputs"), std::string::npos) << result.err;
    EXPECT_EQ(read_file(path("a.json")), before);
}

TEST_F(MergeCommand, SameShardTwiceIsRefused) {
    shard("a.json", seed_report);
    const std::string err = refused("'" + path("a.json") + "' '" + path("a.json") + "'");
    EXPECT_NE(err.find("is given twice"), std::string::npos) << err;
}

TEST_F(MergeCommand, MissingInputIsRefusedNamingIt) {
    const std::string err = refused("'" + path("nowhere.json") + "'");
    EXPECT_NE(err.find("cannot read " + path("nowhere.json")), std::string::npos) << err;
}

TEST_F(MergeCommand, InputThatIsNotJsonIsRefusedNamingIt) {
    const std::string bad = write("bad.json", "<Results/>");
    const std::string err = refused("'" + bad + "'");
    EXPECT_NE(err.find(bad + ": not JSON"), std::string::npos) << err;
}

TEST_F(MergeCommand, BrokenJsonReportIsRefusedWithTheReason) {
    json a = shard("a.json", seed_report);
    ASSERT_FALSE(a["findings"].empty());
    a["findings"][0].erase("rule");
    const std::string bad = write("bad.json", a.dump());
    const std::string err = refused("'" + bad + "'");
    EXPECT_NE(err.find(bad + ": not a surveycheck JSON report: findings[0]: 'rule' is missing"),
              std::string::npos)
        << err;
}

}  // namespace
