// End-to-end tests of `surveycheck`: each runs the real executable with the built-in plugins.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "cli_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string source_dir = SURVEYCHECK_SOURCE_DIR;
const std::string seed_report = source_dir + "/examples/s3-seed-report.xml";
const std::string clean_report = source_dir + "/examples/s3-clean-report.xml";
const std::string seed_no_bid_no_type = source_dir + "/tests/data/s3/s3-seed-no-bid-no-type.xml";
const std::string seed_pretty = source_dir + "/tests/data/s3/s3-seed-pretty.xml";

using CliTest = surveycheck::test::CliFixture;
using surveycheck::test::findings_of;
using surveycheck::test::Outcome;
using surveycheck::test::question_keys;
using surveycheck::test::read_file;

// A small form: a mandatory period (choice), a recommended summary, with a profile naming both.
const char* mini_profile = R"(<?xml version="1.0" encoding="UTF-8"?>
<profile id="mini" title="Mini form" version="1">
  <question key="period" requirement="mandatory">
    <match bid="period" title="Reporting period"/>
    <role name="reporting-period"/>
  </question>
  <section key="s_public" confidentiality="public">
    <match bid="s_public" title="Public part"/>
    <question key="summary" requirement="recommended">
      <match bid="summary" title="Summary"/>
    </question>
  </section>
</profile>
)";

std::string mini_export(const std::string& answers) {
    return std::string(R"(<?xml version="1.0" encoding="UTF-8"?>
<Results create="2025-03-14_09-05-33"><Survey id="1" uid="u-survey" alias="mini">
<Elements lang="EN">
<Question id="q-period" type="Single Choice" bid="period">Reporting period</Question>
<Answer id="a-h1" type="Choice Answer" bid="h1">January - June 2020</Answer>
<Section id="s-1" type="Section" bid="s_public">Public part</Section>
<Question id="q-summary" type="Free Text" bid="summary">Summary</Question>
</Elements></Survey>
<Answers>
<AnswerSet id="c-1" list="7" lang="EN">)") +
           answers + R"(</AnswerSet>
</Answers></Results>
)";
}

TEST_F(CliTest, SeedExportWithoutBidAndTypeReportsMandatoryFieldsFindingsByProfileKey) {
    const json report = validate_json("'" + seed_no_bid_no_type + "'", 0);
    // Empty recommended questions of the seed report: found by title, reported by the profile's key.
    const std::set<std::string> recommended =
        question_keys(findings_of(report, "mandatory-fields/recommended"));
    EXPECT_TRUE(recommended.count("business_involvement"));
    EXPECT_TRUE(recommended.count("cooperation_level"));
    EXPECT_TRUE(recommended.count("sdg"));  // the SDG matrix has no row ticked
    EXPECT_FALSE(recommended.count("exec_summary"));
    // sdg_comments is ".", a placeholder.
    EXPECT_EQ(question_keys(findings_of(report, "mandatory-fields/placeholder")),
              std::set<std::string>{"sdg_comments"});
    // The two mandatory header questions are answered, and the profile matched every question.
    EXPECT_TRUE(findings_of(report, "mandatory-fields/missing").empty());
    EXPECT_TRUE(findings_of(report, "surveycheck/profile-question-missing").empty());
    for (const auto& finding : report["findings"]) {
        EXPECT_EQ(finding["question"]["bid"], "") << "the export has no bid";
        EXPECT_GT(finding["line"].get<int>(), 0);
    }
}

TEST_F(CliTest, JsonReportValidatesAgainstItsSchema) {
    const Outcome result = run("validate --format json -o '" + (dir_ / "report.json").string() + "' '" +
                               seed_report + "' '" + clean_report + "'");
    ASSERT_EQ(result.code, 0) << result.err;
    const std::string check =
        "/usr/bin/python3 -c 'import json,sys,jsonschema; "
        "jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))' '" +
        source_dir + "/schemas/findings.schema.json' '" + (dir_ / "report.json").string() + "'";
    EXPECT_EQ(std::system(check.c_str()), 0);
    const json report = json::parse(read_file(dir_ / "report.json"));
    EXPECT_EQ(report["tool"]["name"], "surveycheck");
    EXPECT_EQ(report["files"].size(), 2u);
    EXPECT_EQ(report["files"][0]["contributions"][0]["partnership"], "Medical technology");
    EXPECT_EQ(report["files"][0]["contributions"][0]["period"], "January - June 2020");
    EXPECT_GT(report["summary"]["warning"].get<int>(), 0);
}

