// Tests of region-consistency, run on the built plugin exactly as `surveycheck validate` runs it.
#include <gtest/gtest.h>
#include <surveycheck/test_runner.hpp>
#include <surveycheck/testing.hpp>

#include <string>

namespace {

using surveycheck::testing::findings_are;
using surveycheck::testing::Plugin;
using surveycheck::testing::RunOptions;
using surveycheck::testing::Xml;

const Plugin& plugin() {
    static const Plugin loaded(PLUGIN_MODULE);
    return loaded;
}

// Two region lists, keyed as in the S3 profile.
RunOptions two_lists_profile() {
    RunOptions options;
    options.profile = Xml::text(R"(<?xml version="1.0" encoding="UTF-8"?>
<profile id="regions" title="Regions" version="1">
  <question key="leading_regions" requirement="recommended"><match bid="leading" title="Leading regions"/></question>
  <question key="participating_regions" requirement="recommended">
    <match bid="participating" title="Participating regions"/></question>
</profile>
)");
    return options;
}

// An export whose one contribution answers the leading regions from line 8 on, then the participating ones.
Xml two_lists(const std::string& leading, const std::string& participating) {
    return Xml::text(R"(<?xml version="1.0" encoding="UTF-8"?>
<Results create="2025-01-01_00-00-00"><Survey id="1" uid="u-survey" alias="regions">
<Elements lang="EN">
<Question id="q-leading" type="Free Text" bid="leading">Leading regions</Question>
<Question id="q-participating" type="Free Text" bid="participating">Participating regions</Question>
</Elements></Survey>
<Answers><AnswerSet id="c-1" list="1" lang="EN">
<Answer qid="q-leading">)" +
                     leading + R"(</Answer>
<Answer qid="q-participating">)" +
                     participating + R"(</Answer>
</AnswerSet></Answers></Results>
)");
}

TEST(LeadingNotParticipating, SeedReportLeadingRegionAuvergneRhoneAlpesIsNotParticipating) {
    // Leading: "Auvergne-Rhône-Alpes\nSouth Netherlands"; participating lists South Netherlands(NL) only.
    const auto found = plugin().run("leading-not-participating", Xml::file(SEED_REPORT));
    ASSERT_TRUE(findings_are(
        found, {{"region-consistency/leading-not-participating", "warning", "leading_regions"}}));
    EXPECT_NE(found[0].message.find("Auvergne-Rhône-Alpes"), std::string::npos) << found[0].message;
}

TEST(LeadingNotParticipating, NamesMatchWithoutCaseAccentsHyphensOrCountry) {
    const auto found = plugin().run(
        "leading-not-participating",
        two_lists("Île-de-France\nsouth netherlands", "Ile de France (FR), FR10\nSouth Netherlands (NL)"),
        two_lists_profile());
    EXPECT_TRUE(findings_are(found, {}));
}

TEST(LeadingNotParticipating, EachMissingLeadingRegionIsReportedAtItsOwnLine) {
    // Lapland on line 8, Navarra on line 9 (participating), Tuscany on line 10.
    const auto found =
        plugin().run("leading-not-participating", two_lists("Lapland\nNavarra\nTuscany", "Navarra (ESP)"),
                     two_lists_profile());
    EXPECT_TRUE(findings_are(found, {{"leading-not-participating", "warning", "leading_regions", 8},
                                     {"leading-not-participating", "warning", "leading_regions", 10}}));
}

TEST(LeadingNotParticipating, NothingIsReportedWhileTheParticipatingListIsEmpty) {
    const auto found =
        plugin().run("leading-not-participating", two_lists("Lapland", ""), two_lists_profile());
    EXPECT_TRUE(findings_are(found, {}));
}

}  // namespace
