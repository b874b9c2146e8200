#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string_view>

#include "report/json_pieces.hpp"
#include "report/report.hpp"
#include "report/shard_merge.hpp"
#include "report/sink.hpp"
#include "report/sinks.hpp"

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

// A log's run: its members but the results parsed, and where the results are.
struct LogRun {
    ordered_json run;
    JsonPiece results;
};

// The only run of a log that write_sarif wrote, but for its results, checked for what the merge relies on.
LogRun run_of(const JsonPieces& doc) {
    const JsonPiece root = doc.root();
    const auto top = root.is_object() ? doc.members(root) : std::map<std::string, JsonPiece>{};
    const ordered_json log =
        root.is_object() ? doc.parse_except<ordered_json>(top, {"runs"}) : ordered_json();
    if (!log.is_object() || log.value("version", "") != "2.1.0") throw BadLog("not a SARIF 2.1.0 log");
    array(log, "runs", "log");
    auto runs = doc.elements(top.at("runs"));
    JsonPiece first;
    for (JsonPiece other; runs.next(other);) {
        if (runs.count() == 1) first = other;
    }
    if (runs.count() != 1) throw BadLog("expected one run, found " + std::to_string(runs.count()));
    const auto members = first.is_object() ? doc.members(first) : std::map<std::string, JsonPiece>{};
    LogRun out{
        first.is_object() ? doc.parse_except<ordered_json>(members, {"results"}) : doc.parse_ordered(first),
        JsonPiece{}};
    const ordered_json& run = out.run;
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
    array(run, "results", "run");
    out.results = members.at("results");
    return out;
}

