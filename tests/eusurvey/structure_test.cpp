#include "eusurvey/structure.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "read_helper.hpp"

namespace surveycheck::eusurvey {
namespace {

using testing::read_fixture;
using testing::read_ok;
using testing::results;

const ExportQuestion& question_of(const Questionnaire& q, const std::string& uid) {
    return q.questions.at(q.question_by_element.at(uid));
}

std::vector<std::string> uids(const Questionnaire& q, const std::vector<std::size_t>& indices) {
    std::vector<std::string> out;
    for (const auto index : indices) {
        out.push_back(q.elements.at(index).uid);
    }
    return out;
}

class EveryElementKind : public ::testing::Test {
protected:
    Export read_ = read_fixture("every-element-kind.xml");
    const Questionnaire& q_ = read_.survey.questionnaires.at(0);
};

TEST_F(EveryElementKind, QuestionsAreTheHeadsInSurveyOrderWithoutTextAndImage) {
    std::vector<std::string> heads;
    for (const auto& question : q_.questions) {
        heads.push_back(q_.elements.at(question.element).uid);
    }
    EXPECT_EQ(heads, (std::vector<std::string>{"q-name", "q-staff", "q-dg", "q-size", "m-sat", "q-why",
                                               "tb-hours", "q-rank", "q-rate", "ct-budget", "q-target"}));
    EXPECT_EQ(q_.question_by_element.count("t-intro"), 0u);
    EXPECT_EQ(q_.question_by_element.count("i-logo"), 0u);
    EXPECT_EQ(q_.question_by_element.count("s-about"), 0u);
}

TEST_F(EveryElementKind, KindComesFromElementNameAndType) {
    EXPECT_EQ(question_of(q_, "q-name").kind, QuestionKind::free_text);         // type="Free Text"
    EXPECT_EQ(question_of(q_, "q-staff").kind, QuestionKind::single_choice);    // type="Single Choice"
    EXPECT_EQ(question_of(q_, "q-dg").kind, QuestionKind::multiple_choice);     // type="Multiple Choice"
    EXPECT_EQ(question_of(q_, "q-size").kind, QuestionKind::other);             // type="Number"
    EXPECT_EQ(question_of(q_, "m-sat").kind, QuestionKind::matrix);             // <MatrixTitle>
    EXPECT_EQ(question_of(q_, "tb-hours").kind, QuestionKind::table);           // <TableTitle>
    EXPECT_EQ(question_of(q_, "q-rank").kind, QuestionKind::ranking);           // type="Ranking"
    EXPECT_EQ(question_of(q_, "q-rate").kind, QuestionKind::rating);            // type="Rating"
    EXPECT_EQ(question_of(q_, "ct-budget").kind, QuestionKind::complex_table);  // <ComplexTableTitle>
    // type="Single Choice" followed by <TargetDataset>
    EXPECT_EQ(question_of(q_, "q-target").kind, QuestionKind::target_dataset);
}

TEST_F(EveryElementKind, PartsFollowTheirHead) {
    EXPECT_EQ(uids(q_, question_of(q_, "q-staff").choices), (std::vector<std::string>{"pa-yes", "pa-no"}));
    EXPECT_EQ(uids(q_, question_of(q_, "q-dg").choices), (std::vector<std::string>{"pa-digit", "pa-hr"}));
    EXPECT_EQ(uids(q_, question_of(q_, "m-sat").rows),
              (std::vector<std::string>{"m-row-it", "m-row-office"}));
    EXPECT_EQ(uids(q_, question_of(q_, "m-sat").columns),
              (std::vector<std::string>{"m-col-good", "m-col-bad"}));
    EXPECT_EQ(uids(q_, question_of(q_, "tb-hours").rows), std::vector<std::string>{"tb-row-meet"});
    EXPECT_EQ(uids(q_, question_of(q_, "tb-hours").columns), std::vector<std::string>{"tb-col-hours"});
    EXPECT_EQ(uids(q_, question_of(q_, "q-rank").choices), (std::vector<std::string>{"rk-pay", "rk-time"}));
    EXPECT_EQ(uids(q_, question_of(q_, "q-rate").rows), std::vector<std::string>{"rt-support"});
    EXPECT_EQ(uids(q_, question_of(q_, "ct-budget").rows),
              (std::vector<std::string>{"ct-amount", "ct-source"}));
    EXPECT_EQ(uids(q_, question_of(q_, "ct-budget").choices),
              (std::vector<std::string>{"ct-pa-eu", "ct-pa-own"}));
    EXPECT_EQ(uids(q_, question_of(q_, "q-target").choices), std::vector<std::string>{"17"});
    EXPECT_TRUE(question_of(q_, "q-name").choices.empty());
}

TEST_F(EveryElementKind, EachPartNamesItsOwnerAndHeadsHaveNone) {
    const std::size_t staff = q_.element_by_uid.at("q-staff");
    EXPECT_EQ(q_.elements[q_.element_by_uid.at("pa-no")].owner, staff);
    EXPECT_EQ(q_.elements[staff].owner, npos);
    EXPECT_EQ(q_.elements[q_.element_by_uid.at("ct-pa-eu")].owner, q_.element_by_uid.at("ct-budget"));
    EXPECT_EQ(q_.elements[16].kind, ElementKind::matrix_cell);
    EXPECT_EQ(q_.elements[16].owner, q_.element_by_uid.at("m-sat"));
    EXPECT_EQ(q_.elements[q_.element_by_uid.at("t-intro")].owner, npos);
    EXPECT_EQ(q_.elements[q_.element_by_uid.at("x-ruler")].owner, npos);  // unknown element
}

TEST_F(EveryElementKind, EveryPartUidMapsToItsQuestion) {
    const std::size_t matrix = q_.question_by_element.at("m-sat");
    EXPECT_EQ(q_.question_by_element.at("m-row-office"), matrix);
    EXPECT_EQ(q_.question_by_element.at("m-col-bad"), matrix);
    EXPECT_EQ(q_.question_by_element.at("rt-support"), q_.question_by_element.at("q-rate"));
    EXPECT_EQ(q_.question_by_element.at("ct-source"), q_.question_by_element.at("ct-budget"));
    EXPECT_EQ(q_.question_by_element.at("ct-pa-eu"), q_.question_by_element.at("ct-budget"));
    EXPECT_EQ(q_.question_by_element.at("17"), q_.question_by_element.at("q-target"));
}

TEST_F(EveryElementKind, QuestionsKnowTheirSection) {
    ASSERT_EQ(uids(q_, q_.sections), (std::vector<std::string>{"s-about", "s-work"}));
    EXPECT_EQ(question_of(q_, "q-name").section, 0u);
    EXPECT_EQ(question_of(q_, "q-why").section, 0u);
    EXPECT_EQ(question_of(q_, "tb-hours").section, 1u);
    EXPECT_EQ(question_of(q_, "q-target").section, 1u);
}

TEST_F(EveryElementKind, TriggersComeFromChoiceAndMatrixCellDependencies) {
    // <Answer id="pa-yes" dependentElements="q-dg;t-intro">: t-intro is a Text, not a question.
    EXPECT_EQ(question_of(q_, "q-dg").triggers, std::vector<std::size_t>{q_.element_by_uid.at("pa-yes")});
    // Two MatrixCells (elements 17 and 19) list q-why, one with the old dependenElements spelling.
    EXPECT_EQ(question_of(q_, "q-why").triggers, (std::vector<std::size_t>{17, 19}));
    EXPECT_TRUE(question_of(q_, "q-staff").triggers.empty());
}

TEST(Structure, KindIsInferredWhenTypeIsAbsent) {
    const Export read = read_fixture("no-bid-no-type.xml");
    const Questionnaire& q = read.survey.questionnaires.at(0);
    EXPECT_EQ(question_of(q, "q-name").kind, QuestionKind::free_text);         // no parts
    EXPECT_EQ(question_of(q, "q-eu13").kind, QuestionKind::single_choice);     // followed by choice Answers
    EXPECT_EQ(question_of(q, "q-rate").kind, QuestionKind::rating);            // followed by RatingQuestion
    EXPECT_EQ(question_of(q, "q-rank").kind, QuestionKind::ranking);           // followed by RankingItem
    EXPECT_EQ(question_of(q, "q-target").kind, QuestionKind::target_dataset);  // followed by TargetDataset
    EXPECT_EQ(question_of(q, "m-1").kind, QuestionKind::matrix);
    EXPECT_EQ(question_of(q, "q-which").triggers, std::vector<std::size_t>{q.element_by_uid.at("pa-yes")});
    EXPECT_EQ(question_of(q, "q-which").section, 0u);
}

TEST(Structure, ChoiceWithoutAQuestionStaysAnOrphan) {
    const Export read =
        read_ok(results("<Section id=\"s\">S</Section><Answer id=\"pa\" type=\"Choice Answer\">Lost</Answer>"
                        "<Question id=\"q\" type=\"Free Text\">Q</Question><MatrixQuestion id=\"mq\">Not a "
                        "matrix</MatrixQuestion>",
                        ""));
    const Questionnaire& q = read.survey.questionnaires.at(0);
    EXPECT_EQ(q.elements.at(1).owner, npos);
    EXPECT_EQ(q.question_by_element.count("pa"), 0u);
    EXPECT_EQ(q.elements.at(3).owner, npos);  // a matrix row after a plain Question is not its part
    ASSERT_EQ(q.questions.size(), 1u);
    EXPECT_TRUE(q.questions[0].rows.empty());
}

TEST(Structure, TextBetweenQuestionsEndsTheChoiceList) {
    const Export read =
        read_ok(results("<Question id=\"q\" type=\"Single Choice\">Q</Question><Answer id=\"a\">A</Answer>"
                        "<Text id=\"t\">Note</Text><Answer id=\"b\">B</Answer>",
                        ""));
    const Questionnaire& q = read.survey.questionnaires.at(0);
    EXPECT_EQ(uids(q, q.questions.at(0).choices), std::vector<std::string>{"a"});
}

TEST(Structure, DerivesAHandBuiltQuestionnaire) {
    Questionnaire q;
    Element question;
    question.kind = ElementKind::question;
    question.uid = "q";
    Element choice;
    choice.kind = ElementKind::choice;
    choice.uid = "c";
    choice.dependents = {"q"};  // a choice that shows its own question: still recorded
    q.elements = {question, choice};
    derive_structure(q);
    ASSERT_EQ(q.questions.size(), 1u);
    EXPECT_EQ(q.questions[0].kind, QuestionKind::single_choice);
    EXPECT_EQ(q.questions[0].section, npos);  // before any section
    EXPECT_EQ(q.questions[0].triggers, std::vector<std::size_t>{1});
    EXPECT_EQ(q.element_by_uid.at("c"), 1u);
}

}  // namespace
}  // namespace surveycheck::eusurvey
