#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "report/inert_json.hpp"
#include "report/report.hpp"
#include "report/sinks.hpp"
#include "report/spool.hpp"

namespace surveycheck::report {
namespace {

using nlohmann::ordered_json;

const char* level_of(engine::Severity severity) {
    switch (severity) {
        case engine::Severity::error:
        case engine::Severity::rule_default:  // never kept
            return "error";
        case engine::Severity::warning:
            return "warning";
        case engine::Severity::info:
            return "note";
    }
    return "error";
}

bool is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~' || c == '/';
}

// A path as a URI reference: relative paths stay relative, absolute ones become file:// URIs.
std::string uri_of(const std::string& path) {
    std::string uri = !path.empty() && path[0] == '/' ? "file://" : "";
    for (const char ch : path) {
        const auto c = static_cast<unsigned char>(ch);
        if (is_unreserved(c)) {
            uri += ch;
        } else {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", c);
            uri += escaped;
        }
    }
    return uri;
}

ordered_json message(const std::string& text) { return {{"text", text}}; }

// A physical location; the region only when the line is known.
ordered_json physical_location(const std::string& path, eusurvey::Position position) {
    ordered_json location;
    location["artifactLocation"] = {{"uri", uri_of(path)}};
    if (position.line > 0) {
        ordered_json region;
        region["startLine"] = position.line;
        if (position.column > 0) region["startColumn"] = position.column;
        location["region"] = std::move(region);
    }
    return location;
}

ordered_json rule_json(const engine::RunRule& rule) {
    ordered_json out;
    out["id"] = rule.id;
    if (!rule.title.empty()) out["shortDescription"] = message(rule.title);
    if (!rule.description.empty()) out["fullDescription"] = message(rule.description);
    if (!rule.docs_url.empty()) out["helpUri"] = rule.docs_url;
    out["defaultConfiguration"] = {{"enabled", rule.enabled}, {"level", level_of(rule.severity)}};
    ordered_json properties;
    properties["plugin"] = rule.plugin;
    properties["defaultSeverity"] = engine::severity_name(rule.default_severity);
    properties["severityOverridden"] = rule.severity_overridden;
    if (!rule.options.empty()) {
        properties["options"] = ordered_json::array();
        for (const auto& option : rule.options) {
            properties["options"].push_back({{"name", option.name},
                                             {"type", option.type},
                                             {"default", option.default_value},
                                             {"description", option.description}});
        }
    }
    out["properties"] = std::move(properties);
    return out;
}

// Where a finding is in the questionnaire: contribution and question, and its XPath.
ordered_json logical_locations(const engine::Finding& finding) {
    ordered_json out = ordered_json::array();
    if (!finding.contribution.empty()) {
        const engine::FindingQuestion& question = finding.question;
        const std::string& key = !question.key.empty() ? question.key : question.uid;
        std::string name = "contribution/" + finding.contribution;
        if (!key.empty()) name += "/question/" + key;
        out.push_back({{"name", key.empty() ? finding.contribution : key},
                       {"fullyQualifiedName", name},
                       {"kind", "element"}});
    }
    if (!finding.xpath.empty()) {
        out.push_back({{"fullyQualifiedName", finding.xpath}, {"kind", "element"}});
    }
    return out;
}

// Properties of a finding that SARIF has no field for; empty ones left out.
ordered_json finding_properties(const engine::Finding& finding) {
    ordered_json out = ordered_json::object();
    const auto put = [&out](const char* key, const std::string& value) {
        if (!value.empty()) out[key] = value;
    };
    put("contribution", finding.contribution);
    ordered_json question = ordered_json::object();
    for (const auto& [key, value] : {std::pair<const char*, const std::string&>{"key", finding.question.key},
                                     {"uid", finding.question.uid},
                                     {"bid", finding.question.bid},
                                     {"title", finding.question.title}}) {
        if (!value.empty()) question[key] = value;
    }
    if (!question.empty()) out["question"] = std::move(question);
    put("section", finding.section);
    put("xpath", finding.xpath);
    put("hint", finding.hint);
    put("excerpt", finding.excerpt);
    return out;
}

ordered_json result_json(const engine::Finding& finding,
                         const std::map<std::string, std::size_t>& rule_index) {
    ordered_json out;
    out["ruleId"] = finding.rule;
    const auto rule = rule_index.find(finding.rule);
    if (rule != rule_index.end()) out["ruleIndex"] = rule->second;
    out["level"] = level_of(finding.severity);
    out["message"] = message(finding.message);
    if (!finding.file.empty()) {
        ordered_json location;
        location["physicalLocation"] = physical_location(finding.file, finding.position);
        ordered_json logical = logical_locations(finding);
        if (!logical.empty()) location["logicalLocations"] = std::move(logical);
        out["locations"] = ordered_json::array({std::move(location)});
    }
    if (!finding.fingerprint.empty()) out["partialFingerprints"] = {{"surveycheck/v1", finding.fingerprint}};
    if (finding.suppressed) {
        ordered_json suppression;
        suppression["kind"] = "external";
        suppression["status"] = "accepted";
        suppression["justification"] = finding.suppression.justification;
        suppression["properties"] = {{"author", finding.suppression.author},
                                     {"expires", finding.suppression.expires}};
        out["suppressions"] = ordered_json::array({std::move(suppression)});
    }
    if (finding.baseline == engine::BaselineState::new_finding) out["baselineState"] = "new";
    if (finding.baseline == engine::BaselineState::unchanged) out["baselineState"] = "unchanged";
    ordered_json properties = finding_properties(finding);
    if (!properties.empty()) out["properties"] = std::move(properties);
    return out;
}

ordered_json invocation_json(const RunReport& report) {
    ordered_json notifications = ordered_json::array();
    for (const auto& problem : report.problems) {
        notifications.push_back({{"level", "error"}, {"message", message(problem)}});
    }
    for (const auto& file : report.files) {
        if (file.status != engine::FileStatus::unreadable) continue;
        ordered_json location;
        location["physicalLocation"] = physical_location(file.path, file.error_position);
        notifications.push_back({{"level", "error"},
                                 {"message", message(file.path + ": " + file.error)},
                                 {"locations", ordered_json::array({std::move(location)})}});
    }
    ordered_json out;
    out["executionSuccessful"] = !report.incomplete();
    if (!notifications.empty()) out["toolExecutionNotifications"] = std::move(notifications);
    return out;
}

// Invalid UTF-8 in an export is replaced, never a reason to lose the report.
std::string dump(const ordered_json& json) {
    return json.dump(2, ' ', false, ordered_json::error_handler_t::replace);
}

// A result as an element of the run's results: dumped alone and indented as a dump of the whole log would,
// with its comma unless it is the first.
std::string result_item(const engine::Finding& finding, const std::map<std::string, std::size_t>& rule_index,
                        bool first) {
    constexpr std::string_view item_indent = "\n        ";  // results at depth 4, 2 spaces a level
    const std::string item = dump(result_json(finding, rule_index));
    std::string indented(first ? "" : ",");
    indented.reserve(item.size() + item.size() / 8 + item_indent.size() + 1);
    indented += item_indent;
    for (const char c : item) {
        if (c == '\n') {
            indented += item_indent;
        } else {
            indented += c;
        }
    }
    return inert_json(std::move(indented));
}

// The SARIF log: results wait in a spool, each with its comma, until the run's own (known last) lead them.
class SarifSink : public Sink {
public:
    explicit SarifSink(const SinkTarget& target) : target_(target), results_(target.spool_folder) {}

