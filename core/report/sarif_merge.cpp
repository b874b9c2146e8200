#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "report/report.hpp"

namespace surveycheck::report {
namespace {

using nlohmann::ordered_json;

// What is wrong with one input log.
class BadLog : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

const ordered_json& member(const ordered_json& object, const char* key, const char* where) {
    if (!object.is_object() || !object.contains(key)) {
        throw BadLog(std::string(where) + ": '" + key + "' is missing");
    }
    return object[key];
}

const ordered_json& array(const ordered_json& object, const char* key, const char* where) {
    const ordered_json& value = member(object, key, where);
    if (!value.is_array()) throw BadLog(std::string(where) + "." + key + ": expected an array");
    return value;
}

// The only run of a log that write_sarif wrote, checked for what the merge relies on.
const ordered_json& run_of(const ordered_json& log) {
    if (!log.is_object() || log.value("version", "") != "2.1.0") throw BadLog("not a SARIF 2.1.0 log");
    const ordered_json& runs = array(log, "runs", "log");
    if (runs.size() != 1) throw BadLog("expected one run, found " + std::to_string(runs.size()));
    const ordered_json& run = runs[0];
    const ordered_json& driver = member(member(run, "tool", "run"), "driver", "run.tool");
    if (driver.value("name", "") != "surveycheck") throw BadLog("run.tool.driver.name: not surveycheck");
    if (!member(driver, "version", "run.tool.driver").is_string()) {
        throw BadLog("run.tool.driver.version: expected a string");
    }
    for (const ordered_json& rule : array(driver, "rules", "run.tool.driver")) {
        if (!member(rule, "id", "rule").is_string()) throw BadLog("rule.id: expected a string");
    }
    const ordered_json& invocations = array(run, "invocations", "run");
    if (invocations.size() != 1 ||
        !member(invocations[0], "executionSuccessful", "invocation").is_boolean()) {
        throw BadLog("run.invocations: expected one invocation with executionSuccessful");
    }
    array(run, "artifacts", "run");
    for (const ordered_json& result : array(run, "results", "run")) {
        if (!member(result, "ruleId", "result").is_string()) throw BadLog("result.ruleId: expected a string");
    }
    return run;
}

// A result about the whole run has no physical location; every shard reports it again.
bool is_run_level(const ordered_json& result) {
    const auto locations = result.find("locations");
    if (locations == result.end() || !locations->is_array()) return true;
    for (const auto& location : *locations) {
        if (location.contains("physicalLocation")) return false;
    }
    return true;
}

class Merger {
public:
    void add(const ordered_json& run, const std::string& name) {
        const ordered_json& driver = run["tool"]["driver"];
        if (first_name_.empty()) {
            first_name_ = name;
            merged_ = run;
            merged_["tool"]["driver"]["rules"] = ordered_json::array();
            merged_["invocations"][0]["executionSuccessful"] = true;
            merged_["invocations"][0].erase("toolExecutionNotifications");
            merged_["artifacts"] = ordered_json::array();
            merged_["results"] = ordered_json::array();
        }
        agree(driver["version"], merged_["tool"]["driver"]["version"], "was written by surveycheck");
        agree(run.value("properties", ordered_json::object()).value("failOn", ""),
              merged_.value("properties", ordered_json::object()).value("failOn", ""), "fails on");

        for (const ordered_json& rule : driver["rules"]) {
            const std::string id = rule["id"];
            if (rule_index_.count(id)) continue;
            rule_index_[id] = merged_["tool"]["driver"]["rules"].size();
            merged_["tool"]["driver"]["rules"].push_back(rule);
        }
        const ordered_json& invocation = run["invocations"][0];
        if (!invocation["executionSuccessful"].get<bool>()) {
            merged_["invocations"][0]["executionSuccessful"] = false;
        }
        if (const auto notes = invocation.find("toolExecutionNotifications"); notes != invocation.end()) {
            for (const ordered_json& note : *notes) {
                if (!notifications_.insert(note.dump()).second) continue;
                merged_["invocations"][0]["toolExecutionNotifications"].push_back(note);
            }
        }
        for (const ordered_json& artifact : run["artifacts"]) merged_["artifacts"].push_back(artifact);
        for (ordered_json result : run["results"]) {
            if (is_run_level(result) && !run_results_.insert(identity(result)).second) continue;
            const auto index = rule_index_.find(result["ruleId"].get<std::string>());
            if (index != rule_index_.end()) {
                result["ruleIndex"] = index->second;
            } else {
                result.erase("ruleIndex");
            }
            merged_["results"].push_back(std::move(result));
        }
    }

    ordered_json log() const {
        ordered_json root;
        root["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
        root["version"] = "2.1.0";
        root["runs"] = ordered_json::array({merged_});
        return root;
    }

private:
    void agree(const ordered_json& value, const ordered_json& expected, const char* what) const {
        if (value == expected) return;
        throw BadLog(what + (" " + value.dump()) + ", " + first_name_ + " " + what + " " + expected.dump() +
                     "; shards of one run agree");
    }

    static std::string identity(const ordered_json& result) {
        const auto fingerprints = result.find("partialFingerprints");
        if (fingerprints != result.end()) return fingerprints->dump();
        return result.dump();
    }

    std::string first_name_;
    ordered_json merged_;
    std::map<std::string, std::size_t> rule_index_;
    std::set<std::string> notifications_;
    std::set<std::string> run_results_;
};

}  // namespace

bool merge_sarif(const std::vector<ReportText>& logs, std::ostream& out, std::string& error) {
    if (logs.empty()) {
        error = "no SARIF log to merge";
        return false;
    }
    Merger merger;
    for (const ReportText& input : logs) {
        try {
            const ordered_json log = ordered_json::parse(input.text);
            merger.add(run_of(log), input.name);
        } catch (const ordered_json::parse_error& bad) {
            error = input.name + ": not JSON: " + bad.what();
            return false;
        } catch (const BadLog& bad) {
            error = input.name + ": " + bad.what();
            return false;
        }
    }
    out << merger.log().dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
    return true;
}

}  // namespace surveycheck::report
