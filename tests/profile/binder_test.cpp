#include "profile/binder.hpp"

#include <gtest/gtest.h>

#include <string>

#include "questionnaire_builder.hpp"
#include "util/result.hpp"

namespace sp = surveycheck::profile;
using surveycheck::testing::QuestionnaireBuilder;

namespace {

sp::Profile profile_from(const std::string& xml) {
    sp::Profile profile;
    const sp::LoadResult result = sp::load_profile_buffer(xml, "inline.xml", profile);
    EXPECT_TRUE(result) << surveycheck::util::describe(result, "inline.xml");
    return profile;
}

// A header question, a public section with two questions, a confidential one with one.
const sp::Profile& form_profile() {
    static const sp::Profile profile = profile_from(R"(
<profile id="form" title="Form" version="1">
  <question key="period" requirement="mandatory"><match bid="period" title="Reporting period"/></question>
  <section key="s_public" confidentiality="public">
    <match bid="s_public" title="I. Public part"/>
    <question key="regions" requirement="recommended">
      <match bid="regions" title="Please provide the list of leading regions">
        <uid>old-regions-uid</uid>
        <uid>new-regions-uid</uid>
      </match>
    </question>
    <question key="comments" requirement="optional"><match bid="comments" title="Comments"/></question>
  </section>
  <section key="s_secret" confidentiality="confidential">
    <match bid="s_secret" title="II. Self-assessment"/>
    <question key="obstacles" requirement="optional"><match bid="obstacles" title="Obstacles"/></question>
  </section>
</profile>)");
    return profile;
}

// Profile indices of the questions and sections above.
constexpr std::size_t period = 0, regions = 1, comments = 2, obstacles = 3;
constexpr std::size_t s_public = 0, s_secret = 1;

}  // namespace

TEST(Bind, FindsQuestionsAndSectionsByBid) {
    QuestionnaireBuilder form;
    form.question("u1", "period", "Period of the report")  // titles differ: the bid decides
        .section("u2", "s_public", "Part one")
        .text("u3", "t_intro", "Introduction")
        .question("u4", "regions", "Regions")
        .question("u5", "comments", "Remarks")
        .section("u6", "s_secret", "Part two")
        .question("u7", "obstacles", "Problems");
    const sp::Binding binding = sp::bind(form_profile(), form.get());

    EXPECT_EQ(binding.question_profile, (std::vector<std::size_t>{period, regions, comments, obstacles}));
    EXPECT_EQ(binding.question_matched_by, std::vector<sp::MatchedBy>(4, sp::MatchedBy::bid));
    EXPECT_EQ(binding.section_profile, (std::vector<std::size_t>{s_public, s_secret}));
    EXPECT_TRUE(binding.missing_questions.empty());
    EXPECT_TRUE(binding.missing_sections.empty());
}

TEST(Bind, FindsAQuestionByAnyOfItsUidsWhenTheExportHasNoBid) {
    QuestionnaireBuilder form;
    form.section("s-uid", "", "I. Public part")
        .question("new-regions-uid", "", "A reworded question")  // the second uid of "regions"
        .question("old-regions-uid-not-quite", "", "Another reworded question");  // no uid, no title: unbound
    const sp::Binding binding = sp::bind(form_profile(), form.get());

    EXPECT_EQ(binding.question_profile[0], regions);
    EXPECT_EQ(binding.question_matched_by[0], sp::MatchedBy::uid);
    EXPECT_EQ(binding.question_profile[1], sp::npos);
    EXPECT_EQ(binding.question_matched_by[1], sp::MatchedBy::none);
}

TEST(Bind, FindsQuestionsAndSectionsByNormalisedTitle) {
    QuestionnaireBuilder form;
    form.question("u1", "", "<p><b>Reporting</b> period</p> *")  // HTML and the mandatory marker
        .section("u2", "", "<h2>I.&nbsp;Public   part</h2>")
        .question("u3", "",
                  "  PLEASE provide the list\n of\tleading\xC2\xA0regions ")  // case, blanks, U+00A0
        .section("u4", "", "ii. self-assessment")
        .question("u5", "", "<div>OBSTACLES</div>");
    const sp::Binding binding = sp::bind(form_profile(), form.get());

    EXPECT_EQ(binding.question_profile, (std::vector<std::size_t>{period, regions, obstacles}));
    EXPECT_EQ(binding.question_matched_by, std::vector<sp::MatchedBy>(3, sp::MatchedBy::title));
    EXPECT_EQ(binding.section_profile, (std::vector<std::size_t>{s_public, s_secret}));
}

