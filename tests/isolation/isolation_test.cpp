// Plugin isolation and trust end to end: misbehaving fixture plugins through the real executable.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_fixture.hpp"

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool address_sanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool address_sanitizer = true;
#else
constexpr bool address_sanitizer = false;
#endif
#else
constexpr bool address_sanitizer = false;
#endif

namespace fs = std::filesystem;
using nlohmann::json;
using surveycheck::test::findings_of;
using surveycheck::test::Outcome;

const char* profile_xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<profile id="mini" title="Mini form" version="1">
  <question key="summary" requirement="optional"><match bid="summary" title="Summary"/></question>
</profile>
)";

// Three contributions; the misbehaving rules misbehave on "bad-2" only (their trigger is "bad").
const char* export_xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<Results create="2025-03-14_09-05-33"><Survey id="1" uid="u-survey" alias="mini">
<Elements lang="EN"><Question id="q-summary" type="Free Text" bid="summary">Summary</Question></Elements></Survey>
<Answers>
<AnswerSet id="ok-1" list="1" lang="EN"><Answer qid="q-summary">fine</Answer></AnswerSet>
<AnswerSet id="bad-2" list="2" lang="EN"><Answer qid="q-summary">fine</Answer></AnswerSet>
<AnswerSet id="ok-3" list="3" lang="EN"><Answer qid="q-summary">fine</Answer></AnswerSet>
</Answers></Results>
)";

class IsolationTest : public surveycheck::test::CliFixture {
protected:
    void SetUp() override {
        CliFixture::SetUp();
        profile_ = write("profile.xml", profile_xml);
        export_ = write("export.xml", export_xml);
    }

    // Validate the mini export with the plugins of `plugin_dir` and `extra` options, as JSON; workers get 1 s
    // and 256 MB.
    json run_mini(const std::string& plugin_dir, const std::string& extra, int expected_code) const {
        const bool in_process = extra.find("--isolation none") != std::string::npos;
        return validate_json("--no-builtin-plugins " +
                                 std::string(in_process ? "" : "--rule-timeout 1 --rule-memory 256 ") +
                                 "--profile '" + profile_ + "' --plugin-dir '" + plugin_dir + "' " + extra +
                                 " '" + export_ + "'",
                             expected_code);
    }

    // The messages of `rule`'s findings, in report order.
    static std::vector<std::string> messages(const json& report, const std::string& rule) {
        std::vector<std::string> out;
        for (const auto& finding : findings_of(report, rule)) out.push_back(finding["message"]);
        return out;
    }

    // Expect the isolated outcome of a misbehaving plugin: bad-2 failed with `reason`, the rest checked.
    void expect_contained(const std::string& plugin_dir, const std::string& plugin,
                          const std::string& reason) {
        const json report = run_mini(plugin_dir, "", 3);
        EXPECT_EQ(messages(report, plugin + "/misbehave"),
                  (std::vector<std::string>{"checked ok-1", "checked ok-3"}));
        EXPECT_EQ(messages(report, plugin + "/steady"),
                  (std::vector<std::string>{"steady ok-1", "steady bad-2", "steady ok-3"}));
        EXPECT_EQ(messages(report, "surveycheck/rule-failed"),
                  std::vector<std::string>{"Rule " + plugin +
                                           "/misbehave failed on contribution bad-2: " + reason});
        EXPECT_EQ(report["files"][0]["status"], "incomplete");
        EXPECT_TRUE(report["summary"]["incomplete"].get<bool>());
    }

    std::string profile_;
    std::string export_;
};

TEST_F(IsolationTest, SegfaultBecomesRuleFailedNamingTheSignal) {
    expect_contained(SURVEYCHECK_FIXTURE_SEGFAULT_DIR, "fixture-segfault",
                     "its worker process was killed by signal 11 (SIGSEGV)");
}

TEST_F(IsolationTest, RuleFailureAndTheSummaryAreJsonRecordsOfTheLogFile) {
    const std::string log = (dir_ / "night.log").string();
    const surveycheck::test::Outcome result =
        run("--log-file '" + log +
            "' --log-format json validate -q --no-builtin-plugins --rule-timeout 1 "
            "--profile '" +
            profile_ + "' --plugin-dir '" + SURVEYCHECK_FIXTURE_THROWS_DIR + "' '" + export_ + "'");
    EXPECT_EQ(result.code, 3) << result.err;
    std::vector<json> records;
    std::istringstream lines(surveycheck::test::read_file(log));
    for (std::string line; std::getline(lines, line);) records.push_back(json::parse(line));
    const auto has = [&](const std::string& level, const std::string& words) {
        return std::any_of(records.begin(), records.end(), [&](const json& record) {
            return record["level"] == level &&
                   record["message"].get<std::string>().find(words) != std::string::npos;
        });
    };
    EXPECT_TRUE(
        has("error", "contribution bad-2: surveycheck/rule-failed: Rule fixture-throws/misbehave failed"))
        << surveycheck::test::read_file(log);
    EXPECT_TRUE(has("info", "summary: 1 file, 3 contributions")) << surveycheck::test::read_file(log);
    EXPECT_TRUE(has("info", "validation incomplete, exit code 3")) << surveycheck::test::read_file(log);
}

