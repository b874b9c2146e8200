// `surveycheck redact`: the public-release export keeps every public answer byte for byte, drops the
// confidential ones and the personal meta, and refuses whatever it cannot be sure of.
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>
#include <string>

#include "cli_fixture.hpp"

namespace {

using nlohmann::json;
using surveycheck::test::findings_of;
using surveycheck::test::Outcome;
using surveycheck::test::read_file;
using RedactTest = surveycheck::test::CliFixture;

const std::string source_dir = SURVEYCHECK_SOURCE_DIR;

// Every finding of the confidentiality-separation plugin in a JSON report.
std::size_t confidentiality_findings(const json& report) {
    std::size_t count = 0;
    for (const auto& finding : report["findings"]) {
        if (finding["rule"].get<std::string>().rfind("confidentiality-separation/", 0) == 0) ++count;
    }
    return count;
}

// A public summary, a confidential section with a free text and a choice; personal meta on the AnswerSet.
const char* mini_profile = R"(<?xml version="1.0" encoding="UTF-8"?>
<profile id="conf" title="Confidentiality form" version="1">
  <section key="s_public" confidentiality="public">
    <match bid="s_public" title="Public part"/>
    <question key="summary" requirement="optional"><match bid="summary" title="Summary"/></question>
  </section>
  <section key="s_self" confidentiality="confidential">
    <match bid="s_self" title="Self-assessment"/>
    <question key="obstacles" requirement="optional"><match bid="obstacles" title="Main obstacles"/></question>
    <question key="progress" requirement="optional"><match bid="progress" title="Overall progress"/></question>
  </section>
</profile>
)";

const std::string mini_head = R"(<?xml version="1.0" encoding="UTF-8"?>
<Results create="2025-03-14_09-05-33"><Survey id="1" uid="u-conf" alias="conf">
<Elements lang="EN">
<Section id="s-1" type="Section" bid="s_public">Public part</Section>
<Question id="q-summary" type="Free Text" bid="summary">Summary</Question>
<Section id="s-2" type="Section" bid="s_self">Self-assessment</Section>
<Question id="q-obstacles" type="Free Text" bid="obstacles">Main obstacles</Question>
<Question id="q-progress" type="Single Choice" bid="progress">Overall progress</Question>
<Answer id="a-on-track" type="Choice Answer" bid="on_track">On track</Answer>
</Elements></Survey>
<Answers>
)";

const std::string mini_tail = "</Answers></Results>\n";

// One contribution with the personal meta, a public summary and the two confidential answers.
std::string mini_set(const std::string& public_answer) {
    return R"(<AnswerSet id="c-1" list="7" lang="EN" user="jane.doe@example.eu" invitation="tok-42" userlogin="jdoe">)" +
           public_answer + R"(<Answer qid="q-obstacles">The minister withdrew the co-funding.</Answer>)" +
           R"(<Answer aid="a-on-track" qid="q-progress"></Answer>)" + "</AnswerSet>\n";
}

const std::string public_summary = R"(<Answer qid="q-summary">We met twice &amp; agreed a plan.</Answer>)";

TEST_F(RedactTest, KeepsEveryPublicAnswerByteForByteAndTheFileIsEUSurveyStyle) {
    const std::string profile = write("profile.xml", mini_profile);
    const std::string input = write("in.xml", mini_head + mini_set(public_summary) + mini_tail);
    const Outcome result =
        run("redact --profile '" + profile + "' '" + input + "' -o '" + path("out.xml") + "'");
    ASSERT_EQ(result.code, 0) << result.err;
    EXPECT_NE(
        result.err.find("2 confidential answers removed, 0 scores removed, 3 personal attributes blanked"),
        std::string::npos)
        << result.err;

    // EUSurvey's style: the declaration and one newline, no self-closing tag, the public answer as it was.
    const std::string expected =
        mini_head + R"(<AnswerSet id="c-1" list="7" lang="EN" user="" invitation="" userlogin="">)" +
        public_summary + "</AnswerSet>\n" + mini_tail;
    EXPECT_EQ(read_file(path("out.xml")), expected);

    const json before = validate_json("--audience public --profile '" + profile + "' '" + input + "'", 1);
    EXPECT_GT(confidentiality_findings(before), 0u);
    const json after =
        validate_json("--audience public --profile '" + profile + "' '" + path("out.xml") + "'", 0);
    EXPECT_EQ(confidentiality_findings(after), 0u) << after["findings"].dump(2);
}

