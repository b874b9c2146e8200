// report-consistency end to end: the real executable, a mini profile with the roles the rules use, one
// contribution submitted on 2020-07-09 per test; each offending answer sits on its own line of the export.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_fixture.hpp"

namespace {

using nlohmann::json;
using surveycheck::test::findings_of;

const std::string source_dir = SURVEYCHECK_SOURCE_DIR;
const std::string data_dir = SURVEYCHECK_TEST_DATA_DIR;

const char* mini_profile = R"(<?xml version="1.0" encoding="UTF-8"?>
<profile id="mini-consistency" title="Mini consistency form" version="1">
  <question key="period" requirement="optional">
    <match bid="period" title="Reporting period"/>
    <role name="reporting-period"/>
  </question>
  <question key="participating" requirement="optional">
    <match bid="participating" title="Participating regions"/>
    <role name="region-list" format="nuts"/>
    <role name="participating-regions"/>
  </question>
  <question key="leading" requirement="optional">
    <match bid="leading" title="Leading regions"/>
    <role name="region-list"/>
    <role name="lead-regions"/>
  </question>
  <question key="areas" requirement="optional">
    <match bid="areas" title="Working areas"/>
    <role name="working-area-leads" format="column-2"/>
  </question>
  <question key="past" requirement="optional">
    <match bid="past" title="Past events"/>
    <role name="past-events" format="column-2"/>
  </question>
  <question key="planned" requirement="optional">
    <match bid="planned" title="Planned events"/>
    <role name="planned-events" format="column-2"/>
  </question>
  <question key="eu13" requirement="optional">
    <match bid="eu13" title="EU13 involvement"/>
    <role name="eu13-statement"/>
  </question>
</profile>
)";

// A two-row, two-column table: the first column names the row, the second holds a date or regions.
std::string table(const std::string& id, const std::string& title, const std::string& second_column) {
    return "<TableTitle id=\"" + id + "\" type=\"Table\" bid=\"" + id + "\">" + title + "</TableTitle>\n" +
           "<TableQuestion id=\"" + id + "-r1\" type=\"Table Question\">1</TableQuestion>\n" +
           "<TableQuestion id=\"" + id + "-r2\" type=\"Table Question\">2</TableQuestion>\n" +
           "<TableAnswer id=\"" + id + "-c1\" type=\"Table Answer\">Name</TableAnswer>\n" +
           "<TableAnswer id=\"" + id + "-c2\" type=\"Table Answer\">" + second_column + "</TableAnswer>\n";
}

// The export; `create` is the AnswerSet's submission attribute (none when empty). The answers start on
// line 24.
std::string mini_export(const std::string& answers, const std::string& create = "2020-07-09_16-24-51") {
    return std::string(R"(<?xml version="1.0" encoding="UTF-8"?>
<Results create="2021-02-15_10-31-07"><Survey id="1" uid="u-survey" alias="consistency">
<Elements lang="EN">
<Question id="period" type="Free Text" bid="period">Reporting period</Question>
<Question id="participating" type="Free Text" bid="participating">Participating regions</Question>
<Question id="leading" type="Free Text" bid="leading">Leading regions</Question>
)") + table("areas", "Working areas", "Region in charge") +
           table("past", "Past events", "Date") + table("planned", "Planned events", "Date") +
           "<Question id=\"eu13\" type=\"Free Text\" bid=\"eu13\">EU13 involvement</Question>\n"
           "</Elements></Survey><Answers><AnswerSet id=\"c-1\"" +
           (create.empty() ? "" : " create=\"" + create + "\"") + " list=\"7\" lang=\"EN\">\n" + answers +
           "</AnswerSet>\n</Answers></Results>\n";
}

std::string text(const std::string& qid, const std::string& value) {
    return "<Answer qid=\"" + qid + "\">" + value + "</Answer>\n";
}
// Row `row` of table `id`: its name and its second cell.
std::string row(const std::string& id, int row, const std::string& name, const std::string& second) {
    const std::string r = id + "-r" + std::to_string(row);
    return "<Answer qid=\"" + r + "\" aid=\"" + id + "-c1\">" + name + "</Answer>" + "<Answer qid=\"" + r +
           "\" aid=\"" + id + "-c2\">" + second + "</Answer>\n";
}
const std::string first_half_2020 = text("period", "January - June 2020");
// The other first-party plugins have their own tests (and an empty EU13 statement is an error of theirs).
const std::string only_ours =
    "--disable mandatory-fields --disable eu13-justification --disable nuts-code-format "
    "--disable confidentiality-separation ";

