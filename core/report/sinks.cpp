#include "report/sinks.hpp"

namespace surveycheck::report {

const std::vector<SinkFormat>& sink_formats() {
    static const std::vector<SinkFormat> formats = {
        {"text", "findings grouped per file and contribution, for people", ".txt", true, make_text_sink},
        {"json", "the JSON report of schemas/findings.schema.json", ".json", true, make_json_sink},
        {"jsonl", "one JSON object per finding, a line each, written as the run goes", ".jsonl", true,
         make_jsonl_sink},
        {"sarif", "SARIF 2.1.0, for code-scanning dashboards", ".sarif", true, make_sarif_sink},
        {"junit", "JUnit XML: a testsuite per file, a testcase per contribution", ".xml", true,
         make_junit_sink},
        {"html", "one self-contained page for reviewers", ".html", true, make_html_sink},
    };
    return formats;
}

const SinkFormat* find_sink_format(const std::string& name) {
    for (const auto& format : sink_formats()) {
        if (format.name == name) return &format;
    }
    return nullptr;
}

std::string sink_format_names(const std::string& separator, const std::string& last) {
    const auto& formats = sink_formats();
    std::string names;
    for (std::size_t i = 0; i < formats.size(); ++i) {
        if (i > 0) names += i + 1 == formats.size() ? last : separator;
        names += formats[i].name;
    }
    return names;
}

}  // namespace surveycheck::report
