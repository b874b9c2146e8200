// End to end: an export validated as a stream (--stream-threshold below its size) gives the very report the
// in-memory path gives, and a malformed one the same error.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "cli_fixture.hpp"
#include "repeated_export.hpp"

namespace surveycheck::test {
namespace {

class Stream : public CliFixture {
protected:
    // The JSON report of `file` read whole (threshold 0: never stream) and streamed (threshold 1 byte).
    std::pair<Outcome, Outcome> both(const std::string& file, const std::string& args = "") const {
        return {run("validate --format json -q --fail-on warning --stream-threshold 0 " + args + " '" + file +
                    "'"),
                run("validate --format json -q --fail-on warning --stream-threshold 1 " + args + " '" + file +
                    "'")};
    }
};

const std::string seed = std::string(SURVEYCHECK_SOURCE_DIR) + "/examples/s3-seed-report.xml";
const std::string clean = std::string(SURVEYCHECK_SOURCE_DIR) + "/examples/s3-clean-report.xml";

TEST_F(Stream, SeedExportGivesTheSameReportStreamedAsInMemory) {
    const auto [whole, streamed] = both(seed);
    EXPECT_EQ(whole.code, 1) << whole.err;
    EXPECT_FALSE(json::parse(whole.out)["findings"].empty());
    EXPECT_EQ(streamed.code, whole.code) << streamed.err;
    EXPECT_EQ(streamed.out, whole.out);
}

TEST_F(Stream, ManyContributionsOnTwoThreadsGiveTheSameReportInTheSameOrder) {
    // The seed contribution repeated, every copy with its own id: findings differ only by place and id.
    const std::string file = write("many.xml", repeated_contributions(seed, 60));
    const auto [whole, streamed] = both(file, "--jobs 2");
    EXPECT_EQ(whole.code, 1) << whole.err;
    EXPECT_EQ(
        json::parse(whole.out)["files"][0]["contributions"].size(),
        60 * json::parse(run("validate --format json -q '" + seed + "'").out)["files"][0]["contributions"]
                 .size());
    EXPECT_EQ(streamed.out, whole.out);
}

TEST_F(Stream, MalformedContributionIsReportedAtTheSameLineAndColumn) {
    std::string xml = read_file(seed);
    const auto at = xml.find("</Answer>", xml.find("<AnswerSet "));
    xml.replace(at, 9, "</Answr>");  // in the first contribution
    const std::string file = write("broken.xml", xml);
    const auto [whole, streamed] = both(file);
    EXPECT_EQ(whole.code, 3);
    EXPECT_EQ(streamed.code, 3);
    EXPECT_NE(whole.err.find("broken.xml:"), std::string::npos) << whole.err;
    EXPECT_EQ(streamed.err, whole.err);
}

// Two contributions with one id: the second is a duplicate-contribution finding, and each of its findings
// repeats an identity of the first, so its fingerprint gets "-2"; whole or streamed, every fingerprint is
// unique.
TEST_F(Stream, RepeatedContributionIdKeepsFingerprintsUnique) {
    std::string xml = repeated_contributions(seed, 2);
    for (auto at = xml.find("copy1-"); at != std::string::npos; at = xml.find("copy1-", at))
        xml.replace(at, 6, "copy0-");
    const std::string file = write("twice.xml", xml);
    const auto [whole, streamed] = both(file);
    EXPECT_EQ(streamed.out, whole.out);
    const json findings = json::parse(whole.out)["findings"];
    std::set<std::string> fingerprints;
    std::size_t of_both = 0;  // findings of either copy (they share the contribution id)
    std::size_t repeats = 0;
    std::size_t duplicates = 0;
    for (const auto& finding : findings) {
        const std::string fingerprint = finding["fingerprint"];
        EXPECT_TRUE(fingerprints.insert(fingerprint).second) << fingerprint;
        if (finding["rule"] == "surveycheck/duplicate-contribution") {
            ++duplicates;
        } else if (finding["contribution"] == "copy0-80d165e2-7eca-4b11-9cf9-bc855a56ec47") {
            ++of_both;
        }
        if (fingerprint.size() > 2 && fingerprint.compare(fingerprint.size() - 2, 2, "-2") == 0) ++repeats;
    }
    EXPECT_EQ(duplicates, 1u);
    EXPECT_GT(of_both, 0u);
    EXPECT_EQ(repeats * 2, of_both);  // every finding of the second copy, and only those
}

// A JSON-only run writes contributions and findings out as they come (a spool) instead of holding them; a
// text report next to it makes the run hold everything. Both JSON reports must be the same bytes.
TEST_F(Stream, SpooledJsonReportIsTheInMemoryReportByteForByte) {
    const std::string many = write("many.xml", repeated_contributions(seed, 40));
    // Unreadable after 3 good copies: nothing of it is reported, so a waiver used only there is unused.
    const std::string broken = write("broken.xml", repeated_contributions(seed, 5, 3, "broken"));
    const std::string config = write("waivers.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<surveycheck-config version="1">
  <waivers>
    <waiver rule="mandatory-fields" contribution="copy1-80d165e2-7eca-4b11-9cf9-bc855a56ec47"
            author="a.reviewer" expires="2099-12-31">Agreed with the partnership.</waiver>
    <waiver rule="mandatory-fields" contribution="broken1-80d165e2-7eca-4b11-9cf9-bc855a56ec47"
            author="a.reviewer" expires="2099-12-31">Only in the unreadable export: unused.</waiver>
  </waivers>
</surveycheck-config>
)");
    const std::string inputs = "'" + seed + "' '" + many + "' '" + broken + "' '" + clean + "'";
    for (const std::string jobs : {"1", "2"}) {
        const std::string common =
            "validate -q --stream-threshold 1 --jobs " + jobs + " --config '" + config + "' ";
        const Outcome spooled = run(common + "--format json:'" + path("spooled.json") + "' " + inputs);
        const Outcome held = run(common + "--format json:'" + path("held.json") + "' --format text:'" +
                                 path("held.txt") + "' " + inputs);
        EXPECT_EQ(spooled.code, 3) << spooled.err;  // the broken export
        EXPECT_EQ(held.code, spooled.code) << held.err;
        const std::string report = read_file(path("spooled.json"));
        EXPECT_EQ(report, read_file(path("held.json"))) << "jobs " << jobs;
        const json parsed = json::parse(report);
        EXPECT_EQ(parsed["files"][1]["contributions"].size(), 40u);
        EXPECT_EQ(parsed["files"][2]["status"], "unreadable");
        EXPECT_TRUE(parsed["files"][2]["contributions"].empty());  // its first 3 copies are not reported
        for (const auto& finding : parsed["findings"]) EXPECT_NE(finding["file"], broken);
        EXPECT_GT(parsed["summary"]["suppressed"].get<int>(), 0);
        EXPECT_EQ(parsed["summary"]["rules"]["surveycheck/waiver-unused"], 1) << parsed["summary"].dump();
    }
}

TEST_F(Stream, JsonReportToStandardOutputIsSpooledToo) {
    const std::string many = write("many.xml", repeated_contributions(seed, 12));
    const Outcome spooled = run("validate -q --stream-threshold 1 --format json '" + many + "'");
    const Outcome held = run("validate -q --stream-threshold 1 --format json --format text:'" +
                             path("t.txt") + "' '" + many + "'");
    EXPECT_EQ(spooled.code, 0) << spooled.err;  // warnings only
    EXPECT_EQ(spooled.out, held.out);
    EXPECT_EQ(json::parse(spooled.out)["summary"]["contributions"], 12);
}

// A run whose one report is JSON lines lets findings go too; its summary line and exit code still count them.
TEST_F(Stream, JsonLinesOnlyRunCountsWhatItStreamed) {
    const std::string many = write("many.xml", repeated_contributions(seed, 12));
    const std::string common = "validate --stream-threshold 1 --fail-on warning '" + many + "' --format ";
    const Outcome lines = run(common + "jsonl:'" + path("r.jsonl") + "'");
    const Outcome report = run(common + "json:'" + path("r.json") + "'");
    EXPECT_EQ(lines.code, 1) << lines.err;  // warnings, with --fail-on warning
    EXPECT_EQ(report.code, 1) << report.err;
    // "surveycheck: 1 file, 12 contributions: 0 errors, N warnings, 0 info in T s ..." up to the time.
    const auto counts = [](const std::string& err) { return err.substr(0, err.find(" in ")); };
    EXPECT_NE(lines.err.find("12 contributions"), std::string::npos) << lines.err;
    EXPECT_EQ(counts(lines.err), counts(report.err));
    const std::string streamed = read_file(path("r.jsonl"));
    const auto line_count = static_cast<std::size_t>(std::count(streamed.begin(), streamed.end(), '\n'));
    EXPECT_EQ(line_count, json::parse(read_file(path("r.json")))["findings"].size());
}

TEST_F(Stream, RejectsAThresholdThatIsNotASize) {
    const Outcome result = run("validate --stream-threshold 64X '" + seed + "'");
    EXPECT_EQ(result.code, 2);
    EXPECT_NE(result.err.find("--stream-threshold"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace surveycheck::test
