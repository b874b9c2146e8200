// nuts-code-format end to end: the real executable, a mini profile with the region roles, a mini export per
// case.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_fixture.hpp"

namespace {

using nlohmann::json;
using surveycheck::test::findings_of;

const std::string source_dir = SURVEYCHECK_SOURCE_DIR;
const std::string data_dir = SURVEYCHECK_TEST_DATA_DIR;

// Period (a choice naming the year), participating regions in NUTS format, leading regions without a format.
const char* regions_profile = R"(<?xml version="1.0" encoding="UTF-8"?>
<profile id="mini-regions" title="Mini regions form" version="1">
  <question key="period" requirement="optional">
    <match bid="period" title="Reporting period"/>
    <role name="reporting-period"/>
  </question>
  <question key="participating" requirement="optional">
    <match bid="participating" title="Participating regions"/>
    <role name="region-list" format="nuts"/>
  </question>
  <question key="leading" requirement="optional">
    <match bid="leading" title="Leading regions"/>
    <role name="region-list"/>
  </question>
</profile>
)";

// An export whose AnswerSet opens on line 9 and holds `answers`, each answer starting a line from line 10.
std::string regions_export(const std::string& answers) {
    return std::string(R"(<?xml version="1.0" encoding="UTF-8"?>
<Results create="2025-03-14_09-05-33"><Survey id="1" uid="u-survey" alias="regions">
<Elements lang="EN">
<Question id="q-period" type="Single Choice" bid="period">Reporting period</Question>
<Answer id="a-2020" type="Choice Answer" bid="h2020">January - June 2020</Answer><Answer id="a-2024" type="Choice Answer" bid="h2024">January - June 2024</Answer>
<Question id="q-part" type="Free Text" bid="participating">Participating regions</Question>
<Question id="q-lead" type="Free Text" bid="leading">Leading regions</Question>
</Elements></Survey><Answers>
<AnswerSet id="c-1" list="7" lang="EN">
)") + answers +
           "</AnswerSet>\n</Answers></Results>\n";
}

std::string period(int year) {
    return "<Answer qid=\"q-period\" aid=\"a-" + std::to_string(year) + "\"></Answer>\n";
}
std::string participating(const std::string& text) {
    return "<Answer qid=\"q-part\">" + text + "</Answer>\n";
}
std::string leading(const std::string& text) { return "<Answer qid=\"q-lead\">" + text + "</Answer>\n"; }

class NutsCodeFormatTest : public surveycheck::test::CliFixture {
protected:
    // Validate `answers` with the mini profile and the real NUTS lists; the exit code must be `code`.
    json validate(const std::string& answers, int code, const std::string& data = data_dir) {
        const std::string profile = write("profile.xml", regions_profile);
        const std::string input = write("export.xml", regions_export(answers));
        return validate_json("--profile '" + profile + "' --data-dir '" + data + "' '" + input + "'", code);
    }
    void SetUp() override {
        CliFixture::SetUp();
        if (!std::filesystem::is_directory(data_dir + "/nuts"))
            GTEST_SKIP() << "no NUTS lists in " << data_dir;
    }
};

TEST_F(NutsCodeFormatTest, RegionWithoutCodeIsAWarningAtTheRegion) {
    const json report = validate(period(2020) + participating("Lapland (FI), FI1D7\nWallonia (BE)"), 0);
    const auto missing = findings_of(report, "nuts-code-format/missing-code");
    ASSERT_EQ(missing.size(), 1u) << report["findings"].dump(2);
    EXPECT_EQ(missing[0]["severity"], "warning");
    EXPECT_NE(missing[0]["message"].get<std::string>().find("\"Wallonia\""), std::string::npos);
    EXPECT_EQ(missing[0]["question"]["key"], "participating");
    EXPECT_EQ(missing[0]["line"], 12);  // Wallonia starts the second line of the answer
    EXPECT_EQ(missing[0]["column"], 1);
    const std::string docs = missing[0]["docs"];
    EXPECT_NE(docs.find("docs/rules/nuts-code-format.md#missing-code"), std::string::npos) << docs;
}

