// The rules' documentation links: a declared page on the run's docs base, the build's default base usable off
// the build machine, and the local page `explain` reads offline.
#include <gtest/gtest.h>

#include <string>

#include "engine/host_rules.hpp"
#include "engine/rule_set.hpp"

namespace {

using surveycheck::engine::default_docs_base;
using surveycheck::engine::docs_url_on;
using surveycheck::engine::local_docs_url;

TEST(DocsUrl, DeclaredPageGoesOnTheBaseWithOneSlash) {
    const std::string page = "docs/rules/mandatory-fields.md#missing";
    EXPECT_EQ(docs_url_on(page, "https://example.org/sc/"),
              "https://example.org/sc/docs/rules/mandatory-fields.md#missing");
    EXPECT_EQ(docs_url_on(page, "https://example.org/sc"),
              "https://example.org/sc/docs/rules/mandatory-fields.md#missing");
    EXPECT_EQ(docs_url_on("/" + page, "https://example.org/sc/"),
              "https://example.org/sc/docs/rules/mandatory-fields.md#missing");
    EXPECT_EQ(docs_url_on("./" + page, "file:///opt/sc/"),
              "file:///opt/sc/docs/rules/mandatory-fields.md#missing");
}

TEST(DocsUrl, AbsoluteAndEmptyDeclarationsStayAsTheyAre) {
    EXPECT_EQ(docs_url_on("https://vendor.example/rules#x", "https://example.org/sc/"),
              "https://vendor.example/rules#x");
    EXPECT_EQ(docs_url_on("", "https://example.org/sc/"), "");
}

TEST(DocsUrl, DefaultBaseIsAWebAddressNotAPathOfTheBuildMachine) {
    const std::string base = default_docs_base();
    EXPECT_EQ(base.rfind("https://", 0), 0u) << base;
    EXPECT_EQ(base.find(SURVEYCHECK_SOURCE_DIR), std::string::npos) << base;
    for (const auto& rule : surveycheck::engine::host_rules()) {
        EXPECT_EQ(rule.docs_url, base + rule.docs_path) << rule.id;
        EXPECT_EQ(rule.docs_path.rfind("docs/rules/surveycheck.md#", 0), 0u) << rule.id;
    }
}

TEST(DocsUrl, LocalPageIsAFileOfThisMachine) {
    const std::string local = local_docs_url("docs/rules/surveycheck.md#unknown-question");
    EXPECT_EQ(local.rfind("file://", 0), 0u) << local;
    EXPECT_NE(local.find("rules/surveycheck.md#unknown-question"), std::string::npos) << local;
    EXPECT_EQ(local_docs_url("https://vendor.example/rules#x"), "https://vendor.example/rules#x");
}

}  // namespace
