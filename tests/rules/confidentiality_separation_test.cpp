// The confidentiality-separation plugin end to end: the real executable, an inline mini profile with a public
// and a confidential section, and inline mini exports holding the offending answers.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "cli_fixture.hpp"

namespace {

using nlohmann::json;
using surveycheck::test::findings_of;
using surveycheck::test::Outcome;
using surveycheck::test::question_keys;

using ConfidentialityTest = surveycheck::test::CliFixture;

const std::string source_dir = SURVEYCHECK_SOURCE_DIR;

// Public: a free-text summary and a contacts table; confidential: free-text obstacles and a progress choice.
const char* mini_profile = R"(<?xml version="1.0" encoding="UTF-8"?>
<profile id="conf" title="Confidentiality form" version="1">
  <section key="s_public" confidentiality="public">
    <match bid="s_public" title="Public part"/>
    <question key="summary" requirement="optional"><match bid="summary" title="Summary"/></question>
    <question key="contacts" requirement="optional"><match bid="contacts" title="Contacts"/></question>
  </section>
  <section key="s_self" confidentiality="confidential">
    <match bid="s_self" title="Self-assessment"/>
    <question key="obstacles" requirement="optional"><match bid="obstacles" title="Main obstacles"/></question>
    <question key="progress" requirement="optional"><match bid="progress" title="Overall progress"/></question>
  </section>
</profile>
)";

// An export of the mini form with one contribution: its meta attributes and its answers.
std::string mini_export(const std::string& answers, const std::string& meta = R"(user="" invitation="")") {
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<Results create="2025-03-14_09-05-33"><Survey id="1" uid="u-conf" alias="conf">
<Elements lang="EN">
<Section id="s-1" type="Section" bid="s_public">Public part</Section>
<Question id="q-summary" type="Free Text" bid="summary">Summary</Question>
<TableTitle id="q-contacts" type="Table" bid="contacts">Contacts</TableTitle>
<TableQuestion id="r-1" type="Table Question" bid="contacts_r1">1</TableQuestion>
<TableQuestion id="r-2" type="Table Question" bid="contacts_r2">2</TableQuestion>
<TableAnswer id="c-name" type="Table Answer" bid="contacts_name">Name</TableAnswer>
<TableAnswer id="c-reach" type="Table Answer" bid="contacts_reach">How to reach</TableAnswer>
<Section id="s-2" type="Section" bid="s_self">Self-assessment</Section>
<Question id="q-obstacles" type="Free Text" bid="obstacles">Main obstacles</Question>
<Question id="q-progress" type="Single Choice" bid="progress">Overall progress</Question>
<Answer id="a-on-track" type="Choice Answer" bid="on_track">On track</Answer>
</Elements></Survey>
<Answers>
<AnswerSet id="c-1" list="7" lang="EN" )" +
           meta + ">" + answers + R"(</AnswerSet>
</Answers></Results>
)";
}

std::string summary(const std::string& text) { return R"(<Answer qid="q-summary">)" + text + "</Answer>"; }

std::string obstacles(const std::string& text) {
    return R"(<Answer qid="q-obstacles">)" + text + "</Answer>";
}

// A cell of the contacts table: `row` r-1/r-2, `column` c-name/c-reach.
std::string cell(const std::string& row, const std::string& column, const std::string& text) {
    return R"(<Answer qid=")" + row + R"(" aid=")" + column + R"(">)" + text + "</Answer>";
}

const std::string progress_on_track = R"(<Answer qid="q-progress" aid="a-on-track"></Answer>)";

// A Delphi explanation of question `qid` (its ExplanationText), on a line of its own.
std::string explanation(const std::string& qid, const std::string& text) {
    return "\n<Explanation qid=\"" + qid + "\"><ExplanationText>" + text +
           "</ExplanationText><ExplanationLike>2</ExplanationLike></Explanation>";
}

// A Delphi discussion text of question `qid`, on a line of its own.
std::string discussion(const std::string& qid, const std::string& text) {
    return "\n<Discussion qid=\"" + qid + "\">" + text + "</Discussion>";
}

