#include "eusurvey/xml_text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "surveycheck/rulekit/text.hpp"
#include "util/utf8.hpp"

namespace surveycheck::eusurvey {

EntityLength decode_xml_entity(std::string_view text) {
    // A reference is short: looking further for its ';' would make a run of '&' quadratic.
    const std::size_t semicolon = text.substr(0, 13).find(';');
    if (text.empty() || text.front() != '&' || semicolon == std::string_view::npos || semicolon > 12) {
        return {};
    }
    const std::string_view body = text.substr(1, semicolon - 1);
    static constexpr std::array<std::string_view, 5> predefined{{"amp", "lt", "gt", "quot", "apos"}};
    static constexpr std::array<std::uint32_t, 5> characters{{'&', '<', '>', '"', '\''}};
    for (std::size_t i = 0; i < predefined.size(); ++i) {
        if (body == predefined[i]) {
            return {semicolon + 1, 1, characters[i]};
        }
    }
    if (body.size() < 2 || body[0] != '#') {
        return {};
    }
    const bool hex = body[1] == 'x';
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) {
        return {};
    }
    std::uint32_t cp = 0;
    for (const char c : digits) {
        std::uint32_t digit = 0;
        if (c >= '0' && c <= '9') {
            digit = static_cast<std::uint32_t>(c - '0');
        } else if (hex && c >= 'a' && c <= 'f') {
            digit = static_cast<std::uint32_t>(c - 'a' + 10);
        } else if (hex && c >= 'A' && c <= 'F') {
            digit = static_cast<std::uint32_t>(c - 'A' + 10);
        } else {
            return {};
        }
        cp = cp * (hex ? 16 : 10) + digit;
        if (cp > 0x10FFFF) {
            return {};
        }
    }
    return {semicolon + 1, util::utf8_length(cp), cp};
}

std::string expand_xml_entities(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t amp = text.find('&', at);
        out.append(text.substr(at, amp == std::string_view::npos ? std::string_view::npos : amp - at));
        if (amp == std::string_view::npos) {
            break;
        }
        const EntityLength entity = decode_xml_entity(text.substr(amp));
        const std::uint32_t cp = entity.code_point;
        if (entity.raw_length == 0 || cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
            out += '&';
            at = amp + 1;
            continue;
        }
        rulekit::append_utf8(out, cp);
        at = amp + entity.raw_length;
    }
    return out;
}

ForbiddenCharacter first_forbidden_character(std::string_view text) {
    const std::size_t nul = text.find('\0');
    const std::string_view searched = text.substr(0, nul);
    for (std::size_t amp = searched.find("&#"); amp != std::string_view::npos;
         amp = searched.find("&#", amp + 2)) {
        const EntityLength reference = decode_xml_entity(searched.substr(amp, 16));
        // Quoted only as far as it is made of reference characters: never a control byte into a message.
        const auto in_reference = [](char c) {
            return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == 'x' || c == ';';
        };
        std::size_t shown = 2;
        while (amp + shown < searched.size() && shown < 16 && in_reference(searched[amp + shown])) {
            if (searched[amp + shown++] == ';') break;
        }
        const std::string quoted = "\"" + std::string(searched.substr(amp, shown)) + "\"";
        if (reference.raw_length == 0) {
            return {amp, "the character reference " + quoted + " is malformed or past U+10FFFF"};
        }
        if (reference.code_point == 0) {
            return {amp, "the character reference " + quoted +
                             " stands for U+0000 (NUL), which XML does not allow"};
        }
        if (reference.code_point >= 0xD800 && reference.code_point <= 0xDFFF) {
            return {amp, "the character reference " + quoted +
                             " stands for a UTF-16 surrogate, which XML does not allow"};
        }
    }
    if (nul != std::string_view::npos) {
        return {nul, "a NUL byte (0x00), which XML does not allow (is the file UTF-16 or binary?)"};
    }
    return {};
}

namespace {

// Bytes of `text` that are a quote (" or '): every attribute value opens with one and closes with another.
std::size_t count_quotes(std::string_view text) {
    const char* data = text.data();
    const std::size_t count = text.size();
    std::size_t quotes = 0;
    std::size_t i = 0;
#if defined(__SSE2__)
    // Sixteen bytes at a time, each byte lane counting up to 255 quotes before the lanes are summed (no
    // popcount: the x86-64 baseline has none, and libgcc's is a call per block).
    const __m128i double_quote = _mm_set1_epi8('"');
    const __m128i single_quote = _mm_set1_epi8('\'');
    while (i + 16 <= count) {
        __m128i lanes = _mm_setzero_si128();
        for (int round = 0; round < 255 && i + 16 <= count; ++round, i += 16) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
            lanes = _mm_sub_epi8(lanes, _mm_or_si128(_mm_cmpeq_epi8(bytes, double_quote),
                                                     _mm_cmpeq_epi8(bytes, single_quote)));
        }
        std::uint64_t sums[2];
        _mm_storeu_si128(reinterpret_cast<__m128i*>(sums), _mm_sad_epu8(lanes, _mm_setzero_si128()));
        quotes += static_cast<std::size_t>(sums[0] + sums[1]);
    }
#endif
    for (; i < count; ++i) quotes += data[i] == '"' || data[i] == '\'';
    return quotes;
}

}  // namespace

std::size_t first_tag_over(std::string_view text, std::size_t limit) {
    // Fewer quotes in all than such a tag needs: no tag can have them (the usual case, at SIMD speed).
    if (count_quotes(text) <= 2 * limit) return text.size();
    const auto skip_to = [&](std::size_t from, std::string_view terminator) {
        const std::size_t end = text.find(terminator, from);
        return end == std::string_view::npos ? text.size() : end + terminator.size();
    };
    std::size_t at = text.find('<');
    while (at < text.size()) {
        const std::string_view rest = text.substr(at);
        std::size_t next = at + 1;
        if (rest.compare(0, 4, "<!--") == 0) {
            next = skip_to(at + 4, "-->");
        } else if (rest.compare(0, 9, "<![CDATA[") == 0) {
            next = skip_to(at + 9, "]]>");
        } else if (rest.compare(0, 2, "<?") == 0) {
            next = skip_to(at + 2, "?>");
        } else if (rest.size() > 1 && rest[1] != '!' && rest[1] != '/') {
            // Every attribute has one quoted value: count the quotes that open one, up to the tag's end.
            // Values are skipped whole (memchr speed).
            std::size_t values = 0;
            for (next = at + 1; next < text.size(); ++next) {
                const char c = text[next];
                if (c == '>' || c == '<')
                    break;  // its end, or a tag that is not well-formed: the parser says where
                if (c != '"' && c != '\'') continue;
                if (++values > limit) return at;
                const std::size_t closing = text.find(c, next + 1);
                if (closing == std::string_view::npos) return text.size();
                next = closing;
            }
        }
        at = next < text.size() ? text.find('<', next) : text.size();
        if (at == std::string_view::npos) at = text.size();
    }
    return text.size();
}

}  // namespace surveycheck::eusurvey
