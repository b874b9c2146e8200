// `validate --lang fr` end to end: every finding of the first-party plugins and of the host reads in French,
// a language without translations (de) and a plugin without translations stay English.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "cli_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using surveycheck::test::findings_of;
using surveycheck::test::Outcome;
using surveycheck::test::read_file;

const std::string source_dir = SURVEYCHECK_SOURCE_DIR;
const std::string seed_report = source_dir + "/examples/s3-seed-report.xml";

// One question of every kind the mandatory-fields hints tell apart (after design/EUSURVEY-XML.md 1.7).
const char* kinds_profile = R"(<?xml version="1.0" encoding="UTF-8"?>
<profile id="kinds" title="Every question kind" version="1">
  <question key="name" requirement="mandatory"><match bid="name" title="Your name"/></question>
  <question key="eu_staff" requirement="mandatory"><match bid="eu_staff" title="Do you work for an EU institution?"/></question>
  <question key="dg" requirement="mandatory-when-shown"><match bid="dg" title="Which DG(s)?"/></question>
  <question key="sat" requirement="recommended"><match bid="sat" title="Satisfaction"/></question>
  <question key="tbl" requirement="mandatory"><match bid="tbl" title="Hours per week"/></question>
  <question key="prio" requirement="recommended"><match bid="prio" title="Rank these"/></question>
  <question key="rate" requirement="mandatory"><match bid="rate" title="Rate us"/></question>
  <question key="comment" requirement="optional"><match bid="comment" title="Comment"/></question>
</profile>
)";

// Contribution c-shown: "Yes" shows the unanswered DG question, one of two matrix rows is answered, the
// comment is a placeholder, the rest is empty. Contribution c-empty answers nothing.
const char* kinds_export = R"(<?xml version="1.0" encoding="UTF-8"?>
<Results create="2025-03-14_09-05-33"><Survey id="1" uid="u-kinds" alias="kinds">
<Elements lang="EN">
<Question id="q-name" type="Free Text" bid="name">Your name</Question>
<Question id="q-staff" type="Single Choice" bid="eu_staff">Do you work for an EU institution?</Question>
<Answer id="a-yes" type="Choice Answer" bid="yes" dependentElements="q-dg">Yes</Answer>
<Answer id="a-no" type="Choice Answer" bid="no">No</Answer>
<Question id="q-dg" type="Multiple Choice" bid="dg">Which DG(s)?</Question>
<Answer id="a-digit" type="Choice Answer" bid="digit">DIGIT</Answer>
<MatrixTitle id="m-sat" type="Matrix" bid="sat">Satisfaction</MatrixTitle>
<MatrixQuestion id="m-it" type="Single Choice Matrix Question" bid="sat_it">IT tools</MatrixQuestion>
<MatrixQuestion id="m-office" type="Single Choice Matrix Question" bid="sat_office">Office</MatrixQuestion>
<MatrixAnswer id="m-good" type="Matrix Answer" bid="good">Good</MatrixAnswer>
<MatrixCell qid="m-it" aid="m-good"></MatrixCell>
<MatrixCell qid="m-office" aid="m-good"></MatrixCell>
<TableTitle id="t-tbl" type="Table" bid="tbl">Hours per week</TableTitle>
<TableQuestion id="t-r1" type="Table Question" bid="tbl_r1">Meetings</TableQuestion>
<TableAnswer id="t-c1" type="Table Answer" bid="tbl_c1">Hours</TableAnswer>
<Question id="q-prio" type="Ranking" bid="prio">Rank these</Question>
<RankingItem id="r-pay" type="Ranking Item" bid="pay">Pay</RankingItem>
<Question id="q-rate" type="Rating" bid="rate">Rate us</Question>
<RatingQuestion id="q-rate-support" type="Rating" bid="rate_support">Rate us: Support</RatingQuestion>
<Question id="q-comment" type="Free Text" bid="comment">Comment</Question>
</Elements></Survey>
<Answers>
<AnswerSet id="c-shown" list="1" lang="EN">
<Answer qid="q-staff" aid="a-yes"></Answer>
<Answer qid="m-it" aid="m-good"></Answer>
<Answer qid="t-r1" aid="t-c1"></Answer>
<Answer qid="q-comment">tbd</Answer>
</AnswerSet>
<AnswerSet id="c-empty" list="2" lang="EN"></AnswerSet>
</Answers></Results>
)";

