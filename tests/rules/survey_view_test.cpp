// survey_view.hpp: the read-only views over sc_survey and sc_contribution.
#include "surveycheck/survey_view.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "surveycheck/testing/survey_builder.hpp"

namespace {

namespace sc = surveycheck;
using sc::testing::ContributionBuilder;
using sc::testing::SurveyBuilder;

// Section "Public" with a region table, section "Budget" (confidential) with a free-text question.
struct TwoSections {
    SurveyBuilder s;
    std::uint32_t name, regions, budget;
    TwoSections() {
        s.section("Public");
        name = s.question(SC_QUESTION_FREE_TEXT, "Partnership name", SC_REQUIREMENT_MANDATORY);
        s.at(name).key = "partnership_name";
        s.at(name).bid = "pname";
        s.at(name).type = "Free Text";
        s.at(name).roles = {{"partnership-name", ""}};
        regions = s.question(SC_QUESTION_TABLE, "Regions");
        s.at(regions).roles = {{"region-list", "nuts"}, {"eu13-statement", ""}};
        s.rows(regions, {"Lead", "Member"});
        s.columns(regions, {"Region", "Country"});
        s.section("Budget", true);
        budget = s.question(SC_QUESTION_FREE_TEXT, "Budget", SC_REQUIREMENT_MANDATORY_WHEN_SHOWN);
        s.at(budget).roles = {{"region-list", ""}};
    }
};

TEST(SurveyView, QuestionAccessorsReadTheBoundQuestion) {
    TwoSections f;
    sc::Survey survey(&f.s.abi());
    ASSERT_EQ(survey.questions().size(), 3u);
    sc::Question q = survey.question(f.name);
    EXPECT_EQ(q.index(), 0u);
    EXPECT_EQ(q.key(), "partnership_name");
    EXPECT_EQ(q.uid(), "uid-q0");
    EXPECT_EQ(q.bid(), "pname");
    EXPECT_EQ(q.title(), "Partnership name");
    EXPECT_EQ(q.type(), "Free Text");
    EXPECT_EQ(q.kind(), sc::QuestionKind::free_text);
    EXPECT_EQ(q.requirement(), sc::Requirement::mandatory);
    EXPECT_FALSE(q.dependent());
    EXPECT_EQ(survey.question(f.budget).requirement(), sc::Requirement::mandatory_when_shown);
}

TEST(SurveyView, ConfidentialComesFromTheSection) {
    TwoSections f;
    sc::Survey survey(&f.s.abi());
    ASSERT_TRUE(survey.question(f.name).section().has_value());
    EXPECT_EQ(survey.question(f.name).section()->title(), "Public");
    EXPECT_FALSE(survey.question(f.name).confidential());
    EXPECT_TRUE(survey.question(f.budget).confidential());
    EXPECT_EQ(survey.sections().size(), 2u);
}

TEST(SurveyView, QuestionBeforeAnySectionHasNone) {
    SurveyBuilder s;
    s.question(SC_QUESTION_FREE_TEXT, "First");
    sc::Survey survey(&s.abi());
    EXPECT_FALSE(survey.question(0).section().has_value());
    EXPECT_FALSE(survey.question(0).confidential());
}

TEST(SurveyView, RowsColumnsAndChoicesAreItemViews) {
    TwoSections f;
    sc::Survey survey(&f.s.abi());
    sc::Question q = survey.question(f.regions);
    ASSERT_EQ(q.rows().size(), 2u);
    EXPECT_EQ(q.rows()[1].title(), "Member");
    EXPECT_EQ(q.rows()[1].index(), 1u);
    std::vector<std::string> columns;
    for (sc::Item column : q.columns()) columns.emplace_back(column.title());
    EXPECT_EQ(columns, (std::vector<std::string>{"Region", "Country"}));
    EXPECT_TRUE(q.choices().empty());
}

TEST(SurveyView, LookupByKeyAndByRole) {
    TwoSections f;
    sc::Survey survey(&f.s.abi());
    ASSERT_TRUE(survey.question_by_key("partnership_name").has_value());
    EXPECT_EQ(survey.question_by_key("partnership_name")->index(), f.name);
    EXPECT_FALSE(survey.question_by_key("no_such_key").has_value());
    EXPECT_FALSE(survey.question_by_key("").has_value());
    auto lists = survey.questions_with_role("region-list");
    ASSERT_EQ(lists.size(), 2u);
    EXPECT_EQ(lists[0].index(), f.regions);
    EXPECT_EQ(lists[1].index(), f.budget);
    EXPECT_TRUE(survey.question(f.regions).has_role("eu13-statement"));
    EXPECT_FALSE(survey.question(f.name).has_role("region-list"));
    EXPECT_EQ(survey.question(f.regions).role_format("region-list"), "nuts");
    EXPECT_EQ(survey.question(f.name).role_format("region-list"), "");
}

TEST(ContributionView, ValuesOfAQuestionAndAttributes) {
    TwoSections f;
    ContributionBuilder c(f.s, "abc-123");
    c.attribute("lang", "EN")
        .text(f.budget, "1000 EUR")
        .cell(f.regions, 1, 0, "ES22")
        .text(f.name, "Hydrogen");
    sc::Survey survey(&f.s.abi());
    sc::Contribution contribution(&c.abi());
    EXPECT_EQ(contribution.id(), "abc-123");
    EXPECT_EQ(contribution.attribute("lang"), "EN");
    EXPECT_EQ(contribution.attribute("user"), "");
    EXPECT_EQ(contribution.values().size(), 3u);
    auto cells = contribution.values_of(survey.question(f.regions));
    ASSERT_EQ(cells.size(), 1u);
    sc::Value cell = cells[0];
    EXPECT_EQ(cell.index(), 1u);  // grouped by question: name, regions, budget
    EXPECT_EQ(cell.question(), f.regions);
    EXPECT_EQ(cell.row(), 1u);
    EXPECT_EQ(cell.choice(), 0u);
    EXPECT_EQ(cell.text(), "ES22");
    EXPECT_GT(cell.line(), 0u);
    EXPECT_EQ(contribution.values_of(survey.question(f.budget))[0].text(), "1000 EUR");
    EXPECT_EQ(contribution.values_of(survey.question(f.name))[0].row(), sc::none);
}

TEST(ContributionView, ShownFollowsTheTrigger) {
    SurveyBuilder s;
    auto trigger = s.question(SC_QUESTION_SINGLE_CHOICE, "Changed?");
    s.choices(trigger, {"Yes", "No"});
    auto q = s.question(SC_QUESTION_FREE_TEXT, "How?");
    s.depends_on(q, trigger, 0);
    sc::Survey survey(&s.abi());
    EXPECT_TRUE(survey.question(q).dependent());
    ContributionBuilder yes(s), no(s);
    yes.choice(trigger, 0);
    no.choice(trigger, 1);
    EXPECT_TRUE(sc::Contribution(&yes.abi()).shown(survey.question(q)));
    EXPECT_FALSE(sc::Contribution(&no.abi()).shown(survey.question(q)));
    EXPECT_TRUE(sc::Contribution(&no.abi()).shown(survey.question(trigger)));
}

TEST(ContributionView, ValueKeepsTheAidEvenWhenItNamesNoChoice) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_SINGLE_CHOICE, "Period");
    s.choices(q, {"2020", "2021"});
    ContributionBuilder c(s);
    c.choice(q, 1).unknown_aid(q, "a-replaced");
    sc::Survey survey(&s.abi());
    sc::Contribution contribution(&c.abi());
    auto values = contribution.values_of(survey.question(q));
    ASSERT_EQ(values.size(), 2u);
    EXPECT_EQ(values[0].choice(), 1u);
    EXPECT_EQ(values[0].aid(), "uid-q0-c1");
    EXPECT_EQ(values[1].choice(), sc::none);
    EXPECT_EQ(values[1].aid(), "a-replaced");  // an option replaced after answering
}

