// End to end: exports as EUSurvey really writes them, read as a whole and streamed: several Answers blocks,
// anonymous surveys, path B's double escaping and ZIPs with uploaded files (EUSURVEY-XML.md §5).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli_fixture.hpp"
#include "hostile_files.hpp"

namespace surveycheck::test {
namespace {

// A mandatory reporting period and a recommended free-text summary in a public section.
const char* const profile_text = R"(<?xml version="1.0" encoding="UTF-8"?>
<profile id="variants" title="Variants" version="1">
  <question key="period" requirement="mandatory">
    <match bid="period" title="Reporting period"/>
    <role name="reporting-period"/>
  </question>
  <section key="s_public" confidentiality="public">
    <match bid="s_public" title="Public part"/>
    <question key="summary" requirement="optional"><match bid="summary" title="Summary"/></question>
    <question key="team" requirement="optional"><match bid="team" title="Team"/></question>
  </section>
</profile>
)";

// An export of the form above; `answers` is everything inside Results after the Survey (Answers blocks).
std::string export_of(const std::string& answers) {
    return std::string(R"(<?xml version="1.0" encoding="UTF-8"?>
<Results create="2025-03-14_09-05-33"><Survey id="1" uid="u-survey" alias="variants">
<Elements lang="EN">
<Question id="q-period" type="Single Choice" bid="period">Reporting period</Question>
<Answer id="a-h1" type="Choice Answer" bid="h1">January - June 2020</Answer>
<Section id="s-1" type="Section" bid="s_public">Public part</Section>
<Question id="q-summary" type="Free Text" bid="summary">Summary</Question>
<TableTitle id="q-team" type="Table" bid="team">Team</TableTitle>
<TableQuestion id="q-team-row" bid="row">Unit</TableQuestion>
<TableAnswer id="q-team-col" bid="col">Contact</TableAnswer>
</Elements></Survey>
)") + answers +
           "</Results>\n";
}

// One contribution with `attributes` that answers the period, plus `more` answers.
std::string contribution(const std::string& attributes, const std::string& more = "") {
    return "<AnswerSet " + attributes + " lang=\"EN\"><Answer qid=\"q-period\" aid=\"a-h1\"></Answer>" +
           more + "</AnswerSet>\n";
}

class ExportVariants : public CliFixture {
protected:
    void SetUp() override {
        CliFixture::SetUp();
        profile_ = write("profile.xml", profile_text);
    }

    // `validate --format json` of `input`; threshold "0" reads it whole, "1" streams it.
    Outcome validate(const std::string& input, const std::string& threshold = "0",
                     const std::string& format = "json") const {
        return run("validate -q --format " + format + " --stream-threshold " + threshold + " --profile '" +
                   profile_ + "' '" + input + "'");
    }

