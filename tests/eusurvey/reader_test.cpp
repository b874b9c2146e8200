#include "eusurvey/reader.hpp"
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "read_helper.hpp"

namespace surveycheck::eusurvey {
namespace {

using testing::read_fixture;
using testing::read_ok;
using testing::results;

ReadResult read_failing(const std::string& xml) {
    Export out;
    return read_export_buffer(xml, "inline.xml", out);
}

const Element& element_with_uid(const Questionnaire& questionnaire, const std::string& uid) {
    const auto found = questionnaire.element_by_uid.find(uid);
    EXPECT_NE(found, questionnaire.element_by_uid.end()) << uid;
    return questionnaire.elements.at(found->second);
}

TEST(Reader, ReadsEveryElementKindInDocumentOrder) {
    const Export read = read_fixture("every-element-kind.xml");
    ASSERT_EQ(read.survey.questionnaires.size(), 1u);
    std::vector<std::pair<std::string, ElementKind>> got;
    for (const auto& element : read.survey.questionnaires[0].elements) {
        got.emplace_back(element.name, element.kind);
    }
    const std::vector<std::pair<std::string, ElementKind>> expected = {
        {"Section", ElementKind::section},
        {"Question", ElementKind::question},
        {"Text", ElementKind::text},
        {"Image", ElementKind::image},
        {"Question", ElementKind::question},
        {"Answer", ElementKind::choice},
        {"Answer", ElementKind::choice},
        {"Question", ElementKind::question},
        {"Answer", ElementKind::choice},
        {"Answer", ElementKind::choice},
        {"Question", ElementKind::question},
        {"MatrixTitle", ElementKind::matrix},
        {"MatrixQuestion", ElementKind::matrix_row},
        {"MatrixQuestion", ElementKind::matrix_row},
        {"MatrixAnswer", ElementKind::matrix_column},
        {"MatrixAnswer", ElementKind::matrix_column},
        {"MatrixCell", ElementKind::matrix_cell},
        {"MatrixCell", ElementKind::matrix_cell},
        {"MatrixCell", ElementKind::matrix_cell},
        {"MatrixCell", ElementKind::matrix_cell},
        {"Question", ElementKind::question},
        {"Section", ElementKind::section},
        {"TableTitle", ElementKind::table},
        {"TableQuestion", ElementKind::table_row},
        {"TableAnswer", ElementKind::table_column},
        {"Question", ElementKind::question},
        {"RankingItem", ElementKind::ranking_item},
        {"RankingItem", ElementKind::ranking_item},
        {"Question", ElementKind::question},
        {"RatingQuestion", ElementKind::rating_item},
        {"ComplexTableTitle", ElementKind::complex_table},
        {"Cell", ElementKind::cell},
        {"Cell", ElementKind::cell},
        {"Answer", ElementKind::choice},  // choice of the SingleChoice cell, right after its Cell
        {"Answer", ElementKind::choice},
        {"Question", ElementKind::question},
        {"TargetDataset", ElementKind::target_dataset},
        {"Ruler", ElementKind::unknown},  // unknown names are kept, not dropped
    };
    EXPECT_EQ(got, expected);
}

TEST(Reader, ReadsSurveyAndResultsAttributes) {
    const Export read = read_fixture("every-element-kind.xml");
    EXPECT_EQ(read.create, "2025-03-14_09-05-33");
    EXPECT_EQ(read.survey.id, "4711");
    EXPECT_EQ(read.survey.uid, "survey-uid");
    EXPECT_EQ(read.survey.alias, "every-kind");
    EXPECT_EQ(read.survey.questionnaires[0].lang, "EN");
    EXPECT_NE(read.path.find("every-element-kind.xml"), std::string::npos);
}

TEST(Reader, OneLineAndPrettyPrintedExportsGiveTheSameModel) {
    const Export pretty = read_fixture("every-element-kind.xml");
    const Export one_line = read_fixture("every-element-kind-one-line.xml");
    const auto& a = pretty.survey.questionnaires.at(0);
    const auto& b = one_line.survey.questionnaires.at(0);
    ASSERT_EQ(a.elements.size(), b.elements.size());
    for (std::size_t i = 0; i < a.elements.size(); ++i) {
        const Element& x = a.elements[i];
        const Element& y = b.elements[i];
        EXPECT_EQ(x.kind, y.kind) << i;
        EXPECT_EQ(x.uid, y.uid) << i;
        EXPECT_EQ(x.bid, y.bid) << i;
        EXPECT_EQ(x.type, y.type) << i;
        EXPECT_EQ(x.title, y.title) << i;
        EXPECT_EQ(x.raw_title, y.raw_title) << i;
        EXPECT_EQ(x.result_text, y.result_text) << i;
        EXPECT_EQ(x.dependents, y.dependents) << i;
        EXPECT_EQ(x.owner, y.owner) << i;
        EXPECT_EQ(x.parent, y.parent) << i;
    }
    ASSERT_EQ(a.questions.size(), b.questions.size());
    for (std::size_t i = 0; i < a.questions.size(); ++i) {
        EXPECT_EQ(a.questions[i].kind, b.questions[i].kind) << i;
        EXPECT_EQ(a.questions[i].choices, b.questions[i].choices) << i;
        EXPECT_EQ(a.questions[i].rows, b.questions[i].rows) << i;
        EXPECT_EQ(a.questions[i].triggers, b.questions[i].triggers) << i;
    }
    ASSERT_EQ(pretty.answer_sets.size(), one_line.answer_sets.size());
    for (std::size_t s = 0; s < pretty.answer_sets.size(); ++s) {
        const auto& x = pretty.answer_sets[s];
        const auto& y = one_line.answer_sets[s];
        EXPECT_EQ(x.attributes, y.attributes);
        ASSERT_EQ(x.answers.size(), y.answers.size());
        for (std::size_t i = 0; i < x.answers.size(); ++i) {
            EXPECT_EQ(x.answers[i].name, y.answers[i].name);
            EXPECT_EQ(x.answers[i].qid, y.answers[i].qid);
            EXPECT_EQ(x.answers[i].aid, y.answers[i].aid);
            EXPECT_EQ(x.answers[i].text, y.answers[i].text);
            EXPECT_EQ(x.answers[i].child_index, y.answers[i].child_index);
        }
    }
    // Only the positions differ: everything sits on line 2 of the one-line file.
    EXPECT_EQ(one_line.answer_sets[1].position.line, 2u);
    EXPECT_GT(pretty.answer_sets[1].position.line, 2u);
}

TEST(Reader, HtmlTitlesAreReducedToTextAndTheRawTitleIsKept) {
    const Export read = read_fixture("every-element-kind.xml");
    const auto& q = read.survey.questionnaires[0];
    EXPECT_EQ(element_with_uid(q, "s-about").raw_title, "About <b>you</b>");
    EXPECT_EQ(element_with_uid(q, "s-about").title, "About you");
    // <p>Your&nbsp;name</p><p>and role</p>: blocks become a line break, then white space collapses.
    EXPECT_EQ(element_with_uid(q, "q-name").title, "Your name and role");
    EXPECT_EQ(element_with_uid(q, "q-staff").title, "Do you work for an EU institution?");
}

TEST(Reader, ReadsBidTypeAndAttributesInAnyOrder) {
    const Export read = read_fixture("every-element-kind.xml");
    const auto& q = read.survey.questionnaires[0];
    EXPECT_EQ(element_with_uid(q, "q-staff").bid, "eu_staff");
    EXPECT_EQ(element_with_uid(q, "q-staff").type, "Single Choice");
    // <Cell column="3" row="1" id="ct-source" ...>
    const Element& cell = element_with_uid(q, "ct-source");
    EXPECT_EQ(cell.cell_row, 1);
    EXPECT_EQ(cell.cell_column, 3);
    EXPECT_EQ(cell.bid, "source");
    // <MatrixCell aid="m-col-bad" qid="m-row-office" dependenElements="q-why">
    const Element& matrix_cell = q.elements[19];
    ASSERT_EQ(matrix_cell.kind, ElementKind::matrix_cell);
    EXPECT_EQ(matrix_cell.row_uid, "m-row-office");
    EXPECT_EQ(matrix_cell.column_uid, "m-col-bad");
    EXPECT_TRUE(matrix_cell.uid.empty());
}

TEST(Reader, ReadsDependentElementsAndTheOldMisspelling) {
    const Export read = read_fixture("every-element-kind.xml");
    const auto& q = read.survey.questionnaires[0];
    EXPECT_EQ(element_with_uid(q, "pa-yes").dependents, (std::vector<std::string>{"q-dg", "t-intro"}));
    EXPECT_TRUE(element_with_uid(q, "pa-no").dependents.empty());
    EXPECT_EQ(q.elements[17].dependents, std::vector<std::string>{"q-why"});  // dependentElements
    EXPECT_EQ(q.elements[19].dependents, std::vector<std::string>{"q-why"});  // dependenElements (pre-2020)
}

TEST(Reader, ComplexTableCellKeepsCellTitleResultTextAndItsChoices) {
    const Export read = read_fixture("every-element-kind.xml");
    const auto& q = read.survey.questionnaires[0];
    const Element& amount = element_with_uid(q, "ct-amount");
    EXPECT_EQ(amount.title, "Amount");
    EXPECT_EQ(amount.result_text, "Budget : Amount : Staff");
    EXPECT_EQ(amount.type, "Number");
    const std::size_t source_index = q.element_by_uid.at("ct-source");
    EXPECT_EQ(element_with_uid(q, "ct-pa-eu").parent, source_index);
    EXPECT_EQ(element_with_uid(q, "ct-pa-own").parent, source_index);
    EXPECT_EQ(element_with_uid(q, "ct-pa-own").title, "Own");
    EXPECT_EQ(element_with_uid(q, "pa-yes").parent, npos);  // a choice directly under Elements
}

TEST(Reader, TargetDatasetDefinitionUsesItsNumericId) {
    const Export read = read_fixture("every-element-kind.xml");
    const Element& dataset = element_with_uid(read.survey.questionnaires[0], "17");
    EXPECT_EQ(dataset.kind, ElementKind::target_dataset);
    EXPECT_EQ(dataset.title, "SMEs");
}

TEST(Reader, ReadsElementsWithoutBidAndWithoutType) {
    const Export read = read_fixture("no-bid-no-type.xml");
    const auto& q = read.survey.questionnaires.at(0);
    for (const auto& element : q.elements) {
        EXPECT_TRUE(element.bid.empty()) << element.name;
        EXPECT_TRUE(element.type.empty()) << element.name;
    }
    EXPECT_EQ(element_with_uid(q, "q-name").title, "Name of the partnership");
    EXPECT_EQ(element_with_uid(q, "pa-yes").kind, ElementKind::choice);
}

TEST(Reader, KeepsAnswerSetAttributesInDocumentOrder) {
    const Export read = read_fixture("every-element-kind.xml");
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"id", "contrib-1"},
        {"create", "2025-03-10_14-22-05"},
        {"last", "2025-03-11_08-01-59"},
        {"list", "90210"},
        {"lang", "EN"},
        {"user", "jane.doe@example.eu"},
        {"invitation", ""},
        {"userlogin", "doejane"},
        {"totalscore", "7"},
    };
    EXPECT_EQ(read.answer_sets.at(0).attributes, expected);
    EXPECT_EQ(read.answer_sets[0].contribution_id(), "contrib-1");
}

