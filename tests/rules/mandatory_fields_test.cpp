// The mandatory-fields plugin, loaded from the built module and called through its exported sc_plugin.
#include <dlfcn.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "surveycheck/testing/rule_runner.hpp"
#include "surveycheck/testing/survey_builder.hpp"

namespace {

using surveycheck::testing::ContributionBuilder;
using surveycheck::testing::find_rule;
using surveycheck::testing::Reported;
using surveycheck::testing::run_rule;
using surveycheck::testing::RunResult;
using surveycheck::testing::SurveyBuilder;

const sc_plugin& plugin() {
    static const sc_plugin* loaded = [] {
        void* handle = dlopen(SURVEYCHECK_MANDATORY_FIELDS_MODULE, RTLD_NOW | RTLD_LOCAL);
        if (handle == nullptr) throw std::runtime_error(dlerror());
        void* symbol = dlsym(handle, SC_PLUGIN_ENTRY_NAME);
        if (symbol == nullptr) throw std::runtime_error(dlerror());
        return static_cast<const sc_plugin*>(symbol);
    }();
    return *loaded;
}

// Findings of rule `id` (e.g. "missing") on one contribution; fails the test when the rule itself fails.
std::vector<Reported> check(const char* id, SurveyBuilder& survey, ContributionBuilder& contribution,
                            const std::vector<std::pair<std::string, std::string>>& options = {}) {
    const sc_rule* rule = find_rule(plugin(), id);
    if (rule == nullptr) {
        ADD_FAILURE() << "no rule " << id;
        return {};
    }
    const sc_survey& s = survey.abi();
    RunResult result = run_rule(*rule, s, contribution.abi(), options);
    EXPECT_EQ(result.create_status, SC_STATUS_OK) << result.error;
    EXPECT_EQ(result.check_status, SC_STATUS_OK) << result.error;
    return result.findings;
}

// Findings of every rule of the plugin, as "<id>: <question index>".
std::vector<std::string> check_all(SurveyBuilder& survey, ContributionBuilder& contribution) {
    std::vector<std::string> out;
    for (std::uint32_t i = 0; i < plugin().rule_count; ++i)
        for (const Reported& f : check(plugin().rules[i].id, survey, contribution))
            out.push_back(std::string(plugin().rules[i].id) + ": q" + std::to_string(f.question));
    return out;
}

using Findings = std::vector<std::string>;

TEST(MandatoryFieldsPlugin, ExportsItsRulesWithSeveritiesAndDocsLinks) {
    EXPECT_EQ(plugin().abi_major, SC_ABI_VERSION_MAJOR);
    EXPECT_EQ(plugin().abi_minor, SC_ABI_VERSION_MINOR);
    EXPECT_STREQ(plugin().name, "mandatory-fields");
    ASSERT_EQ(plugin().rule_count, 4u);
    struct Expected {
        const char* id;
        sc_severity severity;
    };
    for (Expected e :
         {Expected{"missing", SC_SEVERITY_ERROR}, Expected{"missing-when-shown", SC_SEVERITY_ERROR},
          Expected{"recommended", SC_SEVERITY_WARNING}, Expected{"placeholder", SC_SEVERITY_WARNING}}) {
        const sc_rule* rule = find_rule(plugin(), e.id);
        ASSERT_NE(rule, nullptr) << e.id;
        EXPECT_EQ(rule->default_severity, static_cast<std::uint32_t>(e.severity)) << e.id;
        EXPECT_EQ(std::string(rule->docs_url), std::string("docs/rules/mandatory-fields.md#") + e.id);
    }
    const sc_rule* placeholder = find_rule(plugin(), "placeholder");
    ASSERT_EQ(placeholder->option_count, 1u);
    EXPECT_STREQ(placeholder->options[0].name, "placeholders");
    EXPECT_EQ(placeholder->options[0].type, static_cast<std::uint32_t>(SC_OPTION_STRING));
}

// --- missing
// -------------------------------------------------------------------------------------------------

TEST(Missing, MandatoryFreeTextWithoutValueIsAnErrorNamingTheQuestion) {
    SurveyBuilder s;
    s.question(SC_QUESTION_FREE_TEXT, "Name of the partnership", SC_REQUIREMENT_MANDATORY);
    ContributionBuilder c(s);  // no <Answer> at all
    auto found = check("missing", s, c);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].question, 0u);
    EXPECT_EQ(found[0].value, SC_NONE);
    EXPECT_EQ(found[0].severity, static_cast<std::uint32_t>(SC_SEVERITY_DEFAULT));
    EXPECT_NE(found[0].message.find("\"Name of the partnership\""), std::string::npos) << found[0].message;
    EXPECT_EQ(found[0].hint, "Enter an answer.");
    EXPECT_EQ(found[0].discriminator, "");
}