// The message of the finding of `rule` whose message names `region` in quotes, "" when none.
std::string message_about(const json& report, const std::string& rule, const std::string& region) {
    for (const auto& finding : findings_of(report, rule)) {
        const std::string message = finding["message"];
        if (message.find("\"" + region + "\"") != std::string::npos) return message;
    }
    return "";
}

TEST_F(NutsCodeFormatTest, MissingCodeGivesEurostatsCodeByName) {
    const json report = validate(period(2020) + participating("Bretagne (FR)\nTh\xC3\xBCringen (GER)"), 0);
    const auto missing = findings_of(report, "nuts-code-format/missing-code");
    ASSERT_EQ(missing.size(), 2u) << report["findings"].dump(2);
    EXPECT_EQ(missing[0]["message"],
              "The NUTS code of region \"Bretagne\" is missing; Eurostat's code is FRH0 (NUTS 2).");
    EXPECT_EQ(missing[0]["hint"], "Write \"Bretagne (FR), FRH0\".");
    EXPECT_EQ(missing[1]["message"],
              "The NUTS code of region \"Th\xC3\xBCringen\" is missing; Eurostat's code is DEG0 (NUTS 2).");
}

TEST_F(NutsCodeFormatTest, MissingCodeOfAMisspelledNameGivesTheNearestName) {
    const json report = validate(period(2020) + participating("Baden-W\xC3\xBCrrtemberg (GER)"), 0);
    const auto missing = findings_of(report, "nuts-code-format/missing-code");
    ASSERT_EQ(missing.size(), 1u) << report["findings"].dump(2);
    EXPECT_EQ(missing[0]["message"],
              "The NUTS code of region \"Baden-W\xC3\xBCrrtemberg\" is missing; the nearest NUTS name is "
              "\"Baden-W\xC3\xBCrttemberg\", code DE1 (NUTS 1).");
    EXPECT_EQ(missing[0]["hint"], "Write \"Baden-W\xC3\xBCrttemberg (DE), DE1\".");
}

TEST_F(NutsCodeFormatTest, MissingCodeOfACountryOrACitySaysSo) {
    const json report = validate(period(2020) + participating("Ireland (IRE)\nCopenhagen (DEN)"), 0);
    const auto missing = findings_of(report, "nuts-code-format/missing-code");
    ASSERT_EQ(missing.size(), 2u) << report["findings"].dump(2);
    EXPECT_EQ(
        missing[0]["message"],
        "The NUTS code of region \"Ireland\" is missing; \"Ireland\" is a country, not a region: its code "
        "is IE (NUTS 0).");
    EXPECT_EQ(
        missing[1]["message"],
        "The NUTS code of region \"Copenhagen\" is missing; \"Copenhagen\" is a city, not a region: it lies "
        "in \"Byen K\xC3\xB8"
        "benhavn\", DK011 (NUTS 3).");
}

TEST_F(NutsCodeFormatTest, MissingCodeOfAnUnknownNameStaysPlain) {
    const json report = validate(period(2020) + participating("Oulu Region (FIN)"), 0);
    EXPECT_EQ(message_about(report, "nuts-code-format/missing-code", "Oulu Region"),
              "The NUTS code of region \"Oulu Region\" is missing.");
}

TEST_F(NutsCodeFormatTest, ListsWrittenWithDashesLabelsAndHtmlGiveTheirCodes) {
    const json report = validate(
        period(2020) + participating("&lt;ul&gt;&lt;li&gt;Catalu\xC3\xB1"
                                     "a (ES) \xE2\x80\x93 ES51&lt;/li&gt;"
                                     "&lt;li&gt;Arag\xC3\xB3n (ES), NUTS2: ES24&lt;/li&gt;&lt;/ul&gt;"
                                     "Bretagne (FRH0)&lt;br&gt;1. Lappi (FI) / FI1D7"),
        0);
    for (const auto& finding : report["findings"])
        EXPECT_NE(finding["rule"].get<std::string>().rfind("nuts-code-format/", 0), 0u) << finding.dump(2);
}