// A confidential sentence of 21 words (co-funding counts as two), distinctive enough that it can only come
// from the fixture.
const std::string secret =
    "Our lead region quietly withdrew its co-funding after the regional minister resigned over the "
    "hospital procurement affair last spring.";

class ConfidentialitySeparation : public ConfidentialityTest {
protected:
    // Validate `answers` (with `meta`) as a JSON report for `audience` plus `extra` arguments.
    json check(const std::string& audience, const std::string& answers, int expected_code,
               const std::string& meta = R"(user="" invitation="")", const std::string& extra = "") const {
        const std::string profile = write("conf.xml", mini_profile);
        const std::string input = write("export.xml", mini_export(answers, meta));
        return validate_json(
            "--audience " + audience + " --profile '" + profile + "' " + extra + " '" + input + "'",
            expected_code);
    }
};

TEST_F(ConfidentialitySeparation, PublicAudienceGetsOneErrorPerAnsweredConfidentialQuestionUnquoted) {
    const json report = check("public", summary("Good progress.") + obstacles(secret) + progress_on_track, 1);
    const auto found = findings_of(report, "confidentiality-separation/confidential-answer");
    ASSERT_EQ(found.size(), 2u) << report["findings"].dump(2);
    EXPECT_EQ(question_keys(found), (std::set<std::string>{"obstacles", "progress"}));
    for (const auto& finding : found) {
        EXPECT_EQ(finding["severity"], "error");
        EXPECT_EQ(finding["excerpt"], "");
        const std::string docs = finding["docs"];
        EXPECT_NE(docs.find("docs/rules/confidentiality-separation.md#confidential-answer"),
                  std::string::npos);
        EXPECT_EQ(finding["message"].get<std::string>().find("withdrew"), std::string::npos);
    }
}

TEST_F(ConfidentialitySeparation, ConfidentialAnswersAreNoFindingForAnInternalAudience) {
    const json report = check("internal", obstacles(secret) + progress_on_track, 0);
    EXPECT_TRUE(findings_of(report, "confidentiality-separation/confidential-answer").empty());
}

TEST_F(ConfidentialitySeparation, UnansweredConfidentialQuestionIsNoFindingInPublic) {
    const json report = check("public", summary("Good progress.") + obstacles("  "), 0);
    EXPECT_TRUE(findings_of(report, "confidentiality-separation/confidential-answer").empty())
        << report["findings"].dump(2);
}

TEST_F(ConfidentialitySeparation, PersonalMetaIsOneErrorPerAttributeNamingItNotItsValue) {
    const json report = check("public", summary("Good progress."), 1,
                              R"(user="jane.doe@example.eu" userlogin="jdoe42" invitation="f3a9c2e1")");
    const auto found = findings_of(report, "confidentiality-separation/personal-meta");
    ASSERT_EQ(found.size(), 3u) << report["findings"].dump(2);
    std::set<std::string> fingerprints;
    std::string messages;
    for (const auto& finding : found) {
        EXPECT_EQ(finding["severity"], "error");
        EXPECT_EQ(finding["contribution"], "c-1");
        fingerprints.insert(finding["fingerprint"].get<std::string>());
        messages += finding["message"].get<std::string>() + "\n";
    }
    EXPECT_EQ(fingerprints.size(), 3u);
    for (const char* attribute : {"`user`", "`userlogin`", "`invitation`"})
        EXPECT_NE(messages.find(attribute), std::string::npos) << messages;
    const std::string dump = report.dump();
    for (const char* value : {"jane.doe@example.eu", "jdoe42", "f3a9c2e1"})
        EXPECT_EQ(dump.find(value), std::string::npos) << value;
}

TEST_F(ConfidentialitySeparation, AnonymousOrEmptyMetaIsNotPersonalData) {
    const json anonymous = check("public", summary("Good progress."), 0,
                                 R"(user="Anonymous" userlogin="Anonymous" invitation="")");
    EXPECT_TRUE(findings_of(anonymous, "confidentiality-separation/personal-meta").empty());
    const json not_an_email =
        check("public", summary("Good progress."), 0, R"(user="coordinator" invitation="")");
    EXPECT_TRUE(findings_of(not_an_email, "confidentiality-separation/personal-meta").empty());
}

