// Grouped findings and policy order, in process: the pipeline turns every 2 or more findings of one rule on
// one answer into one finding with items, waivers and baselines still act on each item, and each
// contribution's findings come by severity, then by policy weight.
#include "engine/grouping.hpp"

#include <gtest/gtest.h>

#include "engine/host_rules.hpp"
#include "engine/policy_order.hpp"
#include "engine/run.hpp"

namespace {

using namespace surveycheck::engine;

// A finding of host rule `rule_id` on question `question` of contribution `contribution`, at `line`, with
// `hint` and `fingerprint`.
Finding on_answer(const std::string& rule_id, const std::string& contribution, const std::string& question,
                  std::uint32_t line, const std::string& hint, const std::string& fingerprint) {
    for (const RunRule& rule : host_rules()) {
        if (rule.id != rule_id) continue;
        Finding finding = make_finding(rule, "occurrence at line " + std::to_string(line), hint,
                                       {"export.xml", contribution, {line, 5}, "/Results"}, fingerprint);
        finding.question.key = question;
        finding.args = {{"line", std::to_string(line)}};
        return finding;
    }
    ADD_FAILURE() << rule_id;
    return {};
}

const std::string answer_rule = "surveycheck/unknown-answer";

class GroupingTest : public ::testing::Test {
protected:
    GroupingTest() : rules_({}, Selection{}) {}

    // A pipeline with `waivers` and a baseline knowing `known` (none when empty), keeping copies.
    std::unique_ptr<FindingPipeline> pipeline(std::vector<Waiver> waivers,
                                              const std::vector<std::string>& known,
                                              const Translator& translator) {
        std::vector<BaselineEntry> entries;
        for (const auto& fingerprint : known)
            entries.push_back(BaselineEntry{fingerprint, answer_rule, "", "", "", ""});
        return std::make_unique<FindingPipeline>(
            WaiverSet(std::move(waivers), "2026-12-07"), translator,
            known.empty() ? nullptr : std::make_unique<BaselineFilter>(entries), true);
    }

    // Three occurrences on answer q1 of contribution c-1 (lines 9, 3, 6 as a rule may report them), hints
    // "A", "B", "A".
    static std::vector<Finding> three_on_one_answer() {
        return {on_answer(answer_rule, "c-1", "q1", 9, "A", "f9"),
                on_answer(answer_rule, "c-1", "q1", 3, "B", "f3"),
                on_answer(answer_rule, "c-1", "q1", 6, "A", "f6")};
    }

