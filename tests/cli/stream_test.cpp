// End to end: an export validated as a stream (--stream-threshold below its size) gives the very report the
// in-memory path gives, and a malformed one the same error.
#include <gtest/gtest.h>

#include <string>

#include "cli_fixture.hpp"

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

TEST_F(Stream, SeedExportGivesTheSameReportStreamedAsInMemory) {
    const auto [whole, streamed] = both(seed);
    EXPECT_EQ(whole.code, 1) << whole.err;
    EXPECT_FALSE(json::parse(whole.out)["findings"].empty());
    EXPECT_EQ(streamed.code, whole.code) << streamed.err;
    EXPECT_EQ(streamed.out, whole.out);
}

TEST_F(Stream, ManyContributionsOnTwoThreadsGiveTheSameReportInTheSameOrder) {
    // The seed contribution repeated, every copy with its own id: findings differ only by place and id.
    std::string xml = read_file(seed);
    const auto first = xml.find("<AnswerSet ");
    const auto last = xml.rfind("</AnswerSet>") + std::string("</AnswerSet>").size();
    const std::string sets = xml.substr(first, last - first);
    std::string copies;
    for (int i = 0; i < 60; ++i) {
        std::string copy = sets;
        for (auto at = copy.find(" id=\""); at != std::string::npos; at = copy.find(" id=\"", at + 1)) {
            if (copy.compare(at - 10, 10, "<AnswerSet") == 0)
                copy.insert(at + 5, "copy" + std::to_string(i) + "-");
        }
        copies += copy + (i % 3 == 0 ? "\n" : "");
    }
    xml.replace(first, last - first, copies);
    const std::string file = write("many.xml", xml);
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
    EXPECT_EQ(whole.code, 2);
    EXPECT_EQ(streamed.code, 2);
    EXPECT_NE(whole.err.find("broken.xml:"), std::string::npos) << whole.err;
    EXPECT_EQ(streamed.err, whole.err);
}

TEST_F(Stream, RejectsAThresholdThatIsNotASize) {
    const Outcome result = run("validate --stream-threshold 64X '" + seed + "'");
    EXPECT_EQ(result.code, 2);
    EXPECT_NE(result.err.find("--stream-threshold"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace surveycheck::test