    std::string profile_;
};

TEST_F(ExportVariants, SecondAnswersBlockIsCheckedAndNamedWholeAndStreamed) {
    const std::string input =
        write("two-blocks.xml", export_of("<Answers>\n" + contribution("id=\"c-1\" list=\"1\"") +
                                          "</Answers>\n<Answers>\n"
                                          "<AnswerSet id=\"c-2\" list=\"2\" lang=\"EN\"></AnswerSet>\n"
                                          "</Answers>\n"));
    const Outcome whole = validate(input, "0");
    const Outcome streamed = validate(input, "1");
    ASSERT_EQ(whole.code, 1) << whole.err;
    EXPECT_EQ(streamed.code, whole.code) << streamed.err;
    EXPECT_EQ(streamed.out, whole.out);
    const json report = json::parse(whole.out);
    ASSERT_EQ(report["files"][0]["contributions"].size(), 2u);
    EXPECT_EQ(report["files"][0]["contributions"][1]["id"], "c-2");
    // c-2, the only contribution of the second block, does not answer the mandatory period.
    const auto missing = findings_of(report, "mandatory-fields/missing");
    ASSERT_EQ(missing.size(), 1u) << whole.out;
    EXPECT_EQ(missing[0]["contribution"], "c-2");
    EXPECT_EQ(missing[0]["xpath"], "/Results/Answers[2]/AnswerSet[1]");
}

TEST_F(ExportVariants, AnonymousContributionsAreToldApartWithoutDuplicateFindings) {
    // EUSurvey writes id="Anonymous" on every contribution of an anonymous survey.
    const std::string anonymous = "id=\"Anonymous\" user=\"Anonymous\"";
    const std::string input =
        write("anonymous.xml",
              export_of("<Answers>\n" + contribution(anonymous + " list=\"11\"") +
                        contribution(anonymous + " list=\"12\"") + contribution(anonymous) + "</Answers>\n"));
    for (const char* threshold : {"0", "1"}) {
        const Outcome result = validate(input, threshold);
        ASSERT_EQ(result.code, 0) << threshold << ": " << result.err;
        const json report = json::parse(result.out);
        EXPECT_TRUE(findings_of(report, "surveycheck/duplicate-contribution").empty()) << result.out;
        const json& contributions = report["files"][0]["contributions"];
        ASSERT_EQ(contributions.size(), 3u);
        EXPECT_EQ(contributions[0]["id"], "11");
        EXPECT_EQ(contributions[1]["id"], "12");
        EXPECT_EQ(contributions[2]["id"], "#3");  // no list either: its place in the export
    }
}

TEST_F(ExportVariants, RepeatedRealIdIsStillADuplicate) {
    const std::string input =
        write("repeated.xml",
              export_of("<Answers>\n" + contribution("id=\"c-1\" list=\"1\"") + "</Answers><Answers>\n" +
                        contribution("id=\"c-1\" list=\"2\"") + "</Answers>\n"));
    const Outcome result = validate(input);
    const json report = json::parse(result.out);
    const auto duplicates = findings_of(report, "surveycheck/duplicate-contribution");
    ASSERT_EQ(duplicates.size(), 1u) << result.out;
    EXPECT_EQ(duplicates[0]["contribution"], "c-1");
    EXPECT_EQ(duplicates[0]["xpath"], "/Results/Answers[2]/AnswerSet[1]");
}

TEST_F(ExportVariants, PathBTableCellReachesTheRulesUnescapedAndFreeTextDoesNot) {
    // Path B writes the cell "R&D team: jane@example.eu" escaped twice; path A free text once, as EUSurvey
    // unescaped it: its "&#64;" is what the respondent typed, not an '@'.
    const std::string input =
        write("path-b.xml",
              export_of("<Answers>\n" +
                        contribution("id=\"c-1\"",
                                     "<Answer qid=\"q-summary\">write to jane&amp;#64;example.eu</Answer>"
                                     "<Answer qid=\"q-team-row\" aid=\"q-team-col\">R&amp;amp;D team: "
                                     "jane&amp;#64;example.eu</Answer>") +
                        "</Answers>\n"));
    for (const char* threshold : {"0", "1"}) {
        const Outcome result = validate(input, threshold);
        const json report = json::parse(result.out);
        const auto contact = findings_of(report, "confidentiality-separation/contact-data");
        ASSERT_EQ(contact.size(), 1u) << threshold << ": " << result.out;
        EXPECT_EQ(contact[0]["question"]["key"], "team");
        EXPECT_EQ(contact[0]["excerpt"], "R&D team: jane@example.eu");
    }
}

// A ZIP as the EUSurvey UI makes it: Export<id>.xml at the root, uploads under
// <questionUid>/<fileUid>_<name>.
TEST_F(ExportVariants, UiZipValidatesOnlyTheExportAndListsAnUploadedXmlAsAnAttachment) {
    const std::string bare =
        write("Export42.xml", export_of("<Answers>\n" + contribution("id=\"c-1\"") + "</Answers>\n"));
    const std::string zip = path("ui.zip");
    write_zip(zip, {ZipEntry{"Export42.xml", read_file(bare)},
                    ZipEntry{"q-summary/0f9e8d7c-1a2b-4c3d-8e9f-001122334455_regions.xml",
                             "<?xml version=\"1.0\"?><regions><region>FI1D</region></regions>"}});
    const Outcome alone = validate(bare);
    const Outcome result = validate(zip);
    EXPECT_EQ(result.code, alone.code) << result.err;
    EXPECT_EQ(result.code, 0) << result.err;
    const json report = json::parse(result.out);
    ASSERT_EQ(report["files"].size(), 1u);
    const json& file = report["files"][0];
    EXPECT_EQ(file["path"], zip + "!/Export42.xml");
    EXPECT_EQ(file["status"], "checked");
    ASSERT_EQ(file["attachments"].size(), 1u);
    EXPECT_EQ(file["attachments"][0]["member"], "q-summary/0f9e8d7c-1a2b-4c3d-8e9f-001122334455_regions.xml");
    EXPECT_EQ(file["attachments"][0]["question"], "q-summary");
    EXPECT_EQ(file["attachments"][0]["name"], "regions.xml");
    EXPECT_FALSE(json::parse(alone.out)["files"][0].contains("attachments"));

    write("report.json", result.out);
    const std::string check =
        "/usr/bin/python3 -c 'import json,sys,jsonschema; "
        "jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))' '" +
        std::string(SURVEYCHECK_SOURCE_DIR) + "/schemas/findings.schema.json' '" + path("report.json") + "'";
    EXPECT_EQ(std::system(check.c_str()), 0);

    const Outcome text = validate(zip, "0", "text");
    EXPECT_NE(text.out.find("1 uploaded file, not validated: "
                            "q-summary/0f9e8d7c-1a2b-4c3d-8e9f-001122334455_regions.xml"),
              std::string::npos)
        << text.out;
}

// A ZIP as the web service makes it: result.xml at the root, uploads in folders of the contribution.
TEST_F(ExportVariants, WebServiceZipWithAnUploadedEarlierReportCountsTheExportOnce) {
    const std::string export_bytes = export_of("<Answers>\n" + contribution("id=\"c-1\"") + "</Answers>\n");
    const std::string zip = path("results.zip");
    write_zip(zip, {ZipEntry{"result.xml", export_bytes},
                    ZipEntry{"c-1/Uploaded Files/report-2019.xml", export_bytes},
                    ZipEntry{"c-1/c-1.pdf", "%PDF-1.4"}});
    const Outcome result = validate(zip);
    ASSERT_EQ(result.code, 0) << result.err;
    const json report = json::parse(result.out);
    EXPECT_EQ(report["summary"]["files"], 1);
    EXPECT_EQ(report["summary"]["contributions"], 1);
    ASSERT_EQ(report["files"].size(), 1u);
    EXPECT_EQ(report["files"][0]["path"], zip + "!/result.xml");
    const json& attachments = report["files"][0]["attachments"];
    ASSERT_EQ(attachments.size(), 2u);
    EXPECT_EQ(attachments[0]["member"], "c-1/Uploaded Files/report-2019.xml");
    EXPECT_EQ(attachments[0]["question"], "");  // no folder is a uid of the survey
    EXPECT_EQ(attachments[0]["name"], "report-2019.xml");
    EXPECT_EQ(attachments[1]["name"], "c-1.pdf");
}

TEST_F(ExportVariants, ZipWithoutAnExportAtItsRootIsAnErrorThatSaysWhatItHolds) {
    const std::string zip = path("nested.zip");
    write_zip(zip, {ZipEntry{"exports/result.xml", export_of("<Answers></Answers>\n")},
                    ZipEntry{"q-summary/f00d_photo.jpg", "jpeg"}});
    const Outcome result = validate(zip);
    EXPECT_EQ(result.code, 3) << result.out;
    EXPECT_NE(result.err.find(zip + ":0:0: error: the ZIP archive holds no .xml export at its root"),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("it holds exports/result.xml, q-summary/f00d_photo.jpg"), std::string::npos)
        << result.err;
    EXPECT_EQ(json::parse(result.out)["files"][0]["status"], "unreadable");
}

}  // namespace
}  // namespace surveycheck::test
