// A grouped finding in every format: JSON (items with their args, places, fingerprints and states, read back
// the same), SARIF (one result, items in properties.items and relatedLocations, merged back the same), JUnit,
// text (one line per item) and HTML (a table under the finding); all valid against their schemas.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "sample_report.hpp"

namespace {

using nlohmann::json;
using surveycheck::test::valid_json;
using surveycheck::test::valid_xml;
namespace engine = surveycheck::engine;
namespace report = surveycheck::report;

const std::string source_dir = SURVEYCHECK_SOURCE_DIR;

// An item at `line`: "GER" of region `region` for DE, hint "GER → DE".
engine::FindingItem country_item(std::uint32_t line, const std::string& region,
                                 const std::string& fingerprint) {
    engine::FindingItem item;
    item.message = "The country \"GER\" of region \"" + region + "\" is not the 2-letter Eurostat code";
    item.position = {line, 7};
    item.xpath = "/Results/Answers/AnswerSet[1]/Answer[5]";
    item.hint = "GER → DE";
    item.fingerprint = fingerprint;
    item.excerpt = region + " (GER)";
    item.message_id = "not-eurostat-code";
    item.args = {{"region", region}, {"country", "GER"}, {"code", "DE"}};
    return item;
}

// A report of one contribution with a grouped finding of three items: one waived, one the baseline knew, one
// new; and a single finding next to it.
report::RunReport grouped_report() {
    report::RunReport run = surveycheck::test::clean_report();
    engine::FileResult& file = run.files[0];
    engine::Finding group = surveycheck::test::full_finding(file.path, "c-1", "mandatory-fields/recommended",
                                                            engine::Severity::warning, "00000000000000a0");
    group.message = "3 countries not written as their Eurostat code: GER → DE ×3";
    group.hint = "GER → DE";
    group.excerpt = "Bayern (GER)";
    group.items = {country_item(20, "Bayern", "00000000000000a1"),
                   country_item(21, "Hessen", "00000000000000a2"),
                   country_item(22, "Sachsen", "00000000000000a3")};
    group.items[0].suppressed = true;
    group.items[0].suppression = {"Written as the partner asked", "j.smith", "2026-12-31"};
    group.items[1].baseline = engine::BaselineState::unchanged;
    group.items[2].baseline = engine::BaselineState::new_finding;
    group.baseline = engine::BaselineState::new_finding;
    group.position = group.items[0].position;
    file.findings.push_back(group);
    file.findings.push_back(surveycheck::test::full_finding(file.path, "c-1", "mandatory-fields/missing",
                                                            engine::Severity::error, "00000000000000b0"));
    return run;
}

template <typename Write>
std::string written(Write write, const report::RunReport& run) {
    std::ostringstream out;
    write(out, run);
    return out.str();
}

std::string json_text(const report::RunReport& run) { return written(report::write_json, run); }
std::string sarif_text(const report::RunReport& run) { return written(report::write_sarif, run); }

TEST(GroupedFindings, JsonGroupHoldsEveryItemWithArgsPlaceFingerprintAndState) {
    const std::string text = json_text(grouped_report());
    EXPECT_TRUE(valid_json(text, source_dir + "/schemas/findings.schema.json"));
    const json doc = json::parse(text);
    ASSERT_EQ(doc["findings"].size(), 2u);
    const json& group = doc["findings"][0];
    EXPECT_EQ(group["baseline_state"], "new");
    EXPECT_EQ(group["suppressed"], false);
    ASSERT_EQ(group["items"].size(), 3u);
    const json& first = group["items"][0];
    EXPECT_EQ(first["line"], 20);
    EXPECT_EQ(first["column"], 7);
    EXPECT_EQ(first["fingerprint"], "00000000000000a1");
    EXPECT_EQ(first["excerpt"], "Bayern (GER)");
    EXPECT_EQ(first["args"], (json{{"code", "DE"}, {"country", "GER"}, {"region", "Bayern"}}));
    EXPECT_EQ(first["suppressed"], true);
    EXPECT_EQ(first["suppression"]["justification"], "Written as the partner asked");
    EXPECT_EQ(group["items"][1]["baseline_state"], "unchanged");
    EXPECT_EQ(group["items"][2]["baseline_state"], "new");
    EXPECT_FALSE(doc["findings"][1].contains("items")) << "a single finding has no items";
    EXPECT_EQ(doc["summary"]["warning"], 1) << "a group counts once";
}

TEST(GroupedFindings, JsonReportWithGroupsReadsBackAndIsWrittenAgainByteForByte) {
    const std::string text = json_text(grouped_report());
    report::RunReport read;
    const auto result = report::read_json_report(text, read);
    ASSERT_TRUE(result) << result.description;
    ASSERT_EQ(read.files[0].findings[0].items.size(), 3u);
    EXPECT_EQ(read.files[0].findings[0].items[0].suppression.author, "j.smith");
    EXPECT_EQ(json_text(read), text);
}

TEST(GroupedFindings, JsonItemWithoutArgsIsRefusedWithItsPath) {
    json doc = json::parse(json_text(grouped_report()));
    doc["findings"][0]["items"][1].erase("args");
    report::RunReport read;
    const auto result = report::read_json_report(doc.dump(), read);
    ASSERT_FALSE(result);
    EXPECT_NE(result.description.find("findings[0].items[1]: 'args' is missing"), std::string::npos)
        << result.description;
}

TEST(GroupedFindings, SarifGroupIsOneResultWithItemsAsPropertiesAndRelatedLocations) {
    const std::string text = sarif_text(grouped_report());
    EXPECT_TRUE(valid_json(text, SURVEYCHECK_SARIF_SCHEMA));
    const json results = json::parse(text)["runs"][0]["results"];
    ASSERT_EQ(results.size(), 2u);
    const json& group = results[0];
    ASSERT_EQ(group["relatedLocations"].size(), 3u);
    EXPECT_EQ(group["relatedLocations"][1]["id"], 1);
    EXPECT_EQ(group["relatedLocations"][1]["physicalLocation"]["region"]["startLine"], 21);
    EXPECT_EQ(group["relatedLocations"][1]["message"]["text"],
              "The country \"GER\" of region \"Hessen\" is not the 2-letter Eurostat code");
    const json& items = group["properties"]["items"];
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[0]["fingerprint"], "00000000000000a1");
    EXPECT_EQ(items[0]["args"]["region"], "Bayern");
    EXPECT_EQ(items[0]["suppressions"][0]["justification"], "Written as the partner asked");
    EXPECT_EQ(items[1]["baselineState"], "unchanged");
    EXPECT_EQ(group["baselineState"], "new");
}

