// `surveycheck redact`: the public-release export keeps every byte but the confidential answers and personal
// meta.
#include <gtest/gtest.h>

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

TEST_F(RedactTest, RemovesConfidentialAnswersBlanksPersonalMetaAndKeepsEverythingElse) {
    const std::string profile = write("profile.xml", mini_profile);
    const std::string public_answer = R"(<Answer qid="q-summary">We met twice &amp; agreed a plan.</Answer>)";
    const std::string input = write(
        "in.xml",
        mini_head +
            R"(<AnswerSet id="c-1" list="7" lang="EN" user="jane.doe@example.eu" invitation="tok-42" userlogin="jdoe">)" +
            public_answer + R"(<Answer qid="q-obstacles">The minister withdrew the co-funding.</Answer>)" +
            R"(<Answer aid="a-on-track" qid="q-progress"></Answer>)" +
            "</AnswerSet>\n</Answers></Results>\n");
    const Outcome result =
        run("redact --profile '" + profile + "' '" + input + "' -o '" + path("out.xml") + "'");
    ASSERT_EQ(result.code, 0) << result.err;
    EXPECT_NE(result.err.find("2 confidential answers removed, 3 personal attributes blanked"),
              std::string::npos)
        << result.err;

    // Byte for byte: the same document with the two answers gone and three attribute values emptied.
    const std::string expected =
        mini_head + R"(<AnswerSet id="c-1" list="7" lang="EN" user="" invitation="" userlogin="">)" +
        public_answer + "</AnswerSet>\n</Answers></Results>\n";
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
}

}  // namespace