TEST_F(IsolationTest, InfiniteLoopIsKilledAtTheRuleTimeout) {
    expect_contained(SURVEYCHECK_FIXTURE_INFINITE_LOOP_DIR, "fixture-infinite-loop",
                     "it did not finish within 1 s (--rule-timeout); its worker process group was killed");
}

TEST_F(IsolationTest, AllocationBombHitsTheMemoryLimit) {
    if (address_sanitizer) GTEST_SKIP() << "AddressSanitizer's shadow memory rules out RLIMIT_AS";
    expect_contained(SURVEYCHECK_FIXTURE_ALLOCATION_BOMB_DIR, "fixture-allocation-bomb",
                     "its worker process was killed by signal 11 (SIGSEGV)");
}

TEST_F(IsolationTest, ExceptionOutOfCheckIsReportedAndTheWorkerReplaced) {
    expect_contained(
        SURVEYCHECK_FIXTURE_THROWS_DIR, "fixture-throws",
        "it threw a C++ exception out of check, which the plugin ABI forbids (thrown out of check)");
}

TEST_F(IsolationTest, ExitInCheckIsReportedWithItsStatus) {
    expect_contained(SURVEYCHECK_FIXTURE_EXITS_DIR, "fixture-exits",
                     "its worker process exited with status 7");
}

TEST_F(IsolationTest, AbortIsReportedAsSigabrt) {
    expect_contained(SURVEYCHECK_FIXTURE_ABORTS_DIR, "fixture-aborts",
                     "its worker process was killed by signal 6 (SIGABRT)");
}

TEST_F(IsolationTest, ExceptionOutOfCheckInProcessIsCaughtByTheHost) {
    // In-process the host catches what the plugin let out (best effort: the default isolation is the
    // protection); the run goes on and says the contribution was not fully checked.
    const json report = run_mini(SURVEYCHECK_FIXTURE_THROWS_DIR, "--isolation none", 3);
    EXPECT_EQ(messages(report, "fixture-throws/misbehave"),
              (std::vector<std::string>{"checked ok-1", "checked ok-3"}));
    EXPECT_EQ(messages(report, "surveycheck/rule-failed"),
              std::vector<std::string>{
                  "Rule fixture-throws/misbehave failed on contribution bad-2: it threw a C++ "
                  "exception out of check, which the plugin ABI forbids (thrown out of check)"});
}

TEST_F(IsolationTest, SegfaultInProcessTakesTheHostDownNamingTheRule) {
    // What --isolation none gives up: the crash is the host's own; it still says which rule crashed.
    if (address_sanitizer)
        GTEST_SKIP() << "UBSan stops the null write with its own report before the SIGSEGV";
    const Outcome result = run("validate --no-builtin-plugins --isolation none --profile '" + profile_ +
                               "' --plugin-dir '" + SURVEYCHECK_FIXTURE_SEGFAULT_DIR + "' '" + export_ + "'");
    EXPECT_EQ(result.code, 128 + 11) << "the shell reports the host killed by SIGSEGV";
    EXPECT_NE(
        result.err.find("surveycheck: fatal signal SIGSEGV in check of rule fixture-segfault/misbehave (" +
                        std::string(SURVEYCHECK_FIXTURE_SEGFAULT_DIR) + "/fixture_segfault.so)"),
        std::string::npos)
        << result.err;
    EXPECT_TRUE(result.out.empty());
}

TEST_F(IsolationTest, CrashInCreateInProcessIsNamedBeforeTheHostDies) {
    // A wild write, so that a sanitizer build sees the signal too (and then reports it its own way).
    const Outcome result =
        run("validate --no-builtin-plugins --isolation none --profile '" + profile_ + "' --plugin-dir '" +
            SURVEYCHECK_FIXTURE_CREATE_CRASHES_DIR + "' '" + export_ + "'");
    if (!address_sanitizer) {
        EXPECT_EQ(result.code, 128 + 11) << "the shell reports the host killed by SIGSEGV";
    }
    EXPECT_NE(result.code, 0);
    EXPECT_NE(
        result.err.find("surveycheck: fatal signal SIGSEGV in create of rule "
                        "fixture-create-crashes/misbehave (" +
                        std::string(SURVEYCHECK_FIXTURE_CREATE_CRASHES_DIR) + "/fixture_create_crashes.so)"),
        std::string::npos)
        << result.err;
    EXPECT_TRUE(result.out.empty());
}