TEST_F(RedactTest, RedactedCleanReportPassesThePublicAudience) {
    const std::string clean = source_dir + "/examples/s3-clean-report.xml";
    const json before = validate_json("--audience public '" + clean + "'", 1);
    EXPECT_FALSE(findings_of(before, "confidentiality-separation/confidential-answer").empty());

    const Outcome result = run("redact '" + clean + "' -o '" + path("public.xml") + "'");
    ASSERT_EQ(result.code, 0) << result.err;
    const json after = validate_json("--audience public '" + path("public.xml") + "'", 0);
    EXPECT_EQ(confidentiality_findings(after), 0u) << after["findings"].dump(2);
    // The public answers are all still there: the same findings of every other rule.
    const json internal_before = validate_json("'" + clean + "'", 0);
    const json internal_after = validate_json("'" + path("public.xml") + "'", 0);
    EXPECT_EQ(internal_before["summary"]["error"], internal_after["summary"]["error"]);
}

TEST_F(RedactTest, RedactedSeedReportHasNoConfidentialityFindingInPublic) {
    const std::string seed = source_dir + "/examples/s3-seed-report.xml";
    const json before = validate_json("--audience public '" + seed + "'", 1);
    EXPECT_FALSE(
        findings_of(before, "confidentiality-separation/personal-meta").empty());  // user is an e-mail
    ASSERT_EQ(run("redact '" + seed + "' -o '" + path("seed-public.xml") + "'").code, 0);
    const Outcome after = run("validate --format json --audience public '" + path("seed-public.xml") + "'");
    EXPECT_LE(after.code, 1) << after.err;
    EXPECT_EQ(confidentiality_findings(json::parse(after.out)), 0u) << after.out;
}

TEST_F(RedactTest, PrettyPrintedExportLosesTheWholeLinesOfRemovedAnswers) {
    const std::string clean_pretty = path("clean-pretty.xml");
    const std::string make = "/usr/bin/python3 '" + source_dir +
                             "/scripts/make_s3_export.py' --contribution clean --pretty -o '" + clean_pretty +
                             "'";
    ASSERT_EQ(std::system(make.c_str()), 0);
    ASSERT_EQ(run("redact '" + clean_pretty + "' -o '" + path("out.xml") + "'").code, 0);
    const std::string out = read_file(path("out.xml"));
    EXPECT_EQ(out.find("\n    \n"), std::string::npos) << "no blank line left where an answer stood";
    EXPECT_EQ(out.find("\n\n"), std::string::npos);
    const std::string original = read_file(clean_pretty);
    const auto survey_begin = original.find("<Survey");
    const auto survey_end = original.find("</Survey>");
    ASSERT_NE(survey_end, std::string::npos);
    EXPECT_NE(out.find(original.substr(survey_begin, survey_end - survey_begin)), std::string::npos)
        << "the questionnaire is kept byte for byte";
    EXPECT_LT(out.size(), original.size());
}

TEST_F(RedactTest, RefusesToWriteOverTheInputOrAnExistingFile) {
    const std::string input = write("in.xml", read_file(source_dir + "/examples/s3-clean-report.xml"));
    const std::string original = read_file(input);
    const Outcome over_input = run("redact '" + input + "' -o '" + input + "'");
    EXPECT_EQ(over_input.code, 2);
    EXPECT_NE(over_input.err.find("is the input"), std::string::npos) << over_input.err;
    EXPECT_EQ(read_file(input), original);

    const std::string existing = write("existing.xml", "keep me");
    const Outcome over_existing = run("redact '" + input + "' -o '" + existing + "'");
    EXPECT_EQ(over_existing.code, 2);
    EXPECT_EQ(read_file(existing), "keep me");
    EXPECT_EQ(run("redact '" + input + "' -o '" + existing + "' --force").code, 0);
    EXPECT_NE(read_file(existing), "keep me");
}

TEST_F(RedactTest, UnreadableInputIsExit2WithItsPosition) {
    const std::string input =
        write("broken.xml", "<?xml version=\"1.0\"?>\n<Results>\n<Survey>\n</Results>\n");
    const Outcome result = run("redact '" + input + "' -o '" + path("out.xml") + "'");
    EXPECT_EQ(result.code, 2);
    EXPECT_NE(result.err.find(input + ":4:"), std::string::npos) << result.err;
    EXPECT_FALSE(std::filesystem::exists(path("out.xml")));
}

