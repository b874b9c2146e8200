// Rule tests of the {{name}} rules: each builds a questionnaire and a contribution through the ABI and calls
// the rule directly (surveycheck/testing.hpp), without the host, an export or a profile.
#include <gtest/gtest.h>
#include <surveycheck/testing.hpp>

extern "C" const sc_plugin surveycheck_plugin;  // defined by SURVEYCHECK_PLUGIN in src/rules.cpp

namespace {

using surveycheck::testing::ContributionBuilder;
using surveycheck::testing::findings_are;
using surveycheck::testing::RuleOptions;
using surveycheck::testing::Rules;
using surveycheck::testing::SurveyBuilder;

const Rules& rules() {
    static const Rules linked(surveycheck_plugin);
    return linked;
}

TEST(ShortAnswerRule, TwoWordAnswerIsReportedAtItsValue) {
    SurveyBuilder survey;
    const auto summary = survey.question(SC_QUESTION_FREE_TEXT, "Summary");  // key "q0"
    ContributionBuilder contribution(survey);
    contribution.text(summary, "All fine.");  // the contribution's first value: line 10
    EXPECT_TRUE(findings_are(rules().run("short-answer", survey.abi(), contribution.abi()),
                             {{"{{name}}/short-answer", "warning", "q0", 10}}));
}

TEST(ShortAnswerRule, ChoiceQuestionsAreNotChecked) {
    SurveyBuilder survey;
    const auto active = survey.question(SC_QUESTION_SINGLE_CHOICE, "Is the partnership active?");
    survey.choices(active, {"Yes", "No"});
    ContributionBuilder contribution(survey);
    contribution.choice(active, 0);
    EXPECT_TRUE(findings_are(rules().run("short-answer", survey.abi(), contribution.abi()), {}));
}

TEST(ShortAnswerRule, MinWordsOptionRaisesTheBar) {
    SurveyBuilder survey;
    const auto summary = survey.question(SC_QUESTION_FREE_TEXT, "Summary");
    ContributionBuilder contribution(survey);
    contribution.text(summary, "The partnership met twice.");
    RuleOptions options;
    options.options = {{"min-words", "6"}};
    EXPECT_TRUE(findings_are(rules().run("short-answer", survey.abi(), contribution.abi()), {}));
    EXPECT_TRUE(findings_are(rules().run("short-answer", survey.abi(), contribution.abi(), options),
                             {{"short-answer", "warning", "q0"}}));
}

}  // namespace