TEST(Reader, AnswerSetWithOnlyListUsesItAsContributionId) {
    const Export read = read_fixture("every-element-kind.xml");
    const AnswerSet& set = read.answer_sets.at(1);  // <AnswerSet list="90188">
    ASSERT_EQ(set.attributes.size(), 1u);
    EXPECT_EQ(set.attribute("id"), "");
    EXPECT_EQ(set.attribute("lang"), "");
    EXPECT_EQ(set.contribution_id(), "90188");
    EXPECT_EQ(set.index, 2u);
    EXPECT_EQ(read.answer_sets[0].index, 1u);
}

TEST(Reader, ReadsAnswersWithQidAndAidInEitherOrder) {
    const Export read = read_fixture("every-element-kind.xml");
    const auto& answers = read.answer_sets.at(0).answers;
    // <Answer aid="m-col-bad" qid="m-row-it"></Answer>
    EXPECT_EQ(answers.at(4).qid, "m-row-it");
    EXPECT_EQ(answers.at(4).aid, "m-col-bad");
    // <Answer aid="ct-pa-eu" qid="ct-source"></Answer>
    EXPECT_EQ(answers.at(9).qid, "ct-source");
    EXPECT_EQ(answers.at(9).aid, "ct-pa-eu");
    // <Answer qid="tb-row-meet" aid="tb-col-hours">6</Answer>
    EXPECT_EQ(answers.at(5).aid, "tb-col-hours");
    EXPECT_EQ(answers.at(5).text, "6");
}

