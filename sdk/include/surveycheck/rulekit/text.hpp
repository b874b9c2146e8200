// Rule kit: text helpers shared by the host and every plugin (HTML to text, blanks, placeholders).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace surveycheck::rulekit {

// Plain text of an HTML fragment: tags dropped, block tags and <br> as line breaks, entities decoded.
std::string html_to_text(std::string_view html);

// Runs of white space (ASCII and U+00A0) collapsed to one space, leading and trailing space removed.
std::string collapse_whitespace(std::string_view text);

// collapse_whitespace(html_to_text(html)) cut short: at least its first `bytes` bytes (all of it when
// shorter), reading `html` no further than they need.
std::string plain_text_prefix(std::string_view html, std::size_t bytes);

// ASCII lower-case copy (UTF-8 bytes above 0x7F are kept as they are).
std::string to_lower_ascii(std::string_view text);

// Append code point `cp` in UTF-8; U+FFFD for NUL, a surrogate or anything above U+10FFFF.
void append_utf8(std::string& out, std::uint32_t cp);

// True when `a` and `b` are equal but for the case of ASCII letters ("EN" and "en", "Free Text" and "free
// text").
bool equals_ignoring_ascii_case(std::string_view a, std::string_view b);

// True when the text, read as HTML, holds nothing but white space.
bool is_blank(std::string_view text);

// True when the text says nothing: blank, or only a placeholder (".", "-", "n/a", "none", "tbd", "xxx",
// "TBC", "to be completed", "see above", "not applicable", "à compléter", "voir ci-dessus", "néant", "lorem
// ipsum ...").
bool is_placeholder(std::string_view text);

}  // namespace surveycheck::rulekit
