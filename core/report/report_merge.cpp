#include <algorithm>
#include <map>
#include <set>

#include "report/report.hpp"

namespace surveycheck::report {

namespace {

std::string entry_key(const engine::BaselineEntry& entry) {
    return entry.fingerprint + '\n' + entry.rule + '\n' + entry.file + '\n' + entry.contribution + '\n' +
           entry.question + '\n' + entry.message;
}

// Each shard lists the baseline entries it did not find, including those of the other shards' files: an
// entry is absent from the whole run only when every shard lists it (as often as the fewest list it).
std::vector<engine::BaselineEntry> absent_everywhere(const std::vector<RunReport>& shards) {
    std::map<std::string, std::size_t> fewest;
    for (const auto& entry : shards.front().baseline.absent) ++fewest[entry_key(entry)];
    for (std::size_t i = 1; i < shards.size(); ++i) {
        std::map<std::string, std::size_t> listed;
        for (const auto& entry : shards[i].baseline.absent) ++listed[entry_key(entry)];
        for (auto& [key, count] : fewest) count = std::min(count, listed[key]);
    }
    std::vector<engine::BaselineEntry> absent;
    for (const auto& entry : shards.front().baseline.absent) {
        std::size_t& left = fewest[entry_key(entry)];
        if (left == 0) continue;
        --left;
        absent.push_back(entry);
    }
    return absent;
}

}  // namespace

bool merge_reports(const std::vector<RunReport>& shards, const std::vector<std::string>& names,
                   RunReport& merged, std::string& error) {
    merged = RunReport{};
    if (shards.empty()) {
        error = "no report to merge";
        return false;
    }
    merged.tool_version = shards.front().tool_version;
    merged.fail_on = shards.front().fail_on;
    std::set<std::string> rule_ids;
    std::set<std::string> fingerprints;
    for (std::size_t i = 0; i < shards.size(); ++i) {
        const RunReport& shard = shards[i];
        const std::string which = i < names.size() ? names[i] : "report " + std::to_string(i + 1);
        const std::string first = names.empty() ? std::string("report 1") : names.front();
        if (shard.tool_version != merged.tool_version) {
            error = which + " was written by surveycheck " + shard.tool_version + ", " + first + " by " +
                    merged.tool_version + "; shards of one run use one version";
            return false;
        }
        if (shard.fail_on != merged.fail_on) {
            error = which + " fails on " + engine::severity_name(shard.fail_on) + ", " + first + " on " +
                    engine::severity_name(merged.fail_on) + "; shards of one run use one threshold";
            return false;
        }
        if (shard.baseline.used != shards.front().baseline.used) {
            error = which + (shard.baseline.used ? " used a baseline, " : " used no baseline, ") + first +
                    (shard.baseline.used ? " none" : " one") + "; shards of one run use the same";
            return false;
        }
        merged.baseline.known += shard.baseline.known;
        for (const auto& rule : shard.rules) {
            if (rule_ids.insert(rule.id).second) merged.rules.push_back(rule);
        }
        // Every shard reports the run-level findings and problems again: keep each once.
        for (const auto& finding : shard.run_findings) {
            const std::string key =
                finding.fingerprint.empty() ? finding.rule + "\n" + finding.message : finding.fingerprint;
            if (fingerprints.insert(key).second) merged.run_findings.push_back(finding);
        }
        for (const auto& problem : shard.problems) {
            if (std::find(merged.problems.begin(), merged.problems.end(), problem) == merged.problems.end()) {
                merged.problems.push_back(problem);
            }
        }
        merged.files.insert(merged.files.end(), shard.files.begin(), shard.files.end());
    }
    merged.baseline.used = shards.front().baseline.used;
    merged.baseline.path = shards.front().baseline.path;
    if (merged.baseline.used) merged.baseline.absent = absent_everywhere(shards);
    return true;
}

}  // namespace surveycheck::report