TEST_F(CliTest, CleanReportHasNoWarningAndNoError) {
    const json report = validate_json("'" + clean_report + "'", 0);
    EXPECT_EQ(report["summary"]["error"], 0) << report["findings"].dump(2);
    EXPECT_EQ(report["summary"]["warning"], 0) << report["findings"].dump(2);
}

TEST_F(CliTest, FingerprintsDoNotDependOnLayoutOrLineNumbers) {
    const json one_line = validate_json("'" + seed_report + "'", 0);
    const json pretty = validate_json("'" + seed_pretty + "'", 0);
    std::multiset<std::string> a;
    std::multiset<std::string> b;
    for (const auto& finding : one_line["findings"]) a.insert(finding["fingerprint"].get<std::string>());
    for (const auto& finding : pretty["findings"]) b.insert(finding["fingerprint"].get<std::string>());
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(a, b);
    EXPECT_NE(one_line["findings"][0]["line"], pretty["findings"][0]["line"]);
}

TEST_F(CliTest, MissingMandatoryAnswerIsAnErrorAtTheAnswerSet) {
    const std::string profile = write("mini.xml", mini_profile);
    const std::string input = write("missing.xml", mini_export(R"(<Answer qid="q-summary">Done.</Answer>)"));
    const json report = validate_json("--profile '" + profile + "' '" + input + "'", 1);
    const auto missing = findings_of(report, "mandatory-fields/missing");
    ASSERT_EQ(missing.size(), 1u);
    EXPECT_EQ(missing[0]["severity"], "error");
    EXPECT_EQ(missing[0]["question"]["key"], "period");
    EXPECT_EQ(missing[0]["question"]["uid"], "q-period");
    EXPECT_EQ(missing[0]["contribution"], "c-1");
    EXPECT_EQ(missing[0]["xpath"], "/Results/Answers/AnswerSet[1]");
    EXPECT_EQ(missing[0]["line"], 10);
    // No answer, so no place in the line: column 0 (JSON), no startColumn (SARIF), the line alone (text,
    // HTML).
    EXPECT_EQ(missing[0]["column"], 0);
    const std::string args = "--profile '" + profile + "' '" + input + "'";
    const json sarif = json::parse(run("validate --format sarif " + args).out);
    bool found = false;
    for (const auto& result : sarif["runs"][0]["results"]) {
        if (result["ruleId"] != "mandatory-fields/missing") continue;
        found = true;
        const json& region = result["locations"][0]["physicalLocation"]["region"];
        EXPECT_EQ(region["startLine"], 10);
        EXPECT_FALSE(region.contains("startColumn")) << region.dump();
    }
    EXPECT_TRUE(found);
    EXPECT_NE(run("validate --color never " + args).out.find("error mandatory-fields/missing  10\n"),
              std::string::npos);
    const std::string html = run("validate --format html " + args).out;
    EXPECT_NE(html.find("<span class=\"where\">line 10</span>"), std::string::npos);
    // An answered question's finding keeps its column.
    const json placeholder = validate_json(
        "--profile '" + profile + "' '" +
            write("placeholder.xml", mini_export(R"(<Answer qid="q-summary">tbd</Answer>)")) + "'",
        1);
    for (const auto& finding : findings_of(placeholder, "mandatory-fields/placeholder"))
        EXPECT_GT(finding["column"].get<int>(), 0);
}

