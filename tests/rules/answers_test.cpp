// rulekit/answers.hpp: when a question counts as answered, and when its answer is only a placeholder.
#include "surveycheck/rulekit/answers.hpp"

#include <gtest/gtest.h>

#include "surveycheck/testing/survey_builder.hpp"

namespace {

namespace sc = surveycheck;
using sc::rulekit::is_answered;
using sc::rulekit::is_placeholder_answer;
using sc::rulekit::is_placeholder_text;
using sc::rulekit::split_option_list;
using sc::testing::ContributionBuilder;
using sc::testing::SurveyBuilder;

// is_answered / is_placeholder_answer of question `q` in contribution `c`.
bool answered(SurveyBuilder& s, ContributionBuilder& c, std::uint32_t q) {
    sc::Survey survey(&s.abi());
    return is_answered(survey.question(q), sc::Contribution(&c.abi()));
}
bool placeholder(SurveyBuilder& s, ContributionBuilder& c, std::uint32_t q,
                 const std::vector<std::string>& extra = {}) {
    sc::Survey survey(&s.abi());
    return is_placeholder_answer(survey.question(q), sc::Contribution(&c.abi()), extra);
}

TEST(IsAnswered, FreeTextNeedsNonBlankText) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_FREE_TEXT, "Name");
    ContributionBuilder none(s), blank(s), html(s), text(s);
    blank.text(q, " \n ");
    html.text(q, "<p><br></p>");
    text.text(q, "<p>Jane</p>");
    EXPECT_FALSE(answered(s, none, q));
    EXPECT_FALSE(answered(s, blank, q));
    EXPECT_FALSE(answered(s, html, q));
    EXPECT_TRUE(answered(s, text, q));
}

TEST(IsAnswered, OtherKindsLikeNumbersNeedText) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_OTHER, "Budget");
    ContributionBuilder empty(s), zero(s);
    empty.text(q, "");
    zero.text(q, "0");
    EXPECT_FALSE(answered(s, empty, q));
    EXPECT_TRUE(answered(s, zero, q));
}

TEST(IsAnswered, TableNeedsOneCellWithText) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_TABLE, "Members");
    s.rows(q, {"1", "2"});
    s.columns(q, {"Name"});
    ContributionBuilder empty(s), one(s);
    empty.cell(q, 0, 0, "").cell(q, 1, 0, "   ");  // a cell value with a column but no text
    one.cell(q, 0, 0, "").cell(q, 1, 0, "Navarra");
    EXPECT_FALSE(answered(s, empty, q));
    EXPECT_TRUE(answered(s, one, q));
}

TEST(IsAnswered, MatrixNeedsAChoiceInEveryRow) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_MATRIX, "Progress");
    s.rows(q, {"A", "B", "C"});
    s.columns(q, {"Done", "Late"});
    ContributionBuilder all(s), two(s), multi(s);
    all.row_choice(q, 0, 0).row_choice(q, 1, 1).row_choice(q, 2, 0);
    two.row_choice(q, 0, 0).row_choice(q, 2, 1);                        // row B missing
    multi.row_choice(q, 0, 0).row_choice(q, 0, 1).row_choice(q, 1, 1);  // two ticks in A, none in C
    EXPECT_TRUE(answered(s, all, q));
    EXPECT_FALSE(answered(s, two, q));
    EXPECT_FALSE(answered(s, multi, q));
}

TEST(IsAnswered, ChoiceRankingAndTargetDatasetNeedAChoice) {
    for (sc_question_kind kind : {SC_QUESTION_SINGLE_CHOICE, SC_QUESTION_MULTIPLE_CHOICE, SC_QUESTION_RANKING,
                                  SC_QUESTION_TARGET_DATASET}) {
        SurveyBuilder s;
        auto q = s.question(kind, "Pick");
        s.choices(q, {"One", "Two"});
        ContributionBuilder none(s), chosen(s);
        chosen.choice(q, 1);
        EXPECT_FALSE(answered(s, none, q)) << kind;
        EXPECT_TRUE(answered(s, chosen, q)) << kind;
    }
}

TEST(IsAnswered, RankingExportedAsTextOfItemUidsIsAnswered) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_RANKING, "Rank");
    s.choices(q, {"One", "Two"});
    ContributionBuilder c(s);
    c.text(q, "uid-q0-c1;uid-q0-c0");
    EXPECT_TRUE(answered(s, c, q));
}

TEST(IsAnswered, RatingNeedsAnyRowWithAValue) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_RATING, "Rate");
    s.rows(q, {"Support", "Speed"});
    ContributionBuilder none(s), one(s);
    one.row_text(q, 1, "3/5");
    EXPECT_FALSE(answered(s, none, q));
    EXPECT_TRUE(answered(s, one, q));
}

