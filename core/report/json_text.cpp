#include "report/json_text.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstring>

#include "report/inert_json.hpp"
#include "util/utf8.hpp"

namespace surveycheck::report {
namespace {

using nlohmann::ordered_json;

// True when a byte of `word` (8 bytes) equals `byte`.
bool has_byte(std::uint64_t word, unsigned char byte) {
    const std::uint64_t v = word ^ (0x0101010101010101ull * byte);
    return ((v - 0x0101010101010101ull) & ~v & 0x8080808080808080ull) != 0;
}

// True when a byte of `word` may need escaping in a JSON string: a control character, '"', '\\' or 0xC2 (the
// lead byte of a C1 control).
bool may_need_escape(std::uint64_t word) {
    const bool control = ((word - 0x2020202020202020ull) & ~word & 0x8080808080808080ull) != 0;
    return control || has_byte(word, '"') || has_byte(word, '\\') || has_byte(word, 0xC2);
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
    if (util::first_invalid_utf8(text) != text.size()) {
        // Invalid UTF-8 takes nlohmann's path, so its replacements stay exactly its own.
        out += inert_json(
            ordered_json(std::string(text)).dump(-1, ' ', false, ordered_json::error_handler_t::replace));
        return;
    }
    // Valid UTF-8 comes out as nlohmann writes it: as is, but for escaped controls, quotes and backslashes,
    // and C1 controls (U+0080 to U+009F) escaped as inert_json() does.
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
        if (c == 0xC2 && bytes[i + 1] <= 0x9F) {  // valid UTF-8: a second byte follows, at least 0x80
            out.append(text.data() + run, i - run);
            append_escaped(out, bytes[i + 1]);
            i += 2;
            run = i;
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
    next_item();
    append_json_string(out_, name);
    out_ += indent_ >= 0 ? ": " : ":";
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
    if (indent_ >= 0) {
        out_ += '\n';
        out_.append(static_cast<std::size_t>(indent_) * empty_.size(), ' ');
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
    if (!empty && indent_ >= 0) {
        out_ += '\n';
        out_.append(static_cast<std::size_t>(indent_) * empty_.size(), ' ');
    }
    out_ += bracket;
}

}  // namespace surveycheck::report