// Each result of `run`, parsed and checked, to `each`.
template <typename Each>
void for_each_result(const JsonPieces& doc, const LogRun& run, Each&& each) {
    auto results = doc.elements(run.results);
    for (JsonPiece piece; results.next(piece);) {
        const ordered_json result = doc.parse_ordered(piece);
        if (!member(result, "ruleId", "result").is_string()) throw BadLog("result.ruleId: expected a string");
        each(result);
    }
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

// What write_sarif wrote, read back: a member's string ("" when it is none), object (empty), count (0).
std::string text_of(const ordered_json& object, const char* key) {
    const auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

const ordered_json& object_of(const ordered_json& object, const char* key) {
    static const ordered_json none = ordered_json::object();
    const auto found = object.find(key);
    return found != object.end() && found->is_object() ? *found : none;
}

std::uint32_t count_of(const ordered_json& object, const char* key) {
    const auto found = object.find(key);
    return found != object.end() && found->is_number_unsigned() ? found->get<std::uint32_t>() : 0;
}

bool flag_of(const ordered_json& object, const char* key, bool otherwise) {
    const auto found = object.find(key);
    return found != object.end() && found->is_boolean() ? found->get<bool>() : otherwise;
}

engine::Severity severity_of(const std::string& level) {
    if (level == "warning") return engine::Severity::warning;
    if (level == "note") return engine::Severity::info;
    return engine::Severity::error;
}

// The path a URI of write_sarif stands for (file:// for absolute paths, the rest percent-encoded).
std::string path_of(const std::string& uri) {
    const std::string_view scheme = "file://";
    std::size_t i = uri.compare(0, scheme.size(), scheme) == 0 ? scheme.size() : 0;
    std::string path;
    for (; i < uri.size(); ++i) {
        if (uri[i] == '%' && i + 2 < uri.size() && std::isxdigit(static_cast<unsigned char>(uri[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(uri[i + 2]))) {
            path += static_cast<char>(std::stoi(uri.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            path += uri[i];
        }
    }
    return path;
}

// The artifact URI of a location.
std::string uri_at(const ordered_json& location) {
    return text_of(object_of(object_of(location, "physicalLocation"), "artifactLocation"), "uri");
}

eusurvey::Position position_at(const ordered_json& location) {
    const ordered_json& region = object_of(object_of(location, "physicalLocation"), "region");
    return {count_of(region, "startLine"), count_of(region, "startColumn")};
}

engine::RunRule rule_of(const ordered_json& rule) {
    engine::RunRule out;
    out.id = text_of(rule, "id");
    out.title = text_of(object_of(rule, "shortDescription"), "text");
    out.description = text_of(object_of(rule, "fullDescription"), "text");
    out.docs_url = text_of(rule, "helpUri");
    const ordered_json& configuration = object_of(rule, "defaultConfiguration");
    out.enabled = flag_of(configuration, "enabled", true);
    out.severity = severity_of(text_of(configuration, "level"));
    const ordered_json& properties = object_of(rule, "properties");
    out.plugin = text_of(properties, "plugin");
    engine::parse_severity(text_of(properties, "defaultSeverity"), out.default_severity);
    out.severity_overridden = flag_of(properties, "severityOverridden", false);
    out.third_party = flag_of(properties, "thirdParty", false);
    const auto options = properties.find("options");
    if (options != properties.end() && options->is_array()) {
        for (const ordered_json& option : *options) {
            out.options.push_back({text_of(option, "name"), text_of(option, "type"),
                                   text_of(option, "default"), text_of(option, "description")});
        }
    }
    return out;
}

// The waiver and baseline state of a result or of an item of one.
void read_state(const ordered_json& result, engine::FindingItem& finding) {
    const auto suppressions = result.find("suppressions");
    if (suppressions != result.end() && suppressions->is_array() && !suppressions->empty()) {
        const ordered_json& suppression = suppressions->front();
        finding.suppressed = true;
        finding.suppression.justification = text_of(suppression, "justification");
        finding.suppression.author = text_of(object_of(suppression, "properties"), "author");
        finding.suppression.expires = text_of(object_of(suppression, "properties"), "expires");
    }
    const std::string state = text_of(result, "baselineState");
    if (state == "new") finding.baseline = engine::BaselineState::new_finding;
    if (state == "unchanged") finding.baseline = engine::BaselineState::unchanged;
}

// An item of a grouped result, from its properties.items entry.
engine::FindingItem item_of(const ordered_json& item) {
    engine::FindingItem out;
    out.message = text_of(item, "message");
    out.position = {count_of(item, "startLine"), count_of(item, "startColumn")};
    out.xpath = text_of(item, "xpath");
    out.hint = text_of(item, "hint");
    out.fingerprint = text_of(item, "fingerprint");
    out.excerpt = text_of(item, "excerpt");
    for (const auto& [name, value] : object_of(item, "args").items())
        if (value.is_string()) out.args.emplace_back(name, value.get<std::string>());
    read_state(item, out);
    return out;
}

engine::Finding finding_of(const ordered_json& result) {
    engine::Finding finding;
    finding.rule = text_of(result, "ruleId");
    finding.severity = severity_of(text_of(result, "level"));
    finding.message = text_of(object_of(result, "message"), "text");
    const auto locations = result.find("locations");
    if (locations != result.end() && locations->is_array() && !locations->empty()) {
        finding.file = path_of(uri_at(locations->front()));
        finding.position = position_at(locations->front());
    }
    const ordered_json& properties = object_of(result, "properties");
    finding.contribution = text_of(properties, "contribution");
    const ordered_json& question = object_of(properties, "question");
    finding.question = {text_of(question, "key"), text_of(question, "uid"), text_of(question, "bid"),
                        text_of(question, "title")};
    finding.section = text_of(properties, "section");
    finding.xpath = text_of(properties, "xpath");
    finding.hint = text_of(properties, "hint");
    finding.excerpt = text_of(properties, "excerpt");
    finding.fingerprint = text_of(object_of(result, "partialFingerprints"), "surveycheck/v1");
    read_state(result, finding);
    const auto items = properties.find("items");
    if (items != properties.end() && items->is_array()) {
        for (const ordered_json& item : *items) finding.items.push_back(item_of(item));
    }
    return finding;
}

// A file of the merged run, from its artifact.
struct Artifact {
    engine::FileResult header;
    std::string uri;
    std::size_t contributions = 0;
};

// Checks the logs one after the other, keeping what the merged run says of them but its results; then sends
// their results, file by file, to the SARIF sink, which writes the merged log.
class Merger {
public:
    // Check the run of `doc`, called `name`, and add all of it but the results.
    void check(const JsonPieces& doc, const std::string& name) {
        const LogRun log = run_of(doc);
        const ordered_json& run = log.run;
        for_each_result(doc, log, [](const ordered_json&) {});
        const ordered_json& driver = run["tool"]["driver"];
        if (first_name_.empty()) {
            first_name_ = name;
            version_ = driver["version"];
            fail_on_ = run.value("properties", ordered_json::object()).value("failOn", "");
            category_ = run.value("automationDetails", ordered_json::object()).value("id", "");
            merged_.sarif_category = category_;
            merged_.tool_version = version_.get<std::string>();
            engine::parse_severity(fail_on_.get<std::string>(), merged_.fail_on);
        }
        agree(driver["version"], version_, "was written by surveycheck");
        agree(run.value("properties", ordered_json::object()).value("failOn", ""), fail_on_, "fails on");
        agree(ordered_json(run.value("automationDetails", ordered_json::object()).value("id", "")),
              ordered_json(category_), "has the SARIF category");

        for (const ordered_json& rule : driver["rules"]) {
            if (rule_ids_.insert(rule["id"].get<std::string>()).second)
                merged_.rules.push_back(rule_of(rule));
        }
        // Problems of the run (every shard repeats them) and unreadable files (by their location).
        std::map<std::string, const ordered_json*> unreadable;
        const ordered_json& invocation = run["invocations"][0];
        if (const auto notes = invocation.find("toolExecutionNotifications"); notes != invocation.end()) {
            for (const ordered_json& note : *notes) {
                const auto locations = note.find("locations");
                if (locations != note.end() && locations->is_array() && !locations->empty()) {
                    unreadable.emplace(uri_at(locations->front()), &note);
                    continue;
                }
                const std::string problem = text_of(object_of(note, "message"), "text");
                if (std::find(merged_.problems.begin(), merged_.problems.end(), problem) ==
                    merged_.problems.end()) {
                    merged_.problems.push_back(problem);
                }
            }
        }
        std::vector<Artifact> files;
        for (const ordered_json& artifact : run["artifacts"]) {
            Artifact file;
            file.uri = text_of(object_of(artifact, "location"), "uri");
            file.header.path = path_of(file.uri);
            const ordered_json& properties = object_of(artifact, "properties");
            for (const auto status : {engine::FileStatus::checked, engine::FileStatus::incomplete,
                                      engine::FileStatus::unreadable}) {
                if (text_of(properties, "status") == engine::file_status_name(status))
                    file.header.status = status;
            }
            file.contributions = count_of(properties, "contributions");
            if (const auto note = unreadable.find(file.uri); note != unreadable.end()) {
                const std::string said = text_of(object_of(*note->second, "message"), "text");
                const std::string lead = file.header.path + ": ";
                file.header.error = said.compare(0, lead.size(), lead) == 0 ? said.substr(lead.size()) : said;
                file.header.error_position = position_at(note->second->at("locations").front());
            }
            files.push_back(std::move(file));
            ++artifacts_;
        }
        files_.push_back(std::move(files));
    }

    // Send the results of every log, `docs` in the order they were checked, to `sink` and finish it.
    void write(const std::vector<const JsonPieces*>& docs, Sink& sink) {
        RunReport start;
        start.tool_version = merged_.tool_version;
        start.rules = merged_.rules;
        start.fail_on = merged_.fail_on;
        sink.begin(start);
        std::vector<engine::Finding> one(1);
        const Artifact* last = nullptr;  // its file ends once the next file's results were sent
        for (std::size_t i = 0; i < docs.size(); ++i) {
            // Results stay in the order of the logs; the sink keeps what comes before a file's end, so the
            // last file ends after every result (without files, all results are the run's).
            for_each_result(*docs[i], run_of(*docs[i]), [&](const ordered_json& result) {
                if (is_run_level(result) && !run_results_.insert(identity(result)).second) return;
                one[0] = finding_of(result);
                if (artifacts_ == 0) {
                    merged_.run_findings.push_back(std::move(one[0]));
                } else {
                    sink.findings(one);
                }
            });
            for (const Artifact& file : files_[i]) {
                if (last != nullptr) end_file(sink, *last);
                last = &file;
            }
        }
        if (last != nullptr) end_file(sink, *last);
        sink.finish(merged_);
    }

private:
    void end_file(Sink& sink, const Artifact& file) {
        sink.end_file(file.header, file.contributions);
        merged_.files.push_back(file.header);
    }

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
    ordered_json version_;
    ordered_json fail_on_;
    std::string category_;  // automationDetails.id of the first shard, empty when none
    RunReport merged_;      // all but the files
    std::set<std::string> rule_ids_;
    std::vector<std::vector<Artifact>> files_;  // per log
    std::size_t artifacts_ = 0;
    std::set<std::string> run_results_;
};

}  // namespace

util::Result merge_sarif_shards(const std::vector<ShardInput>& shards, const OpenSink& open) {
    if (shards.empty()) return util::Result::failure("no SARIF log to merge");
    Merger merger;
    std::vector<std::unique_ptr<JsonPieces>> docs;
    std::vector<const JsonPieces*> order;
    const ShardInput* at = nullptr;
    try {
        for (const ShardInput& shard : shards) {
            at = &shard;
            const JsonSyntax syntax = check_syntax(*shard.bytes);
            if (!syntax.error.empty())
                return util::Result::failure(shard.name + ": not JSON: " + syntax.error);
            docs.push_back(std::make_unique<JsonPieces>(*shard.bytes));
            order.push_back(docs.back().get());
            merger.check(*docs.back(), shard.name);
        }
        at = nullptr;
        merger.write(order, open());
        return {};
    } catch (const ordered_json::parse_error& bad) {
        return util::Result::failure((at ? at->name + ": " : std::string()) + "not JSON: " + bad.what());
    } catch (const JsonPieceError& bad) {
        return util::Result::failure((at ? at->name + ": " : std::string()) + "not JSON: " + bad.what());
    } catch (const BadLog& bad) {
        return util::Result::failure((at ? at->name + ": " : std::string()) + bad.what());
    }
}

util::Result merge_sarif(const std::vector<ReportText>& logs, std::ostream& out) {
    std::vector<std::unique_ptr<JsonBytes>> bytes;
    std::vector<ShardInput> shards;
    for (const ReportText& log : logs) {
        bytes.push_back(text_bytes(log.text));
        shards.push_back(ShardInput{log.name, bytes.back().get()});
    }
    std::unique_ptr<Sink> sink;
    return merge_sarif_shards(shards, [&]() -> Sink& {
        sink = make_sarif_sink(target_of(out));
        return *sink;
    });
}

}  // namespace surveycheck::report
