// eu13-justification end to end: the real executable, a mini profile with the region and statement roles.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_fixture.hpp"

namespace {

using nlohmann::json;
using surveycheck::test::findings_of;

const std::string source_dir = SURVEYCHECK_SOURCE_DIR;
const std::string data_dir = SURVEYCHECK_TEST_DATA_DIR;

// Participating regions (NUTS format), leading regions, and the EU13 statement.
const char* eu13_profile = R"(<?xml version="1.0" encoding="UTF-8"?>
<profile id="mini-eu13" title="Mini EU13 form" version="1">
  <question key="participating" requirement="optional">
    <match bid="participating" title="Participating regions"/>
    <role name="region-list" format="nuts"/>
  </question>
  <question key="leading" requirement="optional">
    <match bid="leading" title="Leading regions"/>
    <role name="region-list"/>
  </question>
  <question key="eu13" requirement="optional">
    <match bid="eu13" title="EU13 involvement"/>
    <role name="eu13-statement"/>
  </question>
</profile>
)";

std::string eu13_export(const std::string& answers) {
    return std::string(R"(<?xml version="1.0" encoding="UTF-8"?>
<Results create="2025-03-14_09-05-33"><Survey id="1" uid="u-survey" alias="eu13">
<Elements lang="EN">
<Question id="q-part" type="Free Text" bid="participating">Participating regions</Question>
<Question id="q-lead" type="Free Text" bid="leading">Leading regions</Question>
<Question id="q-eu13" type="Free Text" bid="eu13">EU13 involvement</Question>
</Elements></Survey><Answers>
<AnswerSet id="c-1" list="7" lang="EN">
)") + answers +
           "</AnswerSet>\n</Answers></Results>\n";
}

std::string participating(const std::string& text) {
    return "<Answer qid=\"q-part\">" + text + "</Answer>\n";
}
std::string leading(const std::string& text) { return "<Answer qid=\"q-lead\">" + text + "</Answer>\n"; }
std::string statement(const std::string& text) { return "<Answer qid=\"q-eu13\">" + text + "</Answer>\n"; }

class Eu13JustificationTest : public surveycheck::test::CliFixture {
protected:
    // Validate `answers` with the mini profile and data folder `data`; the exit code must be `code`.
    json validate(const std::string& answers, int code, const std::string& data = data_dir,
                  const std::string& more = "") {
        const std::string profile = write("profile.xml", eu13_profile);
        const std::string input = write("export.xml", eu13_export(answers));
        return validate_json(
            "--profile '" + profile + "' --data-dir '" + data + "' " + more + " '" + input + "'", code);
    }
    // The eu13-justification findings of `report`.
    static std::vector<json> eu13_findings(const json& report) {
        std::vector<json> found;
        for (const auto& finding : report["findings"])
            if (finding["rule"].get<std::string>().rfind("eu13-justification/", 0) == 0)
                found.push_back(finding);
        return found;
    }
    // A data folder without NUTS lists.
    std::string empty_data() const {
        std::filesystem::create_directories(dir_ / "empty-data");
        return (dir_ / "empty-data").string();
    }
};

TEST_F(Eu13JustificationTest, NoEu13RegionAndEmptyStatementIsAnError) {
    const json report = validate(participating("Berlin (DE), DE30\nIle-de-France (FR), FR10"), 1);
    const auto missing = findings_of(report, "eu13-justification/missing-justification");
    ASSERT_EQ(missing.size(), 1u) << report["findings"].dump(2);
    EXPECT_EQ(missing[0]["severity"], "error");
    EXPECT_EQ(missing[0]["question"]["key"], "eu13");
    EXPECT_NE(missing[0]["message"].get<std::string>().find("DE and FR"), std::string::npos);
}

TEST_F(Eu13JustificationTest, PlaceholderStatementCountsAsEmpty) {
    const json report = validate(participating("Berlin (DE), DE30") + statement("n/a"), 1);
    EXPECT_EQ(findings_of(report, "eu13-justification/missing-justification").size(), 1u);
}

