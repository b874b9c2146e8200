// SHA-256 (FIPS 180-4) of a file, to identify and pin plugin binaries (`surveycheck plugins`,
// --plugin-allow).
#pragma once

#include <string>
#include <string_view>

#include "util/result.hpp"

namespace surveycheck::util {

// The 32 bytes of the SHA-256 of `bytes`.
std::string sha256_digest(std::string_view bytes);

// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

// Lower-case hex SHA-256 of the file at `path` into `hex`; a failure (without the path) when it cannot be
// read.
Result sha256_file(const std::string& path, std::string& hex);

}  // namespace surveycheck::util