TEST_F(CliTest, PlaceholderFindingPointsAtTheAnswer) {
    const std::string profile = write("mini.xml", mini_profile);
    const std::string input = write(
        "placeholder.xml",
        mini_export(R"(<Answer qid="q-period" aid="a-h1"></Answer><Answer qid="q-summary">n/a</Answer>)"));
    const json report = validate_json("--profile '" + profile + "' '" + input + "'", 0);
    const auto placeholder = findings_of(report, "mandatory-fields/placeholder");
    ASSERT_EQ(placeholder.size(), 1u);
    EXPECT_EQ(placeholder[0]["severity"], "warning");
    EXPECT_EQ(placeholder[0]["question"]["key"], "summary");
    EXPECT_EQ(placeholder[0]["section"], "Public part");
    EXPECT_EQ(placeholder[0]["excerpt"], "n/a");
    EXPECT_EQ(placeholder[0]["xpath"], "/Results/Answers/AnswerSet[1]/Answer[2]");
    EXPECT_EQ(placeholder[0]["line"], 10);
    // Line 10 is `<AnswerSet id="c-1" list="7" lang="EN">` (39 characters) + the period answer (43):
    // column 83.
    EXPECT_EQ(placeholder[0]["column"], 83);
    EXPECT_EQ(report["files"][0]["contributions"][0]["period"], "January - June 2020");
}

TEST_F(CliTest, AnswerToUnknownQuestionIsAFindingNotACrash) {
    const std::string profile = write("mini.xml", mini_profile);
    const std::string input =
        write("unknown.xml",
              mini_export(R"(<Answer qid="q-period" aid="a-h1"></Answer><Answer qid="q-gone">x</Answer>)"));
    const json report = validate_json("--profile '" + profile + "' '" + input + "'", 0);
    const auto unknown = findings_of(report, "surveycheck/unknown-question");
    ASSERT_EQ(unknown.size(), 1u);
    EXPECT_EQ(unknown[0]["severity"], "warning");
    EXPECT_NE(unknown[0]["message"].get<std::string>().find("q-gone"), std::string::npos);
}

TEST_F(CliTest, AnswerNamingAnOptionReplacedAfterAnsweringIsUnknownAnswerAtTheAnswerNotUnanswered) {
    const std::string profile = write("mini.xml", mini_profile);
    const std::string input =
        write("unknown-aid.xml",
              mini_export(
                  R"(<Answer qid="q-period" aid="a-2019"></Answer><Answer qid="q-summary">Done.</Answer>)"));
    const json report = validate_json("--profile '" + profile + "' '" + input + "'", 0);
    const auto unknown = findings_of(report, "surveycheck/unknown-answer");
    ASSERT_EQ(unknown.size(), 1u) << report["findings"].dump(2);
    EXPECT_EQ(unknown[0]["severity"], "warning");
    EXPECT_EQ(unknown[0]["question"]["key"], "period");
    EXPECT_EQ(unknown[0]["xpath"], "/Results/Answers/AnswerSet[1]/Answer[1]");
    EXPECT_EQ(unknown[0]["line"], 10);
    EXPECT_EQ(unknown[0]["column"], 40);  // after `<AnswerSet id="c-1" list="7" lang="EN">` (39 characters)
    const std::string message = unknown[0]["message"];
    EXPECT_NE(message.find("\"a-2019\""), std::string::npos) << message;
    EXPECT_NE(message.find("\"Reporting period\""), std::string::npos) << message;
    // The question was answered, with an option the form no longer has: no rule calls it unanswered.
    EXPECT_TRUE(findings_of(report, "mandatory-fields/missing").empty()) << report["findings"].dump(2);
    EXPECT_TRUE(findings_of(report, "mandatory-fields/recommended").empty()) << report["findings"].dump(2);
}

TEST_F(CliTest, DelphiExplanationAndDiscussionAreNeverCountedAsAnswers) {
    const std::string profile = write("mini.xml", mini_profile);
    const std::string input =
        write("delphi.xml",
              mini_export(
                  R"(<Explanation qid="q-period"><ExplanationText>We chose the first half</ExplanationText>)"
                  R"(</Explanation><Discussion qid="q-summary">Summary to follow</Discussion>)"));
    const json report = validate_json("--profile '" + profile + "' '" + input + "'", 1);
    EXPECT_EQ(question_keys(findings_of(report, "mandatory-fields/missing")),
              std::set<std::string>{"period"});
    EXPECT_EQ(question_keys(findings_of(report, "mandatory-fields/recommended")),
              std::set<std::string>{"summary"});
}

