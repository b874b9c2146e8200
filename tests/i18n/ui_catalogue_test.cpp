// The host's UI catalogue (core/report/ui_text.cpp) is complete in French: every string has a French text
// with the same placeholders, every id the sources use is in it, and a French text or HTML report shows no
// English label of it.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "cli_fixture.hpp"
#include "engine/host_rules.hpp"
#include "report/ui_text.hpp"

namespace {

namespace fs = std::filesystem;
using surveycheck::report::ui_catalogue;
using surveycheck::test::Outcome;
using surveycheck::test::read_file;

const std::string source_dir = SURVEYCHECK_SOURCE_DIR;

// Strings that French writes as English does, on purpose.
const std::set<std::string> same_in_french = {
    "count.contribution.one",    "count.contribution.many", "text.contribution", "html.contribution-link",
    "html.contribution-heading", "html.question",           "html.items"};

std::set<std::string> placeholders(const std::string& text) {
    static const std::regex placeholder(R"(\{[a-z]+\})");
    std::set<std::string> found;
    for (std::sregex_iterator it(text.begin(), text.end(), placeholder), end; it != end; ++it)
        found.insert(it->str());
    return found;
}

TEST(UiCatalogue, EveryStringHasAFrenchTextWithTheSamePlaceholders) {
    std::set<std::string> ids;
    for (const auto& entry : ui_catalogue()) {
        const std::string id = entry.id;
        EXPECT_TRUE(ids.insert(id).second) << id << " twice";
        ASSERT_NE(entry.en, nullptr) << id;
        ASSERT_NE(entry.fr, nullptr) << id << " has no French";
        EXPECT_FALSE(std::string(entry.fr).empty()) << id << " has no French";
        if (!same_in_french.count(id)) {
            EXPECT_STRNE(entry.en, entry.fr) << id << " is not translated";
        }
        EXPECT_EQ(placeholders(entry.en), placeholders(entry.fr)) << id;
    }
    for (const auto& id : ids) {  // counts come in pairs
        const auto dot = id.rfind('.');
        const std::string suffix = id.substr(dot + 1);
        if (suffix == "one") {
            EXPECT_TRUE(ids.count(id.substr(0, dot) + ".many")) << id;
        } else if (suffix == "many") {
            EXPECT_TRUE(ids.count(id.substr(0, dot) + ".one")) << id;
        }
    }
}

// The host's texts that belong to no rule (a grouped finding's message) are French too.
TEST(UiCatalogue, EveryHostTextHasAFrenchTextWithTheSamePlaceholders) {
    ASSERT_FALSE(surveycheck::engine::host_texts().empty());
    for (const auto& text : surveycheck::engine::host_texts()) {
        ASSERT_NE(text.fr, nullptr) << text.id;
        EXPECT_STRNE(text.en, text.fr) << text.id << " is not translated";
        EXPECT_EQ(placeholders(text.en), placeholders(text.fr)) << text.id;
    }
    EXPECT_STREQ(surveycheck::engine::host_text("fr", "group.more"), "… et {n} autres");
}

// Every literal id the host's sources pass to the catalogue exists in it.
TEST(UiCatalogue, EveryIdTheSourcesUseIsInTheCatalogue) {
    std::set<std::string> ids;
    for (const auto& entry : ui_catalogue()) ids.insert(entry.id);
    static const std::regex use(R"re(\b(?:ui_?|text)\(\s*"([a-z][a-z.-]*)")re");
    static const std::regex count(R"re(\.count\([^;]*?,\s*"([a-z][a-z.-]*)"\))re");
    std::size_t uses = 0;
    for (const char* folder : {"core/report", "core/cli"}) {
        for (const auto& file : fs::directory_iterator(source_dir + "/" + folder)) {
            if (file.path().extension() != ".cpp") continue;
            const std::string code = read_file(file.path());
            for (std::sregex_iterator it(code.begin(), code.end(), use), end; it != end; ++it, ++uses)
                EXPECT_TRUE(ids.count((*it)[1].str())) << file.path().filename() << ": " << (*it)[1];
            for (std::sregex_iterator it(code.begin(), code.end(), count), end; it != end; ++it, ++uses) {
                EXPECT_TRUE(ids.count((*it)[1].str() + ".one") && ids.count((*it)[1].str() + ".many"))
                    << file.path().filename() << ": " << (*it)[1];
            }
        }
    }
    EXPECT_GT(uses, 60u);
}

// The English fragments of the catalogue a French report must not show: each English text's pieces between
// placeholders, trimmed, of three letters or more, where the French differs.
std::set<std::string> english_labels() {
    std::set<std::string> labels;
    static const std::regex pieces(R"(\{[a-z]+\})");
    for (const auto& entry : ui_catalogue()) {
        if (std::string(entry.en) == entry.fr) continue;
        const std::string en = entry.en;
        const std::string fr = entry.fr;
        for (std::sregex_token_iterator it(en.begin(), en.end(), pieces, -1), end; it != end; ++it) {
            std::string piece = it->str();
            const auto first = piece.find_first_not_of(" (),;");
            const auto last = piece.find_last_not_of(" (),;");
            if (first == std::string::npos) continue;
            piece = piece.substr(first, last - first + 1);
            std::size_t letters = 0;
            for (const char c : piece) letters += std::isalpha(static_cast<unsigned char>(c)) ? 1 : 0;
            // A piece French writes too ("contributions/s") is no English label; nor is an English word
            // that is also French ("file": "chef de file").
            if (letters >= 3 && fr.find(piece) == std::string::npos && piece != "file") labels.insert(piece);
        }
    }
    return labels;
}

// `label` stands in `text` as words of its own (not inside a longer word, a rule id or a path).
bool shows(const std::string& text, const std::string& label) {
    const auto word = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '/' || c == '_';
    };
    for (auto at = text.find(label); at != std::string::npos; at = text.find(label, at + 1)) {
        const bool starts = at == 0 || !word(text[at - 1]) || !word(label.front());
        const std::size_t end = at + label.size();
        const bool ends = end == text.size() || !word(text[end]) || !word(label.back());
        if (starts && ends) return true;
    }
    return false;
}