TEST_F(ConfidentialitySeparation, PersonalMetaIsNoFindingForAnInternalAudience) {
    const json report = check("internal", summary("Good progress."), 0,
                              R"(user="jane.doe@example.eu" userlogin="jdoe42" invitation="f3a9c2e1")");
    EXPECT_TRUE(findings_of(report, "confidentiality-separation/personal-meta").empty());
}

TEST_F(ConfidentialitySeparation, ReusedConfidentialTextIsAWarningInternallyQuotingThePassage) {
    // Its first 18 words, re-cased, re-punctuated and re-spaced, inside a longer public answer.
    const std::string reused =
        "In short: OUR LEAD REGION quietly withdrew its co funding, after the regional minister\n  "
        "resigned over the hospital procurement affair; we continue.";
    const json report = check("internal", summary(reused) + obstacles(secret), 0);
    const auto found = findings_of(report, "confidentiality-separation/reused-text");
    ASSERT_EQ(found.size(), 1u) << report["findings"].dump(2);
    EXPECT_EQ(found[0]["severity"], "warning");
    EXPECT_EQ(found[0]["question"]["key"], "summary");
    EXPECT_EQ(found[0]["excerpt"], "");
    const std::string message = found[0]["message"];
    EXPECT_NE(message.find("\"Main obstacles\" (obstacles)"), std::string::npos) << message;
    EXPECT_NE(message.find("18 words"), std::string::npos) << message;
    // The passage as the public answer has it, from its first reused word to its last, white space collapsed.
    EXPECT_NE(message.find(": \"OUR LEAD REGION quietly withdrew its co funding, after the regional minister "
                           "resigned over the hospital procurement affair\"."),
              std::string::npos)
        << message;
}

TEST_F(ConfidentialitySeparation, ReusedConfidentialTextIsAnErrorForAPublicAudience) {
    const json report = check("public", summary("Update. " + secret) + obstacles(secret), 1);
    const auto found = findings_of(report, "confidentiality-separation/reused-text");
    ASSERT_EQ(found.size(), 1u) << report["findings"].dump(2);
    EXPECT_EQ(found[0]["severity"], "error");
    EXPECT_EQ(found[0]["excerpt"], "");
    // A public report never quotes it.
    const std::string message = found[0]["message"];
    EXPECT_NE(message.find("the passage is not quoted here"), std::string::npos) << message;
    EXPECT_EQ(message.find("withdrew"), std::string::npos) << message;
}

TEST_F(ConfidentialitySeparation, LongReusedPassageIsQuotedWithItsMiddleLeftOut) {
    std::string long_secret;
    for (int i = 0; i < 12; ++i)
        long_secret += "Sentence " + std::to_string(i) + " of the confidential assessment says more. ";
    const json report = check("internal", summary("Update. " + long_secret) + obstacles(long_secret), 0);
    const auto found = findings_of(report, "confidentiality-separation/reused-text");
    ASSERT_EQ(found.size(), 1u) << report["findings"].dump(2);
    const std::string message = found[0]["message"];
    EXPECT_NE(message.find("\"Sentence 0 of the confidential"), std::string::npos) << message;
    EXPECT_NE(message.find(" \u2026 "), std::string::npos) << message;
    EXPECT_NE(message.find("Sentence 11 of the confidential assessment says more\"."), std::string::npos)
        << message;
    EXPECT_LT(message.size(), 600u) << message;
}

