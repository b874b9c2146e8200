#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "profile/binder.hpp"
#include "profile/builtin.hpp"
#include "profile/profile.hpp"
#include "questionnaire_builder.hpp"
#include "util/result.hpp"

namespace sp = surveycheck::profile;
using surveycheck::testing::QuestionnaireBuilder;

namespace {

sp::Profile builtin() {
    sp::Profile profile;
    const sp::LoadResult result = sp::load_profile_buffer(sp::builtin_profile_xml(), "<built-in>", profile);
    EXPECT_TRUE(result) << surveycheck::util::describe(result, "<built-in>");
    return profile;
}

const sp::ProfileQuestion* question(const sp::Profile& profile, const std::string& key) {
    for (const sp::ProfileQuestion& q : profile.questions) {
        if (q.key == key) return &q;
    }
    return nullptr;
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(' ');
    return first == std::string::npos ? "" : text.substr(first, text.find_last_not_of(' ') - first + 1);
}

// One row of the table in design/S3-FORM.md.
struct FormRow {
    std::string section;  // "(header)", a section title, or "**I. Management report — public**" for a section
    std::string bid;
    std::string kind;
    std::string requirement;  // "mandatory when shown" as the page spells it
    std::string title;        // without the " — choices: ..." description
};

// The rows of the S3-FORM.md table; empty when the design folder is not beside the checkout.
std::vector<FormRow> s3_form_rows() {
    std::ifstream file(std::string(SURVEYCHECK_DESIGN_DIR) + "/S3-FORM.md");
    std::vector<FormRow> rows;
    std::string line;
    while (std::getline(file, line)) {
        if (line.rfind("| ", 0) != 0) continue;
        std::vector<std::string> cells;
        std::stringstream stream(line.substr(1));
        for (std::string cell; std::getline(stream, cell, '|');) cells.push_back(trimmed(cell));
        if (cells.size() != 6 || cells[0] == "#") continue;
        std::string title = cells[5];
        const auto description = title.find(" \xE2\x80\x94 ");  // " — "
        if (description != std::string::npos) title.erase(description);
        rows.push_back({cells[1], cells[2], cells[3], cells[4], title});
    }
    return rows;
}

// Key, section key ("" for the header), requirement and roles of every question of the S3 form.
struct Expected {
    const char* key;
    const char* section;
    sp::Requirement requirement;
    std::vector<sp::Role> roles;
};

const std::vector<Expected>& expected_questions() {
    using R = sp::Requirement;
    static const std::vector<Expected> expected = {
        {"reporting_period", "", R::mandatory, {{"reporting-period", ""}}},
        {"partnership", "", R::mandatory, {{"partnership-name", ""}}},
        {"exec_summary", "s_management", R::recommended, {}},
        {"leading_regions", "s_management", R::recommended, {{"region-list", ""}, {"lead-regions", ""}}},
        {"participating_regions",
         "s_management",
         R::recommended,
         {{"region-list", "nuts"}, {"participating-regions", ""}}},
        {"interested_regions", "s_management", R::optional, {}},
        {"working_areas", "s_management", R::recommended, {{"working-area-leads", "column-2"}}},
        {"past_events", "s_management", R::optional, {{"past-events", "column-2"}}},
        {"planned_events", "s_management", R::optional, {{"planned-events", "column-2"}}},
        {"innovative_results", "s_progress", R::recommended, {}},
        {"impacts", "s_progress", R::recommended, {}},
        {"new_projects", "s_progress", R::optional, {}},
        {"new_projects_desc", "s_progress", R::mandatory_when_shown, {}},
        {"other_partnerships", "s_progress", R::optional, {}},
        {"business_involvement", "s_progress", R::recommended, {}},
        {"cooperation_level", "s_progress", R::recommended, {}},
        {"eu13_involvement", "s_progress", R::optional, {{"eu13-statement", ""}}},
        {"non_eu_involvement", "s_progress", R::optional, {}},
        {"outreach", "s_progress", R::optional, {}},
        {"other_platforms", "s_progress", R::optional, {}},
        {"sdg", "s_progress", R::recommended, {}},
        {"sdg_comments", "s_progress", R::optional, {}},
        {"sa_progress", "s_self", R::recommended, {}},
        {"sa_obstacles", "s_self", R::recommended, {}},
        {"sa_support", "s_self", R::optional, {}},
        {"sa_commitment", "s_self", R::optional, {}},
    };
    return expected;
}

}  // namespace

TEST(BuiltinProfile, IsTheFileInSchemasProfiles) {
    std::ifstream file(std::string(SURVEYCHECK_SCHEMAS_DIR) + "/profiles/s3-partnership-monitoring.xml");
    ASSERT_TRUE(file);
    std::stringstream bytes;
    bytes << file.rdbuf();
    EXPECT_EQ(bytes.str(), sp::builtin_profile_xml());  // a stale copy means CMake did not reconfigure
}