TEST(Reader, TrimsThePathBLeadingSpaceOfAid) {
    const Export read = read_fixture("every-element-kind.xml");
    EXPECT_EQ(read.answer_sets.at(0).answers.at(3).aid, "pa-hr");  // aid=" pa-hr"
}

TEST(Reader, ReadsTargetDatasetExplanationAndDiscussionAnswersButNotScores) {
    const Export read = read_fixture("every-element-kind.xml");
    const auto& answers = read.answer_sets.at(0).answers;
    ASSERT_EQ(answers.size(), 14u);  // 11 Answer + TargetDataset + Explanation + Discussion; Scores skipped
    EXPECT_EQ(answers[10].name, "TargetDataset");
    EXPECT_EQ(answers[10].qid, "q-target");
    EXPECT_EQ(answers[10].aid, "17");  // <TargetDataset qid="q-target" id="17">
    EXPECT_EQ(answers[11].name, "Explanation");
    EXPECT_EQ(answers[11].text, "Because");  // its ExplanationText
    EXPECT_EQ(answers[12].name, "Discussion");
    EXPECT_EQ(answers[12].text, "Agreed");
    for (const auto& answer : answers) {
        EXPECT_NE(answer.name, "Scores");
    }
}

TEST(Reader, NumbersAnswersAmongSiblingsOfTheSameName) {
    const Export read = read_fixture("every-element-kind.xml");
    const auto& answers = read.answer_sets.at(0).answers;
    EXPECT_EQ(answers[0].child_index, 1u);   // first Answer
    EXPECT_EQ(answers[9].child_index, 10u);  // tenth Answer
    EXPECT_EQ(answers[10].child_index, 1u);  // first TargetDataset
    EXPECT_EQ(answers[11].child_index, 1u);  // first Explanation
    EXPECT_EQ(answers[13].name, "Answer");
    EXPECT_EQ(answers[13].child_index, 11u);  // after TargetDataset, Explanation and Discussion
}