TEST_F(ConfidentialitySeparation, ReuseShorterThanMinWordsIsNoFindingUnlessTheOptionLowersIt) {
    // 11 consecutive words of the secret ("quietly withdrew ... resigned over"), then the text departs from
    // it.
    const std::string eleven =
        summary("They quietly withdrew its co-funding after the regional minister resigned over budget.");
    const json by_default = check("internal", eleven + obstacles(secret), 0);
    EXPECT_TRUE(findings_of(by_default, "confidentiality-separation/reused-text").empty())
        << by_default["findings"].dump(2);
    const json lowered = check("internal", eleven + obstacles(secret), 0, R"(user="" invitation="")",
                               "--rule-option confidentiality-separation/reused-text:min-words=8");
    EXPECT_EQ(findings_of(lowered, "confidentiality-separation/reused-text").size(), 1u)
        << lowered["findings"].dump(2);
}

TEST_F(ConfidentialitySeparation, MinWordsBelowOneIsAConfigurationError) {
    const std::string profile = write("conf.xml", mini_profile);
    const std::string input = write("export.xml", mini_export(summary("x")));
    const Outcome result =
        run("validate --profile '" + profile +
            "' --rule-option confidentiality-separation/reused-text:min-words=0 '" + input + "'");
    EXPECT_EQ(result.code, 2) << result.out;
    EXPECT_NE(result.err.find("min-words"), std::string::npos) << result.err;
}

TEST_F(ConfidentialitySeparation, EmailOrPhoneInAPublicAnswerOrCellIsAWarningWithItsExcerpt) {
    const json report =
        check("internal",
              summary("Questions: write to jane.doe@example.eu.") + cell("r-1", "c-name", "Jane Doe") +
                  cell("r-1", "c-reach", "+33 1 23 45 67 89") + cell("r-2", "c-name", "Secretariat") +
                  cell("r-2", "c-reach", "(02) 299-11-11 or 0032 2 299 11 11"),
              0);
    const auto found = findings_of(report, "confidentiality-separation/contact-data");
    ASSERT_EQ(found.size(), 3u) << report["findings"].dump(2);
    EXPECT_EQ(found[0]["question"]["key"], "summary");
    EXPECT_NE(found[0]["message"].get<std::string>().find("an e-mail address"), std::string::npos);
    EXPECT_EQ(found[0]["excerpt"], "Questions: write to jane.doe@example.eu.");
    EXPECT_EQ(found[1]["question"]["key"], "contacts");
    EXPECT_NE(found[1]["message"].get<std::string>().find("a phone number"), std::string::npos);
    EXPECT_EQ(found[1]["excerpt"], "+33 1 23 45 67 89");
    EXPECT_NE(found[2]["message"].get<std::string>().find("2 phone numbers"), std::string::npos);
    for (const auto& finding : found) EXPECT_EQ(finding["severity"], "warning");
    EXPECT_NE(found[1]["fingerprint"], found[2]["fingerprint"]);
}

TEST_F(ConfidentialitySeparation, ContactDataInAnAnswerQuotingSixConfidentialWordsAtItsEndIsNotQuoted) {
    // The six shared words ("hospital procurement affair last spring" and "the") come after the address.
    const std::string answer =
        "Questions: write to jane.doe@example.eu. Some progress, then the hospital procurement affair last "
        "spring.";
    const json report = check("internal", summary(answer) + obstacles(secret), 0);
    const auto found = findings_of(report, "confidentiality-separation/contact-data");
    ASSERT_EQ(found.size(), 1u) << report["findings"].dump(2);
    EXPECT_EQ(found[0]["excerpt"], "");
}

TEST_F(ConfidentialitySeparation, ContactDataInAnAnswerSharingFiveConfidentialWordsIsQuoted) {
    const std::string answer =
        "Questions: write to jane.doe@example.eu. On the procurement affair last spring.";
    const json report = check("internal", summary(answer) + obstacles(secret), 0);
    const auto found = findings_of(report, "confidentiality-separation/contact-data");
    ASSERT_EQ(found.size(), 1u) << report["findings"].dump(2);
    EXPECT_EQ(found[0]["excerpt"], answer);
}