TEST_F(NutsCodeFormatTest, CodeOfAnotherRegionIsAWarning) {
    const json report = validate(period(2020) + participating("Catalonia (ES), ES30\nCatalonia (ES), ES51\n"
                                                              "Bretagne (FR), FRH\nMadrid (ES), ES30\n"
                                                              "Lapland (FI), FI1D7"),
                                 0);
    const auto mismatch = findings_of(report, "nuts-code-format/code-mismatch");
    ASSERT_EQ(mismatch.size(), 1u) << report["findings"].dump(2);
    EXPECT_EQ(mismatch[0]["severity"], "warning");
    EXPECT_EQ(mismatch[0]["line"], 11);
    EXPECT_EQ(mismatch[0]["message"],
              "ES30 is the code of \"Comunidad de Madrid\", not of \"Catalonia\"; by its name, the region is "
              "\"Catalu\xC3\xB1"
              "a\", ES51 (NUTS 2).");
    EXPECT_EQ(mismatch[0]["hint"], "Replace ES30 with ES51, or correct the name.");
}

TEST_F(NutsCodeFormatTest, CodeMismatchOnlyWhenSure) {
    // A name that matches nothing, one in another country than the code's (country-mismatch's job), and an
    // unknown code (unknown-code's job).
    const json report = validate(
        period(2020) + participating("Oulu Region (FI), FI1D9\nCatalonia (FR), ES30\nCatalonia (ES), ES99"),
        1);
    EXPECT_TRUE(findings_of(report, "nuts-code-format/code-mismatch").empty()) << report["findings"].dump(2);
}

TEST_F(NutsCodeFormatTest, UnknownCodeHintGivesTheCodeByName) {
    const json report = validate(period(2020) + participating("Bretagne (FR), FRX9"), 1);
    const auto unknown = findings_of(report, "nuts-code-format/unknown-code");
    ASSERT_EQ(unknown.size(), 1u) << report["findings"].dump(2);
    EXPECT_EQ(unknown[0]["hint"], "By its name, the region's code in NUTS 2016 is FRH0 (NUTS 2).");
}

TEST_F(NutsCodeFormatTest, CountryAbbreviationIsAWarningWithTheEurostatCode) {
    const json report = validate(
        period(2020) + participating("Stuttgart (GER), DE11\nAttica (GR), EL30\nLapland (FI), FI1D7"), 0);
    const auto country = findings_of(report, "nuts-code-format/country-code");
    ASSERT_EQ(country.size(), 2u) << report["findings"].dump(2);
    EXPECT_EQ(country[0]["severity"], "warning");
    EXPECT_EQ(country[0]["hint"], "GER \u2192 DE");
    EXPECT_EQ(country[1]["hint"], "GR \u2192 EL");
    EXPECT_NE(country[1]["message"].get<std::string>().find("ISO"), std::string::npos);
    EXPECT_TRUE(findings_of(report, "nuts-code-format/country-mismatch").empty());
}

TEST_F(NutsCodeFormatTest, CodeThatIsNotNutsSyntaxIsAnError) {
    const json report = validate(
        period(2020) + participating("Lapland (FI), fi1d7\nAttica (EL), GR30\nOulu (FI), FI1D77"), 1);
    const auto syntax = findings_of(report, "nuts-code-format/syntax");
    ASSERT_EQ(syntax.size(), 3u) << report["findings"].dump(2);
    EXPECT_EQ(syntax[0]["severity"], "error");
    EXPECT_EQ(syntax[0]["hint"], "fi1d7 \u2192 FI1D7");
    EXPECT_EQ(syntax[1]["hint"], "GR30 \u2192 EL30");
    EXPECT_NE(syntax[2]["message"].get<std::string>().find("FI1D77"), std::string::npos);
    EXPECT_TRUE(findings_of(report, "nuts-code-format/unknown-code").empty());
}