class ReportConsistencyTest : public surveycheck::test::CliFixture {
protected:
    json validate(const std::string& answers, const std::string& create = "2020-07-09_16-24-51",
                  const std::string& options = "") {
        const std::string profile = write("profile.xml", mini_profile);
        const std::string input = write("export.xml", mini_export(answers, create));
        return validate_json("--profile '" + profile + "' --data-dir '" + data_dir + "' " + only_ours +
                                 options + " '" + input + "'",
                             0);
    }
    static std::vector<json> ours(const json& report) {
        std::vector<json> found;
        for (const auto& finding : report["findings"])
            if (finding["rule"].get<std::string>().rfind("report-consistency/", 0) == 0)
                found.push_back(finding);
        return found;
    }
    // The only report-consistency finding of `report`, which must be of `rule` with `severity` at `line`.
    static json only(const json& report, const std::string& rule, const std::string& severity, int line) {
        const auto found = ours(report);
        EXPECT_EQ(found.size(), 1u) << report["findings"].dump(2);
        if (found.size() != 1) return json::object();
        EXPECT_EQ(found[0]["rule"], "report-consistency/" + rule);
        EXPECT_EQ(found[0]["severity"], severity);
        EXPECT_EQ(found[0]["line"], line);
        return found[0];
    }
    static bool says(const json& finding, const std::string& words) {
        return finding.value("message", "").find(words) != std::string::npos;
    }
};

// ---- past-event-outside-period

TEST_F(ReportConsistencyTest, PastEventBeforeThePeriodIsAWarningAtTheDate) {
    const json report = validate(first_half_2020 +                                // line 24
                                 row("past", 1, "Plenary Meeting", "24/10/19"));  // 25: before January 2020
    const json finding = only(report, "past-event-outside-period", "warning", 25);
    EXPECT_TRUE(says(finding,
                     "\"Plenary Meeting\" is dated \"24/10/19\", before the reporting period "
                     "(January - June 2020, from 2020-01-01)"))
        << finding;
    EXPECT_EQ(finding["question"]["key"], "past");
}

TEST_F(ReportConsistencyTest, PastEventAfterTheSubmissionIsAWarning) {
    const json report = validate(first_half_2020 + row("past", 1, "Workshop", "Q4 2020"));  // 25: after July
    EXPECT_TRUE(says(only(report, "past-event-outside-period", "warning", 25),
                     "after the report was submitted on "
                     "2020-07-09"));
}

TEST_F(ReportConsistencyTest, PastEventsInsideThePeriodOrBeforeSubmissionAreFine) {
    EXPECT_TRUE(
        ours(validate(first_half_2020 + row("past", 1, "Plenary", "10-11 March 2020") +
                      row("past", 2, "Webinar", "3 July 2020")))  // after the period, before submission
            .empty());
    EXPECT_TRUE(ours(validate(first_half_2020 + row("past", 1, "Kick-off", "2020"))).empty());  // overlaps
}

// ---- planned-event-past

TEST_F(ReportConsistencyTest, PlannedEventWhollyBeforeSubmissionIsAWarning) {
    const json report = validate(first_half_2020 + row("planned", 1, "Steering Committee", "March 2020"));
    EXPECT_TRUE(says(
        only(report, "planned-event-past", "warning", 25),
        "\"Steering Committee\" is dated \"March 2020\", before the report was submitted on 2020-07-09"));
}

TEST_F(ReportConsistencyTest, ApproximatePlannedDateMostlyBeforeSubmissionIsInfo) {
    const json report = validate(first_half_2020 + row("planned", 1, "Plenary", "Mid-2020"));  // May-August
    EXPECT_TRUE(says(only(report, "planned-event-past", "info", 25), "most likely was already past"));
}

TEST_F(ReportConsistencyTest, PlannedEventsAfterSubmissionAreFine) {
    EXPECT_TRUE(ours(validate(first_half_2020 + row("planned", 1, "Plenary", "late 2020") +
                              row("planned", 2, "Conference", "9 July 2020")))
                    .empty());
}

TEST_F(ReportConsistencyTest, WithoutSubmissionDateAPlannedEventBeforeThePeriodEndIsInfo) {
    const json report = validate(first_half_2020 + row("planned", 1, "Steering Committee", "March 2020"), "");
    EXPECT_TRUE(says(only(report, "planned-event-past", "info", 25), "before the reporting period"));
}