TEST_F(IsolationTest, ExitInCheckInProcessIsNamedAndEndsTheRunIncomplete) {
    // exit(7) from a rule cannot be stopped in-process; it must not pass for the rule's own status.
    const Outcome result = run("validate --no-builtin-plugins --isolation none --profile '" + profile_ +
                               "' --plugin-dir '" + SURVEYCHECK_FIXTURE_EXITS_DIR + "' '" + export_ + "'");
    EXPECT_EQ(result.code, 3) << result.err;
    EXPECT_NE(result.err.find("surveycheck: exit() called in check of rule fixture-exits/misbehave (" +
                              std::string(SURVEYCHECK_FIXTURE_EXITS_DIR) + "/fixture_exits.so)"),
              std::string::npos)
        << result.err;
}

TEST_F(IsolationTest, ExitInCheckInProcessLeavesNoTemporaryReportAndTheOldReport) {
    const std::string report = write("report.json", "yesterday's report\n");
    const Outcome result =
        run("validate --no-builtin-plugins --isolation none --profile '" + profile_ + "' --plugin-dir '" +
            SURVEYCHECK_FIXTURE_EXITS_DIR + "' --format json:'" + report + "' '" + export_ + "'");
    EXPECT_EQ(result.code, 3) << result.err;
    EXPECT_EQ(surveycheck::test::read_file(report), "yesterday's report\n");
    for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
        EXPECT_NE(entry.path().filename().string().rfind(".report.json.", 0), 0u)
            << "temporary left behind: " << entry.path();
    }
}

TEST_F(IsolationTest, ExitOnLoadInProcessIsNamedAndEndsTheRunIncomplete) {
    const Outcome result =
        run("validate --no-builtin-plugins --isolation none --profile '" + profile_ + "' --plugin-dir '" +
            SURVEYCHECK_FIXTURE_EXITS_ON_LOAD_DIR + "' '" + export_ + "'");
    EXPECT_EQ(result.code, 3) << "not 0, the status the plugin chose";
    EXPECT_NE(
        result.err.find("surveycheck: exit() called in loading plugin " +
                        std::string(SURVEYCHECK_FIXTURE_EXITS_ON_LOAD_DIR) + "/fixture_exits_on_load.so"),
        std::string::npos)
        << result.err;
}

TEST_F(IsolationTest, WorkerLimitsWithoutWorkersAreAUsageError) {
    for (const char* limit : {"--rule-timeout 5", "--rule-memory 512"}) {
        const Outcome result = run("validate --no-builtin-plugins --isolation none " + std::string(limit) +
                                   " --profile '" + profile_ + "' '" + export_ + "'");
        EXPECT_EQ(result.code, 2) << limit;
        const std::string option = std::string(limit).substr(0, std::string(limit).find(' '));
        EXPECT_NE(result.err.find(option + " has no effect with --isolation none"), std::string::npos)
            << result.err;
    }
}

// --- faults before the first check: loading a plugin, creating a rule ---

TEST_F(IsolationTest, ExitInAStaticConstructorIsRuleFailedAndTheRunGoesOn) {
    // The host never loads a third-party plugin itself: the worker that reads its rule table exits instead.
    const std::string plugin =
        std::string(SURVEYCHECK_FIXTURE_EXITS_ON_LOAD_DIR) + "/fixture_exits_on_load.so";
    const json report = run_mini(SURVEYCHECK_FIXTURE_EXITS_ON_LOAD_DIR,
                                 std::string("--plugin-dir '") + SURVEYCHECK_FIXTURE_ABORTS_DIR +
                                     "' --rule-option fixture-aborts/misbehave:trigger=never",
                                 3);
    EXPECT_EQ(messages(report, "surveycheck/rule-failed"),
              std::vector<std::string>{"Plugin " + plugin +
                                       " could not be loaded: its worker process exited with status 0 while "
                                       "loading the plugin"});
    EXPECT_EQ(messages(report, "fixture-aborts/steady"),
              (std::vector<std::string>{"steady ok-1", "steady bad-2", "steady ok-3"}));
    ASSERT_EQ(report["problems"].size(), 1u);
    EXPECT_NE(report["problems"][0].get<std::string>().find(plugin), std::string::npos);
}

