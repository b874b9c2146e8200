// Nightly compliance runs end to end: a corpus of 50 exports (XML in folders and EUSurvey ZIPs) through the
// real executable — schemas of every format, --jobs determinism, baselines, config and waivers, shards, logs.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "cli_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using surveycheck::test::findings_of;
using surveycheck::test::Outcome;
using surveycheck::test::read_file;

const std::string source_dir = SURVEYCHECK_SOURCE_DIR;
const std::string data_dir = SURVEYCHECK_TEST_DATA_DIR;
const std::string seed_report = source_dir + "/examples/s3-seed-report.xml";

class NightlyTest : public surveycheck::test::CliFixture {
protected:
    // Write the 50-export corpus (40 XML in three folders, 10 ZIPs with an upload next to the XML).
    std::string corpus(std::size_t count = 50) const {
        const std::string folder = (dir_ / "corpus").string();
        const std::string command = "/usr/bin/python3 '" + source_dir +
                                    "/tests/nightly/make_nightly_corpus.py' '" + folder + "' " +
                                    std::to_string(count);
        EXPECT_EQ(std::system(command.c_str()), 0);
        return folder;
    }

    // Validate `file` against a JSON schema with Debian's python3-jsonschema; empty string when valid.
    static bool json_valid(const std::string& schema, const std::string& file) {
        const std::string command =
            "/usr/bin/python3 -c 'import json,sys,jsonschema; "
            "jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))' '" +
            schema + "' '" + file + "'";
        return std::system(command.c_str()) == 0;
    }

    static bool junit_valid(const std::string& file) {
        const std::string command =
            "xmllint --noout --schema '" + data_dir + "/schemas/JUnit.xsd' '" + file + "' 2>/dev/null";
        return std::system(command.c_str()) == 0;
    }

    // A config file in the test folder.
    std::string config(const std::string& body) const {
        return write("config.xml", "<?xml version=\"1.0\"?>\n<surveycheck-config version=\"1\">\n" + body +
                                       "</surveycheck-config>\n");
    }
};

TEST_F(NightlyTest, FolderOfXmlAndZipExportsGivesSchemaValidSarifJunitAndJson) {
    const std::string folder = corpus();
    const Outcome result =
        run("validate '" + folder + "' --format sarif:'" + path("run.sarif") + "' --format junit:'" +
            path("run.junit.xml") + "' --format json:'" + path("run.json") + "'");
    ASSERT_EQ(result.code, 1) << result.err;  // the synthetic reports carry real defects
    EXPECT_TRUE(json_valid(data_dir + "/schemas/sarif-schema-2.1.0.json", path("run.sarif")));
    EXPECT_TRUE(junit_valid(path("run.junit.xml")));
    EXPECT_TRUE(json_valid(source_dir + "/schemas/findings.schema.json", path("run.json")));

    const json report = json::parse(read_file(path("run.json")));
    EXPECT_EQ(report["summary"]["files"], 50);
    EXPECT_EQ(report["summary"]["contributions"], 50);
    std::size_t from_zip = 0;
    for (const auto& file : report["files"]) {
        EXPECT_EQ(file["status"], "checked") << file.dump();
        if (file["path"].get<std::string>().find(".zip!/results_xml-") != std::string::npos) ++from_zip;
    }
    EXPECT_EQ(from_zip, 10u);  // the uploaded PDF next to each XML is not an export
    const json sarif = json::parse(read_file(path("run.sarif")));
    EXPECT_EQ(sarif["runs"][0]["results"].size(), report["findings"].size());
    EXPECT_TRUE(sarif["runs"][0]["invocations"][0]["executionSuccessful"].get<bool>());
}

