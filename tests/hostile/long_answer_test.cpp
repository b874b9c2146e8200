// One answer listing 20,000 regions: every region is a finding, each placed at its own line and column and
// quoted from its own entry, whether the export is read whole or streamed; in seconds, not minutes (each
// finding used to rescan the answer from its start).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "bounded_cli.hpp"
#include "hostile_files.hpp"

namespace {

using surveycheck::test::BoundedOutcome;
using surveycheck::test::describe;
using surveycheck::test::json;

// The hostile export's one question, as a region list that asks for NUTS codes.
const char* const region_profile = R"(<?xml version="1.0" encoding="UTF-8"?>
<profile id="regions" title="Long region list" version="1">
  <question key="text" requirement="recommended">
    <match bid="text" title="Text"/>
    <role name="region-list" format="nuts"/>
  </question>
</profile>
)";

constexpr int region_count = 20000;

// Where a region is written in the export, and what its excerpt must say.
struct Expected {
    int line = 0;
    int column = 0;
    std::string excerpt;
};

// "R0(GER) R1(GER) …", a line break after every 100th region and "&amp;" in every 1000th name, so lines,
// columns and entities all move the positions; the expected place and excerpt of each region by name.
std::string region_export(std::map<std::string, Expected>& expected) {
    std::string raw;                                          // the answer as written in the file
    std::string decoded;                                      // as read
    std::vector<std::pair<std::string, std::size_t>> starts;  // name, raw offset
    std::vector<std::size_t> decoded_starts;
    for (int i = 0; i < region_count; ++i) {
        if (i > 0) {
            const char* separator = i % 100 == 0 ? "\n" : " ";
            raw += separator;
            decoded += separator;
        }
        const bool entity = i % 1000 == 999;
        const std::string name = "R" + std::to_string(i) + (entity ? "&X" : "");
        starts.emplace_back(name, raw.size());
        decoded_starts.push_back(decoded.size());
        raw += "R" + std::to_string(i) + (entity ? "&amp;X" : "") + "(GER)";
        decoded += name + "(GER)";
    }
    const std::string text = surveycheck::test::export_with(surveycheck::test::answer_set("c-long", raw));
    const std::size_t answer = text.find(raw);
    for (std::size_t i = 0; i < starts.size(); ++i) {
        const std::size_t at = answer + starts[i].second;
        const std::size_t line_start = text.rfind('\n', at - 1) + 1;
        Expected& place = expected[starts[i].first];
        place.line =
            static_cast<int>(1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
        place.column = static_cast<int>(at - line_start + 1);
        // From the entry on, line breaks read as spaces, 160 bytes then an ellipsis.
        std::string rest = decoded.substr(decoded_starts[i], 161);
        for (char& c : rest) c = c == '\n' ? ' ' : c;
        place.excerpt = (i == 0 ? "" : "…") + (rest.size() > 160 ? rest.substr(0, 160) + "…" : rest);
    }
    return text;
}

// The region a nuts-code-format message names: `region "NAME"`.
std::string region_of(const std::string& message) {
    const std::string key = "region \"";
    const std::size_t start = message.find(key) + key.size();
    return message.substr(start, message.find('"', start) - start);
}

using LongAnswer = surveycheck::test::BoundedCliFixture;

TEST_F(LongAnswer, TwentyThousandRegionsArePlacedAndQuotedEachAtItsOwnEntry) {
    std::map<std::string, Expected> expected;
    const std::string input = write("regions.xml", region_export(expected));
    const std::string profile = write("profile.xml", region_profile);
    for (const char* threshold : {"0", "1K"}) {  // whole, then streamed
        SCOPED_TRACE(std::string("--stream-threshold ") + threshold);
        surveycheck::test::Limits limits;
        const BoundedOutcome result = run_bounded(
            {"validate", "--format", "json", "--profile", profile, "--stream-threshold", threshold, input},
            limits);
        ASSERT_FALSE(result.timed_out) << describe(result);
        ASSERT_EQ(result.code, 0) << describe(result);
        // 0.4 s when measured; the quadratic version took 35 s.
        EXPECT_LT(result.seconds, surveycheck::test::sanitized ? 30 : 10) << describe(result);
        const json report = json::parse(result.out);
        std::map<std::string, int> per_rule;
        for (const json& finding : report["findings"]) {
            const std::string rule = finding["rule"];
            if (rule != "nuts-code-format/missing-code" && rule != "nuts-code-format/country-code") continue;
            // The regions of one rule are the items of its one finding on the answer.
            ASSERT_TRUE(finding.contains("items")) << rule;
            for (const json& item : finding["items"]) {
                ++per_rule[rule];
                const std::string region = region_of(item["message"]);
                ASSERT_EQ(expected.count(region), 1u) << item.dump();
                const Expected& place = expected[region];
                ASSERT_EQ(item["line"], place.line) << item.dump();
                ASSERT_EQ(item["column"], place.column) << item.dump();
                ASSERT_EQ(item["excerpt"], place.excerpt) << item.dump();
            }
        }
        EXPECT_EQ(per_rule["nuts-code-format/missing-code"], region_count);
        EXPECT_EQ(per_rule["nuts-code-format/country-code"], region_count);
    }
}

}  // namespace

namespace {

// Answers to one confidential question of the seed report ("What are the main obstacles…", section III), each
// with its own text: the public audience's mask takes every one in. Adding them cost quadratic time (every
// answer re-merged all the hashes before it): 20,000 answers took 2.9 s, 100,000 about 70 s.
TEST_F(LongAnswer, HundredThousandConfidentialAnswersAreMaskedInLinearTime) {
    std::string exported =
        surveycheck::test::read_file(std::string(SURVEYCHECK_SOURCE_DIR) + "/examples/s3-seed-report.xml");
    std::string answers;
    for (int k = 0; k < 100000; ++k) {
        answers += "<Answer qid=\"68748232-54fe-467c-aa09-6fa380cd196b\">obstacle number " +
                   std::to_string(k) + " in the cooperation with region " + std::to_string(k * 7) +
                   " partners</Answer>";
    }
    exported.insert(exported.find("</AnswerSet>"), answers);
    const std::string input = write("confidential.xml", exported);
    surveycheck::test::Limits limits;
    limits.seconds = 30;  // about half a second now
    const BoundedOutcome result =
        run_bounded({"validate", "--audience", "public", "--format", "json", input}, limits);
    ASSERT_FALSE(result.timed_out) << describe(result);
    EXPECT_EQ(result.code, 1) << describe(result);
    EXPECT_EQ(result.out.find("obstacle number"), std::string::npos) << "a confidential answer is quoted";
    EXPECT_NE(result.out.find("\"findings\""), std::string::npos);
}

}  // namespace