// `html` without the elements `tag` (their content included).
std::string without(std::string html, const std::string& tag) {
    for (auto at = html.find("<" + tag); at != std::string::npos; at = html.find("<" + tag, at)) {
        const auto end = html.find("</" + tag + ">", at);
        html.erase(at, end == std::string::npos ? std::string::npos : end + tag.size() + 3 - at);
    }
    return html;
}

// The words a reader sees of an HTML page: no tags, attributes, style or script, and no code (rule ids,
// XPaths and the filter's address syntax are not words of a language).
std::string visible_text(std::string html) {
    for (const char* tag : {"style", "script", "code"}) html = without(std::move(html), tag);
    return std::regex_replace(html, std::regex(R"(<[^>]*>)"), " ");
}

using FrenchUiTest = surveycheck::test::CliFixture;

TEST_F(FrenchUiTest, FrenchTextAndHtmlReportsShowNoEnglishLabel) {
    const std::string seed = "'" + source_dir + "/examples/s3-seed-report.xml'";
    const Outcome text = run("validate --color never --lang fr --fail-on info " + seed);
    ASSERT_EQ(text.code, 1) << text.err;
    const Outcome html = run("validate -q --lang fr --format html " + seed);
    ASSERT_EQ(html.code, 0) << html.err;
    EXPECT_NE(html.out.find("<html lang=\"fr\">"), std::string::npos);
    EXPECT_NE(html.out.find("<h2>Vue d'ensemble</h2>"), std::string::npos);
    EXPECT_NE(text.out.find("  question : "), std::string::npos) << text.out;
    EXPECT_NE(text.err.find("surveycheck: 1 fichier, 1 contribution : 0 erreur, "), std::string::npos)
        << text.err;
    const std::string page = visible_text(html.out);
    const std::set<std::string> labels = english_labels();
    ASSERT_GT(labels.size(), 50u);
    // The answers and titles of the export itself are English; they are not labels.
    const std::string data = read_file(source_dir + "/examples/s3-seed-report.xml");
    for (const auto& label : labels) {
        if (shows(data, label)) continue;
        EXPECT_FALSE(shows(text.out, label)) << "English label in the French text report: " << label;
        EXPECT_FALSE(shows(text.err, label)) << "English label in the French run summary: " << label;
        EXPECT_FALSE(shows(page, label)) << "English label in the French HTML report: " << label;
    }
}

TEST_F(FrenchUiTest, RulesAndExplainSpeakFrench) {
    const Outcome rules = run("rules --lang fr --severity mandatory-fields/recommended=info");
    ASSERT_EQ(rules.code, 0) << rules.err;
    EXPECT_NE(rules.out.find("mandatory-fields/recommended  [information, par défaut avertissement]"),
              std::string::npos)
        << rules.out;
    EXPECT_NE(rules.out.find("    plugin : mandatory-fields"), std::string::npos) << rules.out;
    EXPECT_NE(rules.out.find("    Réponse à une question que l'enquête ne définit pas\n"), std::string::npos)
        << rules.out;
    const Outcome explained = run("explain --lang fr surveycheck/unknown-question");
    ASSERT_EQ(explained.code, 0) << explained.err;
    EXPECT_EQ(
        explained.out.rfind("surveycheck/unknown-question — Réponse à une question que l'enquête ne "
                            "définit pas\n  gravité par défaut : avertissement\n  plugin : surveycheck\n",
                            0),
        0u)
        << explained.out;
    const Outcome unknown = run("explain --lang fr nothing/here");
    EXPECT_EQ(unknown.code, 2);
    EXPECT_NE(unknown.err.find("aucune règle"), std::string::npos) << unknown.err;
}

}  // namespace
