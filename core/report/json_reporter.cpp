#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "report/inert_json.hpp"
#include "report/report.hpp"

namespace surveycheck::report {
namespace {

using nlohmann::ordered_json;

// True when `text` is all ASCII, checked 8 bytes at a time.
bool is_ascii(std::string_view text) {
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, text.data() + i, sizeof word);
        if ((word & 0x8080808080808080ull) != 0) return false;
    }
    for (; i < text.size(); ++i) {
        if (static_cast<unsigned char>(text[i]) >= 0x80) return false;
    }
    return true;
}

// `text` as a JSON string, written as nlohmann's dump writes it (invalid UTF-8 replaced, C1 escaped).
void append_string(std::string& out, std::string_view text) {
    if (!is_ascii(text)) {
        // Non-ASCII text takes nlohmann's path, so UTF-8 checks and replacements stay exactly its own.
        out += inert_json(
            ordered_json(std::string(text)).dump(-1, ' ', false, ordered_json::error_handler_t::replace));
        return;
    }
    out += '"';
    std::size_t run = 0;  // start of the characters not yet written
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default: {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
                out += escaped;
            }
        }
    }
    out.append(text.data() + run, text.size() - run);
    out += '"';
}

// Writes JSON straight into a string with the layout of nlohmann's dump: `indent` spaces per level and
// one member per line, or compact when `indent` is negative.
class JsonText {
public:
    JsonText(std::string& out, int indent) : out_(out), indent_(indent) {}

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }

    // The name of the next member of the current object.
    void key(std::string_view name) {
        next_item();
        append_string(out_, name);
        out_ += indent_ >= 0 ? ": " : ":";
        after_key_ = true;
    }
    void value(std::string_view text) {
        item();
        append_string(out_, text);
    }
    void value(const char* text) { value(std::string_view(text)); }
    void value(std::uint64_t number) {
        item();
        out_ += std::to_string(number);
    }
    void value(bool flag) {
        item();
        out_ += flag ? "true" : "false";
    }
    // Shorthand for key(name) then value(v).
    template <typename Value>
    void member(std::string_view name, const Value& v) {
        key(name);
        value(v);
    }

private:
    // A value: after a key it continues the line; in an array it starts a new element.
    void item() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (!empty_.empty()) next_item();
    }
    void next_item() {
        if (!empty_.back()) out_ += ',';
        empty_.back() = false;
        if (indent_ >= 0) {
            out_ += '\n';
            out_.append(static_cast<std::size_t>(indent_) * empty_.size(), ' ');
        }
    }
    void open(char bracket) {
        item();
        out_ += bracket;
        empty_.push_back(true);
    }
    void close(char bracket) {
        const bool empty = empty_.back();
        empty_.pop_back();
        if (!empty && indent_ >= 0) {
            out_ += '\n';
            out_.append(static_cast<std::size_t>(indent_) * empty_.size(), ' ');
        }
        out_ += bracket;
    }

    std::string& out_;
    int indent_;
    std::vector<bool> empty_;  // per open container: nothing written in it yet
    bool after_key_ = false;
};

void write_finding(JsonText& json, const engine::Finding& finding) {
    json.begin_object();
    json.member("rule", finding.rule);
    json.member("severity", engine::severity_name(finding.severity));
    json.member("message", finding.message);
    json.member("file", finding.file);
    json.member("contribution", finding.contribution);
    json.key("question");
    json.begin_object();
    json.member("key", finding.question.key);
    json.member("uid", finding.question.uid);
    json.member("bid", finding.question.bid);
    json.member("title", finding.question.title);
    json.end_object();
    json.member("section", finding.section);
    json.member("line", std::uint64_t{finding.position.line});
    json.member("column", std::uint64_t{finding.position.column});
    json.member("xpath", finding.xpath);
    json.member("hint", finding.hint);
    json.member("fingerprint", finding.fingerprint);
    json.member("docs", finding.docs_url);
    json.member("excerpt", finding.excerpt);
    json.member("suppressed", finding.suppressed);
    if (finding.suppressed) {
        json.key("suppression");
        json.begin_object();
        json.member("justification", finding.suppression.justification);
        json.member("author", finding.suppression.author);
        json.member("expires", finding.suppression.expires);
        json.end_object();
    }
    if (finding.baseline != engine::BaselineState::none) {
        json.member("baseline_state",
                    finding.baseline == engine::BaselineState::new_finding ? "new" : "unchanged");
    }
    json.end_object();
}

