// A plugin test program for the rule-coverage check: fixture-valid/first fires, fixture-valid/second never
// does.
#include "surveycheck/test_runner.hpp"
#include "surveycheck/testing.hpp"

#include <gtest/gtest.h>

namespace {

TEST(CoverageProbe, OnlyTheFirstRuleFires) {
    const surveycheck::testing::Plugin plugin(SURVEYCHECK_FIXTURE_VALID_MODULE);
    const auto found = plugin.run_all(surveycheck::testing::Xml::file(SURVEYCHECK_SEED_REPORT));
    EXPECT_TRUE(findings_are(found, {{"fixture-valid/first", "error", "", 0}}));
}

}  // namespace