TEST_F(NightlyTest, JobsOneAndFourGiveByteIdenticalReports) {
    const std::string folder = corpus();
    auto run_with_jobs = [&](const std::string& jobs) {
        const std::string prefix = path("jobs" + jobs);
        const Outcome result =
            run_with("validate '" + folder + "' --jobs " + jobs + " --format text:'" + prefix +
                         ".txt' --format json:'" + prefix + ".json' --format sarif:'" + prefix +
                         ".sarif' --format junit:'" + prefix + ".junit' --format jsonl",
                     "/dev/null", "SOURCE_DATE_EPOCH=1767225600");
        EXPECT_EQ(result.code, 1) << result.err;
        return result.out;  // the jsonl stream
    };
    const std::string lines_1 = run_with_jobs("1");
    const std::string lines_4 = run_with_jobs("4");
    EXPECT_FALSE(lines_1.empty());
    EXPECT_EQ(lines_1, lines_4);
    for (const char* extension : {".txt", ".json", ".sarif", ".junit"}) {
        EXPECT_EQ(read_file(path(std::string("jobs1") + extension)),
                  read_file(path(std::string("jobs4") + extension)))
            << extension;
    }
}

TEST_F(NightlyTest, BaselineLeavesNothingNewUntilOneNewDefectAppears) {
    const std::string folder = corpus();
    const Outcome first =
        run("validate '" + folder + "' --write-baseline '" + path("baseline.json") + "' -q");
    ASSERT_LE(first.code, 1) << first.err;

    const json again = validate_json("'" + folder + "' --baseline '" + path("baseline.json") + "'", 0);
    EXPECT_TRUE(again["findings"].empty()) << again["findings"].dump(2);
    EXPECT_GT(again["summary"]["baseline"]["known"].get<int>(), 0);
    EXPECT_TRUE(again["summary"]["baseline"]["absent"].empty());

    // One new defect: a real executive summary of one report becomes the placeholder "tbd".
    const std::string victim = folder + "/period-0/report-000.xml";
    std::string xml = read_file(victim);
    const std::regex exec_summary(R"((<Answer qid="[^"]+">)[^<]{20,}(</Answer>))");
    std::smatch match;
    ASSERT_TRUE(std::regex_search(xml, match, exec_summary));
    xml.replace(match.position(0), match.length(0), match.str(1) + "tbd" + match.str(2));
    write("corpus/period-0/report-000.xml", xml);

    const json after = validate_json("'" + folder + "' --baseline '" + path("baseline.json") + "'", 0);
    ASSERT_EQ(after["findings"].size(), 1u) << after["findings"].dump(2);
    EXPECT_EQ(after["findings"][0]["rule"], "mandatory-fields/placeholder");
    EXPECT_EQ(after["findings"][0]["baseline_state"], "new");
    EXPECT_EQ(after["findings"][0]["file"], victim);
}

TEST_F(NightlyTest, BaselineListsTheEntriesARunNoLongerFinds) {
    const std::string folder = corpus(5);
    ASSERT_LE(run("validate '" + folder + "' -q --write-baseline '" + path("baseline.json") + "'").code, 1);
    fs::remove(folder + "/period-0/report-000.xml");
    const json report = validate_json("'" + folder + "' --baseline '" + path("baseline.json") + "'", 0);
    const auto& absent = report["summary"]["baseline"]["absent"];
    ASSERT_FALSE(absent.empty());
    for (const auto& entry : absent) {
        EXPECT_NE(entry["file"].get<std::string>().find("report-000.xml"), std::string::npos) << entry.dump();
    }
}