TEST(Reader, KeepsAnAnswerWhoseQidMatchesNoElement) {
    const Export read = read_fixture("every-element-kind.xml");
    const Answer& orphan = read.answer_sets.at(0).answers.at(13);
    EXPECT_EQ(orphan.qid, "q-deleted");
    EXPECT_EQ(orphan.text, "kept although no element has this uid");
    EXPECT_EQ(read.survey.questionnaires[0].element_by_uid.count("q-deleted"), 0u);
}

TEST(Reader, AnswerTextIsDecodedAndNotTrimmed) {
    const Export read = read_ok(results("<Question id=\"q\">Q</Question>",
                                        "<AnswerSet list=\"1\"><Answer qid=\"q\">  R&amp;D &lt;3 </Answer>"
                                        "<Answer qid=\"q\">   </Answer></AnswerSet>"));
    EXPECT_EQ(read.answer_sets.at(0).answers.at(0).text, "  R&D <3 ");
    EXPECT_EQ(read.answer_sets.at(0).answers.at(1).text, "   ");  // white space only is an answer text too
}

TEST(Reader, GivesLineAndColumnOfElementsAndAnswers) {
    const std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<Results create=\"x\"><Survey id=\"1\" uid=\"u\" alias=\"a\">\n"
        "  <Elements lang=\"EN\"><Question id=\"q\">Q</Question></Elements></Survey>\n"
        "<Answers><AnswerSet list=\"1\">\n"
        "    <Answer qid=\"q\">yes</Answer>\n"
        "</AnswerSet></Answers></Results>";
    const Export read = read_ok(xml);
    EXPECT_EQ(read.survey.position.line, 2u);
    EXPECT_EQ(read.survey.position.column, 21u);
    const Element& question = read.survey.questionnaires.at(0).elements.at(0);
    EXPECT_EQ(question.position.line, 3u);
    EXPECT_EQ(question.position.column, 23u);  // the '<' of <Question
    EXPECT_EQ(read.answer_sets.at(0).position.line, 4u);
    EXPECT_EQ(read.answer_sets.at(0).position.column, 10u);
    const Answer& answer = read.answer_sets.at(0).answers.at(0);
    EXPECT_EQ(answer.position.line, 5u);
    EXPECT_EQ(answer.position.column, 5u);
}

TEST(Reader, TextOffsetPointsAtTheAnswerTextInTheSource) {
    const Export read = read_fixture("every-element-kind.xml");
    const auto& answers = read.answer_sets.at(0).answers;
    EXPECT_EQ(read.source->bytes().substr(answers[0].text_offset, 13), "Jane &amp; co");
    EXPECT_EQ(answers[1].text_offset, npos);  // <Answer qid="q-staff" aid="pa-yes"></Answer>
    EXPECT_EQ(read.source->bytes().substr(answers[11].text_offset, 7), "Because");
}

