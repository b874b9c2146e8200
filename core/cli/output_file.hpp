// Writing reports without ever leaving a half-written file or overwriting an input.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace surveycheck::cli {

// True when `output` names the same file as one of `inputs`.
bool is_one_of(const std::string& output, const std::vector<std::string>& inputs);

// Write `content` to `path` through a temporary file in the same folder and a rename; false with `error` set.
bool write_file_atomically(const std::string& path, const std::string& content, std::string& error);

// The same for content too large to hold: `write` streams it into the temporary file.
bool write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write,
                           std::string& error);

}  // namespace surveycheck::cli
