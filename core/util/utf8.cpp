#include "util/utf8.hpp"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace surveycheck::util {

std::size_t utf8_length(std::uint32_t cp) {
    if (cp < 0x80) {
        return 1;
    }
    if (cp < 0x800) {
        return 2;
    }
    return cp < 0x10000 ? 3 : 4;
}

std::size_t sequence_length_at(std::string_view text, std::size_t i) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    const unsigned char lead = bytes[i];
    if (lead < 0x80) return 1;
    std::size_t length = 0;
    unsigned char low = 0x80;  // the range of the second byte (RFC 3629, table 3-7 of Unicode)
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;   // no over-long forms
        if (lead == 0xED) high = 0x9F;  // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
    } else {
        return 0;
    }
    if (i + length > size || bytes[i + 1] < low || bytes[i + 1] > high) return 0;
    for (std::size_t k = 2; k < length; ++k) {
        if ((bytes[i + k] & 0xC0) != 0x80) return 0;
    }
    return length;
}

std::size_t first_invalid_utf8(std::string_view text) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t i = 0;
    while (i < size) {
        // Eight ASCII bytes at a time: exports are mostly ASCII.
        if (i + 8 <= size) {
            std::uint64_t word = 0;
            std::memcpy(&word, bytes + i, sizeof word);
            if ((word & 0x8080808080808080ull) == 0) {
                i += 8;
                continue;
            }
        }
        if (bytes[i] < 0x80) {
            ++i;
            continue;
        }
        const std::size_t length = sequence_length_at(text, i);
        if (length == 0) return i;
        i += length;
    }
    return size;
}

std::size_t count_code_points(std::string_view text) {
    const char* data = text.data();
    const std::size_t count = text.size();
    std::size_t continuations = 0;
    std::size_t i = 0;
#if defined(__SSE2__)
    // Sixteen bytes at a time: a continuation byte (0x80-0xBF) is below -64 as a signed byte. Each byte lane
    // counts up to 255 before the lanes are summed.
    const __m128i below = _mm_set1_epi8(-64);
    while (i + 16 <= count) {
        __m128i lanes = _mm_setzero_si128();
        for (int round = 0; round < 255 && i + 16 <= count; ++round, i += 16) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
            lanes = _mm_sub_epi8(lanes, _mm_cmplt_epi8(bytes, below));
        }
        std::uint64_t sums[2];
        _mm_storeu_si128(reinterpret_cast<__m128i*>(sums), _mm_sad_epu8(lanes, _mm_setzero_si128()));
        continuations += static_cast<std::size_t>(sums[0] + sums[1]);
    }
#endif
    // Then eight bytes at a time: a continuation byte is 10xxxxxx, bit 7 set and bit 6 clear.
    for (; i + 8 <= count; i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, data + i, sizeof word);
        const std::uint64_t marks = (word & ~(word << 1) & 0x8080808080808080ull) >> 7;
        continuations += static_cast<std::size_t>((marks * 0x0101010101010101ull) >> 56);
    }
    for (; i < count; ++i) {
        if ((static_cast<unsigned char>(data[i]) & 0xC0) == 0x80) ++continuations;
    }
    return count - continuations;
}

std::size_t char_start(std::string_view text, std::size_t offset) {
    while (offset > 0 && offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80)
        --offset;
    return offset;
}

std::uint32_t next_code_point(std::string_view text, std::size_t& i) {
    const std::size_t length = sequence_length_at(text, i);
    if (length == 0) {
        ++i;
        return 0xFFFD;
    }
    const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
    static constexpr unsigned char lead_bits[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    std::uint32_t code = byte(i) & lead_bits[length];
    for (std::size_t k = 1; k < length; ++k) code = (code << 6) | (byte(i + k) & 0x3F);
    i += length;
    return code;
}

std::string valid_utf8(std::string_view text) {
    std::size_t bad = first_invalid_utf8(text);
    if (bad == text.size()) return std::string(text);
    std::string out(text.substr(0, bad));
    out.reserve(text.size() + 8);
    for (std::size_t i = bad; i < text.size();) {
        const std::size_t length = sequence_length_at(text, i);
        if (length == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD
            ++i;
        } else {
            out.append(text, i, length);
            i += length;
        }
    }
    return out;
}

}  // namespace surveycheck::util