TEST(Reader, PositionInTextStepsOverAnEntity) {
    const Export read = read_fixture("every-element-kind.xml");
    const Answer& answer =
        read.answer_sets.at(0).answers.at(0);  // <Answer qid="q-name">Jane &amp; co</Answer>
    ASSERT_EQ(answer.text, "Jane & co");
    const std::size_t co_in_source = read.source->bytes().find("co</Answer>");
    const Position expected = read.source->position_of(co_in_source);
    const Position got = read.source->position_in_text(answer.text_offset, answer.text.find("co"));
    EXPECT_EQ(got.line, expected.line);
    EXPECT_EQ(got.column, expected.column);
    EXPECT_EQ(got.column, answer.position.column + 32u);  // <Answer qid="q-name">Jane &amp; co
}

TEST(Reader, SecondElementsBlockIsAnotherLanguage) {
    const Export read = read_ok(
        "<Results><Survey id=\"1\" uid=\"u\" alias=\"a\">"
        "<Elements lang=\"EN\"><Question id=\"q\" type=\"Free Text\">Your name</Question></Elements>"
        "<Elements lang=\"FR\"><Question id=\"q\" type=\"Free Text\">Votre &lt;b&gt;nom&lt;/b&gt;</Question>"
        "</Elements></Survey><Answers><AnswerSet list=\"1\" lang=\"FR\"></AnswerSet></Answers></Results>");
    ASSERT_EQ(read.survey.questionnaires.size(), 2u);
    const Questionnaire* french = &read.survey.questionnaires.at(1);
    EXPECT_EQ(read.answer_sets.at(0).attribute("lang"), "FR");
    EXPECT_EQ(french->lang, "FR");
    EXPECT_EQ(french->elements.at(0).title, "Votre nom");
    EXPECT_EQ(read.survey.questionnaires.at(0).elements.at(0).title, "Your name");
    EXPECT_EQ(french->questions.size(), 1u);
}

TEST(Reader, ReadsEveryAnswersBlockInDocumentOrder) {
    // A second block (an empty one between): its contributions are contributions too.
    const Export read =
        read_ok(results("<Question id=\"q\">Q</Question>",
                        "<AnswerSet id=\"a\"/><AnswerSet id=\"b\"/></Answers><Answers/>"
                        "<Answers><AnswerSet id=\"c\"><Answer qid=\"q\">x</Answer></AnswerSet>"));
    ASSERT_EQ(read.answer_sets.size(), 3u);
    const AnswerSet& c = read.answer_sets[2];
    EXPECT_EQ(c.contribution_id(), "c");
    EXPECT_EQ(c.block, 3u);
    EXPECT_EQ(c.index, 1u);
    EXPECT_EQ(c.number, 3u);
    EXPECT_EQ(c.xpath(), "/Results/Answers[3]/AnswerSet[1]");
    EXPECT_EQ(c.answers.at(0).text, "x");
    EXPECT_EQ(read.answer_sets[1].xpath(), "/Results/Answers/AnswerSet[2]");
    EXPECT_EQ(read.answer_sets[1].number, 2u);
}

// Path B (EUSURVEY-XML.md §1.6): table cells, rating values and complex-table cells are escaped twice.
const std::string table_like =
    "<TableTitle id=\"t\" type=\"Table\">T</TableTitle><TableQuestion id=\"t-row\">Row</TableQuestion>"
    "<TableAnswer id=\"t-col\">Col</TableAnswer>"
    "<Question id=\"r\" type=\"Rating\">R</Question><RatingQuestion id=\"r-item\">Item</RatingQuestion>"
    "<ComplexTableTitle id=\"ct\">CT</ComplexTableTitle>"
    "<Cell id=\"ct-cell\" type=\"FreeText\" row=\"1\" column=\"1\"><CellTitle>C</CellTitle></Cell>"
    "<Question id=\"free\" type=\"FreeTextQuestion\">Free</Question>";