TEST(Missing, MandatoryFreeTextAnsweredGivesNothing) {
    SurveyBuilder s;
    s.question(SC_QUESTION_FREE_TEXT, "Name", SC_REQUIREMENT_MANDATORY);
    ContributionBuilder c(s);
    c.text(0, "Hydrogen Valleys");
    EXPECT_TRUE(check("missing", s, c).empty());
}

TEST(Missing, MandatoryFreeTextWithOnlyWhiteSpaceOrEmptyHtmlIsUnanswered) {
    for (const char* blank : {"", "   \n\t", "<p></p>", "<p> <br/> </p>"}) {
        SurveyBuilder s;
        s.question(SC_QUESTION_FREE_TEXT, "Name", SC_REQUIREMENT_MANDATORY);
        ContributionBuilder c(s);
        c.text(0, blank);
        EXPECT_EQ(check("missing", s, c).size(), 1u) << "answer: \"" << blank << "\"";
    }
}

TEST(Missing, MandatoryChoiceWithAChoiceMadeGivesNothing) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_SINGLE_CHOICE, "Is the partnership active?", SC_REQUIREMENT_MANDATORY);
    s.choices(q, {"Yes", "No"});
    ContributionBuilder c(s);
    c.choice(q, 1);  // "No" is an answer
    EXPECT_TRUE(check("missing", s, c).empty());
}

TEST(Missing, MandatoryChoiceWithoutChoiceAsksToSelectAnOption) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_MULTIPLE_CHOICE, "Which priorities?", SC_REQUIREMENT_MANDATORY);
    s.choices(q, {"Energy", "Digital"});
    ContributionBuilder c(s);
    auto found = check("missing", s, c);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].hint, "Select at least one of the options.");
}

TEST(Missing, MandatoryTableWithOneFilledCellIsAnswered) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_TABLE, "Members", SC_REQUIREMENT_MANDATORY);
    s.rows(q, {"Region 1", "Region 2"});
    s.columns(q, {"Name", "Country"});
    ContributionBuilder c(s);
    c.cell(q, 0, 0, "").cell(q, 0, 1, "").cell(q, 1, 0, "Navarra").cell(q, 1, 1, "");
    EXPECT_TRUE(check("missing", s, c).empty());
}

TEST(Missing, MandatoryTableWithAllCellsEmptyIsUnanswered) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_TABLE, "Members", SC_REQUIREMENT_MANDATORY);
    s.rows(q, {"Region 1", "Region 2"});
    s.columns(q, {"Name"});
    ContributionBuilder c(s);
    c.cell(q, 0, 0, "").cell(q, 1, 0, "  ");  // every cell is exported, all blank
    auto found = check("missing", s, c);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].hint, "Fill in at least one cell of the table.");
}

TEST(Missing, MandatoryMatrixWithEveryRowChosenIsAnswered) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_MATRIX, "Progress per action", SC_REQUIREMENT_MANDATORY);
    s.rows(q, {"Action 1", "Action 2"});
    s.columns(q, {"Done", "Ongoing"});
    ContributionBuilder c(s);
    c.row_choice(q, 0, 0).row_choice(q, 1, 1);
    EXPECT_TRUE(check("missing", s, c).empty());
}

TEST(Missing, MandatoryMatrixWithOneRowUnchosenSaysHowManyRowsMiss) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_MATRIX, "Progress per action", SC_REQUIREMENT_MANDATORY);
    s.rows(q, {"Action 1", "Action 2"});
    s.columns(q, {"Done", "Ongoing"});
    ContributionBuilder c(s);
    c.row_choice(q, 0, 0);  // Action 2 has no tick
    auto found = check("missing", s, c);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].message.find("(1 of 2 rows have no answer)"), std::string::npos) << found[0].message;
    EXPECT_EQ(found[0].hint, "Choose an answer in every row of the matrix.");
}