// ---- unreadable-date

TEST_F(ReportConsistencyTest, UnreadableDateIsInfoListingTheAcceptedForms) {
    const json report = validate(first_half_2020 + row("planned", 1, "Plenary", "after the summer"));
    const json finding = only(report, "unreadable-date", "info", 25);
    EXPECT_TRUE(says(finding, "\"after the summer\" of event \"Plenary\" could not be read")) << finding;
    EXPECT_NE(finding["hint"].get<std::string>().find("24/10/2019"), std::string::npos);
    EXPECT_NE(finding["hint"].get<std::string>().find("Mid-2020"), std::string::npos);
}

TEST_F(ReportConsistencyTest, PlaceholderDatesAreNotReported) {
    EXPECT_TRUE(ours(validate(first_half_2020 + row("planned", 1, "Plenary", "TBC") +
                              row("planned", 2, "Summit",
                                  "\xC3\xA0 d\xC3\xA9"
                                  "finir")))
                    .empty());
    const std::string pending = first_half_2020 + row("planned", 1, "Plenary", "pending");
    EXPECT_EQ(ours(validate(pending)).size(), 1u);
    EXPECT_TRUE(ours(validate(pending, "2020-07-09_16-24-51",
                              "--rule-option report-consistency/unreadable-date:placeholders=pending"))
                    .empty());
}

TEST_F(ReportConsistencyTest, FindingPointsAtTheDateInsideItsCell) {
    const json report =
        validate(first_half_2020 + "<Answer qid=\"past-r1\" aid=\"past-c2\">\n  24.10.2019</Answer>\n");
    const json finding = only(report, "past-event-outside-period", "warning", 26);  // the cell's second line
    EXPECT_EQ(finding["column"], 3);
    EXPECT_TRUE(says(finding, "\"row 1\" is dated \"24.10.2019\""));  // no name: the row number
}

// ---- lead-not-participating

TEST_F(ReportConsistencyTest, LeadRegionMissingFromTheParticipatingRegionsIsAWarning) {
    const json report =
        validate(text("participating", "South Netherlands (NL), NL41\nTuscany (IT), ITI1") +
                 text("leading", "Auvergne-Rh\xC3\xB4ne-Alpes\nSouth Netherlands"));  // line 26
    const json finding = only(report, "lead-not-participating", "warning", 26);
    EXPECT_TRUE(says(finding, "Lead region \"Auvergne-Rh\xC3\xB4ne-Alpes\" is not among the participating"));
    EXPECT_EQ(finding["question"]["key"], "leading");
}

TEST_F(ReportConsistencyTest, WorkingAreaLeadMissingFromTheParticipatingRegionsIsAWarning) {
    const json report = validate(text("participating", "Tuscany(ITA) Sud/PACA(FRA) Upper Silesia(POL)") +
                                 row("areas", 1, "Biomaterials", "Upper Silesia, Sud PACA") +  // both listed
                                 row("areas", 2, "Imaging", "Tuscany, Piedmont"));             // 26: Piedmont
    const json finding = only(report, "lead-not-participating", "warning", 26);
    EXPECT_TRUE(says(finding, "\"Piedmont\", in charge of working area \"Imaging\"")) << finding;
}

TEST_F(ReportConsistencyTest, LeadsListedApartFromTheParticipatingRegionsAreNotReported) {
    // No lead is a participating region: the lists are disjoint, and working areas may be led by either.
    EXPECT_TRUE(
        ours(validate(text("participating", "Berlin (DE), DE30") +
                      text("leading", "Noord-Brabant (NL), NL41") +
                      row("areas", 1, "Agri-food", "Noord-Brabant") + row("areas", 2, "Health", "Berlin")))
            .empty());
    // Nothing to compare with.
    EXPECT_TRUE(ours(validate(text("leading", "Auvergne-Rh\xC3\xB4ne-Alpes"))).empty());
}

// ---- eu13-contradiction

TEST_F(ReportConsistencyTest, StatementDenyingEu13RegionsWhileOneIsListedIsAWarning) {
    const json report = validate(text("participating", "Wallonia(BEL) Upper Silesia(POL)") +
                                 text("eu13", "We tried hard. No EU13 regions are involved."));  // line 25
    const json finding = only(report, "eu13-contradiction", "warning", 25);
    EXPECT_TRUE(
        says(finding, "says no EU13 region takes part, but the region lists name Upper Silesia (Poland)"));
    EXPECT_EQ(finding["column"].get<int>(), 20 + 15);  // at "No EU13", 15 bytes into the answer text
}