TEST_F(ConfidentialitySeparation, EmailInADelphiExplanationOfAPublicQuestionIsContactDataAtTheExplanation) {
    const json report =
        check("internal",
              summary("Good progress.") + explanation("q-summary", "Details: write to jane.doe@example.eu") +
                  discussion("q-summary", "Or call +33 1 23 45 67 89"),
              0);
    const auto found = findings_of(report, "confidentiality-separation/contact-data");
    ASSERT_EQ(found.size(), 2u) << report["findings"].dump(2);
    EXPECT_EQ(found[0]["question"]["key"], "summary");
    EXPECT_NE(found[0]["message"].get<std::string>().find("an e-mail address"), std::string::npos);
    EXPECT_EQ(found[0]["xpath"], "/Results/Answers/AnswerSet[1]/Explanation[1]");
    EXPECT_EQ(found[0]["line"], 18);
    EXPECT_EQ(found[0]["excerpt"], "Details: write to jane.doe@example.eu");
    EXPECT_NE(found[1]["message"].get<std::string>().find("a phone number"), std::string::npos);
    EXPECT_EQ(found[1]["xpath"], "/Results/Answers/AnswerSet[1]/Discussion[1]");
    EXPECT_EQ(found[1]["line"], 19);
    EXPECT_NE(found[0]["fingerprint"], found[1]["fingerprint"]);
}

TEST_F(ConfidentialitySeparation, ContactDataInADelphiExplanationOfAConfidentialQuestionIsNoFinding) {
    const json report = check("internal", explanation("q-obstacles", "Call jane.doe@example.eu"), 0);
    EXPECT_TRUE(findings_of(report, "confidentiality-separation/contact-data").empty())
        << report["findings"].dump(2);
}

TEST_F(ConfidentialitySeparation, ConfidentialExplanationReusedInAPublicAnswerIsReusedText) {
    const json report =
        check("internal", summary("Update. " + secret) + explanation("q-obstacles", secret), 0);
    const auto found = findings_of(report, "confidentiality-separation/reused-text");
    ASSERT_EQ(found.size(), 1u) << report["findings"].dump(2);
    EXPECT_EQ(found[0]["question"]["key"], "summary");
    EXPECT_NE(found[0]["message"].get<std::string>().find("\"Main obstacles\""), std::string::npos);
}

TEST_F(ConfidentialitySeparation, PublicDiscussionReusingConfidentialTextIsReusedTextAtTheDiscussion) {
    const json report =
        check("public",
              summary("Good progress.") + obstacles(secret) + discussion("q-summary", "Yes. " + secret), 1);
    const auto found = findings_of(report, "confidentiality-separation/reused-text");
    ASSERT_EQ(found.size(), 1u) << report["findings"].dump(2);
    EXPECT_EQ(found[0]["xpath"], "/Results/Answers/AnswerSet[1]/Discussion[1]");
    EXPECT_EQ(found[0]["excerpt"], "");
}

TEST_F(ConfidentialitySeparation, DelphiTextOfAConfidentialQuestionIsAConfidentialAnswerInPublic) {
    const json report = check("public", summary("Good progress.") + explanation("q-obstacles", secret), 1);
    const auto found = findings_of(report, "confidentiality-separation/confidential-answer");
    ASSERT_EQ(found.size(), 1u) << report["findings"].dump(2);
    EXPECT_EQ(found[0]["question"]["key"], "obstacles");
    EXPECT_EQ(report.dump().find("withdrew"), std::string::npos);
}

TEST_F(ConfidentialitySeparation, DatesYearsCodesAndNumbersInPublicCellsAreNoContactData) {
    const json report =
        check("public",
              summary("The 2020-2021 plan: 18 SMEs, EUR 14 million, Noord-Brabant (NL), NL41.") +
                  cell("r-1", "c-name", "Plenary meeting 24/10/19") +
                  cell("r-1", "c-reach", "05/11/2020 - 06/11/2020, CZ064") +
                  cell("r-2", "c-name", "17/09/2020") + cell("r-2", "c-reach", "2019 2020 2021"),
              0);
    EXPECT_TRUE(findings_of(report, "confidentiality-separation/contact-data").empty())
        << report["findings"].dump(2);
}

