#include <algorithm>
#include <map>
#include <set>

#include "report/report.hpp"
#include "report/shard_merge.hpp"

namespace surveycheck::report {

namespace {

std::string entry_key(const engine::BaselineEntry& entry) {
    return entry.fingerprint + '\n' + entry.rule + '\n' + entry.file + '\n' + entry.contribution + '\n' +
           entry.question + '\n' + entry.message;
}

// Adds shards one after the other: checks that they agree, unites rules, run findings and problems, adds up
// what the baseline knew and concatenates the files.
class ShardMerger {
public:
    // Add `shard`, called `name`; a failure when it disagrees with the first.
    util::Result add(const RunReport& shard, const std::string& name) {
        if (first_name_.empty()) {
            first_name_ = name;
            merged_.tool_version = shard.tool_version;
            merged_.fail_on = shard.fail_on;
            merged_.baseline.used = shard.baseline.used;
            merged_.baseline.path = shard.baseline.path;
        }
        const std::string& first = first_name_;
        if (shard.tool_version != merged_.tool_version) {
            return util::Result::failure(name + " was written by surveycheck " + shard.tool_version + ", " +
                                         first + " by " + merged_.tool_version +
                                         "; shards of one run use one version");
        }
        if (shard.fail_on != merged_.fail_on) {
            return util::Result::failure(name + " fails on " + engine::severity_name(shard.fail_on) + ", " +
                                         first + " on " + engine::severity_name(merged_.fail_on) +
                                         "; shards of one run use one threshold");
        }
        if (shard.baseline.used != merged_.baseline.used) {
            return util::Result::failure(
                name + (shard.baseline.used ? " used a baseline, " : " used no baseline, ") + first +
                (shard.baseline.used ? " none" : " one") + "; shards of one run use the same");
        }
        merged_.baseline.known += shard.baseline.known;
        for (const auto& rule : shard.rules) {
            if (rule_ids_.insert(rule.id).second) merged_.rules.push_back(rule);
        }
        // Every shard reports the run-level findings and problems again: keep each once.
        for (const auto& finding : shard.run_findings) {
            const std::string key =
                finding.fingerprint.empty() ? finding.rule + "\n" + finding.message : finding.fingerprint;
            if (fingerprints_.insert(key).second) merged_.run_findings.push_back(finding);
        }
        for (const auto& problem : shard.problems) {
            if (std::find(merged_.problems.begin(), merged_.problems.end(), problem) ==
                merged_.problems.end()) {
                merged_.problems.push_back(problem);
            }
        }
        add_absent(shard.baseline.absent);
        merged_.files.insert(merged_.files.end(), shard.files.begin(), shard.files.end());
        return {};
    }

    // The merged report.
    RunReport take() {
        if (merged_.baseline.used) {
            // An entry is absent from the whole run only when every shard lists it (as often as the fewest).
            for (const auto& entry : first_absent_) {
                std::size_t& left = fewest_[entry_key(entry)];
                if (left == 0) continue;
                --left;
                merged_.baseline.absent.push_back(entry);
            }
        }
        return std::move(merged_);
    }

private:
    // Each shard lists the baseline entries it did not find, including those of the other shards' files.
    void add_absent(const std::vector<engine::BaselineEntry>& absent) {
        if (!added_absent_) {
            added_absent_ = true;
            first_absent_ = absent;
            for (const auto& entry : absent) ++fewest_[entry_key(entry)];
            return;
        }
        std::map<std::string, std::size_t> listed;
        for (const auto& entry : absent) ++listed[entry_key(entry)];
        for (auto& [key, count] : fewest_) count = std::min(count, listed[key]);
    }

    RunReport merged_;
    std::string first_name_;
    std::set<std::string> rule_ids_;
    std::set<std::string> fingerprints_;
    bool added_absent_ = false;
    std::vector<engine::BaselineEntry> first_absent_;
    std::map<std::string, std::size_t> fewest_;
};

}  // namespace

util::Result merge_reports(const std::vector<RunReport>& shards, const std::vector<std::string>& names,
                           RunReport& merged) {
    merged = RunReport{};
    if (shards.empty()) return util::Result::failure("no report to merge");
    ShardMerger merger;
    for (std::size_t i = 0; i < shards.size(); ++i) {
        const std::string which = i < names.size() ? names[i] : "report " + std::to_string(i + 1);
        if (util::Result added = merger.add(shards[i], which); !added) return added;
    }
    merged = merger.take();
    return {};
}

util::Result merge_json_shards(const std::vector<ShardInput>& shards, const OpenSink& open) {
    if (shards.empty()) return util::Result::failure("no report to merge");
    // Every shard is read and checked before any is merged, as when they were read whole.
    std::vector<RunReport> headers(shards.size());
    for (std::size_t i = 0; i < shards.size(); ++i) {
        if (const util::Result read = read_json_header(*shards[i].bytes, headers[i]); !read) {
            return util::Result::failure(shards[i].name + ": " + read.description);
        }
    }
    ShardMerger merger;
    for (std::size_t i = 0; i < shards.size(); ++i) {
        if (util::Result added = merger.add(headers[i], shards[i].name); !added) return added;
    }
    headers.clear();
    RunReport merged = merger.take();
    Sink& sink = open();
    RunReport start;
    start.tool_version = merged.tool_version;
    start.fail_on = merged.fail_on;
    sink.begin(start);
    for (const ShardInput& shard : shards) {
        if (const util::Result sent = send_json_files(*shard.bytes, sink, merged.released); !sent) {
            return util::Result::failure(shard.name + ": " + sent.description);
        }
    }
    sink.finish(merged);
    return {};
}

}  // namespace surveycheck::report