void write_file(JsonText& json, const engine::FileResult& file) {
    json.begin_object();
    json.member("path", file.path);
    json.member("status", engine::file_status_name(file.status));
    if (file.status == engine::FileStatus::unreadable) {
        json.key("error");
        json.begin_object();
        json.member("message", file.error);
        json.member("line", std::uint64_t{file.error_position.line});
        json.member("column", std::uint64_t{file.error_position.column});
        json.end_object();
    }
    json.key("contributions");
    json.begin_array();
    for (const auto& contribution : file.contributions) {
        json.begin_object();
        json.member("id", contribution.id);
        json.member("partnership", contribution.partnership);
        json.member("period", contribution.period);
        json.member("line", std::uint64_t{contribution.position.line});
        json.member("column", std::uint64_t{contribution.position.column});
        json.end_object();
    }
    json.end_array();
    json.end_object();
}

}  // namespace

std::string finding_json_line(const engine::Finding& finding) {
    std::string line;
    JsonText json(line, -1);
    write_finding(json, finding);
    return line;
}

void write_json(std::ostream& out, const RunReport& report) {
    std::string text;
    JsonText json(text, 2);
    json.begin_object();
    json.key("tool");
    json.begin_object();
    json.member("name", "surveycheck");
    json.member("version", report.tool_version);
    json.end_object();
    json.key("files");
    json.begin_array();
    // The text goes out in pieces, so a report of millions of findings is never held whole.
    constexpr std::size_t piece = std::size_t{1} << 20;
    auto flush = [&] {
        if (text.size() < piece) return;
        out << text;
        text.clear();
    };
    for (const auto& file : report.files) {
        write_file(json, file);
        flush();
    }
    json.end_array();
    json.key("findings");
    json.begin_array();
    for (const engine::Finding* finding : report.all_findings()) {
        write_finding(json, *finding);
        flush();
    }
    json.end_array();
    json.key("problems");
    json.begin_array();
    for (const auto& problem : report.problems) json.value(problem);
    json.end_array();
    const Summary counts = report.summary();
    json.key("summary");
    json.begin_object();
    json.member("files", std::uint64_t{counts.files});
    json.member("contributions", std::uint64_t{counts.contributions});
    json.member("error", std::uint64_t{counts.error});
    json.member("warning", std::uint64_t{counts.warning});
    json.member("info", std::uint64_t{counts.info});
    json.member("suppressed", std::uint64_t{counts.suppressed});
    json.key("rules");
    json.begin_object();
    for (const auto& [rule, count] : counts.per_rule) json.member(rule, std::uint64_t{count});
    json.end_object();
    json.member("fail_on", engine::severity_name(report.fail_on));
    json.member("incomplete", report.incomplete());
    if (report.baseline.used) {
        json.key("baseline");
        json.begin_object();
        json.member("path", report.baseline.path);
        json.member("known", std::uint64_t{report.baseline.known});
        json.key("absent");
        json.begin_array();
        for (const auto& entry : report.baseline.absent) {
            json.begin_object();
            json.member("fingerprint", entry.fingerprint);
            json.member("rule", entry.rule);
            json.member("file", entry.file);
            json.member("contribution", entry.contribution);
            json.member("question", entry.question);
            json.member("message", entry.message);
            json.end_object();
        }
        json.end_array();
        json.end_object();
    }
    json.end_object();
    json.end_object();
    // Invalid UTF-8 in an export is replaced, never a reason to lose the report.
    out << text << '\n';
}

}  // namespace surveycheck::report
