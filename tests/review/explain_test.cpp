// `surveycheck explain`: a rule's metadata and its section of docs/rules/<plugin>.md, for every loaded rule.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "cli_fixture.hpp"

namespace {

using nlohmann::json;
using surveycheck::test::Outcome;
using ExplainTest = surveycheck::test::CliFixture;

TEST_F(ExplainTest, EveryLoadedRuleHasItsDocumentationSection) {
    const Outcome listing = run("rules --format json");
    ASSERT_EQ(listing.code, 0) << listing.err;
    const json rules = json::parse(listing.out)["rules"];
    ASSERT_GT(rules.size(), 20u);
    for (const auto& rule : rules) {
        const std::string id = rule["id"];
        const Outcome explained = run("explain " + id);
        EXPECT_EQ(explained.code, 0) << id << ": " << explained.err;
        EXPECT_EQ(explained.out.rfind(id + " — ", 0), 0u) << explained.out;
        const std::string check = id.substr(id.find('/') + 1);
        EXPECT_NE(explained.out.find("\n## " + check + "\n"), std::string::npos)
            << id << " has no section in its docs page:\n"
            << explained.out;
    }
}

TEST_F(ExplainTest, ShowsSeverityOptionsAndTheDocsLink) {
    const Outcome result =
        run("explain mandatory-fields/placeholder --severity mandatory-fields/placeholder=error");
    ASSERT_EQ(result.code, 0) << result.err;
    EXPECT_NE(result.out.find("default severity: warning (this run: error)"), std::string::npos)
        << result.out;
    EXPECT_NE(result.out.find("option placeholders (string"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("docs: https://"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("\n## placeholder\n"), std::string::npos) << "the page is read offline";
    EXPECT_EQ(result.out.find("\n## recommended"), std::string::npos) << "only the rule's own section";
}

TEST_F(ExplainTest, PluginNameExplainsAllItsRules) {
    const Outcome result = run("explain mandatory-fields");
    ASSERT_EQ(result.code, 0) << result.err;
    for (const char* id : {"mandatory-fields/missing — ", "mandatory-fields/missing-when-shown — ",
                           "mandatory-fields/recommended — ", "mandatory-fields/placeholder — "}) {
        EXPECT_NE(result.out.find(id), std::string::npos) << id;
    }
}

TEST_F(ExplainTest, AllExplainsEveryLoadedRuleWithItsSectionInListingOrder) {
    const Outcome listing = run("rules --format json");
    ASSERT_EQ(listing.code, 0) << listing.err;
    const Outcome result = run("explain all");
    ASSERT_EQ(result.code, 0) << result.err;
    std::size_t from = 0;
    const json listed = json::parse(listing.out);  // outlives the loop over its part
    for (const auto& rule : listed["rules"]) {
        const std::string id = rule["id"];
        const std::size_t at = result.out.find((from == 0 ? "" : "\n") + id + " — ", from);
        ASSERT_NE(at, std::string::npos) << id << " missing or out of order";
        const std::string check = id.substr(id.find('/') + 1);
        EXPECT_NE(result.out.find("\n## " + check + "\n", at), std::string::npos) << id;
        from = at + 1;
    }
}

TEST_F(ExplainTest, DocsUrlChangesTheLinkAndThePageIsStillReadLocally) {
    const Outcome result = run("explain mandatory-fields/placeholder --docs-url https://intranet.example/sc");
    ASSERT_EQ(result.code, 0) << result.err;
    EXPECT_NE(
        result.out.find("  docs: https://intranet.example/sc/docs/rules/mandatory-fields.md#placeholder\n"),
        std::string::npos)
        << result.out;
    EXPECT_NE(result.out.find("\n## placeholder\n"), std::string::npos) << result.out;
    const Outcome refused = run("explain mandatory-fields/placeholder --docs-url javascript:alert(1)");
    EXPECT_EQ(refused.code, 2) << refused.out;
}

TEST_F(ExplainTest, UnknownRuleIsAUsageError) {
    const Outcome result = run("explain mandatory-fields/missin");
    EXPECT_EQ(result.code, 2);
    EXPECT_NE(result.err.find("mandatory-fields/missin"), std::string::npos) << result.err;
}

}  // namespace