// Redacting `export_text` under `profile_text`: what the command said, and whether it wrote anything.
struct Redacted {
    Outcome outcome;
    bool written = false;
    std::string output;
};

class RedactRefusalTest : public RedactTest {
protected:
    Redacted redact(const std::string& export_text, const std::string& profile_text = mini_profile) {
        const std::string profile = write("profile.xml", profile_text);
        const std::string input = write("in.xml", export_text);
        Redacted result;
        std::filesystem::remove(path("out.xml"));
        result.outcome =
            run("redact --profile '" + profile + "' '" + input + "' -o '" + path("out.xml") + "'");
        result.written = std::filesystem::exists(path("out.xml"));
        if (result.written) result.output = read_file(path("out.xml"));
        return result;
    }

    // Refused for `reason` (exit 1, one FILE:LINE:COLUMN line naming it, the summary), nothing written.
    void expect_refused(const Redacted& result, const std::string& reason, int code = 1) {
        EXPECT_EQ(result.outcome.code, code) << result.outcome.err;
        EXPECT_FALSE(result.written) << "nothing is written when redact refuses";
        EXPECT_NE(result.outcome.err.find(path("in.xml") + ":"), std::string::npos) << result.outcome.err;
        EXPECT_NE(result.outcome.err.find(": error: redact/" + reason + ": "), std::string::npos)
            << "expected redact/" << reason << " in:\n"
            << result.outcome.err;
        if (code == 1) {
            EXPECT_NE(result.outcome.err.find("redact: refused ("), std::string::npos);
        }
    }
};

// The mini export with `elements` inserted before </Elements> and `sets` as its contributions.
std::string mini_with(const std::string& elements, const std::string& sets) {
    std::string head = mini_head;
    head.replace(head.find("</Elements>"), 0, elements);
    return head + sets + mini_tail;
}

// The mini profile matching by title only, with `from` replaced by `to`.
std::string title_only_profile(const std::string& from = "", const std::string& to = "") {
    std::string profile = mini_profile;
    for (std::size_t at = profile.find(" bid=\""); at != std::string::npos;
         at = profile.find(" bid=\"", at)) {
        profile.erase(at, profile.find('"', at + 6) + 1 - at);
    }
    if (!from.empty()) profile.replace(profile.find(from), from.size(), to);
    return profile;
}

// The mini export without any bid, so that a profile binds it by title only.
std::string mini_without_bids(const std::string& sets) {
    std::string text = mini_head + sets + mini_tail;
    for (std::size_t at = text.find(" bid=\""); at != std::string::npos; at = text.find(" bid=\"", at)) {
        text.erase(at, text.find('"', at + 6) + 1 - at);
    }
    return text;
}

TEST_F(RedactRefusalTest, ProfileThatDoesNotMatchIsRefusedAsNotBound) {
    const std::string export_text = mini_without_bids(mini_set(public_summary));
    ASSERT_EQ(redact(export_text, title_only_profile()).outcome.code, 0) << "the title-only profile binds";
    expect_refused(redact(export_text, title_only_profile("Main obstacles", "Main obstacles met")),
                   "not-bound");  // reworded title
    expect_refused(
        redact(export_text, title_only_profile("title=\"Self-assessment\"", "title=\"Self assessment 2\"")),
        "not-bound");  // renamed section
    std::string french = title_only_profile("title=\"Summary\"", "title=\"Résumé\"");
    french = french.replace(french.find("Public part"), 11, "Partie publique");
    expect_refused(redact(export_text, french), "not-bound");  // another language
}

TEST_F(RedactRefusalTest, QuestionStandingInAnotherSectionIsUncertainBinding) {
    // The public summary is placed after the confidential marker: is it public or not?
    std::string moved = mini_head;
    const std::string summary = R"(<Question id="q-summary" type="Free Text" bid="summary">Summary</Question>
)";
    moved.erase(moved.find(summary), summary.size());
    moved.replace(moved.find("</Elements>"), 0, summary);
    expect_refused(redact(moved + mini_set(public_summary) + mini_tail), "uncertain-binding");
}

