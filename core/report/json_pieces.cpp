#include "report/json_pieces.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <istream>
#include <streambuf>

namespace surveycheck::report {
namespace {

class FileBytes : public JsonBytes {
public:
    explicit FileBytes(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
        if (fd_ < 0) throw JsonPieceError("cannot read " + path + ": " + std::strerror(errno));
    }
    ~FileBytes() override { ::close(fd_); }
    FileBytes(const FileBytes&) = delete;
    FileBytes& operator=(const FileBytes&) = delete;

    std::size_t read(std::uint64_t offset, char* into, std::size_t size) const override {
        for (;;) {
            const ssize_t n = ::pread(fd_, into, size, static_cast<off_t>(offset));
            if (n >= 0) return static_cast<std::size_t>(n);
            if (errno != EINTR) throw JsonPieceError(std::string("cannot read: ") + std::strerror(errno));
        }
    }

private:
    int fd_;
};

class TextBytes : public JsonBytes {
public:
    explicit TextBytes(const std::string& text) : text_(text) {}
    std::size_t read(std::uint64_t offset, char* into, std::size_t size) const override {
        if (offset >= text_.size()) return 0;
        const std::size_t n = std::min<std::size_t>(size, text_.size() - offset);
        std::memcpy(into, text_.data() + offset, n);
        return n;
    }

private:
    const std::string& text_;
};

constexpr std::size_t chunk = std::size_t{1} << 16;

// The bytes as a stream, for nlohmann's parser.
class BytesBuffer : public std::streambuf {
public:
    explicit BytesBuffer(const JsonBytes& bytes) : bytes_(bytes), buffer_(chunk) {}

protected:
    int_type underflow() override {
        const std::size_t n = bytes_.read(offset_, buffer_.data(), buffer_.size());
        if (n == 0) return traits_type::eof();
        offset_ += n;
        setg(buffer_.data(), buffer_.data(), buffer_.data() + n);
        return traits_type::to_int_type(buffer_[0]);
    }

private:
    const JsonBytes& bytes_;
    std::vector<char> buffer_;
    std::uint64_t offset_ = 0;
};

// Keeps the top-level keys and the first error; builds nothing.
struct SyntaxOnly : nlohmann::json_sax<nlohmann::json> {
    JsonSyntax* out;
    std::size_t depth = 0;
    bool root_object = false;

    explicit SyntaxOnly(JsonSyntax& result) : out(&result) {}
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override {
        if (depth++ == 0) root_object = true;
        return true;
    }
    bool key(string_t& key) override {
        if (depth == 1 && root_object) out->top_keys.push_back(key);
        return true;
    }
    bool end_object() override {
        --depth;
        return true;
    }
    bool start_array(std::size_t) override {
        ++depth;
        return true;
    }
    bool end_array() override {
        --depth;
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) override {
        out->error = error.what();
        return false;
    }
};

}  // namespace

// A position in the bytes with a buffer of its own.
class JsonScanner {
public:
    JsonScanner(const JsonBytes& bytes, std::uint64_t offset)
        : bytes_(bytes), buffer_(chunk), base_(offset) {}

    // The byte here, or -1 at the end.
    int peek() {
        if (pos_ == size_ && !fill()) return -1;
        return static_cast<unsigned char>(buffer_[pos_]);
    }
    void advance() { ++pos_; }
    std::uint64_t offset() const { return base_ + pos_; }

    void skip_space() {
        for (int c = peek(); c == ' ' || c == '\n' || c == '\r' || c == '\t'; c = peek()) advance();
    }

    void expect(char c) {
        skip_space();
        if (peek() != static_cast<unsigned char>(c)) fail(std::string("expected '") + c + "'");
        advance();
    }

    // The value that starts here (after white space), scanned to its end.
    JsonPiece value() {
        skip_space();
        JsonPiece piece;
        piece.begin = offset();
        const int first = peek();
        if (first < 0) fail("a value is missing");
        piece.kind = static_cast<char>(first);
        if (first == '{' || first == '[') {
            skip_nested();
        } else if (first == '"') {
            skip_string();
        } else {
            skip_scalar();
        }
        piece.end = offset();
        return piece;
    }

    // The string that starts here, decoded.
    std::string string() {
        skip_space();
        if (peek() != '"') fail("expected a string");
        const std::uint64_t begin = offset();
        const bool escaped = skip_string();
        const std::uint64_t end = offset();
        std::string raw(static_cast<std::size_t>(end - begin), '\0');
        read_exactly(bytes_, begin, raw);
        if (!escaped) return raw.substr(1, raw.size() - 2);
        return nlohmann::json::parse(raw).get<std::string>();
    }

    [[noreturn]] void fail(const std::string& what) const {
        throw JsonPieceError("at byte " + std::to_string(offset()) + ": " + what);
    }

