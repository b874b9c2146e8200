// The SDK's rule test harness (testing.hpp) without the host: the mandatory-fields plugin is compiled into
// this program, its survey is built through the ABI, and its rules are called through its sc_plugin.
#include "surveycheck/testing.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

extern "C" const sc_plugin surveycheck_plugin;

namespace {

using surveycheck::testing::ContributionBuilder;
using surveycheck::testing::ReportedFinding;
using surveycheck::testing::RuleOptions;
using surveycheck::testing::Rules;
using surveycheck::testing::SurveyBuilder;

const Rules& rules() {
    static const Rules linked(surveycheck_plugin);
    return linked;
}

int no_create(const sc_rule_config*, void** instance, sc_error_buffer) {
    *instance = nullptr;
    return SC_STATUS_OK;
}
int no_check(void*, const sc_survey*, const sc_contribution*, sc_sink, sc_error_buffer) {
    return SC_STATUS_OK;
}
void no_destroy(void*) {}

TEST(RuleTesting, APluginTheHostWouldRefuseForItsTranslationsFailsItsTests) {
    static const sc_translation texts[] = {
        {sizeof(sc_translation), "en", "refused", "Value \"{value}\" refused."},
        {sizeof(sc_translation), "FR", "refused", "Valeur « {valeur} » refusée."},
        {sizeof(sc_translation), "fr", "refused", "Valeur « {valeur} » refusée."},
        {sizeof(sc_translation), "fr", "Not Kebab", "Pas kebab"}};
    sc_rule rule{};
    rule.struct_size = sizeof(sc_rule);
    rule.id = "values";
    rule.title = "Values";
    rule.docs_url = "";
    rule.create = no_create;
    rule.check = no_check;
    rule.destroy = no_destroy;
    rule.translations = texts;
    rule.translation_count = 4;
    sc_plugin plugin{};
    plugin.struct_size = sizeof(sc_plugin);
    plugin.abi_major = SC_ABI_VERSION_MAJOR;
    plugin.abi_minor = SC_ABI_VERSION_MINOR;
    plugin.name = "bad-texts";
    plugin.rules = &rule;
    plugin.rule_count = 1;
    try {
        const Rules refused(plugin);
        ADD_FAILURE() << "a plugin with bad translations was accepted";
    } catch (const std::runtime_error& error) {
        const std::string what = error.what();
        EXPECT_NE(what.find("rule bad-texts/values: translation \"FR\" \"refused\": language is not a BCP 47 "
                            "language tag; write \"fr\""),
                  std::string::npos)
            << what;
        EXPECT_NE(what.find("translation \"fr\" \"refused\": uses the placeholders {valeur}"),
                  std::string::npos)
            << what;
        EXPECT_NE(what.find("\"Not Kebab\": is not a message key"), std::string::npos) << what;
    }
}

// Reports "refused" with a message id, or without one on contribution "plain".
int check_reports_refused(void*, const sc_survey*, const sc_contribution* contribution, sc_sink sink,
                          sc_error_buffer) {
    static const char message[] = "Value \"x\" refused.";
    static const sc_message_arg arg{sizeof(sc_message_arg), {"value", 5}, {"x", 1}};
    sc_finding finding{};
    finding.struct_size = sizeof(sc_finding);
    finding.severity = SC_SEVERITY_DEFAULT;
    finding.question = finding.value = finding.text_offset = SC_NONE;
    finding.message = {message, sizeof message - 1};
    if (surveycheck::view(contribution->id) != "plain") finding.message_id = {"refused", 7};
    finding.args = &arg;
    finding.arg_count = 1;
    sink.emit(sink.context, &finding);
    return SC_STATUS_OK;
}

TEST(RuleTesting, AFindingWhoseTranslationUsesAPlaceholderItGivesNoValueForFailsTheTest) {
    static const sc_translation texts[] = {
        {sizeof(sc_translation), "fr", "refused", "Valeur « {valeur} » refusée."}};  // no "en" catalogue
    sc_rule rule{};
    rule.struct_size = sizeof(sc_rule);
    rule.id = "values";
    rule.title = "Values";
    rule.create = no_create;
    rule.check = check_reports_refused;
    rule.destroy = no_destroy;
    rule.translations = texts;
    rule.translation_count = 1;
    sc_plugin plugin{};
    plugin.struct_size = sizeof(sc_plugin);
    plugin.abi_major = SC_ABI_VERSION_MAJOR;
    plugin.abi_minor = SC_ABI_VERSION_MINOR;
    plugin.name = "placeholders";
    plugin.rules = &rule;
    plugin.rule_count = 1;
    const Rules checked(plugin);  // nothing to refuse without an English catalogue
    SurveyBuilder survey;
    survey.question(SC_QUESTION_FREE_TEXT, "Summary");
    ContributionBuilder contribution(survey);
    try {
        checked.run("values", survey.abi(), contribution.abi());
        ADD_FAILURE() << "the unfilled placeholder went unnoticed";
    } catch (const std::runtime_error& error) {
        EXPECT_EQ(std::string(error.what()),
                  "rule placeholders/values: translation \"fr\" \"refused\" uses {valeur}, which the finding "
                  "gives no value for (the host shows English instead)");
    }
    ContributionBuilder plain(survey, "plain");  // no message id: nothing to translate
    EXPECT_EQ(checked.run("values", survey.abi(), plain.abi()).size(), 1u);
}

TEST(RuleTesting, ListsThePluginsRulesByFullId) {
    EXPECT_EQ(rules().name(), "mandatory-fields");
    const auto ids = rules().rules();
    EXPECT_NE(std::find(ids.begin(), ids.end(), "mandatory-fields/missing"), ids.end());
}

TEST(RuleTesting, FindingNamesTheRuleTheSeverityTheQuestionKeyAndTheContribution) {
    SurveyBuilder survey;
    survey.question(SC_QUESTION_FREE_TEXT, "Name of the partnership", SC_REQUIREMENT_MANDATORY);
    ContributionBuilder contribution(survey, "c-7");
    const auto found = rules().run("missing", survey.abi(), contribution.abi());
    EXPECT_TRUE(findings_are(found, {{"mandatory-fields/missing", "error", "q0", 0}}));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].contribution, "c-7");
    EXPECT_NE(found[0].message.find("Name of the partnership"), std::string::npos) << found[0].message;
}

