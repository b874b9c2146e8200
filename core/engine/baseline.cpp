#include "engine/baseline.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace surveycheck::engine {

using nlohmann::ordered_json;

util::Result read_baseline(const std::string& text, std::vector<BaselineEntry>& out) {
    ordered_json root;
    try {
        root = ordered_json::parse(text);
    } catch (const ordered_json::parse_error& e) {
        return util::Result::failure(std::string("not JSON: ") + e.what());
    }
    if (!root.is_object() || root.value("format", "") != "surveycheck-baseline" ||
        !root.contains("findings") || !root["findings"].is_array()) {
        return util::Result::failure(
            "not a surveycheck baseline (expected {\"format\": \"surveycheck-baseline\", \"findings\": "
            "[...]})");
    }
    std::vector<BaselineEntry> entries;
    for (std::size_t i = 0; i < root["findings"].size(); ++i) {
        const auto& item = root["findings"][i];
        if (!item.is_object() || !item.contains("fingerprint") || !item["fingerprint"].is_string()) {
            return util::Result::failure("finding " + std::to_string(i + 1) + " has no fingerprint");
        }
        BaselineEntry entry;
        entry.fingerprint = item["fingerprint"].get<std::string>();
        entry.rule = item.value("rule", "");
        entry.file = item.value("file", "");
        entry.contribution = item.value("contribution", "");
        entry.question = item.value("question", "");
        entry.message = item.value("message", "");
        entries.push_back(std::move(entry));
    }
    out = std::move(entries);
    return {};
}

std::string write_baseline(const std::vector<const Finding*>& findings,
                           const std::vector<BaselineEntry>& carried) {
    ordered_json root;
    root["format"] = "surveycheck-baseline";
    root["version"] = 1;
    root["findings"] = ordered_json::array();
    for (const Finding* finding : findings) {
        if (finding->suppressed) continue;
        root["findings"].push_back({{"fingerprint", finding->fingerprint},
                                    {"rule", finding->rule},
                                    {"file", finding->file},
                                    {"contribution", finding->contribution},
                                    {"question", finding->question.key},
                                    {"message", finding->message}});
    }
    for (const BaselineEntry& entry : carried) {
        root["findings"].push_back({{"fingerprint", entry.fingerprint},
                                    {"rule", entry.rule},
                                    {"file", entry.file},
                                    {"contribution", entry.contribution},
                                    {"question", entry.question},
                                    {"message", entry.message}});
    }
    return root.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

std::vector<BaselineEntry> take_unchecked(std::vector<BaselineEntry>& absent,
                                          const std::vector<std::string>& unchecked) {
    const auto is_unchecked = [&](const BaselineEntry& entry) {
        return std::any_of(unchecked.begin(), unchecked.end(), [&](const std::string& file) {
            return entry.file == file || entry.file.rfind(file + "!/", 0) == 0;
        });
    };
    std::vector<BaselineEntry> taken;
    std::vector<BaselineEntry> left;
    for (auto& entry : absent) (is_unchecked(entry) ? taken : left).push_back(std::move(entry));
    absent = std::move(left);
    return taken;
}

BaselineFilter::BaselineFilter(const std::vector<BaselineEntry>& entries) : entries_(entries) {
    for (std::size_t i = 0; i < entries_.size(); ++i) unmatched_[entries_[i].fingerprint].push_back(i);
}

void BaselineFilter::apply(std::vector<Finding>& findings) {
    mark(findings);
    drop_unchanged(findings);
}

void BaselineFilter::mark(std::vector<Finding>& findings) {
    for (auto& finding : findings) {
        auto it = unmatched_.find(finding.fingerprint);
        if (it != unmatched_.end() && !it->second.empty()) {
            it->second.erase(it->second.begin());
            ++known_;
            finding.baseline = BaselineState::unchanged;
            continue;
        }
        finding.baseline = BaselineState::new_finding;
    }
}

void drop_unchanged(std::vector<Finding>& findings) {
    findings.erase(
        std::remove_if(findings.begin(), findings.end(),
                       [](const Finding& finding) { return finding.baseline == BaselineState::unchanged; }),
        findings.end());
}

std::vector<BaselineEntry> BaselineFilter::absent() const {
    std::vector<std::size_t> indices;
    for (const auto& [fingerprint, left] : unmatched_)
        indices.insert(indices.end(), left.begin(), left.end());
    std::sort(indices.begin(), indices.end());
    std::vector<BaselineEntry> out;
    for (const std::size_t i : indices) out.push_back(entries_[i]);
    return out;
}

}  // namespace surveycheck::engine
