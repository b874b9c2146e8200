#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "report/json_pieces.hpp"
#include "report/report.hpp"
#include "report/shard_merge.hpp"
#include "report/sink.hpp"

namespace surveycheck::report {
namespace {

using nlohmann::json;

// What is wrong with the report, with the JSON path where it is.
class BadReport : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

const json& member(const json& object, const char* key, const std::string& where) {
    if (!object.is_object()) throw BadReport(where + ": expected an object");
    const auto found = object.find(key);
    if (found == object.end()) throw BadReport(where + ": '" + key + "' is missing");
    return *found;
}

std::string text(const json& object, const char* key, const std::string& where) {
    const json& value = member(object, key, where);
    if (!value.is_string()) throw BadReport(where + "." + key + ": expected a string");
    return value.get<std::string>();
}

const json& array(const json& object, const char* key, const std::string& where) {
    const json& value = member(object, key, where);
    if (!value.is_array()) throw BadReport(where + "." + key + ": expected an array");
    return value;
}

std::uint32_t position(const json& object, const char* key, const std::string& where) {
    const json& value = member(object, key, where);
    if (!value.is_number_unsigned() ||
        value.get<std::uint64_t>() > std::numeric_limits<std::uint32_t>::max()) {
        throw BadReport(where + "." + key + ": expected a line or column number");
    }
    return value.get<std::uint32_t>();
}

engine::Severity severity(const json& object, const char* key, const std::string& where) {
    engine::Severity out;
    if (!engine::parse_severity(text(object, key, where), out)) {
        throw BadReport(where + "." + key + ": expected error, warning or info");
    }
    return out;
}

engine::FileStatus status(const json& object, const std::string& where) {
    const std::string name = text(object, "status", where);
    for (const auto candidate :
         {engine::FileStatus::checked, engine::FileStatus::incomplete, engine::FileStatus::unreadable}) {
        if (name == engine::file_status_name(candidate)) return candidate;
    }
    throw BadReport(where + ".status: expected checked, incomplete or unreadable");
}

// The file `item` without its contributions, which go to `each` one at a time as they are read.
template <typename Each>
engine::FileResult file_of(const JsonPieces& doc, const JsonPiece& item, const std::string& where,
                           Each&& each) {
    if (!item.is_object()) throw BadReport(where + ": expected an object");
    const auto members = doc.members(item);
    const json header = doc.parse_except<json>(members, {"contributions"});
    engine::FileResult file;
    file.path = text(header, "path", where);
    file.status = status(header, where);
    if (file.status == engine::FileStatus::unreadable) {
        const json& error = member(header, "error", where);
        file.error = text(error, "message", where + ".error");
        file.error_position = {position(error, "line", where + ".error"),
                               position(error, "column", where + ".error")};
    }
    array(header, "contributions", where);
    auto contributions = doc.elements(members.at("contributions"));
    for (JsonPiece piece; contributions.next(piece);) {
        const std::string at = where + ".contributions[" + std::to_string(contributions.count() - 1) + "]";
        const json c = doc.parse(piece);
        each(engine::ContributionSummary{
            text(c, "id", at), text(c, "partnership", at), text(c, "period", at),
            eusurvey::Position{position(c, "line", at), position(c, "column", at)}});
    }
    if (header.contains("attachments")) {
        const json& attachments = array(header, "attachments", where);
        for (std::size_t i = 0; i < attachments.size(); ++i) {
            const std::string at = where + ".attachments[" + std::to_string(i) + "]";
            const json& a = attachments[i];
            file.attachments.push_back(
                eusurvey::Attachment{text(a, "member", at), text(a, "question", at), text(a, "name", at)});
        }
    }
    return file;
}

// The waiver and baseline fields, optional: reports of runs without waivers or baseline may lack them.
void read_state(const json& item, engine::FindingItem& finding, const std::string& where) {
    if (const auto suppressed = item.find("suppressed"); suppressed != item.end()) {
        if (!suppressed->is_boolean()) throw BadReport(where + ".suppressed: expected true or false");
        finding.suppressed = suppressed->get<bool>();
    }
    if (const auto suppression = item.find("suppression"); suppression != item.end()) {
        const std::string at = where + ".suppression";
        finding.suppression.justification = text(*suppression, "justification", at);
        finding.suppression.author = text(*suppression, "author", at);
        finding.suppression.expires = text(*suppression, "expires", at);
    }
    if (const auto baseline = item.find("baseline_state"); baseline != item.end()) {
        if (*baseline == "new") {
            finding.baseline = engine::BaselineState::new_finding;
        } else if (*baseline == "unchanged") {
            finding.baseline = engine::BaselineState::unchanged;
        } else {
            throw BadReport(where + ".baseline_state: expected new or unchanged");
        }
    }
}

// What the baseline did, present only in reports of runs with --baseline.
void read_baseline(const json& summary, BaselineSummary& baseline) {
    const auto found = summary.find("baseline");
    if (found == summary.end()) return;
    baseline.used = true;
    baseline.path = text(*found, "path", "summary.baseline");
    const json& known = member(*found, "known", "summary.baseline");
    if (!known.is_number_unsigned()) throw BadReport("summary.baseline.known: expected a count");
    baseline.known = known.get<std::size_t>();
    const json& absent = array(*found, "absent", "summary.baseline");
    for (std::size_t i = 0; i < absent.size(); ++i) {
        const std::string at = "summary.baseline.absent[" + std::to_string(i) + "]";
        const json& entry = absent[i];
        baseline.absent.push_back(engine::BaselineEntry{
            text(entry, "fingerprint", at), text(entry, "rule", at), text(entry, "file", at),
            text(entry, "contribution", at), text(entry, "question", at), text(entry, "message", at)});
    }
}

// One occurrence of a grouped finding.
engine::FindingItem item_of(const json& item, const std::string& where) {
    engine::FindingItem out;
    out.message = text(item, "message", where);
    out.position = {position(item, "line", where), position(item, "column", where)};
    out.xpath = text(item, "xpath", where);
    out.hint = text(item, "hint", where);
    out.fingerprint = text(item, "fingerprint", where);
    out.excerpt = text(item, "excerpt", where);
    const json& args = member(item, "args", where);
    if (!args.is_object()) throw BadReport(where + ".args: expected an object");
    for (const auto& [name, value] : args.items()) {
        if (!value.is_string()) throw BadReport(where + ".args." + name + ": expected a string");
        out.args.emplace_back(name, value.get<std::string>());
    }
    read_state(item, out, where);
    return out;
}

engine::Finding finding_of(const json& item, const std::string& where) {
    engine::Finding finding;
    finding.rule = text(item, "rule", where);
    finding.severity = severity(item, "severity", where);
    finding.message = text(item, "message", where);
    finding.file = text(item, "file", where);
    finding.contribution = text(item, "contribution", where);
    const json& question = member(item, "question", where);
    finding.question = {
        text(question, "key", where + ".question"), text(question, "uid", where + ".question"),
        text(question, "bid", where + ".question"), text(question, "title", where + ".question")};
    finding.section = text(item, "section", where);
    finding.position = {position(item, "line", where), position(item, "column", where)};
    finding.xpath = text(item, "xpath", where);
    finding.hint = text(item, "hint", where);
    finding.fingerprint = text(item, "fingerprint", where);
    finding.docs_url = text(item, "docs", where);
    finding.excerpt = text(item, "excerpt", where);
    read_state(item, finding, where);
    if (const auto items = item.find("items"); items != item.end()) {
        if (!items->is_array()) throw BadReport(where + ".items: expected an array");
        for (std::size_t i = 0; i < items->size(); ++i)
            finding.items.push_back(item_of((*items)[i], where + ".items[" + std::to_string(i) + "]"));
    }
    return finding;
}

// The report's top-level members, and those but the files and findings parsed.
struct Root {
    std::map<std::string, JsonPiece> members;
    json light;
};

Root root_of(const JsonPieces& doc) {
    const JsonPiece root = doc.root();
    if (!root.is_object()) throw BadReport("report: expected an object");
    Root out{doc.members(root), json()};
    out.light = doc.parse_except<json>(out.members, {"files", "findings"});
    return out;
}

// Read and check the report in the order it always was, keeping its header: `files` without contributions
// and findings, run findings, problems.
void read_header(const JsonPieces& doc, RunReport& report) {
    const Root top = root_of(doc);
    const json& root = top.light;
    const json& tool = member(root, "tool", "report");
    if (text(tool, "name", "tool") != "surveycheck") throw BadReport("tool.name: not a surveycheck report");
    report.tool_version = text(tool, "version", "tool");
    const json& summary = member(root, "summary", "report");
    report.fail_on = severity(summary, "fail_on", "summary");
    read_baseline(summary, report.baseline);

    array(root, "files", "report");
    auto files = doc.elements(top.members.at("files"));
    for (JsonPiece item; files.next(item);) {
        const std::string where = "files[" + std::to_string(files.count() - 1) + "]";
        report.files.push_back(file_of(doc, item, where, [](const engine::ContributionSummary&) {}));
    }
    // Findings come run-level first, then file by file in the order of `files`.
    array(root, "findings", "report");
    auto findings = doc.elements(top.members.at("findings"));
    std::size_t file = 0;
    bool run_level = true;
    for (JsonPiece item; findings.next(item);) {
        const std::string where = "findings[" + std::to_string(findings.count() - 1) + "]";
        engine::Finding finding = finding_of(doc.parse(item), where);
        run_level = run_level && finding.file.empty();
        if (run_level) {
            report.run_findings.push_back(std::move(finding));
            continue;
        }
        while (file < report.files.size() && report.files[file].path != finding.file) ++file;
        if (file == report.files.size()) {
            throw BadReport(where + ".file: '" + finding.file + "' is not in files (or out of order)");
        }
    }

    for (const auto& problem : array(root, "problems", "report")) {
        if (!problem.is_string()) throw BadReport("problems: expected strings");
        report.problems.push_back(problem.get<std::string>());
    }
    const json& incomplete = member(summary, "incomplete", "summary");
    if (!incomplete.is_boolean()) throw BadReport("summary.incomplete: expected true or false");
    // Never let a merge turn an incomplete run into a complete one.
    if (incomplete.get<bool>() && !report.incomplete()) {
        report.problems.push_back("the report was incomplete for a reason it does not name");
    }
}

// Send the files of a report read_header() read, file by file: contributions, then the file's findings.
void send_files(const JsonPieces& doc, Sink& sink, Summary& released) {
    const Root top = root_of(doc);
    auto findings = doc.elements(top.members.at("findings"));
    std::vector<engine::Finding> pending(1);
    bool more = true;
    const auto next = [&] {
        JsonPiece item;
        more = findings.next(item);
        if (more)
            pending[0] =
                finding_of(doc.parse(item), "findings[" + std::to_string(findings.count() - 1) + "]");
    };
    next();
    while (more && pending[0].file.empty()) next();  // the run's own, merged from the headers

    const std::vector<engine::Finding> none;
    auto files = doc.elements(top.members.at("files"));
    for (JsonPiece item; files.next(item);) {
        std::size_t contributions = 0;
        const engine::FileResult header =
            file_of(doc, item, "files[" + std::to_string(files.count() - 1) + "]",
                    [&](const engine::ContributionSummary& contribution) {
                        sink.contribution(contribution, none);
                        ++contributions;
                    });
        released.contributions += contributions;
        for (; more && pending[0].file == header.path; next()) {
            count_finding(pending[0], released);
            sink.findings(pending);
        }
        sink.end_file(header, contributions);
    }
    if (more) throw BadReport("findings: '" + pending[0].file + "' is not in files (or out of order)");
}

// Run `read` over the report `bytes`; a failure saying what is wrong.
template <typename Read>
util::Result read_report(const JsonBytes& bytes, Read&& read) {
    try {
        const JsonSyntax syntax = check_syntax(bytes);
        if (!syntax.error.empty()) return util::Result::failure("not JSON: " + syntax.error);
        read(JsonPieces(bytes));
        return {};
    } catch (const json::parse_error& bad) {
        return util::Result::failure(std::string("not JSON: ") + bad.what());
    } catch (const JsonPieceError& bad) {
        return util::Result::failure(std::string("not JSON: ") + bad.what());
    } catch (const BadReport& bad) {
        return util::Result::failure(std::string("not a surveycheck JSON report: ") + bad.what());
    }
}

// Keeps every file whole: what read_json_report() is for.
class WholeFiles : public Sink {
public:
    explicit WholeFiles(std::vector<engine::FileResult>& files) : files_(files) {}
    void begin(const RunReport&) override {}
    void contribution(const engine::ContributionSummary& contribution,
                      const std::vector<engine::Finding>& findings) override {
        current_.contributions.push_back(contribution);
        this->findings(findings);
    }
    void findings(const std::vector<engine::Finding>& findings) override {
        current_.findings.insert(current_.findings.end(), findings.begin(), findings.end());
    }
    void end_file(const engine::FileResult& file, std::size_t) override {
        engine::FileResult whole = file_header(file);
        whole.contributions = std::move(current_.contributions);
        whole.findings = std::move(current_.findings);
        files_.push_back(std::move(whole));
        current_ = engine::FileResult{};
    }
    void drop_file() override { current_ = engine::FileResult{}; }
    void finish(const RunReport&) override {}

private:
    std::vector<engine::FileResult>& files_;
    engine::FileResult current_;  // the file being read
};

}  // namespace

util::Result read_json_header(const JsonBytes& bytes, RunReport& header) {
    header = RunReport{};
    util::Result read = read_report(bytes, [&](const JsonPieces& doc) { read_header(doc, header); });
    if (!read) header = RunReport{};
    return read;
}

util::Result send_json_files(const JsonBytes& bytes, Sink& sink, Summary& released) {
    return read_report(bytes, [&](const JsonPieces& doc) { send_files(doc, sink, released); });
}

util::Result read_json_report(const std::string& content, RunReport& report) {
    const auto bytes = text_bytes(content);
    if (util::Result header = read_json_header(*bytes, report); !header) return header;
    report.files.clear();
    WholeFiles files(report.files);
    Summary released;
    util::Result sent = send_json_files(*bytes, files, released);
    if (!sent) report = RunReport{};
    return sent;
}

}  // namespace surveycheck::report