    RuleSet rules_;
};

TEST_F(GroupingTest, OccurrencesOfOneRuleOnOneAnswerBecomeOneFindingWithItemsInDocumentOrder) {
    std::vector<Finding> findings = three_on_one_answer();
    FindingGrouper("en", rules_).apply(findings);
    ASSERT_EQ(findings.size(), 1u);
    const Finding& group = findings[0];
    ASSERT_EQ(group.items.size(), 3u);
    EXPECT_EQ(group.items[0].position.line, 3u);
    EXPECT_EQ(group.items[1].position.line, 6u);
    EXPECT_EQ(group.items[2].position.line, 9u);
    EXPECT_EQ(group.items[0].fingerprint, "f3");
    EXPECT_EQ(group.items[0].message, "occurrence at line 3");
    EXPECT_EQ(group.items[0].args, (std::vector<std::pair<std::string, std::string>>{{"line", "3"}}));
    EXPECT_EQ(group.position.line, 3u) << "the group is where its first item is";
    EXPECT_EQ(group.message, "3 × Answer naming an option the question does not define: B, A ×2");
    EXPECT_EQ(group.hint, "") << "the items' hints differ";
    EXPECT_EQ(group.question.key, "q1");
    EXPECT_EQ(group.rule, answer_rule);
}

TEST_F(GroupingTest, GroupFingerprintComesFromRuleContributionQuestionAndSeverityNeverPositions) {
    std::vector<Finding> findings = three_on_one_answer();
    std::vector<Finding> moved = three_on_one_answer();
    for (auto& finding : moved) finding.position.line += 100;
    FindingGrouper("en", rules_).apply(findings);
    FindingGrouper("en", rules_).apply(moved);
    EXPECT_EQ(findings[0].fingerprint, moved[0].fingerprint);
    EXPECT_EQ(findings[0].fingerprint, fingerprint_of({"group", answer_rule, "c-1", "q1", "warning"}));
}

TEST_F(GroupingTest, FindingsOfOtherAnswersContributionsRulesOrSeveritiesStayApart) {
    Finding other_severity = on_answer(answer_rule, "c-1", "q1", 4, "A", "s");
    other_severity.severity = Severity::error;
    std::vector<Finding> findings = {on_answer(answer_rule, "c-1", "q1", 1, "A", "a"),
                                     on_answer(answer_rule, "c-1", "q2", 2, "A", "b"),
                                     on_answer(answer_rule, "c-2", "q1", 3, "A", "c"),
                                     on_answer("surveycheck/unknown-question", "c-1", "q1", 4, "A", "d"),
                                     other_severity,
                                     on_answer(answer_rule, "", "q1", 5, "A", "e"),
                                     on_answer(answer_rule, "", "q1", 6, "A", "f")};
    FindingGrouper("en", rules_).apply(findings);
    ASSERT_EQ(findings.size(), 7u) << "file-level findings are never grouped either";
    for (const auto& finding : findings) EXPECT_TRUE(finding.items.empty()) << finding.fingerprint;
}

TEST_F(GroupingTest, GroupTakesThePlaceOfItsFirstMemberAndOthersKeepTheirOrder) {
    std::vector<Finding> findings = {
        on_answer(answer_rule, "c-1", "q2", 1, "X", "x"), on_answer(answer_rule, "c-1", "q1", 2, "A", "a"),
        on_answer(answer_rule, "c-1", "q3", 3, "Y", "y"), on_answer(answer_rule, "c-1", "q1", 4, "A", "b")};
    FindingGrouper("en", rules_).apply(findings);
    ASSERT_EQ(findings.size(), 3u);
    EXPECT_EQ(findings[0].fingerprint, "x");
    EXPECT_EQ(findings[1].items.size(), 2u);
    EXPECT_EQ(findings[1].hint, "A") << "one hint for every item is the group's";
    EXPECT_EQ(findings[2].fingerprint, "y");
}

TEST_F(GroupingTest, SummaryNamesTheFirstDistinctOccurrencesAndCountsTheRestInFrench) {
    std::vector<Finding> findings;
    for (std::uint32_t i = 0; i < group_summary_entries + 3; ++i)
        findings.push_back(
            on_answer(answer_rule, "c-1", "q1", i + 1, "H" + std::to_string(i), "f" + std::to_string(i)));
    FindingGrouper("fr", rules_).apply(findings);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(
        findings[0].message,
        "11 × Réponse désignant une option que la question ne définit pas : H0, H1, H2, H3, H4, H5, H6, H7 "
        "… et 3 autres");
}

TEST_F(GroupingTest, ItemLabelArgumentNamesItInTheSummaryInsteadOfItsHint) {
    std::vector<Finding> findings = {on_answer(answer_rule, "c-1", "q1", 1, "long hint", "a"),
                                     on_answer(answer_rule, "c-1", "q1", 2, "long hint", "b")};
    findings[0].args.push_back({"label", "GER → DE"});
    findings[1].args.push_back({"label", "GER → DE"});
    FindingGrouper("en", rules_).apply(findings);
    EXPECT_EQ(findings[0].message, "2 × Answer naming an option the question does not define: GER → DE ×2");
}

TEST_F(GroupingTest, WaiverOfOneItemsFingerprintWaivesThatItemAndNotTheGroup) {
    Waiver one;
    one.rule = answer_rule;
    one.fingerprint = "f6";
    one.justification = "known spelling";
    one.expires = "2999-12-31";
    const Translator translator("en", rules_);
    auto run = pipeline({one}, {}, translator);
    std::vector<Finding> findings = three_on_one_answer();
    run->apply(findings);
    ASSERT_EQ(findings.size(), 1u);
    const Finding& group = findings[0];
    EXPECT_FALSE(group.suppressed) << "two items are not waived";
    EXPECT_FALSE(group.items[0].suppressed);
    EXPECT_TRUE(group.items[1].suppressed);
    EXPECT_EQ(group.items[1].suppression.justification, "known spelling");
    EXPECT_FALSE(group.items[2].suppressed);
}

TEST_F(GroupingTest, GroupIsSuppressedOnlyWhenEveryItemIs) {
    Waiver answer;
    answer.rule = answer_rule;
    answer.question = "q1";
    answer.justification = "accepted";
    answer.expires = "2999-12-31";
    const Translator translator("en", rules_);
    auto run = pipeline({answer}, {}, translator);
    std::vector<Finding> findings = three_on_one_answer();
    run->apply(findings);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_TRUE(findings[0].suppressed);
    EXPECT_EQ(findings[0].suppression.justification, "accepted");
}

TEST_F(GroupingTest, BaselineKnowingHalfTheItemsKeepsThemUnchangedInANewGroup) {
    const Translator translator("en", rules_);
    auto run = pipeline({}, {"f3", "f9"}, translator);
    std::vector<Finding> findings = three_on_one_answer();
    findings.push_back(on_answer(answer_rule, "c-1", "q1", 12, "A", "f12"));
    run->apply(findings);
    ASSERT_EQ(findings.size(), 1u);
    const Finding& group = findings[0];
    EXPECT_EQ(group.baseline, BaselineState::new_finding);
    ASSERT_EQ(group.items.size(), 4u);
    EXPECT_EQ(group.items[0].baseline, BaselineState::unchanged);    // f3
    EXPECT_EQ(group.items[1].baseline, BaselineState::new_finding);  // f6
    EXPECT_EQ(group.items[2].baseline, BaselineState::unchanged);    // f9
    EXPECT_EQ(group.items[3].baseline, BaselineState::new_finding);  // f12
    EXPECT_EQ(run->baseline()->known(), 2u);
}

TEST_F(GroupingTest, BaselineKnowingEveryItemDropsTheGroup) {
    const Translator translator("en", rules_);
    auto run = pipeline({}, {"f3", "f6", "f9"}, translator);
    std::vector<Finding> findings = three_on_one_answer();
    findings.push_back(on_answer(answer_rule, "c-1", "q2", 1, "A", "other"));
    run->apply(findings);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].fingerprint, "other");
    EXPECT_EQ(findings[0].baseline, BaselineState::new_finding);
    EXPECT_EQ(run->baseline()->known(), 3u);
}

