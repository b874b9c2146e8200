#include "surveycheck/rulekit/messages.hpp"

#include <algorithm>

namespace surveycheck::rulekit {

std::string format_message(std::string_view text, const std::vector<MessageArg>& args) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        // Text without braces goes out in one piece.
        std::size_t brace = i;
        while (brace < text.size() && text[brace] != '{' && text[brace] != '}') ++brace;
        out.append(text, i, brace - i);
        i = brace;
        if (i == text.size()) break;
        const char c = text[i];
        if (i + 1 < text.size() && text[i + 1] == c) {  // "{{" or "}}"
            out += c;
            i += 2;
            continue;
        }
        if (c == '{') {
            const std::size_t close = text.find('}', i + 1);
            if (close != std::string_view::npos) {
                const std::string_view name = text.substr(i + 1, close - i - 1);
                const auto arg = std::find_if(args.begin(), args.end(), [&](const MessageArg& candidate) {
                    return candidate.name == name;
                });
                if (arg != args.end()) {
                    out += arg->value;
                    i = close + 1;
                    continue;
                }
            }
        }
        out += c;
        ++i;
    }
    return out;
}

}  // namespace surveycheck::rulekit