TEST_F(NutsCodeFormatTest, CodeUnknownInTheVersionInForceSaysWhereItExists) {
    const json report = validate(period(2020) + participating("Algarve (PT), PT19; Nowhere (FI), FI1X9"), 1);
    const auto unknown = findings_of(report, "nuts-code-format/unknown-code");
    ASSERT_EQ(unknown.size(), 2u) << report["findings"].dump(2);
    EXPECT_EQ(unknown[0]["severity"], "error");
    const std::string algarve = unknown[0]["message"];
    EXPECT_NE(algarve.find("not a NUTS 2016 code"), std::string::npos) << algarve;
    EXPECT_NE(algarve.find("January - June 2020"), std::string::npos) << algarve;
    EXPECT_NE(algarve.find("exists in NUTS 2024"), std::string::npos) << algarve;
    EXPECT_NE(unknown[1]["message"].get<std::string>().find("in no NUTS version"), std::string::npos);
}

TEST_F(NutsCodeFormatTest, VersionFollowsTheReportingPeriod) {
    const json report = validate(period(2024) + participating("Algarve (PT), PT19"), 0);
    EXPECT_TRUE(findings_of(report, "nuts-code-format/unknown-code").empty()) << report["findings"].dump(2);
}

TEST_F(NutsCodeFormatTest, WithoutReportingPeriodNuts2024IsUsedAndSaid) {
    const json report = validate(participating("Lincolnshire (UK), UKF3"), 1);
    const auto unknown = findings_of(report, "nuts-code-format/unknown-code");
    ASSERT_EQ(unknown.size(), 1u) << report["findings"].dump(2);
    const std::string message = unknown[0]["message"];
    EXPECT_NE(message.find("NUTS 2024"), std::string::npos) << message;
    EXPECT_NE(message.find("no reporting period"), std::string::npos) << message;
    EXPECT_NE(message.find("exists in NUTS 2016 and 2021"), std::string::npos) << message;
}

TEST_F(NutsCodeFormatTest, CodeOfAnotherCountryIsAnError) {
    const json report = validate(period(2020) + participating("Berlin (FR), DE30\nBerlin (DE), DE30"), 1);
    const auto mismatch = findings_of(report, "nuts-code-format/country-mismatch");
    ASSERT_EQ(mismatch.size(), 1u) << report["findings"].dump(2);
    EXPECT_EQ(mismatch[0]["severity"], "error");
    EXPECT_EQ(mismatch[0]["line"], 11);
    EXPECT_NE(mismatch[0]["message"].get<std::string>().find("Germany"), std::string::npos);
}

TEST_F(NutsCodeFormatTest, ExtraRegioCodeIsAWarning) {
    const json report = validate(period(2020) + participating("Lapland (FI), FIZZZ\nLapland (FI), FI1D7"), 0);
    const auto extra = findings_of(report, "nuts-code-format/extra-regio");
    ASSERT_EQ(extra.size(), 1u) << report["findings"].dump(2);
    EXPECT_EQ(extra[0]["severity"], "warning");
    EXPECT_NE(extra[0]["message"].get<std::string>().find("FIZZZ"), std::string::npos);
}

TEST_F(NutsCodeFormatTest, RegionListWithoutNutsFormatIsNotChecked) {
    const json report = validate(period(2020) + leading("Wallonia(BEL) Bretagne(FRA)"), 0);
    for (const auto& finding : report["findings"])
        EXPECT_NE(finding["rule"].get<std::string>().rfind("nuts-code-format/", 0), 0u) << finding.dump(2);
}