TEST_F(ReportConsistencyTest, FrenchDenialIsRecognised) {
    const json report = validate(text("participating", "Prague (CZ), CZ01") +
                                 text("eu13", "Aucune r\xC3\xA9gion de l\xE2\x80\x99UE-13 ne participe."));
    only(report, "eu13-contradiction", "warning", 25);
}

TEST_F(ReportConsistencyTest, DenialWithoutEu13RegionsOrDescriptionIsNoContradiction) {
    EXPECT_TRUE(ours(validate(text("participating", "Berlin (DE), DE30") +
                              text("eu13", "No EU13 regions are involved: none applied to the two calls.")))
                    .empty());
    EXPECT_TRUE(
        ours(validate(text("participating", "Upper Silesia(POL)") +
                      text("eu13", "No. EU13 regions (Upper Silesia) lead the mapping of suppliers.")))
            .empty());
}

// ---- trivial-justification

TEST_F(ReportConsistencyTest, OneWordJustificationIsAWarning) {
    const json report =
        validate(text("participating", "Berlin (DE), DE30") + text("eu13", "No."));  // line 25
    const json finding = only(report, "trivial-justification", "warning", 25);
    EXPECT_TRUE(says(finding, "is only \"No.\" (1 word(s))")) << finding;
}

TEST_F(ReportConsistencyTest, JustificationLengthAndPlaceholdersFollowTheOptions) {
    const std::string answers = text("participating", "Berlin (DE), DE30");
    EXPECT_TRUE(ours(validate(answers + text("eu13", "No EU13 partner applied."))).empty());
    EXPECT_EQ(ours(validate(answers + text("eu13", "No EU13 partner applied."), "2020-07-09_16-24-51",
                            "--rule-option report-consistency/trivial-justification:min-words=5"))
                  .size(),
              1u);
    const json report =
        validate(answers + text("eu13", "See the annex"), "2020-07-09_16-24-51",
                 "--rule-option 'report-consistency/trivial-justification:placeholders=see the annex'");
    EXPECT_TRUE(says(only(report, "trivial-justification", "warning", 25), "only the placeholder"));
    // A built-in placeholder is eu13-justification's: the statement counts as empty there.
    EXPECT_TRUE(ours(validate(answers + text("eu13", "n/a"))).empty());
}

// ---- the sample reports

TEST_F(ReportConsistencyTest, SeedReportShowsItsDatedProblemsAndTheMissingLeadRegion) {
    const json report =
        validate_json("--data-dir '" + data_dir + "' '" + source_dir + "/examples/s3-seed-report.xml'", 0);
    const auto past = findings_of(report, "report-consistency/past-event-outside-period");
    ASSERT_EQ(past.size(), 1u) << report["findings"].dump(2);
    EXPECT_TRUE(says(past[0], "\"Plenary Meeting\" is dated \"24/10/19\""));
    const auto planned = findings_of(report, "report-consistency/planned-event-past");
    ASSERT_EQ(planned.size(), 2u) << report["findings"].dump(2);
    EXPECT_EQ(planned[0]["severity"], "warning");
    EXPECT_TRUE(says(planned[0], "\"Steering Comittee\" is dated \"March 2020\""));
    EXPECT_EQ(planned[1]["severity"], "info");
    EXPECT_TRUE(says(planned[1], "\"PLenary Meeting\" is dated \"Mid-2020\""));
    const auto leads = findings_of(report, "report-consistency/lead-not-participating");
    ASSERT_EQ(leads.size(), 2u) << report["findings"].dump(2);
    EXPECT_EQ(leads[0]["question"]["key"], "leading_regions");
    EXPECT_EQ(leads[1]["question"]["key"], "working_areas");
    for (const json& lead : leads) EXPECT_TRUE(says(lead, "\"Auvergne-Rh\xC3\xB4ne-Alpes\"")) << lead;
    EXPECT_EQ(ours(report).size(), 5u);
}

TEST_F(ReportConsistencyTest, CleanReportHasNoConsistencyFinding) {
    const json report =
        validate_json("--data-dir '" + data_dir + "' '" + source_dir + "/examples/s3-clean-report.xml'", 0);
    EXPECT_TRUE(ours(report).empty()) << report["findings"].dump(2);
}

}  // namespace