TEST(BuiltinProfile, HasTheThreeSectionsWithTheirConfidentiality) {
    const sp::Profile profile = builtin();
    EXPECT_EQ(profile.id, "s3-partnership-monitoring");
    ASSERT_EQ(profile.sections.size(), 3u);
    EXPECT_EQ(profile.sections[0].key, "s_management");
    EXPECT_FALSE(profile.sections[0].confidential);
    EXPECT_EQ(profile.sections[1].key, "s_progress");
    EXPECT_FALSE(profile.sections[1].confidential);
    EXPECT_EQ(profile.sections[2].key, "s_self");
    EXPECT_TRUE(profile.sections[2].confidential);  // III. Self-assessment
}

TEST(BuiltinProfile, HasAllTwentySixQuestionsWithTheirSectionsRequirementsAndRoles) {
    const sp::Profile profile = builtin();
    ASSERT_EQ(profile.questions.size(), expected_questions().size());
    for (std::size_t i = 0; i < profile.questions.size(); ++i) {
        const sp::ProfileQuestion& actual = profile.questions[i];
        const Expected& expected = expected_questions()[i];
        SCOPED_TRACE(expected.key);
        EXPECT_EQ(actual.key, expected.key);
        EXPECT_EQ(actual.match.bid, expected.key);  // the bids are the keys
        EXPECT_TRUE(actual.match.uids.empty());     // real uids are not known
        EXPECT_EQ(actual.section == sp::npos ? "" : profile.sections[actual.section].key, expected.section);
        EXPECT_STREQ(sp::requirement_name(actual.requirement), sp::requirement_name(expected.requirement));
        ASSERT_EQ(actual.roles.size(), expected.roles.size());
        for (std::size_t r = 0; r < actual.roles.size(); ++r) {
            EXPECT_EQ(actual.roles[r].name, expected.roles[r].name);
            EXPECT_EQ(actual.roles[r].format, expected.roles[r].format);
        }
    }
}

TEST(BuiltinProfile, MatchesEveryRowOfTheS3FormByBidAndExactTitle) {
    const std::vector<FormRow> rows = s3_form_rows();
    if (rows.empty()) GTEST_SKIP() << "design/S3-FORM.md not found beside the checkout";
    const sp::Profile profile = builtin();
    std::size_t questions = 0, sections = 0;
    for (const FormRow& row : rows) {
        SCOPED_TRACE(row.bid);
        if (row.kind == "static text") {
            EXPECT_EQ(question(profile, row.bid), nullptr);  // not a question
        } else if (row.kind == "section") {
            ++sections;
            const auto found = std::find_if(profile.sections.begin(), profile.sections.end(),
                                            [&](const sp::Section& s) { return s.key == row.bid; });
            ASSERT_NE(found, profile.sections.end());
            EXPECT_EQ(found->match.bid, row.bid);
            EXPECT_EQ(found->match.title, row.title);
            EXPECT_EQ(found->confidential, row.section.find("CONFIDENTIAL") != std::string::npos);
        } else {
            ++questions;
            const sp::ProfileQuestion* q = question(profile, row.bid);
            ASSERT_NE(q, nullptr);
            EXPECT_EQ(q->match.bid, row.bid);
            EXPECT_EQ(q->match.title, row.title);
            std::string requirement = row.requirement;
            std::replace(requirement.begin(), requirement.end(), ' ', '-');
            EXPECT_EQ(sp::requirement_name(q->requirement), requirement);
            if (row.section == "(header)") {
                EXPECT_EQ(q->section, sp::npos);
            } else {
                ASSERT_NE(q->section, sp::npos);
                EXPECT_EQ(profile.sections[q->section].match.title, row.section);
            }
        }
    }
    EXPECT_EQ(questions, 26u);
    EXPECT_EQ(sections, 3u);
}

TEST(BuiltinProfile, BindsAnExportWithoutBidsByTitle) {
    const std::vector<FormRow> rows = s3_form_rows();
    if (rows.empty()) GTEST_SKIP() << "design/S3-FORM.md not found beside the checkout";
    // The form as an old export writes it: no bid, titles wrapped in HTML, static texts among the questions.
    QuestionnaireBuilder form;
    int uid = 0;
    for (const FormRow& row : rows) {
        const std::string html = "<p>" + row.title + "</p>";
        const std::string id = "uid-" + std::to_string(++uid);
        if (row.kind == "section") {
            form.section(id, "", html);
        } else if (row.kind == "static text") {
            form.text(id, "", html);
        } else {
            form.question(id, "", html);
        }
    }
    const sp::Profile profile = builtin();
    const sp::Binding binding = sp::bind(profile, form.get());

    EXPECT_TRUE(binding.missing_questions.empty());
    EXPECT_TRUE(binding.missing_sections.empty());
    ASSERT_EQ(binding.question_profile.size(), 26u);
    for (std::size_t q = 0; q < 26; ++q) {
        ASSERT_NE(binding.question_profile[q], sp::npos);
        const sp::ProfileQuestion& bound = profile.questions[binding.question_profile[q]];
        EXPECT_EQ(bound.key, expected_questions()[q].key);
        EXPECT_EQ(binding.question_matched_by[q], sp::MatchedBy::title);
        EXPECT_EQ(binding.question_confidential[q], std::string(expected_questions()[q].section) == "s_self")
            << bound.key;
    }
}