TEST(GroupedFindings, SarifLogWithGroupsMergesBackToTheSameLog) {
    const std::string text = sarif_text(grouped_report());
    std::ostringstream out;
    const auto result = report::merge_sarif({{"a.sarif", text}}, out);
    ASSERT_TRUE(result) << result.description;
    EXPECT_EQ(out.str(), text);
}

TEST(GroupedFindings, JunitListsEveryItemOfTheGroupAndValidates) {
    const std::string text = written(
        [](std::ostream& out, const report::RunReport& run) {
            report::write_junit(out, run, report::JunitOptions{"2025-03-14T09:05:33", "localhost"});
        },
        grouped_report());
    EXPECT_TRUE(valid_xml(text, SURVEYCHECK_JUNIT_SCHEMA));
    EXPECT_NE(text.find("  - 20:7 The country \"GER\" of region \"Bayern\" is not the 2-letter Eurostat code "
                        "(GER → DE) [suppressed: Written as the partner asked]"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("  - 21:7 The country \"GER\" of region \"Hessen\" is not the 2-letter Eurostat code "
                        "(GER → DE) [baseline: unchanged]"),
              std::string::npos);
}

TEST(GroupedFindings, TextListsOneLinePerItemUnderTheGroup) {
    const std::string text =
        written([](std::ostream& out, const report::RunReport& run) { report::write_text(out, run, {}); },
                grouped_report());
    const std::string expected =
        "      3 countries not written as their Eurostat code: GER → DE ×3\n"
        "      answer: \"Bayern (GER)\"\n"
        "      hint: GER → DE\n"
        "      - 20:7  The country \"GER\" of region \"Bayern\" is not the 2-letter Eurostat code — GER → DE "
        "(waived: Written as the partner asked)\n"
        "      - 21:7  The country \"GER\" of region \"Hessen\" is not the 2-letter Eurostat code — GER → DE "
        "(unchanged)\n"
        "      - 22:7  The country \"GER\" of region \"Sachsen\" is not the 2-letter Eurostat code — GER → "
        "DE\n";
    EXPECT_NE(text.find(expected), std::string::npos) << text;
}

TEST(GroupedFindings, HtmlShowsATableOfTheItemsUnderTheFinding) {
    const std::string page = written(report::write_html, grouped_report());
    EXPECT_NE(page.find("<table class=\"items\">\n<caption>3 occurrences</caption>"), std::string::npos);
    EXPECT_NE(
        page.find("<tr class=\"item waived\" data-fingerprint=\"00000000000000a1\"><td>line 20, column "
                  "7</td><td>The country &quot;GER&quot; of region &quot;Bayern&quot; is not the 2-letter "
                  "Eurostat code</td><td>GER → DE</td><td>waived — Written as the partner asked</td></tr>"),
        std::string::npos)
        << page.substr(page.find("<table class=\"items\">"), 2000);
    EXPECT_NE(page.find("data-fingerprint=\"00000000000000a2\"><td>line 21, column 7</td>"),
              std::string::npos);
    EXPECT_NE(page.find("<td>unchanged</td>"), std::string::npos);
}

}  // namespace
