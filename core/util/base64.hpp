// Base64 (RFC 4648, with padding), as a Content-Security-Policy hash source needs it.
#pragma once

#include <string>
#include <string_view>

namespace surveycheck::util {

// `bytes` in base64 with the standard alphabet and '=' padding.
std::string base64(std::string_view bytes);

}  // namespace surveycheck::util
