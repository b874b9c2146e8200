// Reporters: the results of a run written for people (text) and for programs (JSON).
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "engine/engine.hpp"

namespace surveycheck::report {

// Counts of a run.
struct Summary {
    std::size_t files = 0;
    std::size_t contributions = 0;
    std::size_t error = 0;
    std::size_t warning = 0;
    std::size_t info = 0;
};

// Everything a reporter needs.
struct RunReport {
    std::string tool_version;
    std::vector<engine::FileResult> files;
    engine::Severity fail_on = engine::Severity::error;
    std::vector<std::string> problems;  // run-level problems that make it incomplete (refused plugins)

    // Counts of files, contributions and findings per severity.
    Summary summary() const;
    // True when a file could not be read, a rule failed or a plugin was refused.
    bool incomplete() const;
};

// Options of the text reporter.
struct TextOptions {
    bool colour = false;  // ANSI colours (only on a terminal)
};

// Findings grouped per file and contribution, with question, answer excerpt and hint.
void write_text(std::ostream& out, const RunReport& report, const TextOptions& options);

// The JSON report described by schemas/findings.schema.json.
void write_json(std::ostream& out, const RunReport& report);

}  // namespace surveycheck::report