TEST_F(GroupingTest, CopiesForWriteBaselineHoldEveryItemNotTheGroup) {
    const Translator translator("en", rules_);
    auto run = pipeline({}, {}, translator);
    std::vector<Finding> findings = three_on_one_answer();
    run->apply(findings);
    ASSERT_EQ(run->copies().size(), 3u);
    std::vector<const Finding*> copies;
    for (const auto& copy : run->copies()) copies.push_back(&copy);
    const std::string baseline = write_baseline(copies);
    for (const char* fingerprint : {"\"f3\"", "\"f6\"", "\"f9\""})
        EXPECT_NE(baseline.find(fingerprint), std::string::npos) << fingerprint;
    EXPECT_EQ(baseline.find(findings[0].fingerprint), std::string::npos);
}

TEST_F(GroupingTest, FileIsGroupedAContributionAtATimeSoARepeatedIdStaysApart) {
    const Translator translator("en", rules_);
    auto run = pipeline({}, {}, translator);
    FileResult file;
    file.findings = {
        on_answer(answer_rule, "c-1", "q1", 1, "A", "a"), on_answer(answer_rule, "c-1", "q1", 2, "A", "b"),
        on_answer(answer_rule, "c-1", "q1", 9, "A", "a-2"),
        on_answer(answer_rule, "c-1", "q1", 10, "A", "b-2"), on_answer(answer_rule, "", "q1", 0, "A", "own")};
    file.contribution_ends = {2, 4};  // the second AnswerSet repeats the first's id
    run->apply(file);
    ASSERT_EQ(file.findings.size(), 3u);
    EXPECT_EQ(file.findings[0].items.size(), 2u);
    EXPECT_EQ(file.findings[0].items[1].fingerprint, "b");
    EXPECT_EQ(file.findings[1].items.size(), 2u);
    EXPECT_EQ(file.findings[1].items[0].fingerprint, "a-2");
    EXPECT_EQ(file.findings[2].fingerprint, "own");
    EXPECT_EQ(file.contribution_ends, (std::vector<std::size_t>{1, 2}));
}

TEST(PolicyOrder, WeightsPutEu13AndMandatoryFirstThenConfidentialityThenFormatThenThirdParties) {
    EXPECT_EQ(policy_weight("eu13-justification/eu13-undescribed"),
              policy_weight("mandatory-fields/recommended"));
    EXPECT_LT(policy_weight("mandatory-fields/recommended"),
              policy_weight("confidentiality-separation/leak"));
    EXPECT_LT(policy_weight("confidentiality-separation/leak"),
              policy_weight("nuts-code-format/country-code"));
    EXPECT_EQ(policy_weight("nuts-code-format/country-code"), policy_weight("surveycheck/unknown-answer"));
    EXPECT_LT(policy_weight("report-consistency/lead-not-participating"), policy_weight("acme/house-style"));
}

TEST(PolicyOrder, EachContributionComesBySeverityThenWeightStableWithinAWeight) {
    const auto finding = [](std::string rule, std::string contribution, Severity severity, std::string id) {
        Finding out;
        out.rule = std::move(rule);
        out.file = "export.xml";
        out.contribution = std::move(contribution);
        out.severity = severity;
        out.fingerprint = std::move(id);
        return out;
    };
    std::vector<Finding> findings = {
        finding("nuts-code-format/country-code", "c-1", Severity::warning, "1"),
        finding("acme/house-style", "c-1", Severity::warning, "2"),
        finding("eu13-justification/eu13-undescribed", "c-1", Severity::warning, "3"),
        finding("report-consistency/planned-event-past", "c-1", Severity::info, "4"),
        finding("nuts-code-format/syntax", "c-1", Severity::error, "5"),
        finding("mandatory-fields/recommended", "c-1", Severity::warning, "6"),
        finding("nuts-code-format/missing-code", "c-1", Severity::warning, "7"),
        finding("acme/house-style", "c-2", Severity::warning, "8"),
        finding("mandatory-fields/required", "c-2", Severity::warning, "9"),
        finding("surveycheck/no-elements", "", Severity::error, "10"),
        finding("acme/house-style", "", Severity::error, "11"),
    };
    order_by_policy(findings);
    std::vector<std::string> order;
    for (const auto& f : findings) order.push_back(f.fingerprint);
    EXPECT_EQ(order, (std::vector<std::string>{"5", "3", "6", "1", "7", "2", "4", "9", "8", "10", "11"}));
}

}  // namespace
