// The seed report as a reviewer reads it: one finding per answer and problem type (at most 15, the EU13
// finding among the first), each region problem once with its regions as items, in English and French;
// baselines and waivers still act on each item, and merged shards give the single run's report.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_fixture.hpp"

namespace {

using nlohmann::json;
using surveycheck::test::Outcome;
using surveycheck::test::read_file;

const std::string source_dir = SURVEYCHECK_SOURCE_DIR;
const std::string seed_report = source_dir + "/examples/s3-seed-report.xml";
const std::string clean_report = source_dir + "/examples/s3-clean-report.xml";

// The finding of `rule` in `report`, or null.
const json* finding_of(const json& report, const std::string& rule) {
    for (const auto& finding : report["findings"])
        if (finding["rule"] == rule) return &finding;
    return nullptr;
}

class SeedGrouping : public surveycheck::test::CliFixture {};

TEST_F(SeedGrouping, SeedReportGivesAtMost15FindingsWithTheEu13FindingAmongTheFirst) {
    const json report = validate_json("'" + seed_report + "'", 0);
    const json& findings = report["findings"];
    EXPECT_LE(findings.size(), 15u);
    EXPECT_EQ(findings.size(), 14u);
    ASSERT_FALSE(findings.empty());
    // EU13 and mandatory answers weigh the same: the EU13 finding comes among theirs, before any other.
    std::size_t eu13 = 0;
    while (eu13 < findings.size() && findings[eu13]["rule"] != "eu13-justification/eu13-undescribed") {
        EXPECT_EQ(findings[eu13]["rule"].get<std::string>().rfind("mandatory-fields/", 0), 0u) << eu13;
        ++eu13;
    }
    EXPECT_LT(eu13, 6u);
    EXPECT_EQ(report["summary"]["warning"], 13);
    EXPECT_EQ(report["summary"]["info"], 1);
}

TEST_F(SeedGrouping, CountryAbbreviationsAreOneFindingWithTwentySixItems) {
    const json report = validate_json("'" + seed_report + "'", 0);
    const json* country = finding_of(report, "nuts-code-format/country-code");
    ASSERT_NE(country, nullptr);
    ASSERT_EQ((*country)["items"].size(), 26u);
    EXPECT_EQ((*country)["message"].get<std::string>().rfind(
                  "26 countries not written as their Eurostat code: GER → DE ×3, ", 0),
              0u)
        << (*country)["message"];
    EXPECT_EQ((*country)["question"]["key"], "participating_regions");
    const json& first = (*country)["items"][0];
    EXPECT_EQ(first["args"]["country"], "GER");
    EXPECT_EQ(first["args"]["code"], "DE");
    EXPECT_EQ(first["args"]["region"], "Baden-Würrtemberg");
    EXPECT_EQ(first["args"]["nuts_code"], "") << "the partner gave no code";
    EXPECT_EQ(first["line"], (*country)["line"]) << "the group is where its first item is";
    for (const auto& item : (*country)["items"]) {
        EXPECT_FALSE(item["fingerprint"].get<std::string>().empty());
        EXPECT_NE(item["fingerprint"], (*country)["fingerprint"]);
    }
}

TEST_F(SeedGrouping, MissingCodesAreOneFindingWhoseItemsSaySuggestionAndConfidence) {
    const json report = validate_json("'" + seed_report + "'", 0);
    const json* missing = finding_of(report, "nuts-code-format/missing-code");
    ASSERT_NE(missing, nullptr);
    ASSERT_EQ((*missing)["items"].size(), 28u);
    EXPECT_EQ((*missing)["message"].get<std::string>().rfind("28 regions without a NUTS code: ", 0), 0u);
    std::size_t with_suggestion = 0;
    for (const auto& item : (*missing)["items"]) {
        EXPECT_TRUE(item["args"].contains("region"));
        EXPECT_TRUE(item["args"].contains("confidence"));
        if (item["args"].contains("suggestion")) ++with_suggestion;
    }
    EXPECT_GT(with_suggestion, 10u);
    const auto aragon = std::find_if((*missing)["items"].begin(), (*missing)["items"].end(),
                                     [](const json& item) { return item["args"]["region"] == "Aragon"; });
    ASSERT_NE(aragon, (*missing)["items"].end());
    EXPECT_EQ((*aragon)["args"]["code"], "ES24");
    EXPECT_EQ((*aragon)["args"]["confidence"], "exact");
}

TEST_F(SeedGrouping, GroupMessagesAreFrenchWithLangFr) {
    const json report = validate_json("--lang fr '" + seed_report + "'", 0);
    const json* country = finding_of(report, "nuts-code-format/country-code");
    ASSERT_NE(country, nullptr);
    EXPECT_EQ((*country)["message"].get<std::string>().rfind(
                  "26 pays non indiqués par leur code Eurostat : GER → DE ×3, ", 0),
              0u)
        << (*country)["message"];
    EXPECT_EQ((*country)["items"][0]["hint"], "Remplacez « GER » par DE.");
}

TEST_F(SeedGrouping, TextReportListsOneLinePerItemUnderItsGroup) {
    const Outcome result = run("validate --color never '" + seed_report + "'");
    ASSERT_EQ(result.code, 0) << result.err;
    const std::string& text = result.out;
    const auto group = text.find("26 countries not written as their Eurostat code");
    ASSERT_NE(group, std::string::npos) << text;
    // The group's lines are indented by 6 spaces; the next finding's head by 4.
    std::istringstream after(text.substr(text.find('\n', group) + 1));
    std::size_t lines = 0;
    for (std::string line; std::getline(after, line) && line.rfind("      ", 0) == 0;)
        if (line.rfind("      - ", 0) == 0) ++lines;
    EXPECT_EQ(lines, 26u) << text;
    EXPECT_NE(
        text.find("\n      - 15:78  The country \"GER\" of region \"Baden-Würrtemberg\" is not the 2-letter "
                  "Eurostat code of Germany (DE). — GER → DE\n"),
        std::string::npos);
}

TEST_F(SeedGrouping, WriteBaselineRecordsEveryItemAndTheBaselineThenKnowsEveryOne) {
    const Outcome first =
        run("validate -q --write-baseline '" + path("baseline.json") + "' '" + seed_report + "'");
    ASSERT_EQ(first.code, 0) << first.err;
    const json baseline = json::parse(read_file(path("baseline.json")));
    EXPECT_EQ(baseline["findings"].size(), 66u) << "one entry per item, not per group";
    const json again = validate_json("--baseline '" + path("baseline.json") + "' '" + seed_report + "'", 0);
    EXPECT_TRUE(again["findings"].empty());
    EXPECT_EQ(again["summary"]["baseline"]["known"], 66);
    EXPECT_TRUE(again["summary"]["baseline"]["absent"].empty());
}

TEST_F(SeedGrouping, BaselineMissingOneItemShowsItsGroupWithTheOthersUnchanged) {
    ASSERT_EQ(run("validate -q --write-baseline '" + path("baseline.json") + "' '" + seed_report + "'").code,
              0);
    json baseline = json::parse(read_file(path("baseline.json")));
    const json full = validate_json("'" + seed_report + "'", 0);
    const std::string forgotten =
        (*finding_of(full, "nuts-code-format/country-code"))["items"][3]["fingerprint"];
    json kept = json::array();
    for (const auto& entry : baseline["findings"])
        if (entry["fingerprint"] != forgotten) kept.push_back(entry);
    baseline["findings"] = kept;
    write("partial.json", baseline.dump());
    const json report = validate_json("--baseline '" + path("partial.json") + "' '" + seed_report + "'", 0);
    ASSERT_EQ(report["findings"].size(), 1u);
    const json& group = report["findings"][0];
    EXPECT_EQ(group["baseline_state"], "new");
    ASSERT_EQ(group["items"].size(), 26u);
    for (std::size_t i = 0; i < 26; ++i)
        EXPECT_EQ(group["items"][i]["baseline_state"], i == 3 ? "new" : "unchanged") << i;
    EXPECT_EQ(report["summary"]["baseline"]["known"], 65);
}

TEST_F(SeedGrouping, WaiverOfOneItemsFingerprintWaivesOnlyThatItem) {
    const json full = validate_json("'" + seed_report + "'", 0);
    const std::string fingerprint =
        (*finding_of(full, "nuts-code-format/country-code"))["items"][0]["fingerprint"];
    const std::string config =
        write("config.xml",
              R"(<?xml version="1.0" encoding="UTF-8"?>
<surveycheck-config version="1">
  <waivers>
    <waiver rule="nuts-code-format/country-code" fingerprint=")" +
                  fingerprint +
                  R"(" author="a.reviewer" expires="2099-12-31">GER is the partner's own spelling.</waiver>
  </waivers>
</surveycheck-config>
)");
    const json report = validate_json("--config '" + config + "' '" + seed_report + "'", 0);
    const json* country = finding_of(report, "nuts-code-format/country-code");
    ASSERT_NE(country, nullptr);
    EXPECT_EQ((*country)["suppressed"], false);
    EXPECT_EQ((*country)["items"][0]["suppressed"], true);
    EXPECT_EQ((*country)["items"][0]["suppression"]["justification"], "GER is the partner's own spelling.");
    EXPECT_EQ((*country)["items"][1]["suppressed"], false);
    EXPECT_EQ(finding_of(report, "surveycheck/waiver-unused"), nullptr);
}

TEST_F(SeedGrouping, GroupOfErrorsFailsTheRunUnlessEveryItemIsWaived) {
    const std::string errors = "--severity nuts-code-format/country-code=error '" + seed_report + "'";
    const json failing = validate_json(errors, 1);
    EXPECT_EQ(failing["summary"]["error"], 1) << "26 items, one finding to act on";
    const std::string fingerprint =
        (*finding_of(failing, "nuts-code-format/country-code"))["items"][0]["fingerprint"];
    const auto config = [&](const std::string& name, const std::string& scope) {
        return write(name, R"(<?xml version="1.0" encoding="UTF-8"?>
<surveycheck-config version="1">
  <waivers>
    <waiver rule="nuts-code-format/country-code" )" +
                               scope +
                               R"( author="a.reviewer" expires="2099-12-31">Accepted.</waiver>
  </waivers>
</surveycheck-config>
)");
    };
    const json one = validate_json(
        "--config '" + config("one.xml", "fingerprint=\"" + fingerprint + "\"") + "' " + errors, 1);
    EXPECT_EQ(one["summary"]["error"], 1) << "25 items are still errors";
    const json all = validate_json(
        "--config '" + config("all.xml", "question=\"participating_regions\"") + "' " + errors, 0);
    EXPECT_EQ(all["summary"]["error"], 0);
    EXPECT_EQ(all["summary"]["suppressed"], 1);
    EXPECT_EQ((*finding_of(all, "nuts-code-format/country-code"))["suppressed"], true);
}

TEST_F(SeedGrouping, MergedShardsAreTheSingleRunsReportByteForByte) {
    // Shards partition the inputs by rank in path order: the single run takes them in that order too.
    const std::string inputs = "'" + clean_report + "' '" + seed_report + "'";
    ASSERT_LE(run("validate -q --format json -o '" + path("one.json") + "' " + inputs).code, 1);
    ASSERT_LE(run("validate -q --shard 1/2 --format json -o '" + path("a.json") + "' " + inputs).code, 1);
    ASSERT_LE(run("validate -q --shard 2/2 --format json -o '" + path("b.json") + "' " + inputs).code, 1);
    const Outcome merged =
        run("merge -o '" + path("merged.json") + "' '" + path("a.json") + "' '" + path("b.json") + "'");
    ASSERT_EQ(merged.code, 0) << merged.err;
    EXPECT_NE(read_file(path("one.json")).find("\"items\""), std::string::npos);
    EXPECT_EQ(read_file(path("merged.json")), read_file(path("one.json")));
}

}  // namespace