TEST_F(RedactRefusalTest, UnknownQuestionInThePublicPartIsRefused) {
    std::string text = mini_head;
    text.replace(text.find("<Section id=\"s-2\""), 0,
                 "<Question id=\"q-extra\" type=\"Free Text\">Anything else?</Question>\n");
    expect_refused(redact(text + mini_set(public_summary) + mini_tail), "unknown-public-question");
}

TEST_F(RedactRefusalTest, ContributionWithoutQuestionnaireIsRefused) {
    const std::string no_elements = R"(<?xml version="1.0" encoding="UTF-8"?>
<Results create="2025-03-14_09-05-33"><Survey id="1" uid="u-conf" alias="conf"></Survey>
<Answers>
)";
    const Redacted result = redact(no_elements + mini_set(public_summary) + mini_tail);
    expect_refused(result, "no-questionnaire");
    expect_refused(result, "not-bound");
}

TEST_F(RedactRefusalTest, AnswerToAnUndefinedQidIsRefused) {
    expect_refused(
        redact(mini_with("", mini_set(public_summary + R"(<Answer qid="q-nowhere">Kept?</Answer>)"))),
        "unknown-question");
}

TEST_F(RedactRefusalTest, ConfidentialTextCopiedIntoAPublicAnswerIsRefused) {
    expect_refused(
        redact(mini_with(
            "", mini_set(R"(<Answer qid="q-summary">Sadly the minister withdrew the co-funding.</Answer>)"))),
        "reused-text");
}

TEST_F(RedactRefusalTest, ContactDataInAPublicAnswerIsRefused) {
    expect_refused(
        redact(mini_with("", mini_set(R"(<Answer qid="q-summary">Write to jane.doe@example.eu.</Answer>)"))),
        "contact-data");
    expect_refused(
        redact(mini_with("", mini_set(R"(<Answer qid="q-summary">Call +32 2 299 11 11.</Answer>)"))),
        "contact-data");
}

TEST_F(RedactRefusalTest, DoctypeAttlistDefaultForUserIsRefused) {
    std::string text = mini_head + mini_set(public_summary) + mini_tail;
    text.replace(text.find("<Results"), 0,
                 "<!DOCTYPE Results [<!ATTLIST AnswerSet user CDATA \"jane.doe@example.eu\">]>\n");
    expect_refused(redact(text), "not-plain-xml");
}

TEST_F(RedactRefusalTest, CdataHidingAnAnswerElementIsRefused) {
    expect_refused(
        redact(mini_with(
            "",
            mini_set(
                R"(<Answer qid="q-summary"><![CDATA[x</Answer><Answer qid="q-obstacles">The minister withdrew the co-funding.]]></Answer>)"))),
        "not-plain-xml");
}

TEST_F(RedactRefusalTest, DuplicateAttributesAreRefused) {
    std::string set = mini_set(public_summary);
    set.replace(set.find(" list="), 0, R"( user="" )");  // a second, empty user before the real one
    expect_refused(redact(mini_with("", set)), "not-plain-xml");
    expect_refused(
        redact(mini_with("", mini_set(R"(<Answer qid="q-summary" qid="q-obstacles">Plan.</Answer>)"))),
        "not-plain-xml");
}

TEST_F(RedactRefusalTest, AnythingEUSurveyDoesNotWriteIsRefused) {
    expect_refused(redact(mini_with("", mini_set(public_summary + "<!-- a note -->"))), "not-plain-xml");
    expect_refused(redact(mini_with("", mini_set(public_summary + "<?note kept?>"))), "not-plain-xml");
    expect_refused(redact(mini_with("", mini_set(R"(<Answer qid="q-summary" note="x">Plan.</Answer>)"))),
                   "not-plain-xml");  // unknown attribute
    expect_refused(redact(mini_with("", mini_set(public_summary + "<Note>jane.doe@example.eu</Note>"))),
                   "not-plain-xml");  // unknown child of AnswerSet
    expect_refused(redact(mini_with("", mini_set(R"(<Answer qid="q-summary">Plan <b>x</b></Answer>)"))),
                   "not-plain-xml");  // markup inside an answer
}

TEST_F(RedactRefusalTest, ZipExportIsRefusedWithTheWayOut) {
    const Redacted result = redact(std::string("PK\x03\x04", 4) + "rest of an archive");
    expect_refused(result, "not-plain-xml");
    EXPECT_NE(result.outcome.err.find("result.xml"), std::string::npos) << result.outcome.err;
}