TEST(ContributionView, NotesComeAfterTheValuesAndAreNoValuesOfTheirQuestion) {
    TwoSections f;
    ContributionBuilder c(f.s);
    c.text(f.name, "Hydrogen").note(f.budget, "see the annex").note(f.name, "write to jane@example.eu");
    sc::Survey survey(&f.s.abi());
    sc::Contribution contribution(&c.abi());
    EXPECT_EQ(contribution.values().size(), 1u);
    EXPECT_EQ(contribution.values_of(survey.question(f.budget)).size(), 0u);
    ASSERT_EQ(contribution.note_count(), 2u);
    // Grouped by question like values; a note's index is value count + its position among the notes.
    const std::vector<sc::Value> name_notes = contribution.notes_of(survey.question(f.name));
    ASSERT_EQ(name_notes.size(), 1u);
    EXPECT_TRUE(name_notes[0].is_note());
    EXPECT_EQ(name_notes[0].index(), 1u);
    EXPECT_EQ(name_notes[0].text(), "write to jane@example.eu");
    EXPECT_EQ(name_notes[0].row(), sc::none);
    EXPECT_EQ(name_notes[0].choice(), sc::none);
    EXPECT_EQ(contribution.notes()[1].text(), "see the annex");
    EXPECT_EQ(contribution.notes()[1].index(), 2u);
    EXPECT_FALSE(contribution.values()[0].is_note());
}

// A host of ABI 1.0 writes shorter sc_value and sc_contribution structs: no aid, no notes, values still read.
TEST(ContributionView, ReadsTheShorterStructsOfAnAbi10HostAsNoAidAndNoNotes) {
    TwoSections f;
    ContributionBuilder c(f.s);
    c.text(f.name, "Hydrogen").cell(f.regions, 1, 0, "ES22").note(f.name, "ignored by a 1.0 host");
    c.as_abi_1_0();
    sc::Survey survey(&f.s.abi());
    sc::Contribution contribution(&c.abi());
    ASSERT_LT(contribution.abi()->values[0].struct_size, sizeof(sc_value));
    ASSERT_EQ(contribution.values().size(), 2u);
    EXPECT_EQ(contribution.values()[1].text(), "ES22");  // stepped by the host's struct_size
    EXPECT_EQ(contribution.values()[1].aid(), "");
    EXPECT_EQ(contribution.note_count(), 0u);
    EXPECT_TRUE(contribution.notes().empty());
    EXPECT_TRUE(contribution.notes_of(survey.question(f.name)).empty());
}

// A host built with a newer minor version appends fields: views must step over the longer structs.
TEST(SurveyView, ReadsArraysOfLongerStructsFromANewerHost) {
    struct NewerItem {
        sc_item item;
        std::uint64_t appended;
    };
    std::string a = "first", b = "second";
    NewerItem items[2] = {{{sizeof(NewerItem), {}, {}, {a.data(), a.size()}}, 1},
                          {{sizeof(NewerItem), {}, {}, {b.data(), b.size()}}, 2}};
    sc::Range<sc::Item, const sc_item*> range(&items[0].item, 0, 2);
    EXPECT_EQ(range[1].title(), "second");
}

}  // namespace
