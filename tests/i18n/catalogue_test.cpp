// The French catalogue of the first-party plugins is complete: every rule has a French title, and every
// message id a rule's source can report has a French text in that rule (as `rules --format json` lists it).
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "cli_fixture.hpp"

namespace {

using nlohmann::json;
using surveycheck::test::Outcome;
using surveycheck::test::read_file;

const std::string source_dir = SURVEYCHECK_SOURCE_DIR;

// The first-party plugins and the source file that holds their rules.
const std::map<std::string, std::string> plugin_sources = {
    {"mandatory-fields", "plugins/mandatory-fields/mandatory_fields.cpp"},
    {"nuts-code-format", "plugins/nuts-code-format/nuts_code_format.cpp"},
    {"eu13-justification", "plugins/eu13-justification/eu13_justification.cpp"},
    {"confidentiality-separation", "plugins/confidentiality-separation/confidentiality_separation.cpp"},
    {"report-consistency", "plugins/report-consistency/report_consistency.cpp"},
};

// The message ids a source reports: `Message{"id"`, and `{"id", "English text"` pairs (an English text starts
// with a capital, a quote or a placeholder; `{"fr", "title", ...}` translations and RuleInfo do not match).
std::set<std::string> message_ids(const std::string& source) {
    static const std::regex rule_info(R"re(RuleInfo info\{\s*"[a-z0-9-]+",)re");
    static const std::regex message(R"re(Message\{\s*"([a-z0-9.-]+)")re");
    static const std::regex pair(R"re(\{\s*"([a-z0-9.-]+)",\s*"(?:[A-Z{]|\\"))re");
    const std::string code = std::regex_replace(source, rule_info, "RuleInfo info{");
    std::set<std::string> ids;
    for (const std::regex* pattern : {&message, &pair})
        for (std::sregex_iterator it(code.begin(), code.end(), *pattern), end; it != end; ++it)
            ids.insert((*it)[1].str());
    return ids;
}

// The end of the block whose '{' is at `open`, skipping braces in string and character literals and comments.
std::size_t block_end(const std::string& code, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < code.size(); ++i) {
        const char c = code[i];
        if (c == '"' || c == '\'') {
            for (++i; i < code.size() && code[i] != c; ++i)
                if (code[i] == '\\') ++i;
        } else if (c == '/' && i + 1 < code.size() && code[i + 1] == '/') {
            i = code.find('\n', i);
            if (i == std::string::npos) return code.size();
        } else if (c == '{') {
            ++depth;
        } else if (c == '}' && --depth == 0) {
            return i;
        }
    }
    return code.size();
}

// What a plugin's source reports: the ids inside each rule class (by rule id), and those outside any rule
// class (helpers several rules share).
struct SourceIds {
    std::map<std::string, std::set<std::string>> by_rule;
    std::set<std::string> shared;
};

SourceIds source_ids(const std::string& code) {
    static const std::regex rule_class(R"re(class \w+ final : public \w+ \{)re");
    static const std::regex rule_id(R"re(RuleInfo info\{\s*"([a-z0-9-]+)")re");
    SourceIds out;
    std::string outside;
    std::size_t from = 0;
    for (std::sregex_iterator it(code.begin(), code.end(), rule_class), end; it != end; ++it) {
        const std::size_t open = static_cast<std::size_t>(it->position() + it->length() - 1);
        const std::size_t close = block_end(code, open);
        const std::string body = code.substr(open, close - open);
        std::smatch id;
        EXPECT_TRUE(std::regex_search(body, id, rule_id)) << "a rule class without RuleInfo: " << it->str();
        out.by_rule[id[1].str()] = message_ids(body);
        outside += code.substr(from, static_cast<std::size_t>(it->position()) - from);
        from = close;
    }
    outside += code.substr(std::min(from, code.size()));
    out.shared = message_ids(outside);
    return out;
}

class CatalogueTest : public surveycheck::test::CliFixture {
protected:
    // The French texts of every rule of the listing, by full rule id and key.
    std::map<std::string, std::map<std::string, std::string>> french_by_rule() const {
        const Outcome result = run("rules --format json");
        EXPECT_EQ(result.code, 0) << result.err;
        std::map<std::string, std::map<std::string, std::string>> french;
        const json listing = json::parse(result.out);
        for (const auto& rule : listing["rules"]) {
            auto& texts = french[rule["id"].get<std::string>()];
            for (const auto& entry : rule["translations"])
                if (entry["lang"] == "fr")
                    texts[entry["key"].get<std::string>()] = entry["text"].get<std::string>();
        }
        return french;
    }
};

TEST(CatalogueSourceScan, FindsTheIdsOfEachRuleClassAndOfSharedHelpers) {
    const SourceIds ids = source_ids(R"(
Message hint() { return Message{"shared.hint", "Shared."}; }
class First final : public Rule {
    static constexpr Translation translations[] = {{"fr", "title", "Premier"}, {"fr", "one", "Un"}};
    static constexpr RuleInfo info{"first", "First", "", Severity::error, "", {}, translations};
    void check() { reporter.report(q, Message{"one", "One {x}.", {{"x", value}}}, hint()); }
};
class Second final : public Rule {
    static constexpr RuleInfo info{
        "second", "Second"};
    void check() { why = {"two", "\"{code}\" two"}; }
};
)");
    EXPECT_EQ(ids.by_rule.at("first"), (std::set<std::string>{"one"}));
    EXPECT_EQ(ids.by_rule.at("second"), (std::set<std::string>{"two"}));
    EXPECT_EQ(ids.shared, (std::set<std::string>{"shared.hint"}));
}

TEST_F(CatalogueTest, EveryFirstPartyRuleHasAFrenchTitle) {
    const auto french = french_by_rule();
    std::size_t rules = 0;
    for (const auto& [rule, texts] : french) {
        const std::string plugin = rule.substr(0, rule.find('/'));
        if (!plugin_sources.count(plugin)) continue;
        ++rules;
        EXPECT_TRUE(texts.count("title")) << rule << " has no French title";
    }
    EXPECT_EQ(rules, 25u) << "4 + 8 + 3 + 4 + 6 rules";
}

TEST_F(CatalogueTest, EveryMessageIdARuleReportsHasAFrenchText) {
    const auto french = french_by_rule();
    for (const auto& [plugin, file] : plugin_sources) {
        const std::string code = read_file(source_dir + "/" + file);
        ASSERT_FALSE(code.empty()) << file;
        const SourceIds ids = source_ids(code);
        EXPECT_GE(ids.by_rule.size(), 3u) << file;
        std::set<std::string> translated_anywhere;
        for (const auto& [rule, reported] : ids.by_rule) {
            const auto texts = french.find(plugin + "/" + rule);
            ASSERT_NE(texts, french.end()) << plugin << "/" << rule << " is not listed";
            for (const std::string& id : reported)
                EXPECT_TRUE(texts->second.count(id))
                    << plugin << "/" << rule << ": no French text for " << id;
            for (const auto& [key, text] : texts->second) {
                translated_anywhere.insert(key);
                // A translation of an id the rule no longer reports is stale (shared helpers' ids excepted;
                // "group" is the message of the rule's grouped findings).
                EXPECT_TRUE(key == "title" || key == "group" || reported.count(key) || ids.shared.count(key))
                    << plugin << "/" << rule << ": French text for unknown id " << key;
            }
        }
        EXPECT_GT(translated_anywhere.size(), 1u) << plugin << ": only titles are translated";
        for (const std::string& id : ids.shared)
            EXPECT_TRUE(translated_anywhere.count(id)) << plugin << ": no rule has a French text for " << id;
    }
}

TEST_F(CatalogueTest, FrenchTextsHaveWellFormedPlaceholders) {
    static const std::regex placeholder(R"(\{[a-z_]+\})");
    for (const auto& [rule, texts] : french_by_rule()) {
        if (!plugin_sources.count(rule.substr(0, rule.find('/')))) continue;
        for (const auto& [key, text] : texts) {
            const std::string rest = std::regex_replace(text, placeholder, "");
            EXPECT_EQ(rest.find_first_of("{}"), std::string::npos) << rule << " " << key << ": " << text;
        }
    }
}

}  // namespace