TEST(Reader, PathBTableRatingAndComplexTableCellsAreUnescapedOnce) {
    const Export read = read_ok(results(table_like,
                                        "<AnswerSet list=\"1\">"
                                        "<Answer qid=\"t-row\" aid=\"t-col\">R&amp;amp;D</Answer>"
                                        "<Answer qid=\"r-item\">&amp;lt;3&amp;gt;</Answer>"
                                        "<Answer qid=\"ct-cell\">caf&amp;#233; &amp;quot;x&amp;quot;</Answer>"
                                        "</AnswerSet>"));
    const auto& answers = read.answer_sets.at(0).answers;
    EXPECT_EQ(answers.at(0).text, "R&D");  // on disk R&amp;amp;D
    EXPECT_EQ(answers.at(1).text, "<3>");
    EXPECT_EQ(answers.at(2).text, "caf\xC3\xA9 \"x\"");
    // Offsets in the text no longer map to the source: findings on it point at the Answer element.
    EXPECT_EQ(answers.at(0).text_offset, npos);
}

TEST(Reader, PathAFreeTextAndPlainTableCellsAreNotUnescapedAgain) {
    const Export read = read_ok(results(table_like,
                                        "<AnswerSet list=\"1\">"
                                        "<Answer qid=\"free\">R&amp;D &amp;amp; &amp;#64;</Answer>"
                                        "<Answer qid=\"t-row\" aid=\"t-col\">R&amp;D &amp;x; &amp;</Answer>"
                                        "</AnswerSet>"));
    const auto& answers = read.answer_sets.at(0).answers;
    EXPECT_EQ(answers.at(0).text, "R&D &amp; &#64;");  // free text: EUSurvey unescaped it already
    EXPECT_EQ(answers.at(1).text, "R&D &x; &");        // a cell with no character reference stays
}

TEST(Reader, NotWellFormedXmlGivesTheParserMessageAndPosition) {
    // The </Survey> end tag is missing: line 3 closes Results while Survey is open.
    const ReadResult result = read_failing("<?xml version=\"1.0\"?>\n<Results><Survey>\n</Results>");
    EXPECT_EQ(result.status, ReadStatus::not_well_formed);
    EXPECT_FALSE(result);
    EXPECT_NE(result.description.find("not well-formed"), std::string::npos) << result.description;
    EXPECT_NE(result.description.find("mismatch"), std::string::npos) << result.description;
    EXPECT_EQ(result.position.line, 3u);
}

TEST(Reader, UnclosedAttributeIsNotWellFormed) {
    const ReadResult result = read_failing("<Results create=\"x><Survey/></Results>");
    EXPECT_EQ(result.status, ReadStatus::not_well_formed);
    EXPECT_EQ(result.position.line, 1u);
}

TEST(Reader, WrongRootIsNamed) {
    const ReadResult result =
        read_failing("<?xml version=\"1.0\"?>\n  <SurveyTranslation></SurveyTranslation>");
    EXPECT_EQ(result.status, ReadStatus::wrong_root);
    EXPECT_EQ(result.description, "root element is <SurveyTranslation>, expected <Results>");
    EXPECT_EQ(result.position.line, 2u);
    EXPECT_EQ(result.position.column, 3u);
}

TEST(Reader, SecondRootElementIsNotWellFormed) {
    const ReadResult result = read_failing("<Results><Survey/><Answers/></Results>\n<Results/>");
    EXPECT_EQ(result.status, ReadStatus::not_well_formed);
    EXPECT_EQ(result.position.line, 2u);
    EXPECT_EQ(result.position.column, 1u);
}

TEST(Reader, MissingSurveyIsReportedAtTheRoot) {
    const ReadResult result = read_failing("<?xml version=\"1.0\"?>\n<Results><Answers></Answers></Results>");
    EXPECT_EQ(result.status, ReadStatus::missing_survey);
    EXPECT_EQ(result.description, "<Results> has no <Survey> element");
    EXPECT_EQ(result.position.line, 2u);
    EXPECT_EQ(result.position.column, 1u);
}

TEST(Reader, MissingAnswersIsReportedAtTheRoot) {
    const ReadResult result = read_failing("<Results><Survey id=\"1\"></Survey></Results>");
    EXPECT_EQ(result.status, ReadStatus::missing_answers);
    EXPECT_EQ(result.description, "<Results> has no <Answers> element");
    EXPECT_EQ(result.position.line, 1u);
    EXPECT_EQ(result.position.column, 1u);
}