TEST(Bind, BidIsPreferredOverATitleThatAnotherElementCarries) {
    QuestionnaireBuilder form;
    form.question("u1", "other", "Reporting period")  // title of "period", but another bid
        .question("u2", "period", "Something else");  // bid of "period"
    const sp::Binding binding = sp::bind(form_profile(), form.get());

    EXPECT_EQ(binding.question_profile[0], sp::npos);  // not taken by title: "period" is already bound
    EXPECT_EQ(binding.question_profile[1], period);
    EXPECT_EQ(binding.question_matched_by[1], sp::MatchedBy::bid);
}

TEST(Bind, AnExportQuestionIsBoundOnlyOnce) {
    const sp::Profile profile = profile_from(R"(
<profile id="twice" title="Two questions with one title" version="1">
  <question key="first" requirement="optional"><match title="Comments"/></question>
  <question key="second" requirement="optional"><match title="Comments"/></question>
</profile>)");
    QuestionnaireBuilder form;
    form.question("u1", "", "Comments");  // one export question for two profile questions
    const sp::Binding binding = sp::bind(profile, form.get());

    EXPECT_EQ(binding.question_profile, (std::vector<std::size_t>{0}));
    EXPECT_EQ(binding.missing_questions, (std::vector<std::size_t>{1}));  // "second" found nowhere
}

TEST(Bind, OfEqualTitlesTheQuestionInTheBoundSectionIsTaken) {
    const sp::Profile profile = profile_from(R"(
<profile id="sections" title="Comments in two sections" version="1">
  <section key="a" confidentiality="public">
    <match title="Part A"/>
    <question key="a_comments" requirement="optional"><match title="Comments"/></question>
  </section>
  <section key="b" confidentiality="public">
    <match title="Part B"/>
    <question key="b_comments" requirement="optional"><match title="Comments"/></question>
  </section>
</profile>)");
    QuestionnaireBuilder form;
    form.section("s1", "", "Part B")  // the export lists part B first
        .question("q1", "", "Comments")
        .section("s2", "", "Part A")
        .question("q2", "", "Comments");
    const sp::Binding binding = sp::bind(profile, form.get());

    EXPECT_EQ(binding.section_profile, (std::vector<std::size_t>{1, 0}));
    EXPECT_EQ(binding.question_profile, (std::vector<std::size_t>{1, 0}));  // each "Comments" in its own part
}

TEST(Bind, QuestionsInAConfidentialSectionAreConfidential) {
    QuestionnaireBuilder form;
    form.question("u1", "period", "Reporting period")  // header: public
        .section("u2", "s_public", "I. Public part")
        .question("u3", "regions", "Regions")      // public
        .question("u4", "", "Not in the profile")  // unbound, in a public section
        .section("u5", "s_secret", "II. Self-assessment")
        .question("u6", "obstacles", "Obstacles")       // bound, confidential section
        .question("u7", "", "Also not in the profile")  // unbound, but in the confidential section
        .question("u8", "comments", "Comments");        // bound to a public question although placed here
    const sp::Binding binding = sp::bind(form_profile(), form.get());

    // Fail closed: a public question placed in the confidential part counts as confidential (and is in
    // doubt).
    EXPECT_EQ(binding.question_confidential, (std::vector<bool>{false, false, false, true, true, true}));
    EXPECT_EQ(binding.question_doubt[5], sp::Doubt::moved);
}

TEST(Bind, AnUnboundQuestionInAnUnboundSectionIsPublic) {
    QuestionnaireBuilder form;
    form.section("u1", "", "A section the profile does not know").question("u2", "", "Unknown question");
    const sp::Binding binding = sp::bind(form_profile(), form.get());

    EXPECT_EQ(binding.section_profile, (std::vector<std::size_t>{sp::npos}));
    EXPECT_EQ(binding.question_confidential, (std::vector<bool>{false}));
}

TEST(Bind, ListsTheProfileQuestionsAndSectionsTheExportLacks) {
    QuestionnaireBuilder form;
    form.question("u1", "period", "Reporting period")
        .section("u2", "s_public", "I. Public part")
        .question("u3", "regions", "Regions");  // no "comments", no confidential section, no "obstacles"
    const sp::Binding binding = sp::bind(form_profile(), form.get());

    EXPECT_EQ(binding.missing_questions, (std::vector<std::size_t>{comments, obstacles}));
    EXPECT_EQ(binding.missing_sections, (std::vector<std::size_t>{s_secret}));
}