TEST_F(IsolationTest, HangInAStaticConstructorIsKilledAtTheRuleTimeout) {
    const std::string plugin =
        std::string(SURVEYCHECK_FIXTURE_HANGS_ON_LOAD_DIR) + "/fixture_hangs_on_load.so";
    const json report = run_mini(SURVEYCHECK_FIXTURE_HANGS_ON_LOAD_DIR, "", 3);
    EXPECT_EQ(messages(report, "surveycheck/rule-failed"),
              std::vector<std::string>{"Plugin " + plugin +
                                       " could not be loaded: it did not finish within 1 s (--rule-timeout) "
                                       "while loading the plugin; its worker process group was killed"});
    EXPECT_EQ(report["summary"]["contributions"], 3);
}

// Expect the outcome of a plugin whose rule "misbehave" breaks its worker in create: the one rule-failed
// finding `failure`, and its plugin's other rule checking every contribution.
void expect_not_started(const json& report, const std::string& plugin, const std::string& failure) {
    std::vector<std::string> failed;
    for (const auto& finding : findings_of(report, "surveycheck/rule-failed"))
        failed.push_back(finding["message"]);
    EXPECT_EQ(failed, std::vector<std::string>{failure});
    EXPECT_TRUE(findings_of(report, plugin + "/misbehave").empty());
    std::vector<std::string> steady;
    for (const auto& finding : findings_of(report, plugin + "/steady")) steady.push_back(finding["message"]);
    EXPECT_EQ(steady, (std::vector<std::string>{"steady ok-1", "steady bad-2", "steady ok-3"}));
    EXPECT_TRUE(report["summary"]["incomplete"].get<bool>());
}

TEST_F(IsolationTest, AbortInCreateIsRuleFailedAndTheRunGoesOn) {
    expect_not_started(
        run_mini(SURVEYCHECK_FIXTURE_CREATE_ABORTS_DIR, "", 3), "fixture-create-aborts",
        "Rule fixture-create-aborts/misbehave could not start: its worker process was killed by "
        "signal 6 (SIGABRT) in create of rule fixture-create-aborts/misbehave");
}

TEST_F(IsolationTest, CrashInCreateIsRuleFailedAndTheRunGoesOn) {
    expect_not_started(
        run_mini(SURVEYCHECK_FIXTURE_CREATE_CRASHES_DIR, "", 3), "fixture-create-crashes",
        "Rule fixture-create-crashes/misbehave could not start: its worker process was killed by "
        "signal 11 (SIGSEGV) in create of rule fixture-create-crashes/misbehave");
}

TEST_F(IsolationTest, HangInCreateIsKilledAtTheRuleTimeout) {
    const auto start = std::chrono::steady_clock::now();
    expect_not_started(
        run_mini(SURVEYCHECK_FIXTURE_CREATE_HANGS_DIR, "", 3), "fixture-create-hangs",
        "Rule fixture-create-hangs/misbehave could not start: it did not finish within 1 s "
        "(--rule-timeout) in create of rule fixture-create-hangs/misbehave; its worker process "
        "group was killed");
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(8)) << "not the 10 s of old";
}

TEST_F(IsolationTest, PluginListingNamesAPluginThatExitsAsItLoads) {
    const Outcome result = run(std::string("plugins --no-builtin-plugins --plugin-dir '") +
                               SURVEYCHECK_FIXTURE_EXITS_ON_LOAD_DIR + "' --plugin-dir '" +
                               SURVEYCHECK_FIXTURE_ABORTS_DIR + "'");
    EXPECT_EQ(result.code, 3) << result.err;
    EXPECT_NE(result.out.find("reason: " + std::string(SURVEYCHECK_FIXTURE_EXITS_ON_LOAD_DIR) +
                              "/fixture_exits_on_load.so: its worker process exited with status 0 while "
                              "loading the plugin"),
              std::string::npos)
        << result.out;
    EXPECT_NE(result.out.find("rule fixture-aborts/steady [info]: Reports every contribution"),
              std::string::npos)
        << result.out;
}

TEST_F(IsolationTest, RuleListingNamesAPluginThatExitsAsItLoads) {
    const Outcome result = run(std::string("rules --no-builtin-plugins --plugin-dir '") +
                               SURVEYCHECK_FIXTURE_EXITS_ON_LOAD_DIR + "'");
    EXPECT_EQ(result.code, 3) << result.err;
    EXPECT_NE(result.out.find("refused plugin: " + std::string(SURVEYCHECK_FIXTURE_EXITS_ON_LOAD_DIR) +
                              "/fixture_exits_on_load.so: its worker process exited with status 0"),
              std::string::npos)
        << result.out;
}