TEST_F(NightlyTest, BaselineEntriesOfAnUnreadableFileAreNeitherGoneNorDropped) {
    const std::string folder = corpus(5);
    ASSERT_LE(run("validate '" + folder + "' -q --write-baseline '" + path("baseline.json") + "'").code, 1);
    const std::string victim = folder + "/period-0/report-000.xml";
    const auto entries_of_victim = [&](const json& baseline) {
        std::size_t count = 0;
        for (const auto& entry : baseline["findings"]) count += entry["file"] == victim;
        return count;
    };
    const std::size_t recorded = entries_of_victim(json::parse(read_file(path("baseline.json"))));
    ASSERT_GT(recorded, 0u);
    const std::string good = read_file(victim);
    write("corpus/period-0/report-000.xml", good.substr(0, good.size() / 2));  // cut: unreadable tonight

    // Incomplete (3); nothing of the unreadable file is said to be gone, and the new baseline keeps it.
    const json night = validate_json("'" + folder + "' --baseline '" + path("baseline.json") +
                                         "' --write-baseline '" + path("next.json") + "'",
                                     3);
    EXPECT_TRUE(night["summary"]["baseline"]["absent"].empty()) << night["summary"]["baseline"].dump(2);
    EXPECT_TRUE(night["findings"].empty()) << night["findings"].dump(2);
    EXPECT_EQ(entries_of_victim(json::parse(read_file(path("next.json")))), recorded);

    // The file is readable again the next night: nothing of it is new.
    write("corpus/period-0/report-000.xml", good);
    const json next = validate_json("'" + folder + "' --baseline '" + path("next.json") + "'", 0);
    EXPECT_TRUE(next["findings"].empty()) << next["findings"].dump(2);
    EXPECT_TRUE(next["summary"]["baseline"]["absent"].empty());
}

TEST_F(NightlyTest, OneBrokenExportMakesTheRunIncompleteAndTheOthersAreStillReported) {
    const std::string folder = corpus(5);
    const json whole = validate_json("'" + folder + "'", 0);  // warnings only
    write("corpus/broken.xml", "<Results>\n<Survey id=\"x\">\n");
    const json night = validate_json("'" + folder + "'", 3);
    EXPECT_EQ(night["summary"]["files"], whole["summary"]["files"].get<int>() + 1);
    EXPECT_EQ(night["findings"].size(), whole["findings"].size());
    EXPECT_TRUE(night["summary"]["incomplete"].get<bool>());
    std::size_t unreadable = 0;
    for (const auto& file : night["files"]) unreadable += file["status"] == "unreadable";
    EXPECT_EQ(unreadable, 1u);
}

TEST_F(NightlyTest, AFolderOrPatternWithoutExportsIsAUsageErrorNotAPass) {
    fs::create_directories(dir_ / "empty-night");
    const Outcome empty = run("validate '" + path("empty-night") + "'");
    EXPECT_EQ(empty.code, 2);
    EXPECT_NE(empty.err.find(path("empty-night") + ": no export (.xml or .zip) in this folder or below it"),
              std::string::npos)
        << empty.err;
    const Outcome unmatched = run("validate '" + path("empty-night") + "/*.xml'");
    EXPECT_EQ(unmatched.code, 2);
    EXPECT_NE(unmatched.err.find("the pattern matches no file"), std::string::npos) << unmatched.err;
}

TEST_F(NightlyTest, BaselineThatIsNotOneIsAUsageError) {
    const Outcome result =
        run("validate '" + seed_report + "' --baseline '" + write("b.json", "[1, 2]") + "'");
    EXPECT_EQ(result.code, 2);
    EXPECT_NE(result.err.find("not a surveycheck baseline"), std::string::npos) << result.err;
}

TEST_F(NightlyTest, ConfigSetsSeverityDisablesRulesAndFailOn) {
    const std::string file = config(R"(  <fail-on>warning</fail-on>
  <rules>
    <disable rule="nuts-code-format"/>
    <severity rule="mandatory-fields/placeholder" level="error" reason="reviewers must see every placeholder"/>
  </rules>
)");
    const json report = validate_json("--config '" + file + "' '" + seed_report + "'", 1);
    EXPECT_TRUE(findings_of(report, "nuts-code-format/missing-code").empty());
    const auto placeholder = findings_of(report, "mandatory-fields/placeholder");
    ASSERT_EQ(placeholder.size(), 1u);
    EXPECT_EQ(placeholder[0]["severity"], "error");
    EXPECT_EQ(report["summary"]["fail_on"], "warning");
    // The command line comes after the config file and wins.
    const json cli = validate_json("--config '" + file +
                                       "' --severity mandatory-fields/placeholder=info --fail-on error '" +
                                       seed_report + "'",
                                   0);
    EXPECT_EQ(findings_of(cli, "mandatory-fields/placeholder")[0]["severity"], "info");
}