TEST_F(CliTest, DelphiExplanationOfAnUnknownQuestionIsAFinding) {
    const std::string profile = write("mini.xml", mini_profile);
    const std::string input =
        write("delphi-unknown.xml",
              mini_export(R"(<Answer qid="q-period" aid="a-h1"></Answer>)"
                          R"(<Explanation qid="q-gone"><ExplanationText>x</ExplanationText></Explanation>)"));
    const json report = validate_json("--profile '" + profile + "' '" + input + "'", 0);
    const auto unknown = findings_of(report, "surveycheck/unknown-question");
    ASSERT_EQ(unknown.size(), 1u) << report["findings"].dump(2);
    EXPECT_EQ(unknown[0]["xpath"], "/Results/Answers/AnswerSet[1]/Explanation[1]");
}

TEST_F(CliTest, ProfileQuestionMissingFromTheExportIsAnError) {
    std::string profile_text = mini_profile;
    profile_text.replace(profile_text.find("  </section>"), 0,
                         "    <question key=\"budget\" requirement=\"optional\">\n"
                         "      <match bid=\"budget\" title=\"Budget\"/>\n    </question>\n");
    const std::string profile = write("mini.xml", profile_text);
    const std::string input =
        write("export.xml", mini_export(R"(<Answer qid="q-period" aid="a-h1"></Answer>)"));
    const json report = validate_json("--profile '" + profile + "' '" + input + "'", 1);
    const auto missing = findings_of(report, "surveycheck/profile-question-missing");
    ASSERT_EQ(missing.size(), 1u);
    EXPECT_EQ(missing[0]["question"]["key"], "budget");
    EXPECT_EQ(missing[0]["contribution"], "");
}

TEST_F(CliTest, NotWellFormedExportIsIncompleteExit3WithFileLineAndColumn) {
    const std::string input = write("broken.xml", "<?xml version=\"1.0\"?>\n<Results><Survey>\n</Results>\n");
    const Outcome result = run("validate '" + input + "'");
    EXPECT_EQ(result.code, 3);
    EXPECT_NE(result.err.find(input + ":3:"), std::string::npos) << result.err;
}

TEST_F(CliTest, WrongRootIsIncompleteExit3AndNamesTheRoot) {
    const std::string input = write("wrong.xml", "<?xml version=\"1.0\"?>\n<SurveyTranslation/>\n");
    const Outcome result = run("validate --format json '" + input + "'");
    EXPECT_EQ(result.code, 3);
    EXPECT_NE(result.err.find("SurveyTranslation"), std::string::npos) << result.err;
    const json report = json::parse(result.out);
    EXPECT_EQ(report["files"][0]["status"], "unreadable");
}

TEST_F(CliTest, MissingFileIsIncompleteExit3) {
    const Outcome result = run("validate '" + (dir_ / "nope.xml").string() + "'");
    EXPECT_EQ(result.code, 3);
    EXPECT_NE(result.err.find("nope.xml"), std::string::npos);
}

TEST_F(CliTest, FailOnWarningTurnsWarningsIntoExit1) {
    EXPECT_EQ(run("validate '" + seed_report + "'").code, 0);
    EXPECT_EQ(run("validate --fail-on warning '" + seed_report + "'").code, 1);
}

TEST_F(CliTest, SeverityOverrideChangesTheFindingAndTheExitCode) {
    const json report =
        validate_json("--severity mandatory-fields/placeholder=error '" + seed_report + "'", 1);
    const auto placeholder = findings_of(report, "mandatory-fields/placeholder");
    ASSERT_FALSE(placeholder.empty());
    EXPECT_EQ(placeholder[0]["severity"], "error");
}

TEST_F(CliTest, DisableAndEnableSelectRules) {
    const json without = validate_json("--disable mandatory-fields '" + seed_report + "'", 0);
    for (const auto& finding : without["findings"]) {
        EXPECT_NE(finding["rule"].get<std::string>().rfind("mandatory-fields/", 0), 0u) << finding.dump();
    }
    const json none = validate_json("--disable all '" + seed_report + "'", 0);
    EXPECT_TRUE(none["findings"].empty()) << none["findings"].dump(2);
    // The more specific pattern wins: one rule back on after its plugin was turned off.
    const json only =
        validate_json("--disable all --enable mandatory-fields/placeholder '" + seed_report + "'", 0);
    ASSERT_FALSE(only["findings"].empty());
    for (const auto& finding : only["findings"]) EXPECT_EQ(finding["rule"], "mandatory-fields/placeholder");
}

