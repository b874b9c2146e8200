#include "profile/profile.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "util/result.hpp"

namespace sp = surveycheck::profile;

namespace {

const std::string data_dir = SURVEYCHECK_PROFILE_DATA;

sp::LoadResult load(const std::string& xml, sp::Profile& profile) {
    return sp::load_profile_buffer(xml, "inline.xml", profile);
}

// Loads `xml`, expects it refused at `line`:`column` with a description that contains `what`.
void expect_refused(const std::string& xml, unsigned line, unsigned column, const std::string& what) {
    sp::Profile profile;
    const sp::LoadResult result = load(xml, profile);
    ASSERT_FALSE(result) << xml;
    EXPECT_EQ(result.position.line, line) << result.description;
    EXPECT_EQ(result.position.column, column) << result.description;
    EXPECT_NE(result.description.find(what), std::string::npos) << result.description;
}

}  // namespace

TEST(ProfileLoad, ReadsHeaderQuestionsSectionsMatchesAndRoles) {
    sp::Profile profile;
    const std::string path = data_dir + "/minimal.xml";
    const sp::LoadResult result = sp::load_profile_file(path, profile);
    ASSERT_TRUE(result) << surveycheck::util::describe(result, path);

    EXPECT_EQ(profile.id, "minimal");
    EXPECT_EQ(profile.title, "Minimal form");
    EXPECT_EQ(profile.version, "2");
    EXPECT_EQ(profile.path, path);

    ASSERT_EQ(profile.sections.size(), 2u);
    EXPECT_EQ(profile.sections[0].key, "s_public");
    EXPECT_FALSE(profile.sections[0].confidential);
    EXPECT_EQ(profile.sections[0].match.title, "Public part");
    EXPECT_EQ(profile.sections[1].key, "s_secret");
    EXPECT_TRUE(profile.sections[1].confidential);
    EXPECT_EQ(profile.sections[1].match.bid, "s_secret");
    EXPECT_EQ(profile.sections[1].position.line, 21u);  // <section key="s_secret" ...
    EXPECT_EQ(profile.sections[1].position.column, 3u);

    ASSERT_EQ(profile.questions.size(), 4u);
    const sp::ProfileQuestion& period = profile.questions[0];
    EXPECT_EQ(period.key, "period");
    EXPECT_EQ(period.section, sp::npos);  // header question
    EXPECT_EQ(period.requirement, sp::Requirement::mandatory);
    EXPECT_EQ(period.match.bid, "period");
    EXPECT_EQ(period.match.title, "Reporting period");
    ASSERT_EQ(period.roles.size(), 1u);
    EXPECT_EQ(period.roles[0].name, "reporting-period");
    EXPECT_EQ(period.roles[0].format, "");
    EXPECT_EQ(period.position.line, 4u);
    EXPECT_EQ(period.position.column, 3u);

    const sp::ProfileQuestion& regions = profile.questions[1];
    EXPECT_EQ(regions.key, "regions");
    EXPECT_EQ(regions.section, 0u);
    EXPECT_EQ(regions.requirement, sp::Requirement::recommended);
    EXPECT_EQ(regions.match.bid, "");
    EXPECT_EQ(regions.match.uids, (std::vector<std::string>{"0f0e0000-0000-4000-8000-000000000001",
                                                            "0f0e0000-0000-4000-8000-000000000002"}));
    ASSERT_EQ(regions.roles.size(), 1u);
    EXPECT_EQ(regions.roles[0].name, "region-list");
    EXPECT_EQ(regions.roles[0].format, "nuts");

    EXPECT_EQ(profile.questions[2].key, "details");
    EXPECT_EQ(profile.questions[2].requirement, sp::Requirement::mandatory_when_shown);
    EXPECT_EQ(profile.questions[2].section, 0u);
    EXPECT_EQ(profile.questions[3].key, "opinion");
    EXPECT_EQ(profile.questions[3].requirement, sp::Requirement::optional);
    EXPECT_EQ(profile.questions[3].section, 1u);
}

TEST(ProfileLoad, NotWellFormedXmlIsRefusedWhereTheParserStopped) {
    expect_refused(
        "<profile id='p' title='t' version='1'>\n"
        "  <question key='q' requirement='optional'>\n"
        "    <match bid='q'>\n"  // never closed
        "  </question>\n"        // line 4: mismatched end tag
        "</profile>\n",
        4, 5, "not well-formed XML");
}

TEST(ProfileLoad, WrongRootIsRefused) {
    expect_refused("<?xml version='1.0'?>\n<survey id='p'/>\n", 2, 1,
                   "root element is <survey>, expected <profile>");
}

TEST(ProfileLoad, UnknownRequirementNamesTheAllowedValues) {
    sp::Profile profile;
    const std::string path = data_dir + "/invalid-unknown-requirement.xml";
    const sp::LoadResult result = sp::load_profile_file(path, profile);
    ASSERT_FALSE(result);
    // line 3: <question key="period" requirement="mandatry">, the attribute at column 26
    EXPECT_EQ(surveycheck::util::describe(result, path),
              path +
                  ":3:26: unknown requirement \"mandatry\" (allowed: mandatory, mandatory-when-shown, "
                  "recommended, optional)");
}

