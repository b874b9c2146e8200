// JSON text written straight into a string with the layout of nlohmann's dump (the JSON report's writer).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace surveycheck::report {

// `text` as a JSON string, written as nlohmann's dump writes it (invalid UTF-8 replaced, C1 escaped).
void append_json_string(std::string& out, std::string_view text);

// Writes JSON into a string: `indent` spaces per level and one member per line, or compact when negative.
class JsonText {
public:
    // A whole document appended to `out`.
    JsonText(std::string& out, int indent) : out_(out), indent_(indent) {}
    // A fragment: elements of a container nested `depth` deep that already holds elements (see splice()).
    JsonText(std::string& out, int indent, std::size_t depth)
        : out_(out), indent_(indent), empty_(depth, false) {}

    // Open an object (a value: after a key or as an array element).
    void begin_object() { open('{'); }
    // Close the innermost object.
    void end_object() { close('}'); }
    // Open an array (a value).
    void begin_array() { open('['); }
    // Close the innermost array.
    void end_array() { close(']'); }

    // The name of the next member of the current object.
    void key(std::string_view name);
    // A string value.
    void value(std::string_view text);
    // A string value from a C string.
    void value(const char* text) { value(std::string_view(text)); }
    // A number value.
    void value(std::uint64_t number);
    // true or false.
    void value(bool flag);
    // Shorthand for key(name) then value(v).
    template <typename Value>
    void member(std::string_view name, const Value& v) {
        key(name);
        value(v);
    }
    // Elements written elsewhere as a fragment come next in the current array: true when they are its
    // first, so the caller drops the fragment's leading comma.
    bool splice();

private:
    void item();       // before a value: continue after a key, or start the next element
    void next_item();  // the comma and line break before the next member or element
    void new_line();   // a line break and the indentation of the current depth
    void open(char bracket);
    void close(char bracket);

    std::string& out_;
    int indent_;
    std::vector<bool> empty_;  // per open container: nothing written in it yet
    bool after_key_ = false;
};

}  // namespace surveycheck::report