TEST_F(NightlyTest, EnableAndDisableOnTheCommandLineOverrideTheConfigs) {
    const std::string file = config(R"(  <rules>
    <disable rule="nuts-code-format/missing-code"/>
    <enable rule="mandatory-fields"/>
  </rules>
)");
    // The config alone: missing-code is off.
    const json configured = validate_json("--config '" + file + "' '" + seed_report + "'", 0);
    EXPECT_TRUE(findings_of(configured, "nuts-code-format/missing-code").empty());
    // --enable of the same rule wins over the config's <disable>, even though it is no more specific.
    const json enabled = validate_json(
        "--config '" + file + "' --enable nuts-code-format/missing-code '" + seed_report + "'", 0);
    EXPECT_EQ(findings_of(enabled, "nuts-code-format/missing-code").size(), 28u);
    // And a plugin-wide --disable wins over the config's more specific <enable>.
    const json disabled =
        validate_json("--config '" + file + "' --disable mandatory-fields '" + seed_report + "'", 0);
    EXPECT_TRUE(findings_of(disabled, "mandatory-fields/placeholder").empty());
    // Within the command line the more specific pattern still wins.
    const json specific = validate_json(
        "--disable nuts-code-format --enable nuts-code-format/missing-code '" + seed_report + "'", 0);
    EXPECT_EQ(findings_of(specific, "nuts-code-format/missing-code").size(), 28u);
    EXPECT_TRUE(findings_of(specific, "nuts-code-format/country-code").empty());
}

TEST_F(NightlyTest, ASurveycheckXmlAboveTheCurrentFolderIsTheConfigAndTheRunSaysSo) {
    fs::create_directories(dir_ / "night" / "exports");
    write("night/surveycheck.xml", R"(<?xml version="1.0"?>
<surveycheck-config version="1">
  <rules><disable rule="nuts-code-format"/></rules>
</surveycheck-config>
)");
    const std::string from_below = "cd '" + path("night/exports") + "' &&";
    const Outcome found = run_with("validate --format json '" + seed_report + "'", "/dev/null", from_below);
    EXPECT_EQ(found.code, 0) << found.err;
    EXPECT_NE(found.err.find("using the config file " + path("night/surveycheck.xml")), std::string::npos)
        << found.err;
    EXPECT_TRUE(findings_of(json::parse(found.out), "nuts-code-format/missing-code").empty());
    // --no-config: no search; --config: that file, not the one found.
    const Outcome ignored =
        run_with("validate --no-config --format json '" + seed_report + "'", "/dev/null", from_below);
    EXPECT_EQ(ignored.err.find("using the config file"), std::string::npos) << ignored.err;
    EXPECT_FALSE(findings_of(json::parse(ignored.out), "nuts-code-format/missing-code").empty());
    const std::string other = config("");
    const Outcome named = run_with("validate --config '" + other + "' --format json '" + seed_report + "'",
                                   "/dev/null", from_below);
    EXPECT_EQ(named.err.find("using the config file"), std::string::npos) << named.err;
    EXPECT_FALSE(findings_of(json::parse(named.out), "nuts-code-format/missing-code").empty());
}

TEST_F(NightlyTest, WaivedFindingIsReportedAsSuppressedWithItsJustification) {
    const std::string file = config(R"(  <waivers>
    <waiver rule="mandatory-fields/placeholder" question="sdg_comments" author="j.doe" expires="2099-12-31">The partnership confirmed by e-mail that it has no comment.</waiver>
  </waivers>
)");
    const json report = validate_json(
        "--config '" + file + "' --severity mandatory-fields/placeholder=error '" + seed_report + "'",
        0);  // the only error is waived
    const auto placeholder = findings_of(report, "mandatory-fields/placeholder");
    ASSERT_EQ(placeholder.size(), 1u);
    EXPECT_TRUE(placeholder[0]["suppressed"].get<bool>());
    EXPECT_EQ(placeholder[0]["suppression"]["author"], "j.doe");
    EXPECT_EQ(report["summary"]["suppressed"], 1);
    EXPECT_EQ(report["summary"]["error"], 0);

    ASSERT_EQ(
        run("validate --config '" + file + "' --format sarif:'" + path("w.sarif") + "' '" + seed_report + "'")
            .code,
        0);
    const json sarif = json::parse(read_file(path("w.sarif")));
    bool found = false;
    for (const auto& result : sarif["runs"][0]["results"]) {
        if (result["ruleId"] != "mandatory-fields/placeholder") continue;
        found = true;
        EXPECT_EQ(result["suppressions"][0]["justification"],
                  "The partnership confirmed by e-mail that it has no comment.");
    }
    EXPECT_TRUE(found);
}

