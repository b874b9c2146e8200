// The checks of a rule's translations, as the host makes them at load and the rule test harness in its tests.
#include "surveycheck/rulekit/translations.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using surveycheck::rulekit::check_translations;
using surveycheck::rulekit::describe;
using surveycheck::rulekit::TranslationLevel;
using surveycheck::rulekit::TranslationText;

// The problems of `texts` for a rule titled "Value refused", one line each.
std::vector<std::string> problems_of(const std::vector<TranslationText>& texts) {
    std::vector<std::string> lines;
    for (const auto& problem : check_translations("Value refused", texts)) {
        lines.push_back(std::string(problem.level == TranslationLevel::error ? "error " : "warning ") +
                        describe(problem, "my-rules/values"));
    }
    return lines;
}

const TranslationText english{"en", "refused", "Value \"{value}\" refused."};

TEST(Translations, ACompleteTranslationWithTheSamePlaceholdersPasses) {
    EXPECT_TRUE(problems_of({english,
                             {"en", "refused.hint", "Give another value."},
                             {"fr", "title", "Valeur refusée"},
                             {"fr", "refused", "Valeur « {value} » refusée."},
                             {"fr", "refused.hint", "Donnez une autre valeur."},
                             {"pt-BR", "title", "Valor recusado"},
                             {"pt-BR", "refused", "Valor \"{value}\" recusado."},
                             {"pt-BR", "refused.hint", "Dê outro valor."}})
                    .empty());
}

TEST(Translations, APlaceholderTheEnglishTextLacksIsAnError) {
    EXPECT_EQ(
        problems_of(
            {english, {"fr", "title", "Valeur refusée"}, {"fr", "refused", "Valeur « {valeur} » refusée."}}),
        std::vector<std::string>{
            "error rule my-rules/values: translation \"fr\" \"refused\": uses the placeholders {valeur} "
            "where the English text has {value}"});
}

TEST(Translations, AnEnglishGroupTextAloneIsNoCatalogueAndItsFrenchIsChecked) {
    // A rule without an English catalogue may still give the message of its grouped findings.
    const std::vector<TranslationText> texts = {{"en", "group", "{count} values refused: {summary}"},
                                                {"fr", "title", "Valeur refusée"},
                                                {"fr", "refused", "Valeur « {value} » refusée."},
                                                {"fr", "group", "{count} valeurs refusées : {summary}"}};
    EXPECT_TRUE(problems_of(texts).empty()) << problems_of(texts).front();
    EXPECT_EQ(problems_of({{"en", "group", "{count} values refused: {summary}"},
                           {"fr", "group", "{nombre} valeurs refusées : {summary}"}}),
              std::vector<std::string>{"error rule my-rules/values: translation \"fr\" \"group\": uses the "
                                       "placeholders {nombre}, {summary} where the English text has {count}, "
                                       "{summary}"});
}

TEST(Translations, APlaceholderLeftOutIsAnErrorToo) {
    EXPECT_EQ(
        problems_of({english, {"fr", "title", "Valeur refusée"}, {"fr", "refused", "Valeur refusée."}}),
        std::vector<std::string>{
            "error rule my-rules/values: translation \"fr\" \"refused\": uses the placeholders none where "
            "the English text has {value}"});
}

TEST(Translations, AnUpperCaseLanguageIsRefusedWithTheTagItMeans) {
    EXPECT_EQ(problems_of({{"FR", "title", "Valeur refusée"}}),
              std::vector<std::string>{"error rule my-rules/values: translation \"FR\" \"title\": language "
                                       "is not a BCP 47 language tag; write \"fr\""});
    EXPECT_EQ(problems_of({{"pt_br", "title", "Valor recusado"}}),
              std::vector<std::string>{
                  "error rule my-rules/values: translation \"pt_br\" \"title\": language is not a BCP 47 "
                  "language tag; write \"pt-BR\""});
}

TEST(Translations, AMessageIdThatIsNotKebabCaseIsAnError) {
    EXPECT_EQ(problems_of({{"fr", "Not Kebab", "Pas kebab"}}),
              std::vector<std::string>{
                  "error rule my-rules/values: translation \"fr\" \"Not Kebab\": is not a message key: "
                  "kebab-case ids "
                  "([a-z0-9]+(-[a-z0-9]+)*) joined by dots, such as \"too-short\" or \"too-short.hint\", or "
                  "\"title\""});
}

TEST(Translations, AKeyTheEnglishCatalogueLacksIsAnUnusedKeyError) {
    EXPECT_EQ(
        problems_of({english,
                     {"fr", "title", "Valeur refusée"},
                     {"fr", "refused", "Valeur « {value} » refusée."},
                     {"fr", "forgotten", "Plus utilisé."}}),
        std::vector<std::string>{
            "error rule my-rules/values: translation \"fr\" \"forgotten\": names no message of the rule "
            "(no \"en\" text has this key)"});
}

TEST(Translations, ALanguageThatTranslatesOnlySomeTextsIsAPartialWarning) {
    EXPECT_EQ(problems_of({english, {"fr", "title", "Valeur refusée"}}),
              std::vector<std::string>{"warning rule my-rules/values: translation \"fr\": translates 1 of 2 "
                                       "texts (English is shown for refused)"});
}

TEST(Translations, TheTitleIsCheckedAgainstTheRuleTitleWithoutACatalogue) {
    EXPECT_EQ(
        problems_of({{"fr", "title", "Valeur {x} refusée"}}),
        std::vector<std::string>{
            "error rule my-rules/values: translation \"fr\" \"title\": uses the placeholders {x} where the "
            "English text has none"});
}

TEST(Translations, LanguageTagsAndKeysFollowTheirGrammar) {
    using surveycheck::rulekit::is_language_tag;
    using surveycheck::rulekit::is_message_key;
    for (const char* tag : {"fr", "de", "pt-BR", "sr-Latn", "es-419", "gsw"})
        EXPECT_TRUE(is_language_tag(tag)) << tag;
    for (const char* tag : {"", "FR", "Fr", "pt-br", "pt_BR", "f", "french", "fr-", "-fr", "fr-BR-BR"})
        EXPECT_FALSE(is_language_tag(tag)) << tag;
    for (const char* key : {"title", "too-short", "too-short.hint", "missing-code.city", "a1-b2"})
        EXPECT_TRUE(is_message_key(key)) << key;
    for (const char* key : {"", "Not Kebab", "too_short", "-x", "x-", "a--b", "x.", ".hint", "a..b"})
        EXPECT_FALSE(is_message_key(key)) << key;
}

TEST(Translations, PlaceholdersSkipEscapedBraces) {
    using surveycheck::rulekit::placeholders;
    EXPECT_EQ(placeholders("{a} {{literal}} {b}}} {"), (std::set<std::string>{"a", "b"}));
}

}  // namespace