// A reporting period, a region list asking for NUTS codes and the EU13 statement.
const char* regions_profile = R"(<?xml version="1.0" encoding="UTF-8"?>
<profile id="regions" title="Regions" version="1">
  <question key="period" requirement="optional"><match bid="period" title="Reporting period"/><role name="reporting-period"/></question>
  <question key="regions" requirement="optional"><match bid="regions" title="Participating regions"/><role name="region-list" format="nuts"/></question>
  <question key="eu13" requirement="optional"><match bid="eu13" title="EU13 involvement"/><role name="eu13-statement"/></question>
</profile>
)";

// c-2022 (NUTS 2021 in force): one region line per nuts-code-format message, no EU13 region, no statement.
// c-no-period (NUTS 2024 by default): an EU13 region, codes of no version and of 2016 only, no statement.
// c-unknown: a region whose country cannot be resolved, no statement.
const char* regions_export = R"(<?xml version="1.0" encoding="UTF-8"?>
<Results create="2025-03-14_09-05-33"><Survey id="1" uid="u-regions" alias="regions">
<Elements lang="EN">
<Question id="q-period" type="Single Choice" bid="period">Reporting period</Question>
<Answer id="a-2022" type="Choice Answer" bid="p2022">January - June 2022</Answer>
<Question id="q-regions" type="Free Text" bid="regions">Participating regions</Question>
<Question id="q-eu13" type="Free Text" bid="eu13">EU13 involvement</Question>
</Elements></Survey>
<Answers>
<AnswerSet id="c-2022" list="1" lang="EN">
<Answer qid="q-period" aid="a-2022"></Answer>
<Answer qid="q-regions">Bretagne (FR)
Atlantis (XX), FI1D7
Attica (GR), EL30
Lapland (Finland), FI1D7
Lappi (FI), fi1d7
Attiki (EL), GR30
Nowhere (FI), QQ12
Toolong (FI), FI1D77
Oldland (FI), FI1D9
Ghost (FI), FI1D8
Skane (FI), SE224
Offshore (FI), FIZZZ
Catalonia (ES), ES30</Answer>
</AnswerSet>
<AnswerSet id="c-no-period" list="2" lang="EN">
<Answer qid="q-regions">Pomorskie (PL), PL63
Oldland (FI), FI1D9
Ghost (FI), FI1D8</Answer>
</AnswerSet>
<AnswerSet id="c-unknown" list="3" lang="EN">
<Answer qid="q-regions">Somewhere</Answer>
</AnswerSet>
</Answers></Results>
)";

// A public and a confidential section.
const char* confidential_profile = R"(<?xml version="1.0" encoding="UTF-8"?>
<profile id="confidential" title="Confidential" version="1">
  <section key="s_public" confidentiality="public">
    <match bid="s_public" title="Public part"/>
    <question key="summary" requirement="optional"><match bid="summary" title="Summary"/></question>
    <question key="contacts" requirement="optional"><match bid="contacts" title="Contacts"/></question>
  </section>
  <section key="s_conf" confidentiality="confidential">
    <match bid="s_conf" title="Self-assessment"/>
    <question key="obstacles" requirement="optional"><match bid="obstacles" title="Obstacles"/></question>
  </section>
</profile>
)";

// c-personal: personal meta data, a confidential answer the public summary repeats, two e-mail addresses and
// a phone number. c-phones: one e-mail address and two phone numbers.
const char* confidential_export = R"(<?xml version="1.0" encoding="UTF-8"?>
<Results create="2025-03-14_09-05-33"><Survey id="1" uid="u-conf" alias="conf">
<Elements lang="EN">
<Section id="s-public" type="Section" bid="s_public">Public part</Section>
<Question id="q-summary" type="Free Text" bid="summary">Summary</Question>
<Question id="q-contacts" type="Free Text" bid="contacts">Contacts</Question>
<Section id="s-conf" type="Section" bid="s_conf">Self-assessment</Section>
<Question id="q-obstacles" type="Free Text" bid="obstacles">Obstacles</Question>
</Elements></Survey>
<Answers>
<AnswerSet id="c-personal" list="1" lang="EN" user="jane.doe@example.eu" userlogin="jdoe" invitation="x7f3k9q2">
<Answer qid="q-summary">Progress was slow because the lead region withdrew its co-financing after the regional elections and the budget freeze announced in March.</Answer>
<Answer qid="q-contacts">Write to anna@example.eu or piet@example.eu, or call +32 2 299 11 11.</Answer>
<Answer qid="q-obstacles">The lead region withdrew its co-financing after the regional elections and the budget freeze announced in March.</Answer>
</AnswerSet>
<AnswerSet id="c-phones" list="2" lang="EN">
<Answer qid="q-contacts">Write to jane@example.eu, call +32 2 299 11 11 or +33 1 40 20 50 50.</Answer>
</AnswerSet>
</Answers></Results>
)";

