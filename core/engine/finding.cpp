#include "engine/finding.hpp"

namespace surveycheck::engine {

const char* severity_name(Severity severity) {
    switch (severity) {
        case Severity::info:
            return "info";
        case Severity::warning:
            return "warning";
        case Severity::error:
            return "error";
    }
    return "error";
}

bool parse_severity(const std::string& text, Severity& out) {
    for (const Severity candidate : {Severity::info, Severity::warning, Severity::error}) {
        if (text == severity_name(candidate)) {
            out = candidate;
            return true;
        }
    }
    return false;
}

}  // namespace surveycheck::engine
