// util/utf8.hpp: UTF-8 validity, code point counts and character boundaries.
#include "util/utf8.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {

using surveycheck::util::char_start;
using surveycheck::util::count_code_points;
using surveycheck::util::first_invalid_utf8;
using surveycheck::util::utf8_length;

TEST(Utf8Length, IsOneToFourBytesByCodePointRange) {
    EXPECT_EQ(utf8_length('a'), 1u);
    EXPECT_EQ(utf8_length(0xE9), 2u);     // é
    EXPECT_EQ(utf8_length(0x20AC), 3u);   // €
    EXPECT_EQ(utf8_length(0x1F600), 4u);  // an emoji
}

TEST(FirstInvalidUtf8, WellFormedTextHasNone) {
    const std::string text = "Région Île-de-France — 2020 € 😀, long enough to take the eight-byte path";
    EXPECT_EQ(first_invalid_utf8(text), text.size());
    EXPECT_EQ(first_invalid_utf8(""), 0u);
}

TEST(FirstInvalidUtf8, PointsAtTheFirstBadByte) {
    EXPECT_EQ(first_invalid_utf8("abcdefgh\xFFxyz"), 8u);   // never a lead byte
    EXPECT_EQ(first_invalid_utf8("ab\xC3"), 2u);            // cut short
    EXPECT_EQ(first_invalid_utf8("ab\xC0\xAF"), 2u);        // over-long '/'
    EXPECT_EQ(first_invalid_utf8("a\xED\xA0\x80"), 1u);     // a surrogate
    EXPECT_EQ(first_invalid_utf8("\xF4\x90\x80\x80"), 0u);  // past U+10FFFF
}

TEST(CountCodePoints, CountsCharactersNotBytes) {
    EXPECT_EQ(count_code_points("abc"), 3u);
    EXPECT_EQ(count_code_points("é€😀"), 3u);
    std::string long_text;
    for (int i = 0; i < 300; ++i) long_text += "aé";  // past the sixteen-byte blocks
    EXPECT_EQ(count_code_points(long_text), 600u);
}

TEST(CharStart, MovesBackOverContinuationBytes) {
    const std::string_view text = "a€b";  // '€' is bytes 1 to 3
    EXPECT_EQ(char_start(text, 0), 0u);
    EXPECT_EQ(char_start(text, 1), 1u);
    EXPECT_EQ(char_start(text, 2), 1u);
    EXPECT_EQ(char_start(text, 3), 1u);
    EXPECT_EQ(char_start(text, 4), 4u);
    EXPECT_EQ(char_start(text, 5), 5u);  // at the end: unchanged
}

TEST(NextCodePoint, DecodesWellFormedSequencesAndReplacesEveryBadByteWithOneReplacementCharacter) {
    const std::string text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";  // a, é, €, 😀
    std::size_t i = 0;
    EXPECT_EQ(surveycheck::util::next_code_point(text, i), 0x61u);
    EXPECT_EQ(surveycheck::util::next_code_point(text, i), 0xE9u);
    EXPECT_EQ(surveycheck::util::next_code_point(text, i), 0x20ACu);
    EXPECT_EQ(surveycheck::util::next_code_point(text, i), 0x1F600u);
    EXPECT_EQ(i, text.size());
    // An over-long '/', a lone continuation byte, a surrogate, a sequence cut short: U+FFFD, one byte each.
    for (const std::string bad : {"\xC0\xAF", "\x80", "\xED\xA0\x80", "\xE2\x82"}) {
        std::size_t at = 0;
        EXPECT_EQ(surveycheck::util::next_code_point(bad, at), 0xFFFDu) << bad.size();
        EXPECT_EQ(at, 1u);
    }
}

TEST(SequenceLengthAt, IsTheLengthOfAWellFormedSequenceAndZeroWhereNoneStarts) {
    using surveycheck::util::sequence_length_at;
    const std::string text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";  // a, é, €, 😀
    EXPECT_EQ(sequence_length_at(text, 0), 1u);
    EXPECT_EQ(sequence_length_at(text, 1), 2u);
    EXPECT_EQ(sequence_length_at(text, 2), 0u);  // a continuation byte starts nothing
    EXPECT_EQ(sequence_length_at(text, 3), 3u);
    EXPECT_EQ(sequence_length_at(text, 6), 4u);
    // Over-long, surrogate, above U+10FFFF, cut short at the end of the text.
    for (const std::string bad :
         {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82"}) {
        EXPECT_EQ(sequence_length_at(bad, 0), 0u) << ::testing::PrintToString(bad);
    }
}

TEST(Utf8, ValidUtf8ReplacesEveryByteThatStartsNoSequenceWithFffd) {
    using surveycheck::util::valid_utf8;
    EXPECT_EQ(valid_utf8("caf\xC3\xA9 \xE2\x82\xAC"), "caf\xC3\xA9 \xE2\x82\xAC");  // valid: as it is
    EXPECT_EQ(valid_utf8("caf\xE9"), "caf\xEF\xBF\xBD");                            // Latin-1
    EXPECT_EQ(valid_utf8("\xE2\x82 x"), "\xEF\xBF\xBD\xEF\xBF\xBD x");              // cut short
    EXPECT_EQ(valid_utf8("\xC0\xAF\xFF"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(valid_utf8(""), "");
}

}  // namespace