TEST(Bind, AnEmptyQuestionnaireMissesEverything) {
    const sp::Binding binding = sp::bind(form_profile(), surveycheck::eusurvey::Questionnaire{});

    EXPECT_TRUE(binding.question_profile.empty());
    EXPECT_TRUE(binding.question_matched_by.empty());
    EXPECT_TRUE(binding.question_confidential.empty());
    EXPECT_TRUE(binding.section_profile.empty());
    EXPECT_EQ(binding.missing_questions, (std::vector<std::size_t>{period, regions, comments, obstacles}));
    EXPECT_EQ(binding.missing_sections, (std::vector<std::size_t>{s_public, s_secret}));
}

TEST(Bind, MatrixAndTableHeadsAreQuestions) {
    const sp::Profile profile = profile_from(R"(
<profile id="grid" title="Grids" version="1">
  <question key="sdg" requirement="recommended"><match bid="sdg"/></question>
  <question key="areas" requirement="recommended"><match title="Working areas"/></question>
</profile>)");
    QuestionnaireBuilder form;
    form.question("m1", "sdg", "Goals", "MatrixTitle").question("t1", "", "Working areas", "TableTitle");
    const sp::Binding binding = sp::bind(profile, form.get());

    EXPECT_EQ(binding.question_profile, (std::vector<std::size_t>{0, 1}));
    EXPECT_TRUE(binding.missing_questions.empty());
}

namespace {

// The form of form_profile() in one language block, with element uids shared by every language.
QuestionnaireBuilder block(const std::string& lang, bool bids) {
    const bool en = lang == "EN";
    const auto bid = [&](const char* b) { return bids ? std::string(b) : std::string(); };
    QuestionnaireBuilder form;
    form.lang(lang)
        .question("u-period", bid("period"), en ? "Reporting period" : "Période de rapport")
        .section("u-public", bid("s_public"), en ? "I. Public part" : "I. Partie publique")
        .question("u-regions", bid("regions"),
                  en ? "Please provide the list of leading regions" : "Liste des régions chefs de file")
        .question("u-comments", bid("comments"), en ? "Comments" : "Commentaires")
        .section("u-secret", bid("s_secret"), en ? "II. Self-assessment" : "II. Auto-évaluation")
        .question("u-obstacles", bid("obstacles"), en ? "Obstacles" : "Difficultés");
    return form;
}

surveycheck::eusurvey::Survey survey_of(std::initializer_list<QuestionnaireBuilder> blocks) {
    surveycheck::eusurvey::Survey survey;
    for (const auto& b : blocks) survey.questionnaires.push_back(b.get());
    return survey;
}

surveycheck::eusurvey::AnswerSet answering(const std::string& lang, std::vector<std::string> qids) {
    surveycheck::eusurvey::AnswerSet set;
    if (!lang.empty()) set.attributes.emplace_back("lang", lang);
    for (auto& qid : qids) {
        surveycheck::eusurvey::Answer answer;
        answer.name = "Answer";
        answer.qid = std::move(qid);
        set.answers.push_back(answer);
    }
    return set;
}

}  // namespace

TEST(BindSurvey, BindsAFrenchBlockWithoutBidThroughTheEnglishTitlesByUid) {
    // No bid, EN + FR: the French titles match nothing, the English ones everything.
    const auto survey = survey_of({block("FR", false), block("EN", false)});
    const sp::SurveyBinding binding = sp::bind_survey(form_profile(), survey);

    EXPECT_EQ(binding.reference, 1u);
    const sp::Binding& french = binding.questionnaires[0];
    EXPECT_EQ(french.question_profile, (std::vector<std::size_t>{period, regions, comments, obstacles}));
    EXPECT_EQ(french.section_profile, (std::vector<std::size_t>{s_public, s_secret}));
    EXPECT_EQ(french.question_confidential, (std::vector<bool>{false, false, false, true}));
    EXPECT_TRUE(french.missing_questions.empty());
    EXPECT_EQ(french.question_doubt, std::vector<sp::Doubt>(4, sp::Doubt::none));
}

