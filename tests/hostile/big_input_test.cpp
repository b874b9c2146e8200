// A huge text node (1 GB in CI: SURVEYCHECK_HOSTILE_BIG_MB=1024; 64 MB by default) is read and checked in
// bounded time and memory. The file is streamed to disk at test time and removed afterwards.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "bounded_cli.hpp"
#include "hostile_files.hpp"

namespace {

namespace fs = std::filesystem;

using surveycheck::test::BoundedOutcome;
using surveycheck::test::describe;
using surveycheck::test::json;
using surveycheck::test::Limits;

std::uint64_t big_mb() {
    const char* value = std::getenv("SURVEYCHECK_HOSTILE_BIG_MB");
    return value && *value ? std::strtoull(value, nullptr, 10) : 64;
}

// Peak memory allowed, as a multiple of the file: measured 2.08x for 256 MB, streamed (the contribution's
// bytes, taken from the read buffer without a copy, and the bytes the parser decodes in place, which become
// the answer's text); 2x plus the host's own 64 MB fails a regression (3.08x before issue 14).
constexpr std::uint64_t memory_factor = 2;

using BigInput = surveycheck::test::BoundedCliFixture;

// The rules' and redact's bounds are multiples of the file, measured the same from 64 MB on: they run at most
// 256 MB, so CI's 1 GB pass spends its minutes on the reader's own test above.
std::uint64_t rules_mb() { return std::min<std::uint64_t>(big_mb(), 256); }

TEST_F(BigInput, HugeTextNodeIsCheckedInBoundedTimeAndMemory) {
    const std::uint64_t mb = big_mb();
    const fs::path input = dir_ / "big.xml";
    surveycheck::test::write_big_text_export(input, mb << 20);
    const std::string profile = write("profile.xml", surveycheck::test::hostile_profile);
    Limits limits;
    // Measured 7 s for 1 GB; a reader that rescans a contribution at each read (quadratic) takes minutes.
    limits.seconds = static_cast<int>(30 + mb / 32);
    limits.address_space_mb = (memory_factor + 2) * mb + 1024;
    const BoundedOutcome result = run_bounded(
        {"validate", "--format", "json", "--jobs", "1", "--profile", profile, input.string()}, limits);
    fs::remove(input);
    ASSERT_FALSE(result.timed_out) << describe(result);
    ASSERT_EQ(result.code, 0) << describe(result);
    EXPECT_LT(result.peak_rss_mb, surveycheck::test::memory_bound_mb(memory_factor * mb + 64))
        << describe(result);
    const json report = json::parse(result.out);
    EXPECT_EQ(report["files"][0]["status"], "checked");
    EXPECT_EQ(report["files"][0]["contributions"][0]["id"], "c-big");
    std::printf("%llu MB text node: %.1f s, peak %llu MB\n", static_cast<unsigned long long>(mb),
                result.seconds, static_cast<unsigned long long>(result.peak_rss_mb));
}

// bench/make_long_answer.py's S3 export with one public answer of `mb` MB of words, written to `path`.
bool make_long_answer(const fs::path& path, std::uint64_t mb) {
    const std::string make = std::string("python3 ") + SURVEYCHECK_SOURCE_DIR +
                             "/bench/make_long_answer.py text " + std::to_string(mb) + " -o " + path.string();
    return std::system(make.c_str()) == 0;
}

// With the built-in S3 profile its first-party rules run over the huge answer too: measured 2.17x for 64 MB
// (4.8x before the text-reuse check read the answer word by word instead of holding its words and hashes).
TEST_F(BigInput, S3ProfileOnAHugeAnswerIsBoundedInMemory) {
    const std::uint64_t mb = rules_mb();
    const fs::path input = dir_ / "long.xml";
    ASSERT_TRUE(make_long_answer(input, mb));
    const std::uint64_t size_mb = fs::file_size(input) >> 20;
    Limits limits;
    limits.seconds = static_cast<int>(60 + mb / 4);
    limits.address_space_mb = (memory_factor + 4) * size_mb + 1024;
    const BoundedOutcome result =
        run_bounded({"validate", "--format", "json", "--jobs", "1", input.string()}, limits);
    fs::remove(input);
    ASSERT_FALSE(result.timed_out) << describe(result);
    ASSERT_EQ(result.code, 0) << describe(result);
    EXPECT_LT(result.peak_rss_mb, surveycheck::test::memory_bound_mb(memory_factor * size_mb + 64))
        << describe(result);
    std::printf("validate (S3 profile) of a %llu MB answer: %.1f s, peak %llu MB\n",
                static_cast<unsigned long long>(mb), result.seconds,
                static_cast<unsigned long long>(result.peak_rss_mb));
}

// Peak memory of `redact` on one huge public answer, as a multiple of the file: measured 2.1x for 128 MB (the
// reader's bytes and text, then the tree and the bytes, then the read-back; the output goes to its file and
// the proof reads it from there). It was 4.1x while the output was built in memory, 21x before issue 14.
constexpr std::uint64_t redact_memory_factor = 2;

TEST_F(BigInput, RedactOfAHugeAnswerIsBoundedInMemory) {
    const std::uint64_t mb = rules_mb();
    const fs::path input = dir_ / "long.xml";
    const fs::path output = dir_ / "public.xml";
    ASSERT_TRUE(make_long_answer(input, mb));
    const std::uint64_t size_mb = fs::file_size(input) >> 20;
    Limits limits;
    limits.seconds = static_cast<int>(60 + mb / 4);
    limits.address_space_mb = (redact_memory_factor + 2) * size_mb + 1024;
    const BoundedOutcome result = run_bounded({"redact", input.string(), "-o", output.string()}, limits);
    fs::remove(input);
    ASSERT_FALSE(result.timed_out) << describe(result);
    ASSERT_EQ(result.code, 0) << describe(result);
    EXPECT_TRUE(fs::exists(output));
    EXPECT_LT(result.peak_rss_mb, surveycheck::test::memory_bound_mb(redact_memory_factor * size_mb + 64))
        << describe(result);
    std::printf("redact of a %llu MB answer: %.1f s, peak %llu MB\n", static_cast<unsigned long long>(mb),
                result.seconds, static_cast<unsigned long long>(result.peak_rss_mb));
}

}  // namespace