TEST(Missing, ChoiceOfAnOptionReplacedAfterAnsweringIsAnAnswer) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_SINGLE_CHOICE, "Reporting period", SC_REQUIREMENT_MANDATORY);
    s.choices(q, {"2021", "2022"});
    auto r = s.question(SC_QUESTION_SINGLE_CHOICE, "Partnership type", SC_REQUIREMENT_RECOMMENDED);
    s.choices(r, {"Thematic", "Regional"});
    ContributionBuilder c(s);
    c.unknown_aid(q, "a-2020").unknown_aid(r, "a-old-type");  // the host reports them as unknown-answer
    EXPECT_EQ(check_all(s, c), Findings{});
}

TEST(Missing, MatrixRowWhoseColumnWasReplacedCountsAsChosen) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_MATRIX, "Contribution to SDGs", SC_REQUIREMENT_MANDATORY);
    s.rows(q, {"No poverty", "Zero hunger"});
    s.columns(q, {"High", "Low"});
    ContributionBuilder c(s);
    c.row_choice(q, 0, 0).unknown_aid(q, "col-medium", 1);
    EXPECT_EQ(check_all(s, c), Findings{});
}

TEST(Missing, DelphiExplanationIsNeverAnAnswer) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_FREE_TEXT, "Summary", SC_REQUIREMENT_MANDATORY);
    auto r = s.question(SC_QUESTION_SINGLE_CHOICE, "Period", SC_REQUIREMENT_RECOMMENDED);
    s.choices(r, {"2021"});
    ContributionBuilder c(s);
    c.note(q, "I will write the summary later").note(r, "Because the period changed");
    EXPECT_EQ(check_all(s, c), (Findings{"missing: q0", "recommended: q1"}));
}

TEST(Missing, MandatoryWhenShownWithoutTriggerInThisExportCountsAsMandatory) {
    SurveyBuilder s;
    s.question(SC_QUESTION_FREE_TEXT, "Explain",
               SC_REQUIREMENT_MANDATORY_WHEN_SHOWN);  // no dependentElements
    ContributionBuilder c(s);
    EXPECT_EQ(check_all(s, c), (Findings{"missing: q0"}));
}

TEST(Missing, OptionalAndUnknownQuestionsUnansweredGiveNothingFromAnyRule) {
    SurveyBuilder s;
    s.question(SC_QUESTION_FREE_TEXT, "Optional", SC_REQUIREMENT_OPTIONAL);
    s.question(SC_QUESTION_FREE_TEXT, "Not in the profile", SC_REQUIREMENT_NONE);
    ContributionBuilder c(s);
    EXPECT_EQ(check_all(s, c), Findings{});
}

TEST(Missing, EachUnansweredMandatoryQuestionIsOneFinding) {
    SurveyBuilder s;
    s.question(SC_QUESTION_FREE_TEXT, "A", SC_REQUIREMENT_MANDATORY);
    s.question(SC_QUESTION_FREE_TEXT, "B", SC_REQUIREMENT_MANDATORY);
    s.question(SC_QUESTION_FREE_TEXT, "C", SC_REQUIREMENT_MANDATORY);
    ContributionBuilder c(s);
    c.text(1, "answered");
    EXPECT_EQ(check_all(s, c), (Findings{"missing: q0", "missing: q2"}));
}

// --- missing-when-shown
// ---------------------------------------------------------------------------------------

// "Did the partnership change?" Yes -> "Describe the change" (mandatory when shown).
struct ShownFixture {
    SurveyBuilder s;
    std::uint32_t trigger = s.question(SC_QUESTION_SINGLE_CHOICE, "Did the partnership change?");
    std::uint32_t dependent =
        s.question(SC_QUESTION_FREE_TEXT, "Describe the change", SC_REQUIREMENT_MANDATORY_WHEN_SHOWN);
    ShownFixture() {
        s.choices(trigger, {"Yes", "No"});
        s.depends_on(dependent, trigger, 0);
    }
};

