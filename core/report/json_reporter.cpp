#include <nlohmann/json.hpp>

#include "report/inert_json.hpp"
#include "report/report.hpp"

namespace surveycheck::report {
namespace {

using nlohmann::ordered_json;

ordered_json finding_json(const engine::Finding& finding) {
    ordered_json out;
    out["rule"] = finding.rule;
    out["severity"] = engine::severity_name(finding.severity);
    out["message"] = finding.message;
    out["file"] = finding.file;
    out["contribution"] = finding.contribution;
    out["question"] = {{"key", finding.question.key},
                       {"uid", finding.question.uid},
                       {"bid", finding.question.bid},
                       {"title", finding.question.title}};
    out["section"] = finding.section;
    out["line"] = finding.position.line;
    out["column"] = finding.position.column;
    out["xpath"] = finding.xpath;
    out["hint"] = finding.hint;
    out["fingerprint"] = finding.fingerprint;
    out["docs"] = finding.docs_url;
    out["excerpt"] = finding.excerpt;
    out["suppressed"] = finding.suppressed;
    if (finding.suppressed) {
        out["suppression"] = {{"justification", finding.suppression.justification},
                              {"author", finding.suppression.author},
                              {"expires", finding.suppression.expires}};
    }
    if (finding.baseline != engine::BaselineState::none) {
        out["baseline_state"] = finding.baseline == engine::BaselineState::new_finding ? "new" : "unchanged";
    }
    return out;
}

ordered_json file_json(const engine::FileResult& file) {
    ordered_json out;
    out["path"] = file.path;
    out["status"] = engine::file_status_name(file.status);
    if (file.status == engine::FileStatus::unreadable) {
        out["error"] = {{"message", file.error},
                        {"line", file.error_position.line},
                        {"column", file.error_position.column}};
    }
    ordered_json contributions = ordered_json::array();
    for (const auto& contribution : file.contributions) {
        contributions.push_back({{"id", contribution.id},
                                 {"partnership", contribution.partnership},
                                 {"period", contribution.period},
                                 {"line", contribution.position.line},
                                 {"column", contribution.position.column}});
    }
    out["contributions"] = std::move(contributions);
    return out;
}

}  // namespace

std::string finding_json_line(const engine::Finding& finding) {
    return inert_json(finding_json(finding).dump(-1, ' ', false, ordered_json::error_handler_t::replace));
}

void write_json(std::ostream& out, const RunReport& report) {
    ordered_json root;
    root["tool"] = {{"name", "surveycheck"}, {"version", report.tool_version}};
    root["files"] = ordered_json::array();
    root["findings"] = ordered_json::array();
    for (const auto& file : report.files) root["files"].push_back(file_json(file));
    for (const engine::Finding* finding : report.all_findings())
        root["findings"].push_back(finding_json(*finding));
    root["problems"] = report.problems;
    const Summary counts = report.summary();
    root["summary"] = {{"files", counts.files},
                       {"contributions", counts.contributions},
                       {"error", counts.error},
                       {"warning", counts.warning},
                       {"info", counts.info},
                       {"suppressed", counts.suppressed},
                       {"rules", counts.per_rule},
                       {"fail_on", engine::severity_name(report.fail_on)},
                       {"incomplete", report.incomplete()}};
    if (report.baseline.used) {
        ordered_json absent = ordered_json::array();
        for (const auto& entry : report.baseline.absent) {
            absent.push_back({{"fingerprint", entry.fingerprint},
                              {"rule", entry.rule},
                              {"file", entry.file},
                              {"contribution", entry.contribution},
                              {"question", entry.question},
                              {"message", entry.message}});
        }
        root["summary"]["baseline"] = {
            {"path", report.baseline.path}, {"known", report.baseline.known}, {"absent", std::move(absent)}};
    }
    // Invalid UTF-8 in an export is replaced, never a reason to lose the report.
    out << inert_json(root.dump(2, ' ', false, ordered_json::error_handler_t::replace)) << '\n';
}

}  // namespace surveycheck::report