TEST(Reader, MissingFileIsFileNotFound) {
    Export out;
    const ReadResult result = read_export_file("/nonexistent/surveycheck/export.xml", out);
    EXPECT_EQ(result.status, ReadStatus::file_not_found);
    EXPECT_EQ(result.description, "no such file");
    EXPECT_EQ(out.path, "/nonexistent/surveycheck/export.xml");
}

TEST(Reader, DirectoryIsAnIoError) {
    Export out;
    const ReadResult result = read_export_file(std::string(SURVEYCHECK_TEST_DATA) + "/eusurvey", out);
    EXPECT_EQ(result.status, ReadStatus::io_error);
}

TEST(Reader, EmptyFileIsNotWellFormed) {
    const ReadResult result = read_failing(" \n");
    EXPECT_EQ(result.status, ReadStatus::not_well_formed);
    EXPECT_EQ(result.description, "the file is empty");
}

TEST(Reader, ZipArchiveIsRecognised) {
    const ReadResult result = read_failing(std::string("PK\x03\x04\x14\x00\x00\x00", 8) + "result.xml");
    EXPECT_EQ(result.status, ReadStatus::not_well_formed);
    EXPECT_NE(result.description.find("ZIP"), std::string::npos);
}

TEST(Reader, BinaryGarbageIsNotWellFormedAndDoesNotCrash) {
    std::string garbage;
    for (int i = 0; i < 4096; ++i) {
        garbage += static_cast<char>((i * 7919 + 13) % 256);
    }
    EXPECT_EQ(read_failing(garbage).status, ReadStatus::not_well_formed);
    EXPECT_EQ(read_failing("<Results").status, ReadStatus::not_well_formed);
    EXPECT_EQ(read_failing("<").status, ReadStatus::not_well_formed);
}

TEST(Reader, DeeplyNestedInputDoesNotCrash) {
    std::string deep;
    for (int i = 0; i < 200000; ++i) {
        deep += "<a>";
    }
    EXPECT_EQ(read_failing(deep).status, ReadStatus::not_well_formed);  // never closed
    for (int i = 0; i < 200000; ++i) {
        deep += "</a>";
    }
    EXPECT_EQ(read_failing(deep).status, ReadStatus::wrong_root);
}

TEST(Reader, DeclaredEntitiesAreRefusedNeverExpanded) {
    Export read;
    const ReadResult result = read_export_buffer(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE Results [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>\n"
        "<Results><Survey id=\"1\" uid=\"u\" alias=\"a\"><Elements lang=\"EN\"></Elements></Survey>"
        "<Answers><AnswerSet list=\"1\"><Answer qid=\"q\">&xxe;</Answer></AnswerSet></Answers></Results>",
        "xxe.xml", read);
    EXPECT_EQ(result.status, ReadStatus::not_well_formed);
    EXPECT_EQ(result.position.line, 2u);
    EXPECT_EQ(result.position.column, 1u);
    EXPECT_NE(result.description.find("declares entities"), std::string::npos) << result.description;
}

TEST(Reader, UndeclaredEntityStaysLiteralText) {
    const Export read = read_ok(
        "<Results><Survey id=\"1\" uid=\"u\" alias=\"a\"><Elements lang=\"EN\"></Elements></Survey>"
        "<Answers><AnswerSet list=\"1\"><Answer qid=\"q\">&xxe;</Answer></AnswerSet></Answers></Results>");
    EXPECT_EQ(read.answer_sets.at(0).answers.at(0).text, "&xxe;");
}

TEST(Reader, ReadsAFileWithAByteOrderMark) {
    const Export read =
        read_ok("\xEF\xBB\xBF<Results><Survey id=\"1\"></Survey><Answers></Answers></Results>");
    EXPECT_EQ(read.survey.position.line, 1u);
    EXPECT_EQ(read.survey.position.column, 10u);  // the BOM is not a column
}

TEST(Reader, ReadsAFileFromDisk) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("surveycheck-reader-test-" + std::to_string(::getpid()) + ".xml");
    {
        std::ofstream file(path, std::ios::binary);
        file << results("<Question id=\"q\">Q</Question>", "<AnswerSet list=\"7\"></AnswerSet>");
    }
    Export out;
    const ReadResult result = read_export_file(path.string(), out);
    std::filesystem::remove(path);
    ASSERT_TRUE(result) << result.description;
    EXPECT_EQ(out.answer_sets.at(0).contribution_id(), "7");
    EXPECT_EQ(out.path, path.string());
}

}  // namespace
}  // namespace surveycheck::eusurvey