TEST(BindSurvey, TheBindingDoesNotDependOnTheOrderOfTheBlocks) {
    const auto en_first = sp::bind_survey(form_profile(), survey_of({block("EN", true), block("FR", true)}));
    const auto fr_first = sp::bind_survey(form_profile(), survey_of({block("FR", true), block("EN", true)}));
    // With bids both blocks bind everything: the profile's language is not said, so the lower code wins.
    EXPECT_EQ(en_first.questionnaires[en_first.reference].question_profile,
              fr_first.questionnaires[fr_first.reference].question_profile);
    EXPECT_EQ(en_first.questionnaires[0].question_confidential,
              fr_first.questionnaires[1].question_confidential);
}

TEST(BindSurvey, AnUnknownSubSectionInsideTheConfidentialPartStaysConfidential) {
    QuestionnaireBuilder form = block("EN", true);
    form.section("u-sub", "", "III.1 Details")                  // a marker the profile does not know
        .question("u-extra", "", "Anything else to tell us?");  // expect: unbound, confidential
    const auto binding = sp::bind_survey(form_profile(), survey_of({form}));
    const sp::Binding& bound = binding.questionnaires[0];

    ASSERT_EQ(bound.question_confidential.size(), 5u);
    EXPECT_FALSE(bound.question_confidential[2]);  // comments, public
    EXPECT_TRUE(bound.question_confidential[3]);   // obstacles
    EXPECT_TRUE(bound.question_confidential[4]);   // after III.1
    EXPECT_EQ(bound.question_doubt[4], sp::Doubt::unbound);
    EXPECT_TRUE(bound.section_confidential[2]);  // the sub-section itself
    EXPECT_EQ(bound.section_profile[2], sp::npos);
}

TEST(BindSurvey, AQuestionMovedOutOfItsConfidentialSectionStaysConfidentialAndIsInDoubt) {
    QuestionnaireBuilder form;
    form.question("u-period", "period", "Reporting period")
        .section("u-public", "s_public", "I. Public part")
        .question("u-obstacles", "obstacles", "Obstacles")  // expect: moved, confidential by its entry
        .question("u-regions", "regions", "Regions")
        .question("u-comments", "comments", "Comments")
        .section("u-secret", "s_secret", "II. Self-assessment")
        .question("u-late-comments", "", "Remarks");  // expect: unbound, confidential by its place
    const auto binding = sp::bind_survey(form_profile(), survey_of({form}));
    const sp::Binding& bound = binding.questionnaires[0];

    EXPECT_EQ(bound.question_doubt[1], sp::Doubt::moved);
    EXPECT_TRUE(bound.question_confidential[1]);
    EXPECT_FALSE(bound.question_confidential[2]);
    EXPECT_TRUE(bound.question_confidential[4]);
}

TEST(BindSurvey, AQuestionOfOneBlockMissingFromTheReferenceIsInDoubtNotBound) {
    QuestionnaireBuilder french = block("FR", true);
    french.question("u-only-fr", "", "Question en plus");  // expect: not in the EN block
    const auto binding = sp::bind_survey(form_profile(), survey_of({block("EN", true), french}));

    EXPECT_EQ(binding.reference, 0u);
    EXPECT_EQ(binding.questionnaires[1].question_doubt[4], sp::Doubt::not_in_block);
    EXPECT_EQ(binding.questionnaires[1].question_profile[4], sp::npos);
    EXPECT_TRUE(binding.questionnaires[1].question_confidential[4]);  // after the confidential marker
}

TEST(BindSurvey, AContributionWithoutLangIsReadWithTheBlockThatDefinesWhatItAnswers) {
    QuestionnaireBuilder french = block("FR", false);
    french.question("u-only-fr", "", "Question en plus");
    const auto survey = survey_of({french, block("EN", false)});
    const auto binding = sp::bind_survey(form_profile(), survey);

    EXPECT_EQ(sp::questionnaire_for(binding, survey, answering("", {"u-period", "u-only-fr"})), 0u);
    // Both blocks define these: the reference block (EN, where the titles bound), not the first one.
    EXPECT_EQ(sp::questionnaire_for(binding, survey, answering("", {"u-period", "u-regions"})), 1u);
    EXPECT_EQ(sp::questionnaire_for(binding, survey, answering("fr", {"u-period"})), 0u);
    EXPECT_EQ(sp::questionnaire_for(binding, survey, answering("DE", {"u-period"})), 1u);
}