// NUTS lists: FI1D9 exists in 2016 only, FI1D8 in no version.
const char* nuts_2016 =
    "code,level,country,name\nFI1D7,3,FI,Lappi\nFI1D9,3,FI,Vanha\nEL30,2,EL,Attiki\n"
    "PL63,2,PL,Pomorskie\nSE224,3,SE,Skane\nFRH0,2,FR,Bretagne\nES30,2,ES,Comunidad de Madrid\n"
    "ES51,2,ES,Cataluña\n";
const char* nuts_later =
    "code,level,country,name\nFI1D7,3,FI,Lappi\nEL30,2,EL,Attiki\nPL63,2,PL,Pomorskie\n"
    "SE224,3,SE,Skane\nFRH0,2,FR,Bretagne\nES30,2,ES,Comunidad de Madrid\nES51,2,ES,Cataluña\n";

class FrenchReportTest : public surveycheck::test::CliFixture {
protected:
    // The JSON report of `validate --lang <lang>` with `args`; exit 0 (no error) or 1 (errors) expected.
    json validate(const std::string& lang, const std::string& args) const {
        const Outcome result = run("validate --format json --lang " + lang + " " + args);
        EXPECT_TRUE(result.code == 0 || result.code == 1) << result.code << ": " << result.err;
        return json::parse(result.out.empty() ? "{}" : result.out);
    }

    // A data folder with the three NUTS lists.
    std::string nuts_data_dir() const {
        fs::create_directories(dir_ / "data" / "nuts");
        write("data/nuts/nuts2016.csv", nuts_2016);
        write("data/nuts/nuts2021.csv", nuts_later);
        write("data/nuts/nuts2024.csv", nuts_later);
        return path("data");
    }

    // Every finding of `fr` is the finding of `en` at the same place with its message and hint in French.
    static void expect_french(const json& en, const json& fr) {
        ASSERT_EQ(en["findings"].size(), fr["findings"].size());
        ASSERT_FALSE(fr["findings"].empty());
        for (std::size_t i = 0; i < en["findings"].size(); ++i) {
            const json& english = en["findings"][i];
            const json& french = fr["findings"][i];
            ASSERT_EQ(english["fingerprint"], french["fingerprint"]);
            expect_translated(english, french, french["rule"]);
            // A grouped finding's items are French too; its own hint is theirs when they share one, else
            // none.
            ASSERT_EQ(english.contains("items"), french.contains("items"));
            if (!french.contains("items")) continue;
            ASSERT_EQ(english["items"].size(), french["items"].size());
            for (std::size_t j = 0; j < french["items"].size(); ++j)
                expect_translated(english["items"][j], french["items"][j], french["rule"]);
        }
    }

    // The message and hint of `french` are not those of `english` (a hint only when there is one), and fill
    // every placeholder.
    static void expect_translated(const json& english, const json& french, const json& rule) {
        const std::string message = french["message"];
        const std::string hint = french["hint"];
        EXPECT_NE(message, english["message"].get<std::string>()) << rule << " not translated";
        if (!english["hint"].get<std::string>().empty()) {
            EXPECT_NE(hint, english["hint"].get<std::string>()) << rule << " hint not translated";
        }
        EXPECT_EQ(message.find('{'), std::string::npos) << "unfilled placeholder: " << message;
        EXPECT_EQ(hint.find('{'), std::string::npos) << "unfilled placeholder: " << hint;
    }

    // The rules that reported in `report`.
    static std::set<std::string> rules_of(const json& report) {
        std::set<std::string> rules;
        for (const auto& finding : report["findings"]) rules.insert(finding["rule"].get<std::string>());
        return rules;
    }

    // The message of the finding of `rule` whose message (in any language) contains `needle`; empty if none.
    static std::string message_with(const json& report, const std::string& rule, const std::string& needle) {
        for (const json& finding : findings_of(report, rule)) {
            const std::string message = finding["message"];
            if (message.find(needle) != std::string::npos) return message;
        }
        return {};
    }
};

