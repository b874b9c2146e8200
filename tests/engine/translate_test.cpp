// Translation of findings: a rule's text in the chosen language, English where it has none or where the
// translation would show a placeholder the finding gives no value for.
#include "engine/translate.hpp"

#include <gtest/gtest.h>

namespace {

using namespace surveycheck;
using namespace surveycheck::engine;

int create_nothing(const sc_rule_config*, void** instance, sc_error_buffer) {
    *instance = nullptr;
    return SC_STATUS_OK;
}
int check_nothing(void*, const sc_survey*, const sc_contribution*, sc_sink, sc_error_buffer) { return 0; }
void destroy_nothing(void*) {}

const sc_translation texts[] = {
    {sizeof(sc_translation), "fr", "refused", "Valeur « {valeur} » refusée."},  // no "en" catalogue
    {sizeof(sc_translation), "fr", "refused.hint", "Donnez autre chose que {value}."}};

sc_rule values_rule() {
    sc_rule rule{};
    rule.struct_size = sizeof(sc_rule);
    rule.id = "values";
    rule.title = "Values";
    rule.create = create_nothing;
    rule.check = check_nothing;
    rule.destroy = destroy_nothing;
    rule.translations = texts;
    rule.translation_count = 2;
    return rule;
}

TEST(Translator, ATranslationWithAPlaceholderTheFindingLacksLeavesTheEnglishText) {
    static const sc_rule rule = values_rule();
    const RuleSet rules({host::LoadedRule{"my-rules/values", "my-rules", "my-rules.so", false, &rule, false}},
                        Selection{});
    Finding finding;
    finding.rule = "my-rules/values";
    finding.message = "Value \"x\" refused.";
    finding.hint = "Give something else than x.";
    finding.message_id = "refused";
    finding.hint_id = "refused.hint";
    finding.args = {{"value", "x"}};
    std::vector<Finding> findings{finding};
    Translator("fr", rules).apply(findings);
    EXPECT_EQ(findings[0].message, "Value \"x\" refused.") << "never « {valeur} »";
    EXPECT_EQ(findings[0].hint, "Donnez autre chose que x.");
}

}  // namespace