TEST_F(NutsCodeFormatTest, MissingCodeListsRefuseTheRunUnlessASyntaxOnlyCheckIsAccepted) {
    const std::filesystem::path empty = dir_ / "empty-data";
    std::filesystem::create_directories(empty);
    const std::string profile = write("profile.xml", regions_profile);
    const std::string first =
        write("first.xml", regions_export(period(2020) + participating("Nowhere (FI), FI1X9")));
    const std::string second =
        write("second.xml", regions_export(period(2020) + participating("Oulu (FI), fi1d9")));
    const std::string args =
        "--profile '" + profile + "' --data-dir '" + empty.string() + "' '" + first + "' '" + second + "'";
    // An empty data folder: nothing is checked, the run says why and how to go on.
    const surveycheck::test::Outcome refused = run("validate " + args);
    EXPECT_EQ(refused.code, 2) << refused.err;
    EXPECT_NE(refused.err.find("nuts-code-format/no-data"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("not found: " + (empty / "nuts" / "nuts2016.csv").string()), std::string::npos)
        << refused.err;
    EXPECT_NE(refused.err.find("--disable nuts-code-format/no-data"), std::string::npos) << refused.err;
    // Accepted on purpose: the syntax is still checked, existence is not.
    const json report = validate_json("--disable nuts-code-format/no-data " + args, 1);
    EXPECT_TRUE(findings_of(report, "nuts-code-format/no-data").empty());
    EXPECT_TRUE(findings_of(report, "nuts-code-format/unknown-code").empty());
    EXPECT_EQ(findings_of(report, "nuts-code-format/syntax").size(), 1u);
}

TEST_F(NutsCodeFormatTest, SeedReportMissingCodesAndThreeLetterAbbreviations) {
    const json report =
        validate_json("--data-dir '" + data_dir + "' '" + source_dir + "/examples/s3-seed-report.xml'", 0);
    const auto missing = findings_of(report, "nuts-code-format/missing-code");
    EXPECT_EQ(missing.size(), 28u);
    std::vector<std::string> hints;
    for (const auto& finding : findings_of(report, "nuts-code-format/country-code"))
        hints.push_back(finding["hint"]);
    EXPECT_EQ(hints.size(), 26u);  // all but the two "(NL)"
    for (const char* hint :
         {"GER \u2192 DE", "DEN \u2192 DK", "SLO \u2192 SI", "IRE \u2192 IE", "HUN \u2192 HU"})
        EXPECT_NE(std::find(hints.begin(), hints.end(), hint), hints.end()) << hint;
    for (const char* rule :
         {"syntax", "unknown-code", "country-mismatch", "code-mismatch", "extra-regio", "no-data"})
        EXPECT_TRUE(findings_of(report, std::string("nuts-code-format/") + rule).empty()) << rule;
    // Names resolve to Eurostat's codes, misspellings to the nearest name, countries and cities are told.
    const std::string rule = "nuts-code-format/missing-code";
    for (const auto& [region, says] : std::vector<std::pair<std::string, std::string>>{
             {"Bretagne", "; Eurostat's code is FRH0 (NUTS 2)."},
             {"Grand Est", "; Eurostat's code is FRF (NUTS 1)."},
             {"Th\xC3\xBCringen", "; Eurostat's code is DEG0 (NUTS 2)."},
             {"Occitanie", "; Eurostat's code is FRJ (NUTS 1)."},
             {"Ireland", "is a country, not a region: its code is IE (NUTS 0)."},
             {"Slovenia", "is a country, not a region: its code is SI (NUTS 0)."},
             {"Baden-W\xC3\xBCrrtemberg",
              "the nearest NUTS name is \"Baden-W\xC3\xBCrttemberg\", code DE1 (NUTS 1)."},
             {"Vastra G\xC3\xB6taland",
              "the nearest NUTS name is \"V\xC3\xA4stra G\xC3\xB6talands l\xC3\xA4n\", code SE232 (NUTS 3)."},
             {"NordRhein Westfalia", "the nearest NUTS name is \"Nordrhein-Westfalen\", code DEA (NUTS 1)."},
             {"Helsinki", "is a city, not a region: it lies in \"Helsinki-Uusimaa\", FI1B1 (NUTS 3)."}}) {
        const std::string message = message_about(report, rule, region);
        EXPECT_NE(message.find(says), std::string::npos) << region << ": " << message;
    }
}

TEST_F(NutsCodeFormatTest, CleanReportHasNoNutsFinding) {
    const json report =
        validate_json("--data-dir '" + data_dir + "' '" + source_dir + "/examples/s3-clean-report.xml'", 0);
    for (const auto& finding : report["findings"])
        EXPECT_NE(finding["rule"].get<std::string>().rfind("nuts-code-format/", 0), 0u) << finding.dump(2);
}

}  // namespace
