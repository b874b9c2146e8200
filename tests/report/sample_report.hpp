// A RunReport built in code with every kind of content a reporter must handle, and schema checks of outputs.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "engine/host_rules.hpp"
#include "engine/rule_set.hpp"
#include "report/report.hpp"

namespace surveycheck::test {

namespace fs = std::filesystem;

// Untrusted answer text: markup, an ESC control character and bytes that are not UTF-8.
inline const std::string hostile_excerpt = "<script>alert(1)</script> \x1b[31mred & \"quoted\" \xff\xfe end";

// A finding with every field set.
inline engine::Finding full_finding(const std::string& file, const std::string& contribution,
                                    const std::string& rule, engine::Severity severity,
                                    const std::string& fingerprint) {
    engine::Finding finding;
    finding.rule = rule;
    finding.severity = severity;
    finding.message = "The mandatory question is not answered";
    finding.file = file;
    finding.contribution = contribution;
    finding.question = {"exec_summary", "u-exec", "exec", "Executive summary"};
    finding.section = "Public part";
    finding.position = {12, 5};
    finding.xpath = "/Results/Answers/AnswerSet[1]/Answer[3]";
    finding.hint = "Answer the question";
    finding.fingerprint = fingerprint;
    finding.docs_url = "https://example.invalid/docs/rules/mandatory-fields.md#missing";
    finding.excerpt = hostile_excerpt;
    return finding;
}

// A finding about the whole run (no file, no contribution, no position).
inline engine::Finding run_finding(const std::string& fingerprint) {
    engine::Finding finding;
    finding.rule = "surveycheck/unknown-question";
    finding.severity = engine::Severity::warning;
    finding.message = "The profile names a question no export has";
    finding.fingerprint = fingerprint;
    return finding;
}

inline engine::ContributionSummary contribution(const std::string& id, const std::string& partnership,
                                                const std::string& period, std::uint32_t line) {
    return engine::ContributionSummary{id, partnership, period, eusurvey::Position{line, 1}};
}

// The rules: the host's own and one plugin rule with an option, its severity overridden to info.
inline std::vector<engine::RunRule> sample_rules() {
    std::vector<engine::RunRule> rules = engine::host_rules();
    engine::RunRule missing;
    missing.id = "mandatory-fields/missing";
    missing.plugin = "mandatory-fields";
    missing.title = "Mandatory question not answered";
    missing.description = "A question the profile marks mandatory has no answer.";
    missing.docs_url = "https://example.invalid/docs/rules/mandatory-fields.md#missing";
    rules.push_back(missing);
    engine::RunRule recommended = missing;
    recommended.id = "mandatory-fields/recommended";
    recommended.title = "Recommended question not answered";
    recommended.default_severity = engine::Severity::warning;
    recommended.severity = engine::Severity::info;
    recommended.severity_overridden = true;
    recommended.options.push_back({"ignore", "string", "", "Question keys to ignore"});
    rules.push_back(recommended);
    return rules;
}

// A run over three files: one checked with findings of every state, one incomplete (a rule failed, absolute
// path with non-ASCII letters), one unreadable; plus a run-level finding and a refused plugin.
inline report::RunReport sample_report() {
    report::RunReport report;
    report.tool_version = "0.1.0";
    report.rules = sample_rules();
    report.run_findings.push_back(run_finding("00000000000000aa"));
    report.problems.push_back("plugin refused: /opt/plugins/libold.so: ABI 2.0, host 1.0");

    engine::FileResult checked;
    checked.path = "exports/report one.xml";
    checked.contributions = {contribution("c-1", "Partnership A", "January - June 2020", 9),
                             contribution("c-2", "", "", 40)};
    checked.findings.push_back(full_finding(checked.path, "", "surveycheck/profile-question-missing",
                                            engine::Severity::error, "0000000000000001"));
    checked.findings.back().question = {};
    checked.findings.back().position = {};
    checked.findings.push_back(full_finding(checked.path, "c-1", "mandatory-fields/missing",
                                            engine::Severity::error, "0000000000000002"));
    checked.findings.push_back(full_finding(checked.path, "c-1", "mandatory-fields/recommended",
                                            engine::Severity::info, "0000000000000003"));
    engine::Finding waived = full_finding(checked.path, "c-2", "mandatory-fields/missing",
                                          engine::Severity::error, "0000000000000004");
    waived.suppressed = true;
    waived.suppression = {"Answered on paper", "j.smith", "2026-12-31"};
    checked.findings.push_back(waived);
    engine::Finding known = full_finding(checked.path, "c-2", "mandatory-fields/missing",
                                         engine::Severity::error, "0000000000000005");
    known.baseline = engine::BaselineState::unchanged;
    checked.findings.push_back(known);
    engine::Finding fresh = full_finding(checked.path, "c-2", "mandatory-fields/missing",
                                         engine::Severity::error, "0000000000000006");
    fresh.baseline = engine::BaselineState::new_finding;
    checked.findings.push_back(fresh);
    report.files.push_back(checked);

    engine::FileResult incomplete;
    incomplete.path = "/data/exp\xc3\xbcrt #1.xml";
    incomplete.status = engine::FileStatus::incomplete;
    incomplete.contributions = {contribution("c-9", "Partnership B", "", 7)};
    engine::Finding failed = full_finding(incomplete.path, "c-9", "surveycheck/rule-failed",
                                          engine::Severity::error, "0000000000000007");
    failed.message = "mandatory-fields/missing failed: out of memory";
    incomplete.findings.push_back(failed);
    report.files.push_back(incomplete);

    engine::FileResult unreadable;
    unreadable.path = "broken.xml";
    unreadable.status = engine::FileStatus::unreadable;
    unreadable.error = "mismatched end tag";
    unreadable.error_position = {3, 14};
    report.files.push_back(unreadable);
    return report;
}

// A report of one clean file: nothing failed, nothing missing.
inline report::RunReport clean_report() {
    report::RunReport report;
    report.tool_version = "0.1.0";
    report.rules = sample_rules();
    engine::FileResult file;
    file.path = "clean.xml";
    file.contributions = {contribution("c-1", "Partnership C", "2021", 5)};
    report.files.push_back(file);
    return report;
}

// Write `content` into a temporary file named for the running test and return its path.
inline std::string temp_file(const std::string& suffix, const std::string& content) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const fs::path path =
        fs::temp_directory_path() / (std::string("surveycheck-report-") + info->test_suite_name() + "-" +
                                     info->name() + "-" + std::to_string(::getpid()) + suffix);
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
}