// Chosen behaviour: `user = "…"` is plain XML (white space around `=` is allowed), so it is redacted, not
// refused; the value is blanked because the output is written from the parsed attributes.
TEST_F(RedactRefusalTest, WhitespaceAroundEqualsInPersonalAttributesIsBlanked) {
    const std::string set =
        "<AnswerSet id=\"c-1\" list=\"7\" lang=\"EN\" user =\n  'jane.doe@example.eu' invitation\t= "
        "\"tok-4242-secret\">" +
        public_summary + "</AnswerSet>\n";
    const Redacted result = redact(mini_with("", set));
    ASSERT_EQ(result.outcome.code, 0) << result.outcome.err;
    EXPECT_EQ(result.output.find("jane.doe"), std::string::npos) << result.output;
    EXPECT_EQ(result.output.find("tok-4242"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find(R"(user="" invitation="")"), std::string::npos) << result.output;
}

TEST_F(RedactRefusalTest, SecondAnswersBlockIsRedactedToo) {
    const std::string second =
        R"(<Answers><AnswerSet id="c-2" list="8" lang="EN" user="john.roe@example.eu" invitation="tok-77">)"
        R"(<Answer qid="q-summary">Second block.</Answer><Answer qid="q-obstacles">Funding was cut in half last spring.</Answer>)"
        "</AnswerSet></Answers>";
    std::string text = mini_head + mini_set(public_summary) + "</Answers>" + second + "</Results>\n";
    const Redacted result = redact(text);
    ASSERT_EQ(result.outcome.code, 0) << result.outcome.err;
    EXPECT_NE(result.outcome.err.find("3 confidential answers removed"), std::string::npos)
        << result.outcome.err;
    EXPECT_EQ(result.output.find("Funding was cut"), std::string::npos) << result.output;
    EXPECT_EQ(result.output.find("john.roe"), std::string::npos) << result.output;
    EXPECT_EQ(result.output.find("tok-77"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find(R"(<Answer qid="q-summary">Second block.</Answer>)"), std::string::npos);
}

TEST_F(RedactRefusalTest, UnknownSubSectionInTheConfidentialPartLosesItsUnknownQuestion) {
    const std::string sub =
        R"(<Section id="s-3" type="Section">III.1 Details</Section>)"
        R"(<Question id="q-secret" type="Free Text">Anything to add in confidence?</Question>)";
    const Redacted result = redact(mini_with(
        sub, mini_set(public_summary +
                      R"(<Answer qid="q-secret">Our partner in Lyon is about to leave.</Answer>)")));
    ASSERT_EQ(result.outcome.code, 0) << result.outcome.err;
    EXPECT_EQ(result.output.find("about to leave"), std::string::npos) << result.output;
    EXPECT_NE(result.outcome.err.find("3 confidential answers removed"), std::string::npos)
        << result.outcome.err;
}

TEST_F(RedactTest, FrenchContributionWithoutBidLosesItsSelfAssessment) {
    const std::string input = path("two-langs.xml");
    const std::string make = "/usr/bin/python3 '" + source_dir +
                             "/scripts/make_s3_export.py' --no-bid --contribution clean --contribution fr "
                             "--lang EN --lang FR -o '" +
                             input + "'";
    ASSERT_EQ(std::system(make.c_str()), 0);
    const json before = validate_json("--audience public '" + input + "'", 1);
    EXPECT_FALSE(findings_of(before, "confidentiality-separation/confidential-answer").empty());

    const Outcome result = run("redact '" + input + "' -o '" + path("public.xml") + "'");
    ASSERT_EQ(result.code, 0) << result.err;
    const Outcome after = run("validate --format json --audience public '" + path("public.xml") + "'");
    EXPECT_TRUE(findings_of(json::parse(after.out), "confidentiality-separation/confidential-answer").empty())
        << after.out;
    // Every confidential text of the French contribution is gone from the bytes.
    const Outcome internal = run("validate --format json '" + input + "'");
    ASSERT_LE(internal.code, 1) << internal.err;
    const std::string output = read_file(path("public.xml"));
    const std::string original = read_file(input);
    const std::string fr_marker = "lang=\"FR\"";
    ASSERT_NE(original.find("<AnswerSet", original.find("<Answers>")), std::string::npos);
    EXPECT_LT(output.size(), original.size());
    EXPECT_NE(output.find(fr_marker), std::string::npos) << "the French contribution is kept";
}

}  // namespace
