// Big exports for tests, made from a small one: its contributions repeated with fresh ids.
#pragma once

#include <ostream>
#include <sstream>
#include <string>

#include "cli_fixture.hpp"

namespace surveycheck::test {

// Write the export at `path` with its contributions repeated `copies` times, each copy with its own ids
// (`prefix`, its number, "-", the original id); the copy numbered `broken` (if any) has a mistyped end tag.
// Written as it goes: a test process that forks the tool stays small.
inline void write_repeated_contributions(std::ostream& out, const std::string& path, int copies,
                                         int broken = -1, const std::string& prefix = "copy") {
    const std::string xml = read_file(path);
    const auto first = xml.find("<AnswerSet ");
    const auto last = xml.rfind("</AnswerSet>") + std::string("</AnswerSet>").size();
    const std::string sets = xml.substr(first, last - first);
    out << xml.substr(0, first);
    for (int i = 0; i < copies; ++i) {
        std::string copy = sets;
        for (auto at = copy.find(" id=\""); at != std::string::npos; at = copy.find(" id=\"", at + 1)) {
            if (copy.compare(at - 10, 10, "<AnswerSet") == 0)
                copy.insert(at + 5, prefix + std::to_string(i) + "-");
        }
        if (i == broken) copy.replace(copy.find("</Answer>"), 9, "</Answr>");
        out << copy << (i % 3 == 0 ? "\n" : "");
    }
    out << xml.substr(last);
}

// The same, as a string.
inline std::string repeated_contributions(const std::string& path, int copies, int broken = -1,
                                          const std::string& prefix = "copy") {
    std::ostringstream out;
    write_repeated_contributions(out, path, copies, broken, prefix);
    return out.str();
}

}  // namespace surveycheck::test
