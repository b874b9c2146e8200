// Private helpers of the reader: the XML predefined and numeric character references, UTF-8 validity.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace surveycheck::eusurvey {

// Bytes of a character reference in the source and of its UTF-8 expansion; raw_length 0 when none.
struct EntityLength {
    std::size_t raw_length = 0;
    std::size_t decoded_length = 0;
    std::uint32_t code_point = 0;  // the character it stands for
};

// The character reference at the start of `text` (which starts with '&'), as an XML parser expands it.
EntityLength decode_xml_entity(std::string_view text);

// `text` with every character reference (&amp; &lt; &gt; &quot; &apos; &#NN; &#xNN;) expanded once; an '&'
// that starts none, or one that stands for U+0000 or a surrogate, stays as it is.
std::string expand_xml_entities(std::string_view text);

// A character no export may hold: a NUL byte, or a reference to U+0000, a surrogate or past U+10FFFF.
struct ForbiddenCharacter {
    std::size_t offset = std::string_view::npos;  // npos when there is none
    std::string description;                      // what it is, for a reader
};

// The first forbidden character of `text`, which would cut or corrupt the text it is in.
ForbiddenCharacter first_forbidden_character(std::string_view text);

// Offset of the '<' of the first tag in `text` with more than `limit` attributes; `text.size()` when none
// has.
std::size_t first_tag_over(std::string_view text, std::size_t limit);

// Calls `visit(offset)`, in order, for each line start after a line end in [from, to) of `text`: XML ends a
// line with LF, CR LF or a lone CR (a CR at the end of `text` is a lone one).
template <typename Visit>
void for_each_line_start(std::string_view text, std::size_t from, std::size_t to, Visit&& visit) {
    const char* data = text.data();
    auto next = [&](char c, std::size_t at) {
        const void* found = at < to ? std::memchr(data + at, c, to - at) : nullptr;
        return found == nullptr ? to : static_cast<std::size_t>(static_cast<const char*>(found) - data);
    };
    std::size_t lf = next('\n', from);
    std::size_t cr = next('\r', from);
    while (lf < to || cr < to) {
        if (lf < cr) {
            visit(lf + 1);
            lf = next('\n', lf + 1);
        } else {
            if (cr + 1 == text.size() || data[cr + 1] != '\n') visit(cr + 1);
            cr = next('\r', cr + 1);
        }
    }
}

}  // namespace surveycheck::eusurvey
