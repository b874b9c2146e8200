// `validate --audience public`: no output of any format, nor the baseline, quotes a confidential answer,
// whatever a rule (first-party or a third-party plugin that repeats every answer) puts in its findings.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli_fixture.hpp"

namespace {

using surveycheck::test::findings_of;
using surveycheck::test::json;
using surveycheck::test::Outcome;
using surveycheck::test::read_file;
using PublicAudience = surveycheck::test::CliFixture;

const char* profile_xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<profile id="conf" title="Confidentiality form" version="1" lang="EN">
  <section key="s_public" confidentiality="public">
    <match bid="s_public" title="Public part"/>
    <question key="summary" requirement="recommended"><match title="Summary"/></question>
  </section>
  <section key="s_self" confidentiality="confidential">
    <match bid="s_self" title="Self-assessment"/>
    <question key="obstacles" requirement="recommended"><match title="Main obstacles"/></question>
    <question key="support" requirement="recommended"><match title="Support needed"/></question>
    <question key="progress" requirement="optional"><match title="Overall progress"/></question>
  </section>
</profile>
)";

// The confidential texts, each distinctive: a sentence, a short region name, a chosen option's label.
const std::string secret_sentence = "The lead region Kainuu threatened to withdraw its cofinancing entirely";
const std::string secret_region = "Baden-Württemberg";

// EN and FR blocks without bid (titles only), a sub-section marker and an unknown question in the
// confidential part, an EN and a FR contribution (the FR block listed first).
std::string export_xml() {
    const std::string fr =
        R"(<Elements lang="FR"><Section id="s1" type="Section">Partie publique</Section><Question id="q-sum" type="Free Text">Résumé</Question><Section id="s2" type="Section">Auto-évaluation</Section><Question id="q-obs" type="Free Text">Principaux obstacles</Question><Question id="q-sup" type="Free Text">Soutien nécessaire</Question><Question id="q-pro" type="Single Choice">Progrès global</Question><Answer id="a-stalled" type="Choice Answer">Bloqué net</Answer><Section id="s3" type="Section">III.1 Détails</Section><Question id="q-extra" type="Free Text">Autre chose ?</Question></Elements>)";
    const std::string en =
        R"(<Elements lang="EN"><Section id="s1" type="Section">Public part</Section><Question id="q-sum" type="Free Text">Summary</Question><Section id="s2" type="Section">Self-assessment</Section><Question id="q-obs" type="Free Text">Main obstacles</Question><Question id="q-sup" type="Free Text">Support needed</Question><Question id="q-pro" type="Single Choice">Overall progress</Question><Answer id="a-stalled" type="Choice Answer">Stalled completely</Answer><Section id="s3" type="Section">III.1 Details</Section><Question id="q-extra" type="Free Text">Anything else?</Question></Elements>)";
    const auto contribution = [&](const std::string& id, const std::string& lang) {
        return R"(<AnswerSet id=")" + id + R"(" list="1" lang=")" + lang +
               R"(" user="" invitation=""><Answer qid="q-sum">We met twice and agreed a plan.</Answer><Answer qid="q-obs">)" +
               secret_sentence + R"(.</Answer><Answer qid="q-sup">)" + secret_region +
               R"(</Answer><Answer qid="q-pro" aid="a-stalled"></Answer><Answer qid="q-extra">Quarterly audit by Vattenfall pending</Answer></AnswerSet>)";
    };
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Results create=\"2025-03-14_09-05-33\"><Survey "
           "id=\"1\" "
           "uid=\"u\" alias=\"conf\">" +
           fr + en + "</Survey><Answers>" + contribution("c-en", "EN") + contribution("c-fr", "FR") +
           "</Answers></Results>";
}

// Every confidential text that must never show in a public output, each as a reader would search for it.
const std::vector<std::string> secrets = {"Kainuu",     "cofinancing", secret_region, "Stalled completely",
                                          "Bloqué net", "Vattenfall"};

}  // namespace