TEST_F(IsolationTest, RuleThatBreaksThreeTimesIsQuarantinedForTheRestOfTheRun) {
    const json report = run_mini(SURVEYCHECK_FIXTURE_SEGFAULT_DIR,
                                 "--jobs 1 --rule-option fixture-segfault/misbehave:trigger=*", 3);
    EXPECT_EQ(findings_of(report, "surveycheck/rule-failed").size(), 3u);
    EXPECT_TRUE(findings_of(report, "fixture-segfault/misbehave").empty());
    const auto quarantined = messages(report, "surveycheck/rule-quarantined");
    ASSERT_EQ(quarantined.size(), 1u);
    EXPECT_EQ(
        quarantined[0],
        "Rule fixture-segfault/misbehave broke repeatedly and was not called again on the rest of the export "
        "(last: its worker process was killed by signal 11 (SIGSEGV))");
    EXPECT_EQ(messages(report, "fixture-segfault/steady").size(), 3u);
}

TEST_F(IsolationTest, QuarantinedRuleSkipsLaterContributions) {
    std::string many = export_xml;
    std::string sets;
    for (int i = 1; i <= 5; ++i) {
        sets += "<AnswerSet id=\"bad-" + std::to_string(i) + "\" list=\"" + std::to_string(i) +
                "\" lang=\"EN\"><Answer qid=\"q-summary\">x</Answer></AnswerSet>\n";
    }
    many.replace(many.find("<AnswerSet"), many.find("</Answers>") - many.find("<AnswerSet"), sets);
    const std::string path = write("five.xml", many);
    const json report =
        validate_json("--no-builtin-plugins --jobs 1 --profile '" + profile_ + "' --plugin-dir '" +
                          SURVEYCHECK_FIXTURE_SEGFAULT_DIR + "' '" + path + "'",
                      3);
    // Three crashes, then bad-4 and bad-5 are not given to the rule at all.
    EXPECT_EQ(findings_of(report, "surveycheck/rule-failed").size(), 3u);
    EXPECT_EQ(findings_of(report, "surveycheck/rule-quarantined").size(), 1u);
    EXPECT_EQ(findings_of(report, "fixture-segfault/steady").size(), 5u);
}

TEST_F(IsolationTest, QuarantineIsDecidedInDocumentOrderSoTheReportIsTheSameForAnyJobs) {
    // The segfault fixture crashes on "bad" ids: bad-5 is its third crash, so ok-6, bad-7 and ok-8 get
    // nothing of it, whichever thread checked them first.
    std::string sets;
    for (const char* id : {"ok-1", "bad-2", "bad-3", "ok-4", "bad-5", "ok-6", "bad-7", "ok-8"}) {
        sets += "<AnswerSet id=\"" + std::string(id) + "\" list=\"" +
                std::string(id).substr(std::string(id).find('-') + 1) +
                "\" lang=\"EN\"><Answer qid=\"q-summary\">x</Answer></AnswerSet>\n";
    }
    std::string mixed = export_xml;
    mixed.replace(mixed.find("<AnswerSet"), mixed.find("</Answers>") - mixed.find("<AnswerSet"), sets);
    const std::string path = write("mixed.xml", mixed);
    std::string first;
    for (const char* jobs : {"1", "2", "4"}) {
        const Outcome result = run("validate --format json --no-builtin-plugins --rule-timeout 5 --jobs " +
                                   std::string(jobs) + " --profile '" + profile_ + "' --plugin-dir '" +
                                   SURVEYCHECK_FIXTURE_SEGFAULT_DIR + "' '" + path + "'");
        ASSERT_EQ(result.code, 3) << result.err;
        if (first.empty()) {
            first = result.out;
            const json report = json::parse(first);
            EXPECT_EQ(messages(report, "fixture-segfault/misbehave"),
                      (std::vector<std::string>{"checked ok-1", "checked ok-4"}));
            EXPECT_EQ(findings_of(report, "surveycheck/rule-failed").size(), 3u);
            EXPECT_EQ(findings_of(report, "surveycheck/rule-quarantined").size(), 1u);
            EXPECT_EQ(messages(report, "fixture-segfault/steady").size(), 8u);
        } else {
            EXPECT_EQ(result.out, first) << "--jobs " << jobs << " gives another report than --jobs 1";
        }
    }
}

TEST_F(IsolationTest, RuleOptionOfAPluginNameSetsItForEveryRuleThatDeclaresIt) {
    const json report =
        run_mini(SURVEYCHECK_FIXTURE_SEGFAULT_DIR, "--jobs 1 --rule-option fixture-segfault:trigger=ok", 3);
    EXPECT_EQ(messages(report, "fixture-segfault/misbehave"), std::vector<std::string>{"checked bad-2"});
    EXPECT_EQ(messages(report, "fixture-segfault/steady").size(), 3u) << "steady declares no trigger";
}

