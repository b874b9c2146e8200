// Reporters: the results of a run written for people (text) and for programs (JSON); sinks.hpp streams them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include "engine/baseline.hpp"
#include "engine/engine.hpp"
#include "engine/rule_set.hpp"
#include "report/spool.hpp"
#include "util/result.hpp"

namespace surveycheck::report {

// Counts of a run.
struct Summary {
    std::size_t files = 0;
    std::size_t contributions = 0;
    std::size_t error = 0;
    std::size_t warning = 0;
    std::size_t info = 0;
    std::size_t suppressed = 0;                   // waived findings (not in the counts above)
    std::map<std::string, std::size_t> per_rule;  // active (not waived) findings per rule id
};

// Count `finding` into `summary` (waived ones as suppressed only).
void count_finding(const engine::Finding& finding, Summary& summary);

// Add the counts of `more` to `summary`.
void add_summary(Summary& summary, const Summary& more);

// What a baseline did to the run.
struct BaselineSummary {
    bool used = false;
    std::string path;
    std::size_t known = 0;                      // findings the baseline knew, left out of the report
    std::vector<engine::BaselineEntry> absent;  // baseline entries this run no longer found
};

// Everything a reporter needs.
struct RunReport {
    std::string tool_version;
    std::vector<engine::RunRule> rules;  // every rule of the run, enabled or not (SARIF tool.driver.rules)
    std::vector<engine::FileResult> files;
    std::vector<engine::Finding> run_findings;  // about the whole run, each once
    engine::Severity fail_on = engine::Severity::error;
    std::string lang = "en";     // --lang: the reports' labels in French for "fr", else English
    std::string sarif_category;  // --sarif-category: SARIF automationDetails.id's category; empty: none
    std::vector<std::string> problems;  // run-level problems that make it incomplete (refused plugins)
    BaselineSummary baseline;
    Summary released;  // counts of contributions and findings written out early (sinks), not in `files`

    // Add a file's result; its run-level findings join run_findings unless already there.
    void add_file(engine::FileResult file);
    // Every finding, run-level first, then per file: what exit codes and summaries count.
    std::vector<const engine::Finding*> all_findings() const;
    // Counts of files, contributions and active findings per severity and rule.
    Summary summary() const;
    // True when a file could not be read, a rule failed or a plugin was refused.
    bool incomplete() const;

private:
    // The fingerprints of run_findings, so add_file costs a lookup per run finding, not a scan of them all;
    // made again from run_findings when something else added to them.
    std::unordered_set<std::string> run_fingerprints_;
};

// Options of the text reporter.
struct TextOptions {
    bool colour = false;  // ANSI colours (only on a terminal)
};

// Findings grouped per file and contribution, with question, answer excerpt and hint.
void write_text(std::ostream& out, const RunReport& report, const TextOptions& options);

// The JSON report described by schemas/findings.schema.json.
void write_json(std::ostream& out, const RunReport& report);

// One finding as a single JSON line (the `jsonl` format streams these), without the trailing newline.
std::string finding_json_line(const engine::Finding& finding);

// Options of the JUnit reporter.
struct JunitOptions {
    std::string timestamp;  // YYYY-MM-DDThh:mm:ss UTC; empty: SOURCE_DATE_EPOCH when set, else now
    std::string hostname = "localhost";
};

// SARIF 2.1.0: the rules, every file as an artifact, a result per finding, incomplete runs unsuccessful.
void write_sarif(std::ostream& out, const RunReport& report);

// JUnit XML (Ant schema): a testsuite per file, a testcase per contribution, failures at or above fail_on.
void write_junit(std::ostream& out, const RunReport& report, const JunitOptions& options = {});

// One self-contained HTML page (inline style and script, a strict Content-Security-Policy) for reviewers.
void write_html(std::ostream& out, const RunReport& report);

// Read a JSON report written by write_json back into `report`; a failure saying what is wrong.
util::Result read_json_report(const std::string& text, RunReport& report);

// Merge shard reports in order (files concatenated, run findings and problems once) into `merged`; a failure
// naming the shard by `names` when they disagree on tool version or threshold.
util::Result merge_reports(const std::vector<RunReport>& shards, const std::vector<std::string>& names,
                           RunReport& merged);

// A report to merge: a name for messages and its text.
struct ReportText {
    std::string name;
    std::string text;
};

// Merge the SARIF logs of shards (write_sarif) into one run written to `out`; a failure naming the wrong
// input.
util::Result merge_sarif(const std::vector<ReportText>& logs, std::ostream& out);

}  // namespace surveycheck::report