TEST(MissingWhenShown, TriggerChosenAndUnansweredIsAnError) {
    ShownFixture f;
    ContributionBuilder c(f.s);
    c.choice(f.trigger, 0);  // "Yes" shows the question, which stays empty
    auto found = check("missing-when-shown", f.s, c);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].question, f.dependent);
    EXPECT_NE(found[0].message.find("\"Describe the change\""), std::string::npos);
    EXPECT_EQ(check_all(f.s, c), (Findings{"missing-when-shown: q1"}));
}

TEST(MissingWhenShown, TriggerChosenAndAnsweredGivesNothing) {
    ShownFixture f;
    ContributionBuilder c(f.s);
    c.choice(f.trigger, 0).text(f.dependent, "Two regions joined");
    EXPECT_EQ(check_all(f.s, c), Findings{});
}

TEST(MissingWhenShown, TriggerNotChosenGivesNothingFromAnyRule) {
    ShownFixture f;
    ContributionBuilder c(f.s);
    c.choice(f.trigger, 1);  // "No": the question is hidden
    EXPECT_EQ(check_all(f.s, c), Findings{});
    ContributionBuilder nothing(f.s);  // no choice at all
    EXPECT_EQ(check_all(f.s, nothing), Findings{});
}

// --- recommended
// ----------------------------------------------------------------------------------------------

TEST(Recommended, UnansweredIsAWarningByDefault) {
    SurveyBuilder s;
    s.question(SC_QUESTION_FREE_TEXT, "Website", SC_REQUIREMENT_RECOMMENDED);
    ContributionBuilder c(s);
    auto found = check("recommended", s, c);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, static_cast<std::uint32_t>(SC_SEVERITY_DEFAULT));
    EXPECT_NE(found[0].message.find("Recommended question \"Website\""), std::string::npos);
    EXPECT_EQ(check_all(s, c), (Findings{"recommended: q0"}));
}

TEST(Recommended, AnsweredGivesNothing) {
    SurveyBuilder s;
    s.question(SC_QUESTION_FREE_TEXT, "Website", SC_REQUIREMENT_RECOMMENDED);
    ContributionBuilder c(s);
    c.text(0, "https://example.eu");
    EXPECT_EQ(check_all(s, c), Findings{});
}

TEST(Recommended, DependentAndHiddenGivesNothingButShownDoes) {
    SurveyBuilder s;
    auto trigger = s.question(SC_QUESTION_SINGLE_CHOICE, "Any events?");
    s.choices(trigger, {"Yes", "No"});
    auto q = s.question(SC_QUESTION_FREE_TEXT, "List the events", SC_REQUIREMENT_RECOMMENDED);
    s.depends_on(q, trigger, 0);
    ContributionBuilder hidden(s);
    hidden.choice(trigger, 1);
    EXPECT_EQ(check_all(s, hidden), Findings{});
    ContributionBuilder shown(s);
    shown.choice(trigger, 0);
    EXPECT_EQ(check_all(s, shown), (Findings{"recommended: q1"}));
}

// --- placeholder
// ----------------------------------------------------------------------------------------------

class PlaceholderSpelling : public ::testing::TestWithParam<const char*> {};

TEST_P(PlaceholderSpelling, OnAnOptionalQuestionIsOneWarningAtTheValue) {
    SurveyBuilder s;
    s.question(SC_QUESTION_FREE_TEXT, "Lessons learnt");
    ContributionBuilder c(s);
    c.text(0, GetParam());
    auto found = check("placeholder", s, c);
    ASSERT_EQ(found.size(), 1u) << "answer: \"" << GetParam() << "\"";
    EXPECT_EQ(found[0].question, 0u);
    EXPECT_EQ(found[0].value, 0u);
    EXPECT_NE(found[0].message.find("\"Lessons learnt\""), std::string::npos);
    EXPECT_FALSE(found[0].hint.empty());
}

INSTANTIATE_TEST_SUITE_P(Spellings, PlaceholderSpelling,
                         ::testing::Values(".", "-", "n/a", "N/A", "none", "None", "NONE", "tbd", "TBD",
                                           "xxx", "XXX", "  n/a  ", "\tTbd\n", "<p>n/a</p>", "   ", "<p></p>",
                                           "<p>&nbsp;</p>"));