TEST_F(ConfidentialitySeparation, ContactDataInAConfidentialAnswerIsNotAPublicAnswerFinding) {
    const json report =
        check("internal", obstacles("Call me on +33 1 23 45 67 89 or jane.doe@example.eu"), 0);
    EXPECT_TRUE(findings_of(report, "confidentiality-separation/contact-data").empty());
}

TEST_F(ConfidentialitySeparation,
       PublicReportsNeverQuoteTheConfidentialTextInternalOnesOnlyTheReusedPassage) {
    // The public answer reuses the secret and holds an e-mail address, so contact-data reports on it too.
    const std::string profile = write("conf.xml", mini_profile);
    const std::string input =
        write("leak.xml", mini_export(summary("Contact jane.doe@example.eu. " + secret) + obstacles(secret) +
                                      cell("r-1", "c-reach", secret + " Call 0032 2 299 11 11.")));
    const std::vector<std::string> fragments = {"quietly withdrew", "minister resigned",
                                                "procurement affair"};
    for (const std::string audience : {"internal", "public"}) {
        for (const std::string format : {"text", "json"}) {
            const Outcome result = run("validate --color never --format " + format + " --audience " +
                                       audience + " --profile '" + profile + "' '" + input + "'");
            const std::string context = audience + "/" + format;
            EXPECT_EQ(result.code, audience == "public" ? 1 : 0) << context << "\n" << result.err;
            EXPECT_NE(result.out.find("reused-text"), std::string::npos) << context << "\n" << result.out;
            EXPECT_NE(result.out.find("contact-data"), std::string::npos) << context << "\n" << result.out;
            for (const std::string& fragment : fragments)
                EXPECT_EQ(result.err.find(fragment), std::string::npos) << context << ": " << fragment;
            if (audience == "public") {
                for (const std::string& fragment : fragments)
                    EXPECT_EQ(result.out.find(fragment), std::string::npos) << context << ": " << fragment;
                continue;
            }
            if (format != "json") continue;
            // Internally, the reused-text message quotes the passage; nothing else does.
            const json report = json::parse(result.out);  // outlives the loop over its part
            for (const auto& finding : report["findings"]) {
                const bool quotes = finding["rule"] == "confidentiality-separation/reused-text";
                const std::string message = finding["message"];
                json rest = finding;
                rest.erase("message");
                for (const std::string& fragment : fragments) {
                    EXPECT_EQ(message.find(fragment) != std::string::npos, quotes) << finding.dump(2);
                    EXPECT_EQ(rest.dump().find(fragment), std::string::npos) << finding.dump(2);
                }
            }
        }
    }
}

TEST_F(ConfidentialitySeparation, SeedReportHasNoConfidentialityFindingForAnInternalAudience) {
    const json report =
        validate_json("--audience internal '" + source_dir + "/examples/s3-seed-report.xml'", 0);
    for (const auto& finding : report["findings"])
        EXPECT_EQ(finding["rule"].get<std::string>().rfind("confidentiality-separation/", 0),
                  std::string::npos)
            << finding.dump(2);
}

TEST_F(ConfidentialitySeparation, CleanReportHasNoWarningOrErrorForAnInternalAudience) {
    const json report =
        validate_json("--audience internal '" + source_dir + "/examples/s3-clean-report.xml'", 0);
    EXPECT_EQ(report["summary"]["error"], 0) << report["findings"].dump(2);
    EXPECT_EQ(report["summary"]["warning"], 0) << report["findings"].dump(2);
}

TEST_F(ConfidentialitySeparation, BuiltInProfileTreatsSelfAssessmentAsConfidential) {
    // The clean report answers all four questions of section III; a public audience must not get them.
    const json report =
        validate_json("--audience public '" + source_dir + "/examples/s3-clean-report.xml'", 1);
    EXPECT_EQ(question_keys(findings_of(report, "confidentiality-separation/confidential-answer")),
              (std::set<std::string>{"sa_progress", "sa_obstacles", "sa_support", "sa_commitment"}));
}

}  // namespace