TEST(ProfileLoad, UnknownConfidentialityNamesTheAllowedValues) {
    expect_refused(
        "<profile id='p' title='t' version='1'>\n"
        "  <section key='s' confidentiality='secret'>\n"  // confidentiality at column 20
        "    <match title='One'/>\n"
        "  </section>\n"
        "</profile>\n",
        2, 20, "unknown confidentiality \"secret\" (allowed: public, confidential)");
}

TEST(ProfileLoad, DuplicateKeyNamesTheFirstDefinition) {
    sp::Profile profile;
    const std::string path = data_dir + "/invalid-duplicate-key.xml";
    const sp::LoadResult result = sp::load_profile_file(path, profile);
    ASSERT_FALSE(result);
    // line 8: <question key="period" ...> again; the first is on line 3
    EXPECT_EQ(surveycheck::util::describe(result, path),
              path + ":8:15: duplicate key \"period\" (first defined at line 3, column 13)");
}

TEST(ProfileLoad, QuestionWithoutMatchIsRefused) {
    expect_refused(
        "<profile id='p' title='t' version='1'>\n"
        "  <question key='q' requirement='optional'>\n"  // no <match>
        "    <role name='region-list'/>\n"
        "  </question>\n"
        "</profile>\n",
        3, 5, "<role> before the <match> of question \"q\"");
    expect_refused(
        "<profile id='p' title='t' version='1'>\n"
        "  <question key='q' requirement='optional'/>\n"  // no <match>
        "</profile>\n",
        2, 3, "question \"q\" has no <match>");
}

TEST(ProfileLoad, MatchWithoutAnyCriterionIsRefused) {
    expect_refused(
        "<profile id='p' title='t' version='1'>\n"
        "  <section key='s' confidentiality='public'>\n"
        "    <match title='One'/>\n"
        "    <question key='q' requirement='optional'>\n"
        "      <match/>\n"  // neither bid, title nor uid
        "    </question>\n"
        "  </section>\n"
        "</profile>\n",
        5, 7, "<match> of question \"q\" has no criterion");
}

TEST(ProfileLoad, EmptyCriteriaAreRefused) {
    expect_refused(
        "<profile id='p' title='t' version='1'>\n"
        "  <question key='q' requirement='optional'><match bid=' '/></question>\n"  // bid at column 51
        "</profile>\n",
        2, 51, "attribute \"bid\" of <match> is empty");
    expect_refused(
        "<profile id='p' title='t' version='1'>\n"
        "  <question key='q' requirement='optional'><match><uid> </uid></match></question>\n"  // <uid> at
                                                                                               // column 51
        "</profile>\n",
        2, 51, "empty <uid> in question \"q\"");
    expect_refused(
        "<profile id='p' title='t' version='1'>\n"
        "  <question key='q' requirement='optional'><match title='&lt;p&gt; * &lt;/p&gt;'/></question>\n"
        "</profile>\n",
        2, 51, "has no text once HTML and the '*' marker are removed");
}

TEST(ProfileLoad, HeaderQuestionAfterASectionIsRefused) {
    expect_refused(
        "<profile id='p' title='t' version='1'>\n"
        "  <section key='s' confidentiality='public'><match title='One'/></section>\n"
        "  <question key='q' requirement='optional'><match bid='q'/></question>\n"  // line 3: too late
        "</profile>\n",
        3, 3, "header question after the first <section>");
}

TEST(ProfileLoad, MissingRequirementIsRefused) {
    expect_refused(
        "<profile id='p' title='t' version='1'>\n"
        "  <question key='q'><match bid='q'/></question>\n"  // no requirement
        "</profile>\n",
        2, 3, "<question> lacks the attribute \"requirement\"");
}

TEST(ProfileLoad, MisspelledAttributeIsRefused) {
    expect_refused(
        "<profile id='p' title='t' version='1'>\n"
        "  <question key='q' requirment='optional'><match bid='q'/></question>\n"  // typo at column 21
        "</profile>\n",
        2, 21, "unknown attribute \"requirment\" on <question> (allowed: key, requirement)");
}

TEST(ProfileLoad, AttributeOnUidIsRefused) {
    expect_refused(
        "<profile id='p' title='t' version='1'>\n"
        "  <question key='q' requirement='optional'>\n"
        "    <match><uid version='2'>u-1</uid></match>\n"  // version at column 17
        "  </question>\n"
        "</profile>\n",
        3, 17, "unknown attribute \"version\" on <uid> (it takes none)");
}

TEST(ProfileLoad, UnknownElementIsRefused) {
    expect_refused(
        "<profile id='p' title='t' version='1'>\n"
        "  <text key='t_intro'/>\n"  // static texts are not part of a profile
        "</profile>\n",
        2, 3, "unexpected <text> in <profile> (allowed: question, section)");
}