TEST(IsAnswered, ComplexTableNeedsAnyCellWithTextOrChoice) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_COMPLEX_TABLE, "Grid");
    s.rows(q, {"cell 1", "cell 2"});
    s.choices(q, {"Yes"});
    ContributionBuilder blank(s), text(s), choice(s);
    blank.row_text(q, 0, " ");
    text.row_text(q, 1, "42");
    choice.row_choice(q, 0, 0);
    EXPECT_FALSE(answered(s, blank, q));
    EXPECT_TRUE(answered(s, text, q));
    EXPECT_TRUE(answered(s, choice, q));
}

TEST(IsPlaceholderText, BuiltInWordsAndExtraWords) {
    EXPECT_TRUE(is_placeholder_text("N/A"));
    EXPECT_TRUE(is_placeholder_text("<p> tbd </p>"));
    EXPECT_FALSE(is_placeholder_text("No"));
    EXPECT_FALSE(is_placeholder_text("Pending"));
    EXPECT_TRUE(is_placeholder_text(" <b>Pending</b> ", {"pending"}));
    EXPECT_TRUE(is_placeholder_text("TO   follow", {"to follow"}));
    EXPECT_FALSE(is_placeholder_text("Pending approval", {"pending"}));
    EXPECT_TRUE(is_placeholder_text("En attente.", {"en attente"}));
    EXPECT_TRUE(is_placeholder_text("\u00C9ventuellement", {"eventuellement"}));
    EXPECT_FALSE(is_placeholder_text("Berlin", {".", "-"}));
}

TEST(SplitOptionList, CommaSeparatedTrimmedNonEmpty) {
    EXPECT_EQ(split_option_list(" to follow , pending,,  en   attente "),
              (std::vector<std::string>{"to follow", "pending", "en attente"}));
    EXPECT_TRUE(split_option_list("").empty());
    EXPECT_TRUE(split_option_list(" , ").empty());
}

TEST(IsPlaceholderAnswer, TextWhoseEveryValueIsAPlaceholder) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_FREE_TEXT, "Lessons");
    ContributionBuilder none(s), dot(s), real(s);
    dot.text(q, ".");
    real.text(q, "No");
    EXPECT_FALSE(placeholder(s, none, q));  // no value: unanswered, not a placeholder
    EXPECT_TRUE(placeholder(s, dot, q));
    EXPECT_FALSE(placeholder(s, real, q));
}

TEST(IsPlaceholderAnswer, TableIgnoresEmptyCells) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_TABLE, "Members");
    s.rows(q, {"1", "2", "3"});
    s.columns(q, {"Name"});
    ContributionBuilder empty(s), placeholders(s), mixed(s);
    empty.cell(q, 0, 0, "").cell(q, 1, 0, "").cell(q, 2, 0, "");
    placeholders.cell(q, 0, 0, "n/a").cell(q, 1, 0, "").cell(q, 2, 0, "-");
    mixed.cell(q, 0, 0, "n/a").cell(q, 1, 0, "Navarra").cell(q, 2, 0, "");
    EXPECT_FALSE(placeholder(s, empty, q));
    EXPECT_TRUE(placeholder(s, placeholders, q));
    EXPECT_FALSE(placeholder(s, mixed, q));
}

TEST(IsPlaceholderAnswer, ChoiceKindsNeverAre) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_SINGLE_CHOICE, "Pick");
    s.choices(q, {"n/a"});
    ContributionBuilder c(s);
    c.choice(q, 0);
    EXPECT_FALSE(placeholder(s, c, q));
}

TEST(IsPlaceholderAnswer, ComplexTableWithAChoiceIsNot) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_COMPLEX_TABLE, "Grid");
    s.rows(q, {"cell 1", "cell 2"});
    s.choices(q, {"Yes"});
    ContributionBuilder text_only(s), with_choice(s);
    text_only.row_text(q, 0, "tbd");
    with_choice.row_text(q, 0, "tbd").row_choice(q, 1, 0);
    EXPECT_TRUE(placeholder(s, text_only, q));
    EXPECT_FALSE(placeholder(s, with_choice, q));
}

TEST(IsPlaceholderAnswer, ExtraWordsCount) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_FREE_TEXT, "Budget");
    ContributionBuilder c(s);
    c.text(q, "Pending");
    EXPECT_FALSE(placeholder(s, c, q));
    EXPECT_TRUE(placeholder(s, c, q, {"pending"}));
}

}  // namespace
