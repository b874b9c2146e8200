#include "report/json_text.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstring>

#include "report/inert_json.hpp"
#include "util/bytes.hpp"
#include "util/utf8.hpp"

namespace surveycheck::report {
namespace {

using nlohmann::ordered_json;

// True when a byte of `word` may need a second look in a JSON string: a control character, '"', '\\', or a
// byte of a multi-byte UTF-8 sequence (to be checked, and escaped when it is a C1 control).
bool may_need_escape(std::uint64_t word) {
    return (word & util::repeat_byte(0x80)) != 0 || util::word_has_byte_below(word, 0x20) ||
           util::word_has_byte(word, '"') || util::word_has_byte(word, '\\');
}

// True when `text` is printable ASCII without '"' or '\\': written in JSON as it is.
bool is_plain_ascii(std::string_view text) {
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte >= 0x7F || c == '"' || c == '\\') return false;
    }
    return true;
}

void append_escaped(std::string& out, unsigned char c) {
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

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
    // One pass checks the UTF-8 and escapes; valid UTF-8 comes out as nlohmann writes it: as is, but for
    // escaped controls, quotes and backslashes, and C1 controls (U+0080 to U+009F) escaped as inert_json()
    // does.
    const std::size_t start = out.size();
    out += '"';
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t run = 0;  // start of the bytes not yet written
    std::size_t i = 0;
    while (i < size) {
        if (i + 8 <= size) {
            std::uint64_t word = 0;
            std::memcpy(&word, bytes + i, sizeof word);
            if (!may_need_escape(word)) {
                i += 8;
                continue;
            }
        }
        const unsigned char c = bytes[i];
        if (c >= 0x80) {
            const std::size_t length = util::sequence_length_at(text, i);
            if (length == 0) {
                // Invalid UTF-8 takes nlohmann's path, so its replacements stay exactly its own.
                out.resize(start);
                out += inert_json(ordered_json(std::string(text))
                                      .dump(-1, ' ', false, ordered_json::error_handler_t::replace));
                return;
            }
            if (c == 0xC2 && bytes[i + 1] <= 0x9F) {
                out.append(text.data() + run, i - run);
                append_escaped(out, bytes[i + 1]);
                run = i + 2;
            }
            i += length;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') {
            ++i;
            continue;
        }
        out.append(text.data() + run, i - run);
        append_escaped(out, c);
        run = ++i;
    }
    out.append(text.data() + run, size - run);
    out += '"';
}

void JsonText::key(std::string_view name) {
    // A short name that needs no escaping (every name the reports use) goes out with its comma, line break
    // and indentation in one append: a report writes a name per line.
    const std::size_t width = indent_ >= 0 ? static_cast<std::size_t>(indent_) * empty_.size() : 0;
    char line[128];
    if (indent_ >= 0 && name.size() + width + 6 <= sizeof line && is_plain_ascii(name)) {
        char* at = line;
        if (!empty_.back()) *at++ = ',';
        empty_.back() = false;
        *at++ = '\n';
        at = static_cast<char*>(std::memset(at, ' ', width)) + width;
        *at++ = '"';
        at = static_cast<char*>(std::memcpy(at, name.data(), name.size())) + name.size();
        *at++ = '"';
        *at++ = ':';
        *at++ = ' ';
        out_.append(line, static_cast<std::size_t>(at - line));
    } else {
        next_item();
        append_json_string(out_, name);
        out_ += indent_ >= 0 ? ": " : ":";
    }
    after_key_ = true;
}

void JsonText::value(std::string_view text) {
    item();
    append_json_string(out_, text);
}

void JsonText::value(std::uint64_t number) {
    item();
    out_ += std::to_string(number);
}

void JsonText::value(bool flag) {
    item();
    out_ += flag ? "true" : "false";
}

bool JsonText::splice() {
    const bool first = empty_.back();
    empty_.back() = false;
    return first;
}

// A value: after a key it continues the line; in an array it starts a new element.
void JsonText::item() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!empty_.empty()) next_item();
}

void JsonText::next_item() {
    if (!empty_.back()) out_ += ',';
    empty_.back() = false;
    if (indent_ >= 0) new_line();
}

void JsonText::new_line() {
    static constexpr std::string_view line =
        "\n                                                                ";
    const std::size_t width = static_cast<std::size_t>(indent_) * empty_.size();
    if (width < line.size()) {
        out_.append(line.data(), width + 1);
    } else {
        out_ += '\n';
        out_.append(width, ' ');
    }
}

void JsonText::open(char bracket) {
    item();
    out_ += bracket;
    empty_.push_back(true);
}

void JsonText::close(char bracket) {
    const bool empty = empty_.back();
    empty_.pop_back();
    if (!empty && indent_ >= 0) new_line();
    out_ += bracket;
}

}  // namespace surveycheck::report