    void begin(const RunReport& report) override {
        for (const auto& rule : report.rules) rule_index_.emplace(rule.id, rule_index_.size());
    }

    void contribution(const engine::ContributionSummary&,
                      const std::vector<engine::Finding>& findings) override {
        this->findings(findings);
    }

    void findings(const std::vector<engine::Finding>& findings) override {
        for (const auto& finding : findings) {
            results_.buffer += result_item(finding, rule_index_, false);
            results_.flush(true);
            ++results_count_;
        }
    }

    void end_file(const engine::FileResult&, std::size_t contributions) override {
        contributions_.push_back(contributions);
        ended_ = {results_.size(), results_count_};
    }

    void drop_file() override {
        results_.cut(ended_.first);
        results_count_ = ended_.second;
    }

    void finish(const RunReport& report) override {
        drop_file();
        std::ostream& out = *target_.out;
        ordered_json rules = ordered_json::array();
        std::map<std::string, std::size_t> seen;
        for (const auto& rule : report.rules) {
            if (seen.emplace(rule.id, rules.size()).second) rules.push_back(rule_json(rule));
        }
        ordered_json driver;
        driver["name"] = "surveycheck";
        driver["version"] = report.tool_version;
        driver["semanticVersion"] = report.tool_version;
        driver["rules"] = std::move(rules);

        ordered_json artifacts = ordered_json::array();
        for (std::size_t i = 0; i < report.files.size(); ++i) {
            const auto& file = report.files[i];
            artifacts.push_back({{"location", {{"uri", uri_of(file.path)}}},
                                 {"properties",
                                  {{"status", engine::file_status_name(file.status)},
                                   {"contributions", i < contributions_.size() ? contributions_[i] : 0}}}});
        }
        ordered_json run;
        run["tool"] = {{"driver", std::move(driver)}};
        run["invocations"] = ordered_json::array({invocation_json(report)});
        run["artifacts"] = std::move(artifacts);
        run["results"] = ordered_json::array();
        run["columnKind"] = "unicodeCodePoints";
        run["properties"] = {{"failOn", engine::severity_name(report.fail_on)}};

        ordered_json root;
        root["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
        root["version"] = "2.1.0";
        root["runs"] = ordered_json::array({std::move(run)});
        const std::string frame = dump(root);
        // The results go where the frame has an empty array: the last `"results": []` is the run's (only
        // columnKind and properties follow it; inside a string its quotes would be escaped).
        constexpr std::string_view empty_results = "\"results\": []";
        const std::size_t at = frame.rfind(empty_results);
        if ((report.run_findings.empty() && results_count_ == 0) || at == std::string::npos) {
            out << inert_json(frame) << '\n';
            return;
        }
        out << inert_json(frame.substr(0, at + empty_results.size() - 1));
        for (std::size_t i = 0; i < report.run_findings.size(); ++i) {
            out << result_item(report.run_findings[i], rule_index_, i == 0);
        }
        results_.flush(false);
        // Every spooled result starts with its comma; the first of the array drops it.
        results_.copy(report.run_findings.empty() ? 1 : 0, results_.size(), out, target_.fd);
        out << "\n      ]" << inert_json(frame.substr(at + empty_results.size())) << '\n';
    }

private:
    SinkTarget target_;
    std::map<std::string, std::size_t> rule_index_;  // first index of each rule id among the rules
    Spool results_;
    std::size_t results_count_ = 0;
    std::vector<std::size_t> contributions_;             // per ended file
    std::pair<std::uint64_t, std::size_t> ended_{0, 0};  // spool size and results at the last end_file()
};

}  // namespace

std::unique_ptr<Sink> make_sarif_sink(const SinkTarget& target) {
    return std::make_unique<SarifSink>(target);
}

void write_sarif(std::ostream& out, const RunReport& report) {
    SarifSink sink(target_of(out));
    write_through(sink, report);
}

}  // namespace surveycheck::report