TEST_F(FrenchReportTest, EveryFindingOfTheSeedReportIsInFrench) {
    const std::string args = "--audience public '" + seed_report + "'";
    const json en = validate("en", args);
    const json fr = validate("fr", args);
    expect_french(en, fr);
    const std::set<std::string> rules = rules_of(fr);
    for (const char* rule :
         {"nuts-code-format/missing-code", "nuts-code-format/country-code", "mandatory-fields/recommended",
          "mandatory-fields/placeholder", "eu13-justification/eu13-undescribed",
          "confidentiality-separation/personal-meta"})
        EXPECT_TRUE(rules.count(rule)) << rule;
    // "Baden-Würrtemberg(GER) ..." (sic) has no code.
    EXPECT_EQ(message_with(fr, "nuts-code-format/missing-code", "Baden"),
              "Le code NUTS de la région « Baden-Würrtemberg » est absent ; le nom NUTS le plus proche est "
              "« Baden-Württemberg », code DE1 (NUTS 1).");
}

TEST_F(FrenchReportTest, TheTranslatedTitleOfARuleIsShownByRulesExplainAndTheHtmlReport) {
    const std::string french = "Question recommandée sans réponse";
    const Outcome rules = run("rules --lang fr");
    EXPECT_NE(rules.out.find(french), std::string::npos) << rules.out;
    const Outcome explain = run("explain mandatory-fields/recommended --lang fr");
    EXPECT_NE(explain.out.find(french), std::string::npos) << explain.out << explain.err;
    const std::string html = path("report.html");
    const Outcome report = run("validate --lang fr --format html:'" + html + "' '" + seed_report + "'");
    EXPECT_TRUE(report.code == 0 || report.code == 1) << report.err;
    const std::string page = read_file(html);
    EXPECT_NE(page.find(french), std::string::npos);
    EXPECT_EQ(page.find("Recommended question unanswered"), std::string::npos);
}

TEST_F(FrenchReportTest, UnansweredQuestionsOfEveryKindGetTheirFrenchHint) {
    const std::string args = "--profile '" + write("kinds.xml", kinds_profile) + "' '" +
                             write("kinds-export.xml", kinds_export) + "'";
    const json en = validate("en", args);
    const json fr = validate("fr", args);
    expect_french(en, fr);
    EXPECT_EQ(rules_of(fr),
              (std::set<std::string>{"mandatory-fields/missing", "mandatory-fields/missing-when-shown",
                                     "mandatory-fields/recommended", "mandatory-fields/placeholder"}));
    std::set<std::string> hints;
    for (const auto& finding : fr["findings"]) hints.insert(finding["hint"].get<std::string>());
    // Name (text), staff (choice), table and rating of c-empty; DG (choices, shown by "Yes"), matrix,
    // ranking.
    for (const char* hint : {"Saisissez une réponse.", "Sélectionnez l'une des options.",
                             "Remplissez au moins une cellule du tableau.", "Donnez au moins une note.",
                             "Sélectionnez au moins une des options. Si le choix précédent était une erreur, "
                             "modifiez-le plutôt.",
                             "Choisissez une réponse dans chaque ligne de la matrice. Les évaluateurs "
                             "attendent cette information.",
                             "Classez les éléments. Les évaluateurs attendent cette information."})
        EXPECT_TRUE(hints.count(hint)) << hint;
    // c-shown answered one of the two matrix rows.
    EXPECT_EQ(
        message_with(fr, "mandatory-fields/recommended", "Satisfaction"),
        "La question recommandée « Satisfaction » n'a pas reçu de réponse (lignes sans réponse : 1 sur 2).");
}

