#include "report/json_text.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstring>

#include "report/inert_json.hpp"

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

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
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