TEST_F(IsolationTest, RuleOptionOfAPluginNameNoRuleDeclaresIsRefused) {
    const Outcome result =
        run("validate --no-builtin-plugins --profile '" + profile_ + "' --plugin-dir '" +
            SURVEYCHECK_FIXTURE_SEGFAULT_DIR + "' --rule-option fixture-segfault:nope=1 '" + export_ + "'");
    EXPECT_EQ(result.code, 2);
    EXPECT_NE(result.err.find("no rule of 'fixture-segfault' has an option 'nope'"), std::string::npos)
        << result.err;
}

TEST_F(IsolationTest, PluginTextThatIsNotUtf8ReachesEveryFormatAsReplacementCharacters) {
    const std::string replacement = "\xEF\xBF\xBD";
    for (const char* isolation : {"none", "all"}) {
        const std::string text = dir_ / "report.txt";
        const std::string json_path = dir_ / "report.json";
        const std::string sarif = dir_ / "report.sarif";
        const Outcome result = run(
            std::string("validate --no-builtin-plugins --isolation ") + isolation + " --profile '" +
            profile_ + "' --plugin-dir '" + SURVEYCHECK_FIXTURE_INVALID_UTF8_DIR + "' --format text:'" +
            text + "' --format json:'" + json_path + "' --format sarif:'" + sarif + "' '" + export_ + "'");
        ASSERT_EQ(result.code, 0) << result.err;
        const std::string written = surveycheck::test::read_file(text);
        EXPECT_NE(written.find("caf" + replacement + " au lait " + replacement), std::string::npos)
            << written;
        EXPECT_EQ(written.find('\xff'), std::string::npos);
        EXPECT_EQ(written.find('\xe9'), std::string::npos);
        const json report = json::parse(surveycheck::test::read_file(json_path));  // throws on bad UTF-8
        const auto found = findings_of(report, "fixture-invalid-utf8/bytes");
        ASSERT_EQ(found.size(), 3u) << isolation;
        EXPECT_EQ(found[0]["message"], "caf" + replacement + " au lait " + replacement);
        EXPECT_EQ(found[0]["hint"], "fix " + replacement);
        const json log = json::parse(surveycheck::test::read_file(sarif));
        const json& driver = log["runs"][0]["tool"]["driver"];
        bool titled = false;
        for (const auto& rule : driver["rules"])
            if (rule["id"] == "fixture-invalid-utf8/bytes")
                titled = rule["shortDescription"]["text"] == "Latin-1 " + replacement + " title";
        EXPECT_TRUE(titled) << driver.dump();
        EXPECT_EQ(log["runs"][0]["results"][0]["message"]["text"],
                  "caf" + replacement + " au lait " + replacement);
    }
}

TEST_F(IsolationTest, PluginRefusedForItsAbiIsListedByItsFileName) {
    const Outcome result = run(std::string("plugins --format json --no-builtin-plugins --plugin-dir '") +
                               SURVEYCHECK_ABI_MAJOR_2_DIR + "'");
    EXPECT_EQ(result.code, 3) << result.err;
    const json listing = json::parse(result.out);
    ASSERT_EQ(listing["plugins"].size(), 1u);
    const json& plugin = listing["plugins"][0];
    EXPECT_EQ(plugin["status"], "refused");
    EXPECT_EQ(plugin["name"], fs::path(plugin["file"].get<std::string>()).filename().string());
    EXPECT_NE(plugin["name"], "");
}

TEST_F(IsolationTest, ThirdPartyPluginsAreMarkedInPluginsRulesAndSarif) {
    const std::string dir = fs::path(SURVEYCHECK_VALID_PLUGIN).parent_path().string();
    const Outcome plugins = run("plugins --plugin-dir '" + dir + "'");
    EXPECT_NE(plugins.out.find("fixture-valid 1.2.3  [third-party]"), std::string::npos) << plugins.out;
    EXPECT_NE(plugins.out.find("mandatory-fields 1.0.0  [built-in]"), std::string::npos) << plugins.out;

    const Outcome rules = run("rules --format json --plugin-dir '" + dir + "'");
    ASSERT_EQ(rules.code, 0) << rules.err;
    const json listed = json::parse(rules.out);  // outlives the loop over its part
    for (const auto& rule : listed["rules"]) {
        const bool third_party = rule["plugin"] == "fixture-valid";
        EXPECT_EQ(rule["third_party"], third_party) << rule["id"];
        if (third_party) {
            EXPECT_FALSE(rule.contains("docs")) << "an empty docs_url gives no link";
        }
    }
    const Outcome text = run("rules --plugin-dir '" + dir + "'");
    EXPECT_NE(text.out.find("fixture-valid/first  [error, third-party]"), std::string::npos) << text.out;

    const std::string sarif = dir_ / "report.sarif";
    run("validate --isolation none --plugin-dir '" + dir + "' --profile '" + profile_ + "' --format sarif:'" +
        sarif + "' '" + export_ + "'");
    const json log = json::parse(surveycheck::test::read_file(sarif));  // outlives the loop over its part
    for (const auto& rule : log["runs"][0]["tool"]["driver"]["rules"]) {
        const bool third_party = rule["properties"]["plugin"] == "fixture-valid";
        EXPECT_EQ(rule["properties"].value("thirdParty", false), third_party) << rule["id"];
    }
}

