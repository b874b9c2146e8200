// The report formats: one registry that the CLI's --format, its help, merge and the docs read.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "report/sink.hpp"

namespace surveycheck::report {

// A report format.
struct SinkFormat {
    std::string name;                                  // as given to --format
    std::string description;                           // one line, for help and docs
    std::string extension;                             // of a file in this format, with its dot
    bool quotes_confidential = true;                   // quotes answers (internal audience)
    std::unique_ptr<Sink> (*make)(const SinkTarget&);  // a sink writing to a target
};

// Every format, in the order help and docs list them.
const std::vector<SinkFormat>& sink_formats();

// The format called `name`, or null.
const SinkFormat* find_sink_format(const std::string& name);

// The names of every format, e.g. "text, json, ... or html" (`last` between the last two).
std::string sink_format_names(const std::string& separator = ", ", const std::string& last = " or ");

// The sink of each format (one file each).
std::unique_ptr<Sink> make_text_sink(const SinkTarget& target);
std::unique_ptr<Sink> make_json_sink(const SinkTarget& target);
std::unique_ptr<Sink> make_jsonl_sink(const SinkTarget& target);
std::unique_ptr<Sink> make_sarif_sink(const SinkTarget& target);
std::unique_ptr<Sink> make_junit_sink(const SinkTarget& target);
std::unique_ptr<Sink> make_html_sink(const SinkTarget& target);

}  // namespace surveycheck::report