TEST_F(NightlyTest, ExpiredWaiverIsAWarningAndNoLongerSuppresses) {
    const std::string file = config(R"(  <waivers>
    <waiver rule="mandatory-fields/placeholder" question="sdg_comments" author="j.doe" expires="2020-01-31">Old.</waiver>
  </waivers>
)");
    const json report = validate_json("--config '" + file + "' '" + seed_report + "'", 0);
    EXPECT_FALSE(findings_of(report, "mandatory-fields/placeholder")[0]["suppressed"].get<bool>());
    const auto expired = findings_of(report, "surveycheck/waiver-expired");
    ASSERT_EQ(expired.size(), 1u);
    EXPECT_EQ(expired[0]["severity"], "warning");
    EXPECT_EQ(expired[0]["file"], file);
    EXPECT_EQ(expired[0]["line"], 4);
}

TEST_F(NightlyTest, UnusedWaiverIsInfo) {
    const std::string file = config(R"(  <waivers>
    <waiver rule="mandatory-fields/missing" contribution="no-such-contribution" author="j.doe" expires="2099-01-01">Excused.</waiver>
  </waivers>
)");
    const json report = validate_json("--config '" + file + "' '" + seed_report + "'", 0);
    const auto unused = findings_of(report, "surveycheck/waiver-unused");
    ASSERT_EQ(unused.size(), 1u);
    EXPECT_EQ(unused[0]["severity"], "info");
}

