#include <algorithm>

#include "report/report.hpp"

namespace surveycheck::report {

void RunReport::add_file(engine::FileResult file) {
    if (run_fingerprints_.size() != run_findings.size()) {
        run_fingerprints_.clear();
        for (const auto& finding : run_findings) run_fingerprints_.insert(finding.fingerprint);
    }
    for (auto& finding : file.run_findings) {
        if (run_fingerprints_.insert(finding.fingerprint).second) run_findings.push_back(std::move(finding));
    }
    file.run_findings.clear();
    files.push_back(std::move(file));
}

std::vector<const engine::Finding*> RunReport::all_findings() const {
    std::vector<const engine::Finding*> all;
    for (const auto& finding : run_findings) all.push_back(&finding);
    for (const auto& file : files) {
        for (const auto& finding : file.findings) all.push_back(&finding);
    }
    return all;
}

void count_finding(const engine::Finding& finding, Summary& summary) {
    if (finding.suppressed) {
        ++summary.suppressed;
        return;
    }
    ++summary.per_rule[finding.rule];
    switch (finding.severity) {
        case engine::Severity::error:
        case engine::Severity::rule_default:  // never kept
            ++summary.error;
            break;
        case engine::Severity::warning:
            ++summary.warning;
            break;
        case engine::Severity::info:
            ++summary.info;
            break;
    }
}

void add_summary(Summary& summary, const Summary& more) {
    summary.files += more.files;
    summary.contributions += more.contributions;
    summary.error += more.error;
    summary.warning += more.warning;
    summary.info += more.info;
    summary.suppressed += more.suppressed;
    for (const auto& [rule, count] : more.per_rule) summary.per_rule[rule] += count;
}

Summary RunReport::summary() const {
    Summary summary = released;
    summary.files = files.size();
    for (const auto& file : files) summary.contributions += file.contributions.size();
    for (const engine::Finding* finding : all_findings()) count_finding(*finding, summary);
    return summary;
}

bool RunReport::incomplete() const {
    if (!problems.empty()) return true;
    for (const auto& file : files) {
        if (file.status != engine::FileStatus::checked) return true;
    }
    return false;
}

}  // namespace surveycheck::report
