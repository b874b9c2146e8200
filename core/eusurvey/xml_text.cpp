#include "eusurvey/xml_text.hpp"

#include <array>
#include <cstdint>

namespace surveycheck::eusurvey {

namespace {

std::size_t utf8_length(std::uint32_t cp) {
    if (cp < 0x80) {
        return 1;
    }
    if (cp < 0x800) {
        return 2;
    }
    return cp < 0x10000 ? 3 : 4;
}

}  // namespace

EntityLength decode_xml_entity(std::string_view text) {
    const std::size_t semicolon = text.find(';');
    if (text.empty() || text.front() != '&' || semicolon == std::string_view::npos || semicolon > 12) {
        return {};
    }
    const std::string_view body = text.substr(1, semicolon - 1);
    static constexpr std::array<std::string_view, 5> predefined{{"amp", "lt", "gt", "quot", "apos"}};
    for (const auto name : predefined) {
        if (body == name) {
            return {semicolon + 1, 1};
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
    return {semicolon + 1, utf8_length(cp)};
}

}  // namespace surveycheck::eusurvey