// Exit code of a shell command, its output (both streams) appended to `output`.
inline int run_command(const std::string& command, std::string& output) {
    const std::string log = temp_file(".log", "");
    const int status = std::system((command + " >'" + log + "' 2>&1").c_str());
    std::ifstream in(log);
    std::ostringstream text;
    text << in.rdbuf();
    output = text.str();
    fs::remove(log);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// True when `document` validates against the JSON schema at `schema` (Debian's python3-jsonschema).
inline ::testing::AssertionResult valid_json(const std::string& document, const std::string& schema) {
    const std::string path = temp_file(".json", document);
    std::string output;
    const int code = run_command(
        "/usr/bin/python3 -c 'import json,sys,jsonschema; "
        "jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))' '" +
            schema + "' '" + path + "'",
        output);
    fs::remove(path);
    if (code == 0) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "not valid against " << schema << ":\n" << output.substr(0, 3000);
}

// True when `document` validates against the XSD at `schema` (xmllint).
inline ::testing::AssertionResult valid_xml(const std::string& document, const std::string& schema) {
    const std::string path = temp_file(".xml", document);
    std::string output;
    const int code = run_command("xmllint --noout --schema '" + schema + "' '" + path + "'", output);
    fs::remove(path);
    if (code == 0) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "not valid against " << schema << ":\n" << output.substr(0, 3000);
}

}  // namespace surveycheck::test