    static void read_exactly(const JsonBytes& bytes, std::uint64_t offset, std::string& into) {
        std::size_t done = 0;
        while (done < into.size()) {
            const std::size_t n = bytes.read(offset + done, into.data() + done, into.size() - done);
            if (n == 0) throw JsonPieceError("the document ends early (did it change while read?)");
            done += n;
        }
    }

private:
    bool fill() {
        base_ += size_;
        pos_ = 0;
        size_ = bytes_.read(base_, buffer_.data(), buffer_.size());
        return size_ > 0;
    }

    // Past the string that starts here; true when it holds an escape.
    bool skip_string() {
        advance();  // the opening quote
        bool escaped = false;
        for (;;) {
            if (pos_ == size_ && !fill()) fail("a string is not closed");
            const char* at = buffer_.data() + pos_;
            const char* end = buffer_.data() + size_;
            while (at != end && *at != '"' && *at != '\\') ++at;
            pos_ = static_cast<std::size_t>(at - buffer_.data());
            if (at == end) continue;
            advance();
            if (*at == '"') return escaped;
            escaped = true;
            if (peek() < 0) fail("a string is not closed");
            advance();  // the escaped character
        }
    }

    void skip_nested() {
        std::size_t depth = 0;
        for (;;) {
            const int c = peek();
            if (c < 0) fail("an object or array is not closed");
            if (c == '"') {
                skip_string();
                continue;
            }
            advance();
            if (c == '{' || c == '[') {
                ++depth;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return;
            }
        }
    }

    void skip_scalar() {
        for (int c = peek();
             c >= 0 && c != ',' && c != '}' && c != ']' && c != ' ' && c != '\n' && c != '\r' && c != '\t';
             c = peek()) {
            advance();
        }
    }

    const JsonBytes& bytes_;
    std::vector<char> buffer_;
    std::uint64_t base_;  // offset of buffer_[0]
    std::size_t pos_ = 0;
    std::size_t size_ = 0;
};

std::unique_ptr<JsonBytes> file_bytes(const std::string& path) { return std::make_unique<FileBytes>(path); }

std::unique_ptr<JsonBytes> text_bytes(const std::string& text) { return std::make_unique<TextBytes>(text); }

JsonSyntax check_syntax(const JsonBytes& bytes) {
    JsonSyntax result;
    BytesBuffer buffer(bytes);
    std::istream in(&buffer);
    SyntaxOnly handler(result);
    if (!nlohmann::json::sax_parse(in, &handler)) result.top_keys.clear();
    return result;
}

JsonPiece JsonPieces::root() const {
    JsonScanner scanner(bytes_, 0);
    scanner.skip_space();
    JsonPiece root;
    root.begin = scanner.offset();
    const int first = scanner.peek();
    if (first < 0) scanner.fail("a value is missing");
    root.kind = static_cast<char>(first);
    return root;
}

std::map<std::string, JsonPiece> JsonPieces::members(const JsonPiece& object) const {
    std::map<std::string, JsonPiece> members;
    JsonScanner scanner(bytes_, object.begin);
    scanner.expect('{');
    scanner.skip_space();
    if (scanner.peek() == '}') return members;
    for (;;) {
        std::string key = scanner.string();
        scanner.expect(':');
        members[std::move(key)] = scanner.value();
        scanner.skip_space();
        const int c = scanner.peek();
        scanner.advance();
        if (c == '}') return members;
        if (c != ',') scanner.fail("expected ',' or '}'");
    }
}

std::string JsonPieces::text(const JsonPiece& piece) const {
    std::string text(static_cast<std::size_t>(piece.end - piece.begin), '\0');
    JsonScanner::read_exactly(bytes_, piece.begin, text);
    return text;
}

nlohmann::json JsonPieces::parse(const JsonPiece& piece) const { return nlohmann::json::parse(text(piece)); }

nlohmann::ordered_json JsonPieces::parse_ordered(const JsonPiece& piece) const {
    return nlohmann::ordered_json::parse(text(piece));
}

JsonPieces::Elements::Elements(const JsonBytes& bytes, const JsonPiece& array)
    : scanner_(std::make_shared<JsonScanner>(bytes, array.begin)) {
    scanner_->expect('[');
}

bool JsonPieces::Elements::next(JsonPiece& element) {
    if (done_) return false;
    scanner_->skip_space();
    if (scanner_->peek() == ']') {
        done_ = true;
        return false;
    }
    if (count_ > 0) scanner_->expect(',');
    element = scanner_->value();
    ++count_;
    return true;
}

JsonPieces::Elements JsonPieces::elements(const JsonPiece& array) const { return Elements(bytes_, array); }

}  // namespace surveycheck::report