TEST(ProfileLoad, StrayTextIsRefused) {
    expect_refused(
        "<profile id='p' title='t' version='1'>\n"
        "  oops\n"  // line 2, column 3
        "</profile>\n",
        2, 3, "unexpected text \"oops\" in <profile>");
}

TEST(ProfileLoad, TwoEntriesWithTheSameBidAreRefused) {
    expect_refused(
        "<profile id='p' title='t' version='1'>\n"
        "  <question key='a' requirement='optional'><match bid='x'/></question>\n"
        "  <question key='b' requirement='optional'><match bid='x'/></question>\n"  // bid at column 51
        "</profile>\n",
        3, 51, "bid \"x\" of \"b\" is already matched by \"a\" (at line 2, column 51)");
}

TEST(ProfileLoad, InvalidKeyAndRoleNamesAreRefused) {
    expect_refused(
        "<profile id='p' title='t' version='1'>\n"
        "  <question key='has space' requirement='optional'><match bid='q'/></question>\n"
        "</profile>\n",
        2, 13, "key \"has space\" is not a valid key");
    expect_refused(
        "<profile id='p' title='t' version='1'>\n"
        "  <question key='q' requirement='optional'><match bid='q'/><role name='Region List'/></question>\n"
        "</profile>\n",
        2, 66, "role name \"Region List\" is not valid");
    expect_refused(
        "<profile id='p' title='t' version='1'>\n"
        "  <question key='q' requirement='optional'><match bid='q'/>\n"
        "    <role name='region-list'/>\n"
        "    <role name='region-list' format='nuts'/>\n"  // line 4: twice
        "  </question>\n"
        "</profile>\n",
        4, 5, "role \"region-list\" given twice in question \"q\"");
}

TEST(ProfileLoad, ProfileWithoutIdIsRefused) {
    expect_refused("<profile title='t' version='1'/>\n", 1, 1, "<profile> lacks the attribute \"id\"");
}

TEST(ProfileLoad, MissingFileIsRefusedWithoutAPosition) {
    sp::Profile profile;
    const std::string path = data_dir + "/no-such-profile.xml";
    const sp::LoadResult result = sp::load_profile_file(path, profile);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.position.line, 0u);
    EXPECT_EQ(surveycheck::util::describe(result, path),
              path + ": cannot open profile \"" + path + "\": No such file or directory");
}

TEST(ProfileLoad, FailedLoadLeavesTheProfileUntouched) {
    sp::Profile profile;
    profile.id = "kept";
    const sp::LoadResult result = load(
        "<profile id='p' title='t' version='1'>\n"
        "  <question key='q' requirement='sometimes'><match bid='q'/></question>\n"
        "</profile>\n",
        profile);
    ASSERT_FALSE(result);
    EXPECT_EQ(profile.id, "kept");
    EXPECT_TRUE(profile.questions.empty());
}

TEST(ProfileLoad, EveryInvalidFixtureIsRefusedLikeTheXsdRefusesIt) {
    int seen = 0;
    for (const auto& entry : std::filesystem::directory_iterator(data_dir)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("invalid-", 0) != 0) continue;
        ++seen;
        sp::Profile profile;
        const sp::LoadResult result = sp::load_profile_file(entry.path().string(), profile);
        EXPECT_FALSE(result) << name;
        EXPECT_GT(result.position.line, 0u) << name;
    }
    EXPECT_GE(seen, 4);
}

TEST(RequirementName, SpellsTheValuesAsProfilesWriteThem) {
    EXPECT_STREQ(sp::requirement_name(sp::Requirement::mandatory), "mandatory");
    EXPECT_STREQ(sp::requirement_name(sp::Requirement::mandatory_when_shown), "mandatory-when-shown");
    EXPECT_STREQ(sp::requirement_name(sp::Requirement::recommended), "recommended");
    EXPECT_STREQ(sp::requirement_name(sp::Requirement::optional), "optional");
}

TEST(NormaliseTitle, StripsHtmlCollapsesWhiteSpaceAndLowerCases) {
    EXPECT_EQ(sp::normalise_title("<p>Please provide the list of <b>leading</b>\n   regions</p>"),
              "please provide the list of leading regions");
    EXPECT_EQ(sp::normalise_title("  Reporting\tPERIOD  "), "reporting period");
    EXPECT_EQ(sp::normalise_title("Reporting&nbsp;period"), "reporting period");
    EXPECT_EQ(sp::normalise_title("Reporting\xC2\xA0period"), "reporting period");  // U+00A0
}

TEST(NormaliseTitle, StripsATrailingMandatoryMarker) {
    EXPECT_EQ(sp::normalise_title("Reporting period *"), "reporting period");
    EXPECT_EQ(sp::normalise_title("<p>Reporting period</p><span>*</span>"), "reporting period");
    EXPECT_EQ(sp::normalise_title("A * B"), "a * b");  // only a trailing one
}