TEST(RuleTesting, FindingOnAnAnswerCarriesItsLine) {
    SurveyBuilder survey;
    const auto summary = survey.question(SC_QUESTION_FREE_TEXT, "Summary");
    ContributionBuilder contribution(survey);
    contribution.text(summary, "n/a");  // the first value: line 10
    const auto found = rules().run("mandatory-fields/placeholder", survey.abi(), contribution.abi());
    EXPECT_TRUE(findings_are(found, {{"placeholder", "warning", "q0", 10}}));
}

TEST(RuleTesting, RunAllRunsEveryRuleOfThePlugin) {
    SurveyBuilder survey;
    const auto trigger = survey.question(SC_QUESTION_SINGLE_CHOICE, "Changed?");
    survey.choices(trigger, {"Yes", "No"});
    const auto dependent =
        survey.question(SC_QUESTION_FREE_TEXT, "Describe the change", SC_REQUIREMENT_MANDATORY_WHEN_SHOWN);
    survey.depends_on(dependent, trigger, 0);
    survey.question(SC_QUESTION_FREE_TEXT, "Comments", SC_REQUIREMENT_RECOMMENDED);
    ContributionBuilder contribution(survey);
    contribution.choice(trigger, 0);
    const auto found = rules().run_all(survey.abi(), contribution.abi());
    EXPECT_TRUE(
        findings_are(found, {{"missing-when-shown", "error", "q1"}, {"recommended", "warning", "q2"}}));
}

TEST(RuleTesting, OptionsReachTheRule) {
    SurveyBuilder survey;
    const auto summary = survey.question(SC_QUESTION_FREE_TEXT, "Summary");
    ContributionBuilder contribution(survey);
    contribution.text(summary, "pending");
    RuleOptions options;
    options.options = {{"placeholders", "pending"}};
    EXPECT_TRUE(findings_are(rules().run("placeholder", survey.abi(), contribution.abi()), {}));
    EXPECT_TRUE(findings_are(rules().run("placeholder", survey.abi(), contribution.abi(), options),
                             {{"placeholder", "warning", "q0"}}));
}

TEST(RuleTesting, RuleThatRefusesItsOptionsIsARuleFailedFinding) {
    SurveyBuilder survey;
    survey.question(SC_QUESTION_FREE_TEXT, "Summary");
    ContributionBuilder contribution(survey);
    RuleOptions options;
    options.options = {{"no-such-option", "x"}};
    const auto found = rules().run("placeholder", survey.abi(), contribution.abi(), options);
    EXPECT_TRUE(findings_are(found, {{"surveycheck/rule-failed", "error", ""}}));
}

TEST(RuleTesting, UnknownRuleIsAClearError) {
    SurveyBuilder survey;
    ContributionBuilder contribution(survey);
    try {
        rules().run("no-such-rule", survey.abi(), contribution.abi());
        FAIL() << "expected an error";
    } catch (const std::runtime_error& error) {
        EXPECT_STREQ(error.what(), "plugin mandatory-fields has no rule mandatory-fields/no-such-rule");
    }
}

}  // namespace
