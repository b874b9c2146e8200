#include "util/result.hpp"

namespace surveycheck::util {

std::string describe(const Result& result, const std::string& name) {
    if (result) return name;
    if (result.position.line == 0) return name + ": " + result.description;
    return name + ":" + std::to_string(result.position.line) + ":" + std::to_string(result.position.column) +
           ": " + result.description;
}

}  // namespace surveycheck::util
