// UTF-8 helpers of the host: validity, code point counts, character boundaries. Standard library only.
// (Appending a code point is rulekit::append_utf8, in the SDK, which the host uses too.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace surveycheck::util {

// Bytes of the UTF-8 encoding of code point `cp`.
std::size_t utf8_length(std::uint32_t cp);

// Offset of the first byte of `text` that is not well-formed UTF-8 (over-long forms and surrogates included);
// `text.size()` when there is none.
std::size_t first_invalid_utf8(std::string_view text);

// Bytes of the well-formed UTF-8 sequence that starts at `text[i]` (1 for ASCII); 0 when none starts there.
std::size_t sequence_length_at(std::string_view text, std::size_t i);

// `text` as well-formed UTF-8: each byte that starts no well-formed sequence becomes U+FFFD.
std::string valid_utf8(std::string_view text);

// UTF-8 code points in `text` (the bytes that are not continuation bytes).
std::size_t count_code_points(std::string_view text);

// `offset` moved back to the first byte of the UTF-8 character it falls in (past continuation bytes); an
// offset at or past the end of `text` stays as it is.
std::size_t char_start(std::string_view text, std::size_t offset);

// The code point starting at `text[i]`, advancing `i` past it; U+FFFD (and one byte) for a byte that starts
// no well-formed UTF-8 sequence.
std::uint32_t next_code_point(std::string_view text, std::size_t& i);

}  // namespace surveycheck::util