TEST_F(PublicAudience, NoOutputOrBaselineQuotesAConfidentialAnswerEvenFromAPluginThatRepeatsEveryAnswer) {
    const std::string profile = write("profile.xml", profile_xml);
    const std::string input = write("export.xml", export_xml());
    const std::string plugins = std::string("--plugin-dir '") + SURVEYCHECK_LEAKY_PLUGIN_DIR + "'";
    for (const std::string audience : {"internal", "public"}) {
        const std::string args =
            "--log-level debug --log-file " + path(audience + ".log") + " validate '" + input +
            "' --profile '" + profile + "' " + plugins + " --audience " + audience +
            " --format text:" + path(audience + ".txt") + " --format json:" + path(audience + ".json") +
            " --format jsonl:" + path(audience + ".jsonl") + " --format sarif:" + path(audience + ".sarif") +
            " --format junit:" + path(audience + ".xml") + " --format html:" + path(audience + ".html") +
            " --write-baseline " + path(audience + ".baseline");
        const Outcome result = run(args);
        ASSERT_EQ(result.code, 3) << result.err;  // the leaky rule "fails", so the run is incomplete
        std::string all = result.out + result.err;
        for (const char* ext : {".txt", ".json", ".jsonl", ".sarif", ".xml", ".html", ".baseline", ".log"}) {
            const std::string text = read_file(path(audience + ext));
            EXPECT_FALSE(text.empty()) << audience << ext;
            all += text;
        }
        for (const std::string& secret : secrets) {
            if (audience == "internal") {
                // The internal report does quote them (so this test can see a leak at all)...
                if (secret != "Stalled completely" && secret != "Bloqué net") {
                    EXPECT_NE(all.find(secret), std::string::npos) << secret;
                }
            } else {
                // ...the public one never does.
                EXPECT_EQ(all.find(secret), std::string::npos) << secret << " leaks into a public output";
            }
        }
    }
    // The public part is still quoted in public.
    EXPECT_NE(read_file(path("public.json")).find("We met twice and agreed a plan."), std::string::npos);
}

TEST_F(PublicAudience, RequirementRulesDoNotAskForConfidentialAnswers) {
    const std::string profile = write("profile.xml", profile_xml);
    // Nothing answered: the public summary is asked for, the confidential ones only internally.
    const std::string input = write("empty.xml",
                                    R"(<?xml version="1.0" encoding="UTF-8"?>
<Results create="2025-03-14_09-05-33"><Survey id="1" uid="u" alias="conf"><Elements lang="EN"><Section id="s1" type="Section">Public part</Section><Question id="q-sum" type="Free Text">Summary</Question><Section id="s2" type="Section">Self-assessment</Section><Question id="q-obs" type="Free Text">Main obstacles</Question><Question id="q-sup" type="Free Text">Support needed</Question><Question id="q-pro" type="Single Choice">Overall progress</Question><Answer id="a-stalled" type="Choice Answer">Stalled</Answer></Elements></Survey><Answers><AnswerSet id="c" list="1" lang="EN"></AnswerSet></Answers></Results>)");
    const json internal = validate_json("'" + input + "' --profile '" + profile + "' --audience internal", 0);
    const json open = validate_json("'" + input + "' --profile '" + profile + "' --audience public", 0);
    EXPECT_EQ(surveycheck::test::question_keys(findings_of(internal, "mandatory-fields/recommended")),
              (std::set<std::string>{"summary", "obstacles", "support"}));
    EXPECT_EQ(surveycheck::test::question_keys(findings_of(open, "mandatory-fields/recommended")),
              (std::set<std::string>{"summary"}));
}

TEST_F(PublicAudience, TheUnknownQuestionAfterTheSubSectionMarkerIsNamedAndTreatedAsConfidential) {
    const std::string profile = write("profile.xml", profile_xml);
    const std::string input = write("export.xml", export_xml());
    const json report = validate_json("'" + input + "' --profile '" + profile + "' --audience public", 1);
    const auto unbound = findings_of(report, "surveycheck/unbound-question");
    ASSERT_EQ(unbound.size(), 1u);
    EXPECT_EQ(unbound[0]["question"]["uid"], "q-extra");
    EXPECT_NE(unbound[0]["message"].get<std::string>().find("confidential"), std::string::npos);
    // Both contributions, EN and FR, answered three bound confidential questions and the unknown one: each is
    // a confidential-answer error in a public export.
    std::map<std::string, int> per_contribution;
    for (const auto& finding : findings_of(report, "confidentiality-separation/confidential-answer")) {
        ++per_contribution[finding["contribution"].get<std::string>()];
    }
    EXPECT_EQ(per_contribution, (std::map<std::string, int>{{"c-en", 4}, {"c-fr", 4}}));
    EXPECT_TRUE(findings_of(report, "surveycheck/profile-question-missing").empty());
    EXPECT_TRUE(findings_of(report, "surveycheck/profile-section-missing").empty());
}
