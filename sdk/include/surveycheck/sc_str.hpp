// The one conversion between the ABI's string view (sc_str) and std::string_view, for plugins and host alike.
#pragma once

#include <string_view>

#include "surveycheck/abi.h"

namespace surveycheck {

// The bytes of `s` as a string view; empty when `s.data` is null.
inline std::string_view view(sc_str s) noexcept {
    return s.data != nullptr ? std::string_view(s.data, s.size) : std::string_view();
}

// An sc_str over the bytes of `text`, valid as long as they are.
inline sc_str to_sc(std::string_view text) noexcept { return sc_str{text.data(), text.size()}; }

}  // namespace surveycheck