TEST_F(IsolationTest, ThirdPartyPluginWithAReservedNameIsRefusedWithItsFile) {
    for (const char* dir : {SURVEYCHECK_NAMED_SURVEYCHECK_DIR, SURVEYCHECK_NAMED_BUILTIN_DIR}) {
        const Outcome result = run(std::string("rules --plugin-dir '") + dir + "'");
        EXPECT_EQ(result.code, 3) << result.err;
        EXPECT_NE(result.out.find(std::string("refused plugin: ") + dir + "/"), std::string::npos)
            << result.out;
        EXPECT_NE(result.out.find("is reserved"), std::string::npos) << result.out;
        EXPECT_EQ(result.out.find("surveycheck/rule-failed  [error, third-party]"), std::string::npos);
    }
}

// Each incompatible plugin is refused at load time, whatever the isolation: exit 3 and the reason.
TEST_F(IsolationTest, IncompatiblePluginsAreRefusedWithTheirReason) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {SURVEYCHECK_ABI_MAJOR_2_DIR, "plugin built for ABI 2.0, this host speaks ABI 1.1"},
        {SURVEYCHECK_ABI_MINOR_99_DIR, "plugin built for ABI 1.99, this host speaks ABI 1.1"},
        {SURVEYCHECK_NO_ENTRY_DIR, "not a surveycheck plugin"},
        {SURVEYCHECK_NOT_A_PLUGIN_DIR, "cannot load"},
    };
    for (const auto& [dir, reason] : cases) {
        for (const char* isolation : {"none", "all"}) {
            const json report = run_mini(dir, std::string("--isolation ") + isolation, 3);
            ASSERT_EQ(report["problems"].size(), 1u) << dir;
            EXPECT_NE(report["problems"][0].get<std::string>().find(reason), std::string::npos)
                << report["problems"][0];
        }
    }
}

TEST_F(IsolationTest, NightlyRunWithACrashingPluginKeepsEveryOtherFindingAndExits3) {
    const std::string seed = std::string("'") + SURVEYCHECK_SEED_REPORT + "'";
    const json alone = validate_json(seed, 0);
    const json with_crash = validate_json(std::string("--plugin-dir '") + SURVEYCHECK_FIXTURE_SEGFAULT_DIR +
                                              "' --rule-option fixture-segfault/misbehave:trigger=* " + seed,
                                          3);
    std::vector<json> others;
    for (const auto& finding : with_crash["findings"]) {
        const std::string rule = finding["rule"];
        if (rule.rfind("fixture-segfault/", 0) != 0 && rule.rfind("surveycheck/rule-", 0) != 0) {
            others.push_back(finding);
        }
    }
    EXPECT_EQ(json(others), alone["findings"]);
    EXPECT_FALSE(findings_of(with_crash, "surveycheck/rule-failed").empty());
}

TEST_F(IsolationTest, IsolatedRulesGiveTheSameReportAsInProcess) {
    // Every first-party plugin, isolated and with several workers, against in-process on one thread.
    const std::string seed = std::string("'") + SURVEYCHECK_SEED_REPORT + "'";
    const json in_process = validate_json("--isolation none --jobs 1 " + seed, 0);
    const json isolated = validate_json("--isolation all --jobs 3 " + seed, 0);
    EXPECT_FALSE(in_process["findings"].empty());
    EXPECT_EQ(isolated, in_process);
}

TEST_F(IsolationTest, PooledWorkersOverManyContributionsGiveTheSameReportAsInProcess) {
    // 41 contributions on three threads: workers are shared, reused and sent each view once.
    const std::string many = (dir_ / "many.xml").string();
    ASSERT_EQ(std::system(
                  ("python3 '" + std::string(SURVEYCHECK_MAKE_EXPORT) + "' --synthetic 40 -o '" + many + "'")
                      .c_str()),
              0);
    const json in_process = validate_json("--isolation none --jobs 1 '" + many + "'", 1);
    const json isolated = validate_json("--isolation all --jobs 3 '" + many + "'", 1);
    EXPECT_EQ(in_process["summary"]["contributions"], 41);  // the seed contribution and 40 generated ones
    EXPECT_GT(in_process["findings"].size(), 40u);
    EXPECT_EQ(isolated, in_process);
}

// --- trust ---

