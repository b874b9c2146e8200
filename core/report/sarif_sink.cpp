#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "report/inert_json.hpp"
#include "report/json_text.hpp"
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
    if (rule.third_party) properties["thirdParty"] = true;
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

// A finding's result, written straight as JSON text (the layout of nlohmann's dump of the same object).
class ResultWriter {
public:
    ResultWriter(JsonText& json, const std::map<std::string, std::size_t>& rule_index)
        : json_(json), rule_index_(rule_index) {}

    void write(const engine::Finding& finding) {
        json_.begin_object();
        json_.member("ruleId", finding.rule);
        const auto rule = rule_index_.find(finding.rule);
        if (rule != rule_index_.end()) json_.member("ruleIndex", std::uint64_t{rule->second});
        json_.member("level", level_of(finding.severity));
        text_object("message", finding.message);
        if (!finding.file.empty()) {
            json_.key("locations");
            json_.begin_array();
            json_.begin_object();
            physical_location(finding.file, finding.position);
            logical_locations(finding);
            json_.end_object();
            json_.end_array();
            related_locations(finding);
        }
        if (!finding.fingerprint.empty()) {
            json_.key("partialFingerprints");
            json_.begin_object();
            json_.member("surveycheck/v1", finding.fingerprint);
            json_.end_object();
        }
        state(finding);
        properties(finding);
        json_.end_object();
    }

private:
    void text_object(std::string_view key, const std::string& text) {
        json_.key(key);
        json_.begin_object();
        json_.member("text", text);
        json_.end_object();
    }

    // A physical location; the region only when the line is known.
    void physical_location(const std::string& path, eusurvey::Position position) {
        json_.key("physicalLocation");
        json_.begin_object();
        json_.key("artifactLocation");
        json_.begin_object();
        json_.member("uri", uri_of(path));
        json_.end_object();
        if (position.line > 0) {
            json_.key("region");
            json_.begin_object();
            json_.member("startLine", std::uint64_t{position.line});
            if (position.column > 0) json_.member("startColumn", std::uint64_t{position.column});
            json_.end_object();
        }
        json_.end_object();
    }

    // The places of a grouped finding's items, each with its message; `id` is the item's index.
    void related_locations(const engine::Finding& finding) {
        if (finding.items.empty()) return;
        json_.key("relatedLocations");
        json_.begin_array();
        for (std::size_t i = 0; i < finding.items.size(); ++i) {
            json_.begin_object();
            json_.member("id", std::uint64_t{i});
            physical_location(finding.file, finding.items[i].position);
            text_object("message", finding.items[i].message);
            json_.end_object();
        }
        json_.end_array();
    }

    // A grouped finding's items with what SARIF has no field for: properties.items[i] is relatedLocations[i].
    void items(const engine::Finding& finding) {
        json_.key("items");
        json_.begin_array();
        for (const engine::FindingItem& item : finding.items) {
            json_.begin_object();
            json_.member("message", item.message);
            json_.member("startLine", std::uint64_t{item.position.line});
            json_.member("startColumn", std::uint64_t{item.position.column});
            json_.member("xpath", item.xpath);
            json_.member("hint", item.hint);
            json_.member("fingerprint", item.fingerprint);
            json_.member("excerpt", item.excerpt);
            const std::map<std::string, std::string> args(item.args.begin(), item.args.end());
            json_.key("args");
            json_.begin_object();
            for (const auto& [name, value] : args) json_.member(name, value);
            json_.end_object();
            state(item);
            json_.end_object();
        }
        json_.end_array();
    }

    // Where a finding is in the questionnaire: contribution and question, and its XPath.
    void logical_locations(const engine::Finding& finding) {
        if (finding.contribution.empty() && finding.xpath.empty()) return;
        json_.key("logicalLocations");
        json_.begin_array();
        if (!finding.contribution.empty()) {
            const engine::FindingQuestion& question = finding.question;
            const std::string& key = !question.key.empty() ? question.key : question.uid;
            std::string name = "contribution/" + finding.contribution;
            if (!key.empty()) name += "/question/" + key;
            json_.begin_object();
            json_.member("name", key.empty() ? finding.contribution : key);
            json_.member("fullyQualifiedName", name);
            json_.member("kind", "element");
            json_.end_object();
        }
        if (!finding.xpath.empty()) {
            json_.begin_object();
            json_.member("fullyQualifiedName", finding.xpath);
            json_.member("kind", "element");
            json_.end_object();
        }
        json_.end_array();
    }

    // The waiver and baseline state of a finding or of an item of one.
    void state(const engine::FindingItem& finding) {
        if (finding.suppressed) suppression(finding.suppression);
        if (finding.baseline == engine::BaselineState::new_finding) json_.member("baselineState", "new");
        if (finding.baseline == engine::BaselineState::unchanged) json_.member("baselineState", "unchanged");
    }

    void suppression(const engine::Suppression& suppression) {
        json_.key("suppressions");
        json_.begin_array();
        json_.begin_object();
        json_.member("kind", "external");
        json_.member("status", "accepted");
        json_.member("justification", suppression.justification);
        json_.key("properties");
        json_.begin_object();
        json_.member("author", suppression.author);
        json_.member("expires", suppression.expires);
        json_.end_object();
        json_.end_object();
        json_.end_array();
    }

    // Properties of a finding that SARIF has no field for; empty ones left out.
    void properties(const engine::Finding& finding) {
        const engine::FindingQuestion& question = finding.question;
        const std::pair<const char*, const std::string*> question_fields[] = {{"key", &question.key},
                                                                              {"uid", &question.uid},
                                                                              {"bid", &question.bid},
                                                                              {"title", &question.title}};
        const bool has_question = std::any_of(std::begin(question_fields), std::end(question_fields),
                                              [](const auto& field) { return !field.second->empty(); });
        const std::pair<const char*, const std::string*> after_question[] = {{"section", &finding.section},
                                                                             {"xpath", &finding.xpath},
                                                                             {"hint", &finding.hint},
                                                                             {"excerpt", &finding.excerpt}};
        const bool has_rest = std::any_of(std::begin(after_question), std::end(after_question),
                                          [](const auto& field) { return !field.second->empty(); });
        if (finding.contribution.empty() && !has_question && !has_rest) return;
        const auto put = [this](const char* key, const std::string& value) {
            if (!value.empty()) json_.member(key, value);
        };
        json_.key("properties");
        json_.begin_object();
        put("contribution", finding.contribution);
        if (has_question) {
            json_.key("question");
            json_.begin_object();
            for (const auto& [key, value] : question_fields) put(key, *value);
            json_.end_object();
        }
        for (const auto& [key, value] : after_question) put(key, *value);
        if (!finding.items.empty()) items(finding);
        json_.end_object();
    }

    JsonText& json_;
    const std::map<std::string, std::size_t>& rule_index_;
};

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

// A result as an element of the run's results, indented as a dump of the whole log would, with its comma
// unless it is the first.
std::string result_item(const engine::Finding& finding, const std::map<std::string, std::size_t>& rule_index,
                        bool first) {
    std::string item;
    JsonText json(item, 2, 4);  // an element of runs[0].results, which holds others
    ResultWriter(json, rule_index).write(finding);
    if (first) item.erase(0, 1);  // its comma
    return item;
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
        // GitHub code scanning reads the category as automationDetails.id up to its last '/'.
        if (!report.sarif_category.empty()) {
            const std::string& category = report.sarif_category;
            run["automationDetails"] = {{"id", category.back() == '/' ? category : category + "/"}};
        }
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
