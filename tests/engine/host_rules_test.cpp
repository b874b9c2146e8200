// The host's own rules are declared as a plugin declares its rules: every rule has a French title, every
// message the host reports has English and French with the same placeholders, and a message the table lacks
// is a programming error, not an empty finding.
#include "engine/host_rules.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <stdexcept>
#include <string>

namespace {

using namespace surveycheck::engine;

// The {name} placeholders of `text`.
std::set<std::string> placeholders(const std::string& text) {
    static const std::regex placeholder(R"(\{([a-z_]+)\})");
    std::set<std::string> names;
    for (std::sregex_iterator it(text.begin(), text.end(), placeholder), end; it != end; ++it)
        names.insert((*it)[1].str());
    return names;
}

TEST(HostRules, EveryRuleIsASurveycheckRuleWithTitleDescriptionDocsAndFrenchTitle) {
    ASSERT_FALSE(host_rules().empty());
    for (const RunRule& rule : host_rules()) {
        EXPECT_EQ(rule.id.rfind("surveycheck/", 0), 0u) << rule.id;
        EXPECT_EQ(rule.plugin, "surveycheck");
        EXPECT_FALSE(rule.title.empty()) << rule.id;
        EXPECT_FALSE(rule.description.empty()) << rule.id;
        EXPECT_NE(rule.docs_url.find("docs/rules/surveycheck.md#" + rule.id.substr(12)), std::string::npos)
            << rule.docs_url;
        EXPECT_EQ(rule.rule, nullptr) << "host rules are not called through the ABI";
        bool french_title = false;
        for (const TranslationEntry& entry : rule.translations) french_title |= entry.key == "title";
        EXPECT_TRUE(french_title) << rule.id;
    }
}

TEST(HostRules, EveryMessageHasEnglishAndFrenchWithTheSamePlaceholders) {
    std::size_t messages = 0;
    for (const RunRule& rule : host_rules()) {
        for (const TranslationEntry& french : rule.translations) {
            if (french.key == "title") continue;
            EXPECT_EQ(french.lang, "fr");
            Finding finding;
            set_host_text(finding, rule, french.key.c_str(), french.key.c_str(), {});
            EXPECT_FALSE(finding.message.empty()) << rule.id << " " << french.key;
            EXPECT_EQ(placeholders(finding.message), placeholders(french.text))
                << rule.id << " " << french.key;
            ++messages;
        }
    }
    EXPECT_GE(messages, 30u);
}

TEST(HostRules, FindingCarriesTheRuleTheTextFilledAndTheIds) {
    const RunRule& rule = host_rules().front();  // unknown-question
    ASSERT_EQ(rule.id, "surveycheck/unknown-question");
    const Finding finding = host_finding(rule, {"export.xml", "c-1", {3, 7}, "/Results"}, "unknown-qid",
                                         "unknown-qid.hint", {{"qid", "q-9"}}, {rule.id, "q-9"});
    EXPECT_EQ(finding.rule, rule.id);
    EXPECT_EQ(finding.severity, rule.severity);
    EXPECT_EQ(finding.message, "This answer refers to qid \"q-9\", which no element of the survey defines");
    EXPECT_EQ(finding.message_id, "unknown-qid");
    EXPECT_EQ(finding.hint_id, "unknown-qid.hint");
    EXPECT_EQ(finding.file, "export.xml");
    EXPECT_EQ(finding.contribution, "c-1");
    EXPECT_EQ(finding.position.line, 3u);
    EXPECT_EQ(finding.fingerprint, fingerprint_of({rule.id, "q-9"}));
}

TEST(HostRules, MessageTheTableLacksIsAProgrammingError) {
    const RunRule& rule = host_rules().front();
    EXPECT_THROW(host_finding(rule, {}, "no-such-message", "unknown-qid.hint", {}, {rule.id}),
                 std::logic_error);
}

}  // namespace
