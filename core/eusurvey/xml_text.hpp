// Private helpers of the reader: the XML predefined and numeric character references, UTF-8 validity.
#pragma once

#include <cstddef>
#include <string_view>

namespace surveycheck::eusurvey {

// Bytes of a character reference in the source and of its UTF-8 expansion; raw_length 0 when none.
struct EntityLength {
    std::size_t raw_length = 0;
    std::size_t decoded_length = 0;
};

// The character reference at the start of `text` (which starts with '&'), as an XML parser expands it.
EntityLength decode_xml_entity(std::string_view text);

// Offset of the first byte of `text` that is not well-formed UTF-8 (over-long forms and surrogates included);
// `text.size()` when there is none.
std::size_t first_invalid_utf8(std::string_view text);

}  // namespace surveycheck::eusurvey
