// JSON text a terminal cannot act on: C0 controls are escaped by every JSON writer, C1 controls are not.
#pragma once

#include <cstdio>
#include <string>

namespace surveycheck::report {

// `json` (a dump) with each C1 control character (U+0080 to U+009F, e.g. the 8-bit CSI) written as \u00XX.
inline std::string inert_json(std::string json) {
    std::string out;
    out.reserve(json.size());
    for (std::size_t i = 0; i < json.size(); ++i) {
        const auto second = i + 1 < json.size() ? static_cast<unsigned char>(json[i + 1]) : 0u;
        // In a JSON dump C2 80..C2 9F can only be the UTF-8 of a C1 character inside a string.
        if (static_cast<unsigned char>(json[i]) == 0xC2 && second >= 0x80 && second <= 0x9F) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", second);
            out += escaped;
            ++i;
        } else {
            out += json[i];
        }
    }
    return out;
}

}  // namespace surveycheck::report