TEST_F(Eu13JustificationTest, Eu13RegionsAndEmptyStatementIsAWarningNamingThem) {
    const json report =
        validate(participating("Wallonia(BEL) Upper Silesia(POL)") + leading("Prague (CZ), CZ01"), 0);
    const auto undescribed = findings_of(report, "eu13-justification/eu13-undescribed");
    ASSERT_EQ(undescribed.size(), 1u) << report["findings"].dump(2);
    EXPECT_EQ(undescribed[0]["severity"], "warning");
    const std::string message = undescribed[0]["message"];
    EXPECT_NE(message.find("Upper Silesia (Poland)"), std::string::npos) << message;
    EXPECT_NE(message.find("Prague (Czechia)"), std::string::npos) << message;
    EXPECT_EQ(message.find("Wallonia"), std::string::npos) << message;
    EXPECT_TRUE(findings_of(report, "eu13-justification/missing-justification").empty());
}

TEST_F(Eu13JustificationTest, AnsweredStatementGivesNoFinding) {
    EXPECT_TRUE(eu13_findings(validate(participating("Berlin (DE), DE30") +
                                           statement("No EU13 region has joined yet; we invited two."),
                                       0))
                    .empty());
    EXPECT_TRUE(
        eu13_findings(validate(participating("Prague (CZ), CZ01") + statement("Prague leads mapping."), 0))
            .empty());
}

TEST_F(Eu13JustificationTest, NoResolvableCountryIsInfoThatTheCheckCouldNotDecide) {
    const json report = validate(leading("South Netherlands\nAtlantis"), 0);
    const auto undecided = findings_of(report, "eu13-justification/undecided");
    ASSERT_EQ(undecided.size(), 1u) << report["findings"].dump(2);
    EXPECT_EQ(undecided[0]["severity"], "info");
    EXPECT_NE(undecided[0]["message"].get<std::string>().find("could not decide"), std::string::npos);
    EXPECT_EQ(eu13_findings(report).size(), 1u);
}

TEST_F(Eu13JustificationTest, RegionNamesResolveThroughTheNutsNames) {
    // "Bretagne" and "Thüringen" are NUTS names of French and German regions only.
    const std::string answers = leading("Bretagne\nTh\xC3\xBCringen");
    const json with_lists = validate(answers, 1);
    const auto missing = findings_of(with_lists, "eu13-justification/missing-justification");
    ASSERT_EQ(missing.size(), 1u) << with_lists["findings"].dump(2);
    EXPECT_NE(missing[0]["message"].get<std::string>().find("FR and DE"), std::string::npos);
    // Without the lists a run is refused unless a syntax-only NUTS check is accepted.
    const json without_lists = validate(answers, 0, empty_data(), "--disable nuts-code-format/no-data");
    EXPECT_EQ(findings_of(without_lists, "eu13-justification/undecided").size(), 1u);
}

TEST_F(Eu13JustificationTest, SeedReportWarnsAboutItsEu13RegionsWithoutError) {
    const json report =
        validate_json("--data-dir '" + data_dir + "' '" + source_dir + "/examples/s3-seed-report.xml'", 0);
    const auto undescribed = findings_of(report, "eu13-justification/eu13-undescribed");
    ASSERT_EQ(undescribed.size(), 1u) << report["findings"].dump(2);
    const std::string message = undescribed[0]["message"];
    for (const char* named :
         {"South Transdanubia (Hungary)", "Upper Silesia (Poland)", "Slovenia (Slovenia)"})
        EXPECT_NE(message.find(named), std::string::npos) << message;
    EXPECT_TRUE(findings_of(report, "eu13-justification/missing-justification").empty());
    EXPECT_TRUE(findings_of(report, "eu13-justification/undecided").empty());
}

TEST_F(Eu13JustificationTest, CleanReportHasNoEu13Finding) {
    const json report =
        validate_json("--data-dir '" + data_dir + "' '" + source_dir + "/examples/s3-clean-report.xml'", 0);
    EXPECT_TRUE(eu13_findings(report).empty()) << report["findings"].dump(2);
}

}  // namespace
