// The eight-bytes-at-a-time scans find the first special byte wherever it is: in a word, across words, in the
// tail shorter than a word, or nowhere.
#include "util/bytes.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using surveycheck::util::find_any_byte;
using surveycheck::util::word_has_byte;
using surveycheck::util::word_has_byte_below;

TEST(FindAnyByte, FindsTheFirstOfTheSetFromEveryStartAndPlace) {
    for (std::size_t size = 0; size < 40; ++size) {
        for (std::size_t place = 0; place <= size; ++place) {
            std::string text(size, 'x');
            if (place < size) text[place] = place % 2 ? '&' : '<';
            for (std::size_t from = 0; from <= size; ++from) {
                const std::size_t expected = place < size && from <= place ? place : size;
                ASSERT_EQ(find_any_byte(text, from, "<&\r"), expected) << size << ' ' << place << ' ' << from;
            }
        }
    }
}

TEST(FindAnyByte, SeesHighBytesAsThemselves) {
    EXPECT_EQ(find_any_byte("caf\xC3\xA9 ]] done", 0, "]"), 6u);
    EXPECT_EQ(find_any_byte("\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 0, "\xFF"), 0u);
    EXPECT_EQ(find_any_byte("no special byte here at all", 0, "<&"), 27u);
}

TEST(WordHasByte, FindsEveryByteValueAtEveryPlaceAndNothingElse) {
    const std::uint64_t filler = 0x4141414141414141ull;  // eight 'A'
    for (unsigned value = 0; value < 256; ++value) {
        for (unsigned place = 0; place < 8; ++place) {
            const std::uint64_t word =
                (filler & ~(0xFFull << (8 * place))) | (static_cast<std::uint64_t>(value) << (8 * place));
            ASSERT_TRUE(word_has_byte(word, static_cast<unsigned char>(value))) << value << ' ' << place;
            for (const unsigned other : {0x00u, 0x22u, 0x3Cu, 0x5Cu, 0x80u, 0xC2u, 0xFFu}) {
                if (other == value) continue;
                ASSERT_FALSE(word_has_byte(word, static_cast<unsigned char>(other))) << value << ' ' << other;
            }
            ASSERT_EQ(word_has_byte_below(word, 0x20), value < 0x20) << value << ' ' << place;
        }
    }
}

}  // namespace