TEST_F(NightlyTest, WaiverWithoutJustificationIsRefusedWithItsLine) {
    const std::string file = config(R"(  <waivers>
    <waiver rule="mandatory-fields/missing" question="exec_summary" author="j.doe" expires="2099-01-01"> </waiver>
  </waivers>
)");
    const Outcome result = run("validate --config '" + file + "' '" + seed_report + "'");
    EXPECT_EQ(result.code, 2);
    EXPECT_NE(result.err.find(file + ":4:"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("justification"), std::string::npos) << result.err;
}

TEST_F(NightlyTest, StandardInputGlobsAndFoldersAreInputs) {
    const std::string folder = corpus(6);
    const Outcome from_stdin = run_with("validate --format json -", seed_report, "");
    ASSERT_EQ(from_stdin.code, 0) << from_stdin.err;
    EXPECT_EQ(json::parse(from_stdin.out)["files"][0]["path"], "-");

    const Outcome globbed = run("validate -q --format json '" + folder + "/period-*/*.xml'");
    EXPECT_EQ(json::parse(globbed.out)["summary"]["files"], 5) << globbed.err;  // 6 exports, the 5th a ZIP
    const Outcome walked = run("validate -q --format json '" + folder + "'");
    EXPECT_EQ(json::parse(walked.out)["summary"]["files"], 6) << walked.err;
}

TEST_F(NightlyTest, ShardsPartitionTheInputsAndMergeIntoTheWholeRun) {
    const std::string folder = corpus(12);
    ASSERT_LE(run("validate -q '" + folder + "' --format json:'" + path("all.json") + "'").code, 1);
    std::set<std::string> seen;
    std::string shards;
    for (int k = 1; k <= 3; ++k) {
        const std::string out = path("shard" + std::to_string(k) + ".json");
        run("validate -q '" + folder + "' --shard " + std::to_string(k) + "/3 --format json:'" + out + "'");
        const json shard = json::parse(read_file(out));
        for (const auto& file : shard["files"]) {
            EXPECT_TRUE(seen.insert(file["path"].get<std::string>()).second)
                << "in two shards: " << file["path"];
        }
        shards += " '" + out + "'";
    }
    EXPECT_EQ(seen.size(), 12u);
    ASSERT_EQ(run("merge -o '" + path("merged.json") + "'" + shards).code, 0);
    const json whole = json::parse(read_file(path("all.json")));
    const json merged = json::parse(read_file(path("merged.json")));
    EXPECT_EQ(merged["summary"], whole["summary"]);
    EXPECT_EQ(merged["findings"].size(), whole["findings"].size());
    EXPECT_EQ(run("validate '" + seed_report + "' --shard 4/3").code, 2);
}

TEST_F(NightlyTest, SarifCategoryIsTheAutomationDetailsOfTheRunAndShardsMustAgreeOnIt) {
    const std::string folder = corpus(4);
    std::string shards;
    for (int k = 1; k <= 2; ++k) {
        const std::string out = path("shard" + std::to_string(k) + ".sarif");
        run("validate -q '" + folder + "' --shard " + std::to_string(k) +
            "/2 --sarif-category surveycheck/nightly --format sarif:'" + out + "'");
        const json log = json::parse(read_file(out));
        EXPECT_EQ(log["runs"][0]["automationDetails"]["id"], "surveycheck/nightly/");
        EXPECT_TRUE(json_valid(data_dir + "/schemas/sarif-schema-2.1.0.json", out));
        shards += " '" + out + "'";
    }
    ASSERT_EQ(run("merge -o '" + path("merged.sarif") + "'" + shards).code, 0);
    EXPECT_EQ(json::parse(read_file(path("merged.sarif")))["runs"][0]["automationDetails"]["id"],
              "surveycheck/nightly/");
    // A shard of another category is another analysis: merge refuses it.
    run("validate -q '" + folder + "' --shard 2/2 --sarif-category other --format sarif:'" +
        path("other.sarif") + "'");
    const Outcome mixed = run("merge -o '" + path("mixed.sarif") + "' '" + path("shard1.sarif") + "' '" +
                              path("other.sarif") + "'");
    EXPECT_EQ(mixed.code, 2);
    EXPECT_NE(mixed.err.find("has the SARIF category"), std::string::npos) << mixed.err;
}

TEST_F(NightlyTest, JsonLinesStreamOneFindingPerLine) {
    const Outcome result = run("validate --format jsonl '" + seed_report + "'");
    ASSERT_EQ(result.code, 0) << result.err;
    std::istringstream lines(result.out);
    std::string line;
    std::size_t count = 0;
    while (std::getline(lines, line)) {
        const json finding = json::parse(line);
        EXPECT_TRUE(finding.contains("rule") && finding.contains("fingerprint")) << line;
        ++count;
    }
    const json report = validate_json("'" + seed_report + "'", 0);
    EXPECT_EQ(count, report["findings"].size());
}

TEST_F(NightlyTest, LogsGoToAFileAsJsonLinesAndTheSummaryToStandardError) {
    const Outcome result = run("--log-level debug --log-file '" + path("run.log") +
                               "' --log-format json validate '" + seed_report + "'");
    ASSERT_EQ(result.code, 0) << result.err;
    std::istringstream lines(read_file(path("run.log")));
    std::string line;
    std::size_t count = 0;
    while (std::getline(lines, line)) {
        const json entry = json::parse(line);
        EXPECT_TRUE(entry.contains("time") && entry.contains("level") && entry.contains("message")) << line;
        ++count;
    }
    EXPECT_GT(count, 0u);
    EXPECT_NE(result.err.find("1 file, 1 contribution: "), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("contributions/s"), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("\r"), std::string::npos) << "no progress line outside a terminal";
    EXPECT_EQ(run("validate -q '" + seed_report + "'").err, "");
}

TEST_F(NightlyTest, OffATerminalAHeartbeatNamesTheFileAndTheContributionsChecked) {
    // 400 contributions, streamed (--stream-threshold 1): long enough for a few heartbeats of 20 ms.
    const std::string big = path("big.xml");
    const std::string command =
        "/usr/bin/python3 '" + source_dir + "/bench/make_corpus.py' 400 -o '" + big + "'";
    ASSERT_EQ(std::system(command.c_str()), 0);
    const Outcome result = run("validate --heartbeat 0.02 --stream-threshold 1 --format json:'" +
                               path("r.json") + "' '" + big + "'");
    const std::regex beat("surveycheck: 0/1 files done, [0-9]+ contributions checked in [0-9.]+ s; at " +
                          big);
    EXPECT_TRUE(std::regex_search(result.err, beat)) << result.err;
    // With a log file, the heartbeat is an info record there, also under --quiet.
    const Outcome logged = run("--log-file '" + path("night.log") +
                               "' validate -q --heartbeat 0.02 "
                               "--stream-threshold 1 --format json:'" +
                               path("r.json") + "' '" + big + "'");
    EXPECT_EQ(logged.err.find("contributions checked"), std::string::npos) << logged.err;
    EXPECT_NE(read_file(path("night.log")).find("info: progress: 0/1 files done, "), std::string::npos)
        << read_file(path("night.log"));
}

TEST_F(NightlyTest, TwoFormatsOnStandardOutputAreRefused) {
    const Outcome result = run("validate --format json --format sarif '" + seed_report + "'");
    EXPECT_EQ(result.code, 2);
    EXPECT_NE(result.err.find("standard output"), std::string::npos) << result.err;
}

TEST_F(NightlyTest, ZipWithoutAnyXmlIsUnreadable) {
    const std::string zip = path("uploads.zip");
    const std::string command =
        "/usr/bin/python3 -c 'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],\"w\"); "
        "z.writestr(\"q/f_cv.pdf\", b\"%PDF\"); z.close()' '" +
        zip + "'";
    ASSERT_EQ(std::system(command.c_str()), 0);
    const Outcome result = run("validate '" + zip + "'");
    EXPECT_EQ(result.code, 3);
    EXPECT_NE(result.err.find("holds no .xml export"), std::string::npos) << result.err;
}

}  // namespace