TEST(Placeholder, RealAnswersGiveNothing) {
    for (const char* real : {"No", "None of the above applied", "0", "TBD in Q3: the workshop", "Navarra"}) {
        SurveyBuilder s;
        s.question(SC_QUESTION_FREE_TEXT, "Lessons learnt");
        ContributionBuilder c(s);
        c.text(0, real);
        EXPECT_TRUE(check("placeholder", s, c).empty()) << "answer: \"" << real << "\"";
    }
}

TEST(Placeholder, MandatoryQuestionAnsweredWithPlaceholderIsAWarningNotMissing) {
    SurveyBuilder s;
    s.question(SC_QUESTION_FREE_TEXT, "Name", SC_REQUIREMENT_MANDATORY);
    ContributionBuilder c(s);
    c.text(0, "n/a");
    EXPECT_EQ(check_all(s, c), (Findings{"placeholder: q0"}));
}

TEST(Placeholder, MandatoryQuestionWithOnlyWhiteSpaceIsReportedOnceAsMissing) {
    SurveyBuilder s;
    s.question(SC_QUESTION_FREE_TEXT, "Name", SC_REQUIREMENT_MANDATORY);
    ContributionBuilder c(s);
    c.text(0, "  ");
    EXPECT_EQ(check_all(s, c), (Findings{"missing: q0"}));
}

TEST(Placeholder, TableWhoseOnlyFilledCellIsAPlaceholderIsAWarning) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_TABLE, "Members");
    s.rows(q, {"1", "2"});
    s.columns(q, {"Name"});
    ContributionBuilder c(s);
    c.cell(q, 0, 0, "").cell(q, 1, 0, "tbd");
    auto found = check("placeholder", s, c);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].value, 1u);  // points at the "tbd" cell
}

TEST(Placeholder, TableWithOneRealCellGivesNothing) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_TABLE, "Members");
    s.rows(q, {"1", "2"});
    s.columns(q, {"Name"});
    ContributionBuilder c(s);
    c.cell(q, 0, 0, "n/a").cell(q, 1, 0, "Navarra");
    EXPECT_TRUE(check("placeholder", s, c).empty());
}

TEST(Placeholder, ChoiceQuestionsAreNeverPlaceholders) {
    SurveyBuilder s;
    auto q = s.question(SC_QUESTION_SINGLE_CHOICE, "Status");
    s.choices(q, {"None"});
    ContributionBuilder c(s);
    c.choice(q, 0);  // choosing the option titled "None" is a real answer
    EXPECT_TRUE(check("placeholder", s, c).empty());
}

TEST(Placeholder, ExtraWordsFromThePlaceholdersOption) {
    SurveyBuilder s;
    s.question(SC_QUESTION_FREE_TEXT, "Budget");
    ContributionBuilder c(s);
    c.text(0, "  En Attente ");
    EXPECT_TRUE(check("placeholder", s, c).empty());  // not a built-in placeholder
    EXPECT_EQ(check("placeholder", s, c, {{"placeholders", "pending, en attente"}}).size(), 1u);
    EXPECT_TRUE(check("placeholder", s, c, {{"placeholders", "pending"}}).empty());
}

TEST(Placeholder, BuiltInEnglishAndFrenchPhrases) {
    SurveyBuilder s;
    s.question(SC_QUESTION_FREE_TEXT, "Budget");
    for (const char* text : {"TBC", "To be completed.", "see above", "\u00C0 compl\u00E9ter",
                             "Voir ci-dessus", "Lorem ipsum dolor sit amet"}) {
        ContributionBuilder c(s);
        c.text(0, text);
        EXPECT_EQ(check("placeholder", s, c).size(), 1u) << text;
    }
}

TEST(Placeholder, UnknownOptionIsRefusedAtCreate) {
    SurveyBuilder s;
    s.question(SC_QUESTION_FREE_TEXT, "Budget");
    ContributionBuilder c(s);
    RunResult r = run_rule(*find_rule(plugin(), "placeholder"), s.abi(), c.abi(), {{"placeholder", "x"}});
    EXPECT_EQ(r.create_status, SC_STATUS_INVALID_OPTION);
    EXPECT_NE(r.error.find("\"placeholder\""), std::string::npos) << r.error;
}

}  // namespace
