// A JSON document read in pieces: a byte scan finds where each value is, and only the small values that are
// asked for are parsed (by nlohmann), so a report far larger than memory is read holding its largest piece.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace surveycheck::report {

class JsonScanner;

// The document is not JSON (or changed while it was read).
class JsonPieceError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Bytes of a document that can be read from any offset, again and again.
class JsonBytes {
public:
    virtual ~JsonBytes() = default;
    // Copy up to `size` bytes at `offset` into `into`; the count copied, 0 at the end.
    virtual std::size_t read(std::uint64_t offset, char* into, std::size_t size) const = 0;
};

// The bytes of the file `path`; throws JsonPieceError when it cannot be opened.
std::unique_ptr<JsonBytes> file_bytes(const std::string& path);

// The bytes of `text`, which must outlive them.
std::unique_ptr<JsonBytes> text_bytes(const std::string& text);
std::unique_ptr<JsonBytes> text_bytes(std::string&& text) = delete;  // it would not outlive them

// Where a value is: bytes [begin, end) and its first character ('{', '[', '"', 't', 'f', 'n' or a digit or
// -).
struct JsonPiece {
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
    char kind = 0;

    bool is_object() const { return kind == '{'; }
    bool is_array() const { return kind == '['; }
};

// The syntax error of the whole document, as nlohmann::json::parse would throw it ("" when it is JSON), and
// the keys of its top-level object (none when it is not an object).
struct JsonSyntax {
    std::string error;
    std::vector<std::string> top_keys;
};

// Check the syntax of `bytes` with nlohmann's parser, holding nothing of the document.
JsonSyntax check_syntax(const JsonBytes& bytes);

// A document read in pieces.
class JsonPieces {
public:
    // Read `bytes`, which must outlive this.
    explicit JsonPieces(const JsonBytes& bytes) : bytes_(bytes) {}

    // The document's only value, not scanned: its end is unknown (0).
    JsonPiece root() const;
    // The members of an object by key, a duplicate key keeping its last value (as nlohmann::json does).
    std::map<std::string, JsonPiece> members(const JsonPiece& object) const;
    // The value `piece` parsed.
    nlohmann::json parse(const JsonPiece& piece) const;
    // The value `piece` parsed, its members in the order of the text.
    nlohmann::ordered_json parse_ordered(const JsonPiece& piece) const;
    // The text of `piece`.
    std::string text(const JsonPiece& piece) const;
    // An object (its `members`) parsed but for the members `big`, left where they are: an empty array stands
    // for each that is an array, null for any other.
    template <typename Json>
    Json parse_except(const std::map<std::string, JsonPiece>& members,
                      std::initializer_list<std::string_view> big) const {
        Json out = Json::object();
        for (const auto& [key, piece] : members) {
            const bool left = std::find(big.begin(), big.end(), key) != big.end();
            out[key] = !left ? Json::parse(text(piece)) : piece.is_array() ? Json::array() : Json();
        }
        return out;
    }

    // The elements of an array, one at a time.
    class Elements {
    public:
        // The next element into `element`; false after the last.
        bool next(JsonPiece& element);
        // How many elements next() gave.
        std::size_t count() const { return count_; }

    private:
        friend class JsonPieces;
        Elements(const JsonBytes& bytes, const JsonPiece& array);
        std::shared_ptr<JsonScanner> scanner_;
        std::size_t count_ = 0;
        bool done_ = false;
    };
    // The elements of the array `array`.
    Elements elements(const JsonPiece& array) const;

private:
    const JsonBytes& bytes_;
};

}  // namespace surveycheck::report