TEST_F(CliTest, UnknownRuleNameIsAUsageError) {
    const Outcome result = run("validate --disable mandatory-feilds '" + seed_report + "'");
    EXPECT_EQ(result.code, 2);
    EXPECT_NE(result.err.find("mandatory-feilds"), std::string::npos);
}

TEST_F(CliTest, OutputThatIsAnInputIsRefusedAndTheInputKept) {
    const std::string input = write("keep.xml", read_file(seed_report));
    const Outcome result = run("validate --output '" + input + "' '" + input + "'");
    EXPECT_EQ(result.code, 2);
    EXPECT_NE(result.err.find("one of the inputs"), std::string::npos);
    EXPECT_EQ(read_file(input), read_file(seed_report));
}

TEST_F(CliTest, TextReportGroupsFindingsPerContributionWithPartnershipAndPeriod) {
    const Outcome result = run("validate --color never '" + seed_report + "'");
    EXPECT_EQ(result.code, 0);
    EXPECT_NE(result.out.find("— Medical technology, January - June 2020"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("answer: \".\""), std::string::npos);
    EXPECT_NE(result.out.find("hint: "), std::string::npos);
    EXPECT_EQ(result.out.find("\x1b["), std::string::npos) << "no colour when not on a terminal";
    // The summary's verdict: warnings are to review, nothing says the run passed.
    EXPECT_NE(result.out.find("\nNo blocking errors — "), std::string::npos) << result.out;
    EXPECT_EQ(result.out.find("Passed"), std::string::npos);
}

TEST_F(CliTest, TextSummarySaysFailedWithTheBlockingCountsAndPassedOnlyWithoutFindings) {
    const std::string profile = write("mini.xml", mini_profile);
    const std::string input = write("missing.xml", mini_export(""));
    const Outcome failed = run("validate --color never --profile '" + profile + "' '" + input + "'");
    EXPECT_EQ(failed.code, 1) << failed.err;
    EXPECT_NE(failed.out.find("\nFailed: 1 error — 1 warning to review\n"), std::string::npos) << failed.out;
    const Outcome none = run("validate --color never --disable all '" + clean_report + "'");
    EXPECT_EQ(none.code, 0) << none.err;
    EXPECT_NE(none.out.find("\nPassed: no findings\n"), std::string::npos) << none.out;
}

TEST_F(CliTest, RulesListsEveryRuleWithPluginSeverityAndDocs) {
    const Outcome result = run("rules --format json");
    ASSERT_EQ(result.code, 0) << result.err;
    const json listing = json::parse(result.out);
    std::set<std::string> ids;
    for (const auto& rule : listing["rules"]) {
        ids.insert(rule["id"].get<std::string>());
        if (rule["plugin"] == "mandatory-fields") {
            EXPECT_NE(rule["docs"].get<std::string>().find("docs/rules/mandatory-fields.md#"),
                      std::string::npos);
        }
    }
    for (const char* id :
         {"mandatory-fields/missing", "mandatory-fields/missing-when-shown", "mandatory-fields/recommended",
          "mandatory-fields/placeholder", "surveycheck/profile-question-missing"}) {
        EXPECT_TRUE(ids.count(id)) << id;
    }
    const Outcome text = run("rules --severity mandatory-fields/recommended=info");
    EXPECT_NE(text.out.find("mandatory-fields/recommended  [info, default warning]"), std::string::npos)
        << text.out;
}

// Rule links in reports are web addresses by default (never a path of the build machine), and --docs-url or
// the config file's <docs-url> puts them on another base: JSON "docs", SARIF helpUri and the HTML links.
TEST_F(CliTest, DocsUrlIsTheBaseOfRuleLinksInEveryFormat) {
    const json plain = validate_json("'" + seed_report + "'", 0);
    ASSERT_FALSE(plain["findings"].empty());
    for (const auto& finding : plain["findings"]) {
        const std::string docs = finding["docs"];
        EXPECT_EQ(docs.rfind("https://", 0), 0u) << docs;
        EXPECT_EQ(docs.find(source_dir), std::string::npos) << docs;
    }
    const std::string base = "https://intranet.example/surveycheck/";
    const Outcome run_result =
        run("validate -q --docs-url " + base + " --format json:'" + path("r.json") + "' --format sarif:'" +
            path("r.sarif") + "' --format html:'" + path("r.html") + "' '" + seed_report + "'");
    ASSERT_EQ(run_result.code, 0) << run_result.err;
    const json docs_report = json::parse(read_file(path("r.json")));  // outlives the loop over its part
    for (const auto& finding : docs_report["findings"]) {
        EXPECT_EQ(finding["docs"].get<std::string>().rfind(base + "docs/rules/", 0), 0u) << finding["docs"];
    }
    const json sarif = json::parse(read_file(path("r.sarif")));
    const json& rules = sarif["runs"][0]["tool"]["driver"]["rules"];
    ASSERT_FALSE(rules.empty());
    for (const auto& rule : rules) {
        EXPECT_EQ(rule["helpUri"].get<std::string>().rfind(base + "docs/rules/", 0), 0u) << rule["helpUri"];
    }
    EXPECT_NE(
        read_file(path("r.html")).find("href=\"" + base + "docs/rules/nuts-code-format.md#missing-code\""),
        std::string::npos);

    const std::string config =
        write("docs.xml",
              "<?xml version=\"1.0\"?>\n<surveycheck-config version=\"1\">\n"
              "<docs-url>https://mirror.example/sc</docs-url>\n</surveycheck-config>\n");
    const json configured = validate_json("--config '" + config + "' '" + seed_report + "'", 0);
    EXPECT_EQ(configured["findings"][0]["docs"].get<std::string>().rfind(
                  "https://mirror.example/sc/docs/rules/", 0),
              0u);
    const json overridden =
        validate_json("--config '" + config + "' --docs-url " + base + " '" + seed_report + "'", 0);
    EXPECT_EQ(overridden["findings"][0]["docs"].get<std::string>().rfind(base, 0), 0u)
        << "the command line wins";
}

TEST_F(CliTest, VersionAndHelpExitZero) {
    const Outcome version = run("--version");
    EXPECT_EQ(version.code, 0);
    EXPECT_NE(version.out.find("surveycheck "), std::string::npos);
    const Outcome help = run("validate --help");
    EXPECT_EQ(help.code, 0);
    EXPECT_NE(help.out.find("--fail-on"), std::string::npos);
    EXPECT_EQ(run("validate").code, 2);
}

TEST_F(CliTest, ThirdPartyPluginFromPluginDirReportsFindings) {
    const json report = validate_json(
        std::string("--plugin-dir '") + SURVEYCHECK_VALID_PLUGIN_DIR + "' '" + seed_report + "'", 1);
    const auto fixture = findings_of(report, "fixture-valid/first");
    ASSERT_EQ(fixture.size(), 1u);
    EXPECT_EQ(fixture[0]["message"], "fixture finding");
}

TEST_F(CliTest, PluginBuiltForAbi10RunsAndReadsEveryValueOfANewerHost) {
    const std::string profile = write("mini.xml", mini_profile);
    const std::string input = write(
        "two-values.xml",
        mini_export(
            R"(<Answer qid="q-period" aid="a-h1">first</Answer><Answer qid="q-summary">second</Answer>)"));
    const json report = validate_json(std::string("--plugin-dir '") + SURVEYCHECK_ABI_1_0_READER_DIR +
                                          "' --profile '" + profile + "' '" + input + "'",
                                      0);
    const auto texts = findings_of(report, "fixture-abi-1-0-reader/texts");
    ASSERT_EQ(texts.size(), 2u) << report["findings"].dump(2);
    EXPECT_EQ(texts[0]["message"], "first");
    EXPECT_EQ(texts[1]["message"], "second");  // stepped by the host's struct_size, not the 1.0 sizeof
    EXPECT_EQ(texts[1]["xpath"], "/Results/Answers/AnswerSet[1]/Answer[2]");
}

TEST_F(CliTest, IncompatiblePluginMakesTheRunIncomplete) {
    const Outcome result = run(std::string("validate --format json --plugin-dir '") +
                               SURVEYCHECK_ABI2_PLUGIN_DIR + "' '" + seed_report + "'");
    EXPECT_EQ(result.code, 3);
    EXPECT_NE(result.err.find("fixture_abi_major_2"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("2.0"), std::string::npos) << result.err;
    const json report = json::parse(result.out);
    EXPECT_TRUE(report["summary"]["incomplete"].get<bool>());
}

TEST_F(CliTest, FailingRuleKeepsItsFindingsAndExits3) {
    const json report = validate_json(
        std::string("--plugin-dir '") + SURVEYCHECK_FAILING_PLUGIN_DIR + "' '" + seed_report + "'", 3);
    EXPECT_EQ(findings_of(report, "fixture-failing/always").size(), 1u);
    const auto failed = findings_of(report, "surveycheck/rule-failed");
    ASSERT_EQ(failed.size(), 1u);
    EXPECT_NE(failed[0]["message"].get<std::string>().find("lookup table corrupted"), std::string::npos);
    EXPECT_EQ(report["files"][0]["status"], "incomplete");
}

}  // namespace

namespace {

// A public region list that reuses a confidential sentence: any rule's finding on it must not quote it.
const char* reuse_profile = R"(<?xml version="1.0" encoding="UTF-8"?>
<profile id="reuse" title="Reuse form" version="1">
  <section key="s_public" confidentiality="public">
    <match bid="s_public" title="Public part"/>
    <question key="regions" requirement="optional">
      <match bid="regions" title="Regions"/><role name="region-list" format="nuts"/>
    </question>
  </section>
  <section key="s_self" confidentiality="confidential">
    <match bid="s_self" title="Self-assessment"/>
    <question key="obstacles" requirement="optional"><match bid="obstacles" title="Obstacles"/></question>
  </section>
</profile>
)";

TEST_F(CliTest, NoRuleQuotesAnAnswerThatAnotherRuleFoundHoldingConfidentialText) {
    const std::string secret =
        "the regional minister withdrew the co-funding after a quarrel about the hospital tender last spring";
    const std::string profile = write("reuse.xml", reuse_profile);
    const std::string input = write("reuse-export.xml", std::string(R"(<?xml version="1.0" encoding="UTF-8"?>
<Results create="2025-03-14_09-05-33"><Survey id="1" uid="u" alias="reuse"><Elements lang="EN">
<Section id="s-1" type="Section" bid="s_public">Public part</Section>
<Question id="q-regions" type="Free Text" bid="regions">Regions</Question>
<Section id="s-2" type="Section" bid="s_self">Self-assessment</Section>
<Question id="q-obstacles" type="Free Text" bid="obstacles">Obstacles</Question>
</Elements></Survey><Answers><AnswerSet id="c-1" list="1" lang="EN">
<Answer qid="q-regions">Lapland (FIN), FI1D7
)") + secret + R"(</Answer>
<Answer qid="q-obstacles">)" + secret + R"(</Answer>
</AnswerSet></Answers></Results>
)");
    const Outcome result = run("validate --format json --disable eu13-justification --profile '" + profile +
                               "' '" + input + "'");
    ASSERT_EQ(result.code, 0) << result.err;
    const json report = json::parse(result.out);
    // The region list draws findings of its own (FIN is not the Eurostat code) and one for the reuse; none of
    // them may quote the answer. (Messages are the rules' own words: nuts-code-format names the entry.)
    ASSERT_FALSE(findings_of(report, "nuts-code-format/country-code").empty()) << result.out;
    ASSERT_FALSE(findings_of(report, "confidentiality-separation/reused-text").empty()) << result.out;
    for (const auto& finding : report["findings"]) {
        if (finding["question"]["key"] == "regions") {
            EXPECT_EQ(finding["excerpt"], "") << finding.dump();
        }
    }
}

}  // namespace

namespace {

TEST_F(CliTest, FindingOnAnEntryOfALongAnswerQuotesTheAnswerFromThatEntry) {
    const json report = validate_json("'" + seed_report + "'", 0);
    bool seen = false;
    for (const auto& finding : findings_of(report, "nuts-code-format/missing-code")) {
        if (finding["message"].get<std::string>().find("\"East Netherlands\"") == std::string::npos) continue;
        seen = true;
        // The participating regions run to 28 entries: the excerpt starts at the entry, not at the answer's
        // start.
        EXPECT_EQ(finding["excerpt"].get<std::string>().rfind("…East Netherlands (NL)", 0), 0u)
            << finding.dump();
    }
    EXPECT_TRUE(seen);
}

}  // namespace