class TrustTest : public IsolationTest {
protected:
    // A copy of the valid fixture plugin in its own folder, with `mode` on the folder.
    std::string plugin_in(const std::string& folder, fs::perms mode) const {
        const fs::path dir = dir_ / folder;
        fs::create_directories(dir);
        fs::copy_file(SURVEYCHECK_VALID_PLUGIN, dir / "valid.so");
        fs::permissions(dir, mode);
        return dir.string();
    }
    Outcome run_plugins(const std::string& dir, const std::string& extra = "") const {
        return run("--log-level info validate --format json --no-builtin-plugins --profile '" + profile_ +
                   "' --plugin-dir '" + dir + "' " + extra + " '" + export_ + "'");
    }
    std::string sha256_of(const std::string& dir) const {
        const Outcome listing = run("plugins --format json --no-builtin-plugins --plugin-dir '" + dir + "'");
        return json::parse(listing.out)["plugins"][0]["sha256"];
    }
};

TEST_F(TrustTest, PluginInWorldWritableFolderIsRefused) {
    const std::string dir = plugin_in("open", fs::perms::all);
    const Outcome result = run_plugins(dir);
    EXPECT_EQ(result.code, 3);
    EXPECT_NE(result.err.find("its folder " + dir + " is writable by every user and has no sticky bit"),
              std::string::npos)
        << result.err;
}

TEST_F(TrustTest, PluginInWorldWritableFolderWithStickyBitLoads) {
    const std::string dir = plugin_in("sticky", fs::perms::all | fs::perms::sticky_bit);
    const Outcome result = run_plugins(dir);
    EXPECT_EQ(result.code, 1) << result.err;  // fixture-valid/first reports an error per contribution
}

TEST_F(TrustTest, WorldWritablePluginFileIsRefused) {
    const std::string dir = plugin_in("plain", fs::perms(0755));
    fs::permissions(fs::path(dir) / "valid.so", fs::perms(0666));
    const Outcome result = run_plugins(dir);
    EXPECT_EQ(result.code, 3);
    EXPECT_NE(result.err.find("the file is writable by every user"), std::string::npos) << result.err;
}

TEST_F(TrustTest, PluginOfAnotherUserIsRefused) {
    if (::geteuid() != 0) GTEST_SKIP() << "only root can give a file to another user";
    const std::string dir = plugin_in("foreign", fs::perms(0755));
    ASSERT_EQ(::chown((fs::path(dir) / "valid.so").c_str(), 65534, 65534), 0);
    const Outcome result = run_plugins(dir);
    EXPECT_EQ(result.code, 3);
    EXPECT_NE(result.err.find("the file belongs to user 65534, neither to you (0) nor to root"),
              std::string::npos)
        << result.err;
}

TEST_F(TrustTest, PinnedPluginLoadsAndItsHashIsLogged) {
    const std::string dir = plugin_in("pinned", fs::perms(0755));
    const std::string sha = sha256_of(dir);
    const Outcome result = run_plugins(dir, "--plugin-allow sha256:" + sha);
    EXPECT_EQ(result.code, 1) << result.err;
    EXPECT_NE(result.err.find("sha256 " + sha), std::string::npos) << result.err;
}

TEST_F(TrustTest, PluginNotAmongThePinsIsRefused) {
    const std::string dir = plugin_in("unpinned", fs::perms(0755));
    const std::string other(64, 'a');
    const Outcome result = run_plugins(dir, "--plugin-allow sha256:" + other);
    EXPECT_EQ(result.code, 3);
    EXPECT_NE(result.err.find("is not one of the pinned plugins (--plugin-allow)"), std::string::npos)
        << result.err;
}

TEST_F(TrustTest, PinsInTheConfigFileApplyToo) {
    const std::string dir = plugin_in("configured", fs::perms(0755));
    const std::string config =
        write("config.xml", "<surveycheck-config version=\"1\"><plugins><allow sha256=\"" +
                                std::string(64, 'b') + "\"/></plugins></surveycheck-config>\n");
    const Outcome refused = run_plugins(dir, "--config '" + config + "'");
    EXPECT_EQ(refused.code, 3);
    EXPECT_NE(refused.err.find("not one of the pinned plugins"), std::string::npos) << refused.err;
    const Outcome allowed =
        run_plugins(dir, "--config '" + config + "' --plugin-allow sha256:" + sha256_of(dir));
    EXPECT_EQ(allowed.code, 1) << allowed.err;
}

TEST_F(TrustTest, MalformedPinIsAUsageError) {
    const Outcome result = run_plugins(dir_.string(), "--plugin-allow md5:1234");
    EXPECT_EQ(result.code, 2);
    EXPECT_NE(result.err.find("--plugin-allow expects sha256:<64 hex digits>"), std::string::npos)
        << result.err;
}

}  // namespace