TEST_F(FrenchReportTest, RegionListFindingsOfEveryNutsAndEu13RuleAreInFrench) {
    const std::string args = "--data-dir '" + nuts_data_dir() + "' --profile '" +
                             write("regions.xml", regions_profile) + "' '" +
                             write("regions-export.xml", regions_export) + "'";
    const json en = validate("en", args);
    const json fr = validate("fr", args);
    expect_french(en, fr);
    const std::set<std::string> rules = rules_of(fr);
    for (const char* rule : {"nuts-code-format/missing-code", "nuts-code-format/country-code",
                             "nuts-code-format/syntax", "nuts-code-format/unknown-code",
                             "nuts-code-format/country-mismatch", "nuts-code-format/extra-regio",
                             "nuts-code-format/code-mismatch", "eu13-justification/missing-justification",
                             "eu13-justification/eu13-undescribed", "eu13-justification/undecided"})
        EXPECT_TRUE(rules.count(rule)) << rule;
    // "Oldland (FI), FI1D9" in c-2022: a 2016 code, the period's version is 2021.
    EXPECT_EQ(
        message_with(fr, "nuts-code-format/unknown-code", "2016"),
        "FI1D9 (région « Oldland ») n'est pas un code NUTS 2021, la version en vigueur pour la période de "
        "référence « January - June 2022 » ; il existe dans NUTS 2016.");
    // "Attica (GR), EL30": the ISO code of Greece.
    EXPECT_EQ(
        message_with(fr, "nuts-code-format/country-code", "« GR »"),
        "Le pays « GR » de la région « Attica » est indiqué par son code ISO ; Eurostat écrit Greece (EL).");
    // "Skane (FI), SE224": the stated country is named, not only given as its code again.
    EXPECT_EQ(
        message_with(fr, "nuts-code-format/country-mismatch", "SE224"),
        "SE224 (région « Skane ») est un code NUTS de Sweden (SE), mais le pays indiqué est « FI » (Finland "
        "(FI)).");
    // "Catalonia (ES), ES30": the code of Madrid.
    EXPECT_EQ(
        message_with(fr, "nuts-code-format/code-mismatch", "ES30"),
        "ES30 est le code de « Comunidad de Madrid », pas de « Catalonia » ; d'après son nom, la région est "
        "« Cataluña », ES51 (NUTS 2).");
    // "Bretagne (FR)": the missing code is given.
    EXPECT_EQ(message_with(fr, "nuts-code-format/missing-code", "Bretagne"),
              "Le code NUTS de la région « Bretagne » est absent ; le code Eurostat est FRH0 (NUTS 2).");
}

TEST_F(FrenchReportTest, ConfidentialityFindingsForAPublicAudienceAreInFrench) {
    const std::string args = "--audience public --profile '" + write("conf.xml", confidential_profile) +
                             "' '" + write("conf-export.xml", confidential_export) + "'";
    const json en = validate("en", args);
    const json fr = validate("fr", args);
    expect_french(en, fr);
    EXPECT_EQ(rules_of(fr), (std::set<std::string>{"confidentiality-separation/confidential-answer",
                                                   "confidentiality-separation/personal-meta",
                                                   "confidentiality-separation/reused-text",
                                                   "confidentiality-separation/contact-data"}));
    EXPECT_EQ(findings_of(fr, "confidentiality-separation/personal-meta").size(), 3u);
    EXPECT_EQ(
        message_with(fr, "confidentiality-separation/contact-data", "2 adresses"),
        "Cette réponse publique contient 2 adresses électroniques ; les coordonnées personnelles ne doivent "
        "pas être publiées.");
}

TEST_F(FrenchReportTest, HostFindingIsInFrench) {
    // An answer to a question the questionnaire does not define.
    std::string export_text = kinds_export;
    export_text.insert(export_text.find("<Answer qid=\"q-comment\">"),
                       "<Answer qid=\"q-nowhere\">stray</Answer>\n");
    const json fr = validate("fr", "--profile '" + write("kinds.xml", kinds_profile) + "' '" +
                                       write("stray.xml", export_text) + "'");
    const auto unknown = findings_of(fr, "surveycheck/unknown-question");
    ASSERT_EQ(unknown.size(), 1u);
    EXPECT_EQ(unknown[0]["message"],
              "Cette réponse renvoie au qid « q-nowhere », qu'aucun élément de l'enquête ne définit");
}

TEST_F(FrenchReportTest, LanguageWithoutTranslationsGivesTheEnglishReport) {
    const std::string args = "--audience public --data-dir '" + nuts_data_dir() + "' '" + seed_report + "'";
    EXPECT_EQ(validate("de", args), validate("en", args));
    const std::string regions = "--data-dir '" + nuts_data_dir() + "' --profile '" +
                                write("regions.xml", regions_profile) + "' '" +
                                write("regions-export.xml", regions_export) + "'";
    EXPECT_EQ(validate("de", regions), validate("en", regions));
}

TEST_F(FrenchReportTest, PluginWithoutTranslationsStaysEnglishBesideFrenchFindings) {
    const std::string args = "--plugin-dir '" SURVEYCHECK_VALID_PLUGIN_DIR "' '" + seed_report + "'";
    const json fr = validate("fr", args);
    const auto fixture = findings_of(fr, "fixture-valid/first");
    ASSERT_EQ(fixture.size(), 1u);
    EXPECT_EQ(fixture[0]["message"], "fixture finding");
    // The first-party findings of the same run are French.
    EXPECT_EQ(message_with(fr, "nuts-code-format/missing-code", "Baden"),
              "Le code NUTS de la région « Baden-Würrtemberg » est absent ; le nom NUTS le plus proche est "
              "« Baden-Württemberg », code DE1 (NUTS 1).");
}

}  // namespace