namespace {

TEST_F(NightlyTest, ConfigExampleOfTheDocsMatchesTheSchemaAndTheLoader) {
    const std::string docs = read_file(source_dir + "/docs/nightly.md");
    const auto start = docs.find("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<surveycheck-config");
    const auto end = docs.find("</surveycheck-config>");
    ASSERT_NE(start, std::string::npos);
    ASSERT_NE(end, std::string::npos);
    const std::string file =
        write("nightly.xml", docs.substr(start, end - start) + "</surveycheck-config>\n");
    fs::create_directories(dir_ / "plugins.d");
    const std::string command =
        "xmllint --noout --schema '" + source_dir + "/schemas/config.xsd' '" + file + "' 2>/dev/null";
    EXPECT_EQ(std::system(command.c_str()), 0);
    const json report =
        validate_json("--config '" + file + "' --data-dir '" + data_dir + "' '" + seed_report + "'", 1);
    EXPECT_TRUE(findings_of(report, "eu13-justification/undecided").empty());
    EXPECT_EQ(findings_of(report, "mandatory-fields/recommended")[0]["severity"], "error");
    EXPECT_EQ(findings_of(report, "surveycheck/waiver-unused").size(),
              1u);  // the seed lists no NUTS code at all
}

TEST_F(NightlyTest, ConfigThatBreaksTheSchemaIsRefusedByTheLoaderToo) {
    const std::string file = config("  <audience>everyone</audience>\n");
    const Outcome result = run("validate --config '" + file + "' '" + seed_report + "'");
    EXPECT_EQ(result.code, 2);
    EXPECT_NE(result.err.find(file + ":3:"), std::string::npos) << result.err;
    const std::string command =
        "xmllint --noout --schema '" + source_dir + "/schemas/config.xsd' '" + file + "' 2>/dev/null";
    EXPECT_NE(std::system(command.c_str()), 0);
}

}  // namespace
