// Byte scans eight bytes at a time (SWAR): for the hot loops that look for a few special bytes in long text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace surveycheck::util {

// Each of the eight bytes of a word set to `byte`.
constexpr std::uint64_t repeat_byte(unsigned char byte) { return 0x0101010101010101ull * byte; }

// True when one of the eight bytes of `word` equals `byte`.
constexpr bool word_has_byte(std::uint64_t word, unsigned char byte) {
    const std::uint64_t v = word ^ repeat_byte(byte);
    return ((v - repeat_byte(1)) & ~v & repeat_byte(0x80)) != 0;
}

// True when one of the eight bytes of `word` is below `limit` (at most 0x80).
constexpr bool word_has_byte_below(std::uint64_t word, unsigned char limit) {
    return ((word - repeat_byte(limit)) & ~word & repeat_byte(0x80)) != 0;
}

// Offset of the first byte at or after `from` in `text` that is one of `set` (a few bytes), or text.size().
inline std::size_t find_any_byte(std::string_view text, std::size_t from, std::string_view set) {
    const std::size_t size = text.size();
    std::size_t i = from;
    for (; i + 8 <= size; i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, text.data() + i, sizeof word);
        bool found = false;
        for (const char c : set) found |= word_has_byte(word, static_cast<unsigned char>(c));
        if (found) break;
    }
    for (; i < size; ++i) {
        for (const char c : set) {
            if (text[i] == c) return i;
        }
    }
    return size;
}

}  // namespace surveycheck::util
