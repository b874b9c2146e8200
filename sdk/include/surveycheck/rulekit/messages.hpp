// Rule kit: filling the {name} placeholders of a message, the same way in plugins and in the host.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace surveycheck::rulekit {

// The value of one {name} placeholder.
struct MessageArg {
    std::string_view name;
    std::string_view value;
};

// `text` with each {name} replaced by its value; an unknown {name} stays as written; "{{" and "}}" are
// braces.
std::string format_message(std::string_view text, const std::vector<MessageArg>& args);

}  // namespace surveycheck::rulekit
