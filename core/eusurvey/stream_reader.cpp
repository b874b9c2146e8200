#include "eusurvey/stream_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string_view>
#include <utility>

#include "eusurvey/xml_text.hpp"
#include "util/utf8.hpp"

namespace surveycheck::eusurvey {

namespace {

constexpr std::size_t chunk_size = std::size_t{4} << 20;
constexpr std::size_t no_end = std::string_view::npos;

// What a piece of markup starting with '<' is.
enum class MarkupKind {
    start,  // <name ...>
    empty,  // <name .../>
    end,    // </name>
    other,  // comment, processing instruction, CDATA section, DOCTYPE
    broken  // a '<' inside a tag: not well-formed; the XML parser will say where
};

struct Markup {
    MarkupKind kind = MarkupKind::other;
    std::size_t end = no_end;  // one past the '>'; no_end when the data stops first
    std::string_view name;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// True for the bytes that end a tag's name (all at most '>', unlike name characters mostly).
bool ends_name(char c) {
    return static_cast<unsigned char>(c) <= '>' && (is_space(c) || c == '>' || c == '/' || c == '<');
}

// Calls `visit(offset)` for each '<', '>', '"' or '\'' (the bytes that matter in markup) from `from` on, in
// order; `visit` returns where to go on (after `offset`), or no_end to stop. False when the data ends first.
// Sixteen bytes at a time where SSE2 is there: a contribution is mostly names, quoted values and text.
template <typename Visit>
bool for_each_markup_byte(std::string_view data, std::size_t from, Visit&& visit) {
    std::size_t i = from;
#if defined(__SSE2__)
    const __m128i lt = _mm_set1_epi8('<');
    const __m128i gt = _mm_set1_epi8('>');
    const __m128i double_quote = _mm_set1_epi8('"');
    const __m128i single_quote = _mm_set1_epi8('\'');
    while (i + 16 <= data.size()) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data.data() + i));
        const __m128i found = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(bytes, lt), _mm_cmpeq_epi8(bytes, gt)),
            _mm_or_si128(_mm_cmpeq_epi8(bytes, double_quote), _mm_cmpeq_epi8(bytes, single_quote)));
        std::size_t next = i + 16;
        for (auto mask = static_cast<unsigned>(_mm_movemask_epi8(found)); mask != 0; mask &= mask - 1) {
            const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(mask));
            const std::size_t resume = visit(at);
            if (resume == no_end) {
                return true;
            }
            if (resume != at + 1) {
                next = resume;  // it skipped ahead: look again from there
                break;
            }
        }
        i = next;
    }
#endif
    while (i < data.size()) {
        const char c = data[i];
        if (c != '<' && c != '>' && c != '"' && c != '\'') {
            ++i;
        } else if ((i = visit(i)) == no_end) {
            return true;
        }
    }
    return false;
}

std::size_t end_of(std::string_view data, std::size_t from, std::string_view terminator) {
    const std::size_t at = data.find(terminator, from);
    return at == no_end ? no_end : at + terminator.size();
}

// Offset just past the name of the tag whose name starts at `from`.
std::size_t name_end(std::string_view data, std::size_t from) {
    while (from < data.size() && !ends_name(data[from])) {
        ++from;
    }
    return from;
}

// Reads a tag after its name one markup byte at a time: quotes hide '>', a '<' breaks it.
class TagScan {
public:
    explicit TagScan(bool closing) : closing_(closing) {}
    // The tag so far with `data[at]` (a markup byte) read: still open (other), complete or broken.
    MarkupKind step(std::string_view data, std::size_t at) {
        const char c = data[at];
        if (c == '<') {
            return MarkupKind::broken;
        }
        if (quote_ != 0) {
            quote_ = c == quote_ ? 0 : quote_;
        } else if (c == '"' || c == '\'') {
            quote_ = c;
        } else if (c == '>') {
            return closing_ ? MarkupKind::end : data[at - 1] == '/' ? MarkupKind::empty : MarkupKind::start;
        }
        return MarkupKind::other;
    }

private:
    bool closing_;
    char quote_ = 0;
};

// A start, end or empty-element tag at data[at] == '<'.
Markup scan_tag(std::string_view data, std::size_t at) {
    Markup markup;
    const bool closing = data[at + 1] == '/';
    const std::size_t name_start = at + (closing ? 2 : 1);
    const std::size_t name_stop = name_end(data, name_start);
    markup.name = data.substr(name_start, name_stop - name_start);
    TagScan tag(closing);
    for_each_markup_byte(data, name_stop, [&](std::size_t i) {
        markup.kind = tag.step(data, i);
        if (markup.kind == MarkupKind::other) {
            return i + 1;
        }
        markup.end = markup.kind == MarkupKind::broken ? i : i + 1;
        return no_end;
    });
    return markup;
}

// The markup at data[at] == '<'. Attribute values may hold '>'; comments and CDATA may hold anything.
Markup scan_markup(std::string_view data, std::size_t at) {
    Markup markup;
    const std::string_view rest = data.substr(at);
    if (rest.size() < 9) {
        return markup;  // too short to tell "<![CDATA[" from a tag; ask for more
    }
    if (rest[1] != '!' && rest[1] != '?') {
        return scan_tag(data, at);
    }
    if (rest.compare(0, 4, "<!--") == 0) {
        markup.end = end_of(data, at + 4, "-->");
        return markup;
    }
    if (rest.compare(0, 9, "<![CDATA[") == 0) {
        markup.end = end_of(data, at + 9, "]]>");
        return markup;
    }
    if (rest.compare(0, 2, "<?") == 0) {
        markup.end = end_of(data, at + 2, "?>");
        return markup;
    }
    // A DOCTYPE or other declaration: brackets nest, quotes hide.
    int depth = 0;
    char quote = 0;
    for (std::size_t i = at + 2; i < data.size(); ++i) {
        const char c = data[i];
        if (quote != 0) {
            quote = c == quote ? 0 : quote;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[') {
            ++depth;
        } else if (c == ']') {
            --depth;
        } else if (c == '>' && depth <= 0) {
            markup.end = i + 1;
            return markup;
        }
    }
    return markup;
}

// One past the end of the element whose start tag is at data[start], or no_end when the data stops first.
// Text and tags are read in one pass over their markup bytes; a '<' inside a tag ends the element there
// (not well-formed: the XML parser will say where).
std::size_t find_element_end(std::string_view data, std::size_t start) {
    int depth = 0;
    std::optional<TagScan> tag;  // set inside a tag, after its name
    std::size_t end = no_end;
    for_each_markup_byte(data, start, [&](std::size_t at) -> std::size_t {
        if (tag) {
            const MarkupKind kind = tag->step(data, at);
            if (kind == MarkupKind::other) {
                return at + 1;
            }
            tag.reset();
            depth += kind == MarkupKind::start ? 1 : kind == MarkupKind::end ? -1 : 0;
            if (kind == MarkupKind::broken || depth <= 0) {
                end = kind == MarkupKind::broken ? at : at + 1;
                return no_end;
            }
            return at + 1;
        }
        if (data[at] != '<') {
            return at + 1;  // '>' or a quote in text
        }
        if (data.size() - at < 9 || data[at + 1] == '!' || data[at + 1] == '?') {
            const Markup markup = scan_markup(data, at);  // a comment, CDATA, PI or declaration
            return markup.end;                            // no_end: ask for more
        }
        const bool closing = data[at + 1] == '/';
        tag.emplace(closing);
        return name_end(data, at + (closing ? 2 : 1));
    });
    return end;
}

}  // namespace

ReadResult read_slice(const AnswerSetSlice& slice, const Survey& survey, AnswerSet& out) {
    ReadResult read = read_answer_set_slice(*slice.source, slice.index, out);
    if (read) {
        out.block = slice.block;
        out.number = slice.number;
        undo_double_escaping(survey, out);
    }
    return read;
}

StreamReader::StreamReader() = default;

StreamReader::~StreamReader() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

bool StreamReader::fill(std::size_t size) {
    if (eof_) {
        return false;
    }
    // No more than the file still holds: the bytes asked for are zeroed, so a huge request near its end would
    // take memory the file never fills.
    size = std::min(size, std::max(unread_, std::size_t{64} << 10));
    const std::size_t old_size = buffer_.size();
    buffer_.resize(old_size + size);
    std::size_t got = 0;
    while (got < size) {
        const ssize_t n = ::read(fd_, &buffer_[old_size + got], size - got);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            error_ = ReadResult::failure(ReadStatus::io_error,
                                         std::string("cannot read: ") + std::strerror(errno));
        }
        if (n <= 0) {
            eof_ = true;
            break;
        }
        got += static_cast<std::size_t>(n);
    }
    unread_ -= std::min(unread_, got);
    buffer_.resize(old_size + got);
    return got > 0;
}

ReadResult StreamReader::open(const std::string& path, Export& head) {
    head = Export{};
    head.path = path;
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
        return errno == ENOENT ? ReadResult::failure(ReadStatus::file_not_found, "no such file")
                               : ReadResult::failure(ReadStatus::io_error,
                                                     std::string("cannot open: ") + std::strerror(errno));
    }
    struct stat status {};
    if (::fstat(fd_, &status) == 0 && S_ISREG(status.st_mode)) {
        unread_ = static_cast<std::size_t>(status.st_size);
    }
    auto read_whole = [&] {
        complete_ = true;
        done_ = true;
        return read_export_file(path, head);
    };

    // The Survey part: everything before the first Results/Answers/AnswerSet.
    std::vector<std::string> open_elements;
    std::size_t blocks = 0;  // Answers blocks so far (an empty one may come before the first contribution)
    std::size_t cut = no_end;
    for (std::size_t from = 0; cut == no_end;) {
        const std::size_t at = buffer_.find('<', from);
        const Markup markup = at == no_end ? Markup{} : scan_markup(buffer_, at);
        if (markup.end == no_end) {
            if (!fill(std::max(chunk_size, buffer_.size() - from))) {  // as much again: linear in a huge tag
                return error_ ? read_whole() : error_;
            }
            continue;
        }
        const std::string name(markup.name);
        const bool first_contribution = name == "AnswerSet" && open_elements.size() == 2 &&
                                        open_elements[0] == "Results" && open_elements[1] == "Answers";
        if (first_contribution && markup.kind != MarkupKind::end) {
            cut = at;
            break;
        }
        if (name == "Answers" && open_elements.size() == 1 && open_elements[0] == "Results" &&
            (markup.kind == MarkupKind::start || markup.kind == MarkupKind::empty)) {
            ++blocks;
        }
        switch (markup.kind) {
            case MarkupKind::start:
                open_elements.push_back(name);
                break;
            case MarkupKind::end:
                if (open_elements.empty() || open_elements.back() != name) {
                    return read_whole();  // not well-formed: the whole-file parser says where
                }
                open_elements.pop_back();
                break;
            case MarkupKind::broken:
                return read_whole();
            case MarkupKind::empty:
            case MarkupKind::other:
                break;
        }
        from = markup.end;
    }

    std::string survey_part = buffer_.substr(0, cut);
    for (auto it = open_elements.rbegin(); it != open_elements.rend(); ++it) {
        survey_part += "</" + *it + ">";
    }
    const ReadResult read = read_export_buffer(std::move(survey_part), path, head);
    if (read.status == ReadStatus::missing_survey) {
        return read_whole();  // the Survey follows the Answers: not the order EUSurvey writes
    }
    if (!read) {
        done_ = true;
        return read;
    }
    if (buffer_.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        counted_ = 3;  // a byte-order mark is not a column
    }
    open_ = std::move(open_elements);
    block_ = blocks;
    begin_ = cut;
    return read;
}

void StreamReader::advance_to(std::size_t offset) {
    // Lines by their ends, columns by code points from the last line start: no byte-by-byte loop.
    std::size_t line_start = counted_;
    std::uint32_t lines = 0;
    for_each_line_start(buffer_, counted_, offset, [&](std::size_t start) {
        ++lines;
        line_start = start;
    });
    const auto columns = static_cast<std::uint32_t>(
        util::count_code_points(std::string_view(buffer_).substr(line_start, offset - line_start)));
    position_ = lines == 0 ? Position{position_.line, position_.column + columns}
                           : Position{position_.line + lines, 1 + columns};
    counted_ = offset;
}

std::shared_ptr<const SourceText> StreamReader::slice(std::size_t start, std::size_t end,
                                                      const std::string& prefix) {
    advance_to(start);
    std::string bytes;
    bytes.reserve(prefix.size() + end - start);
    bytes += prefix;
    bytes.append(buffer_, start, end - start);
    return std::make_shared<const SourceText>(std::move(bytes), prefix.size(), position_);
}

std::size_t StreamReader::element_end(std::size_t start) {
    for (;;) {
        if (const std::size_t end = find_element_end(buffer_, start); end != no_end) {
            return end;
        }
        // Each look starts again at the element: reading as much again as it has so far keeps a huge
        // contribution linear (about twice its bytes scanned in all), not quadratic.
        if (!fill(std::max(chunk_size, buffer_.size() - start))) {
            return buffer_.size();  // the file ends inside the element: the XML parser says where
        }
    }
}

bool StreamReader::finish_with_tail(std::size_t start) {
    done_ = true;
    while (fill(chunk_size)) {
    }
    if (!error_) {
        return false;
    }
    std::string prefix;
    for (const auto& name : open_) {
        prefix += "<" + name + ">";
    }
    const auto tail = slice(start, buffer_.size(), prefix);
    error_ = check_slice(*tail);
    return false;
}

bool StreamReader::next(AnswerSetSlice& out) {
    if (done_) {
        return false;
    }
    if (begin_ >= chunk_size || begin_ * 2 >= buffer_.size()) {
        advance_to(begin_);
        buffer_.erase(0, begin_);
        counted_ -= begin_;
        begin_ = 0;
    }
    for (;;) {
        const std::size_t at = buffer_.find('<', begin_);
        const Markup markup = at == no_end ? Markup{} : scan_markup(buffer_, at);
        if (markup.end == no_end) {
            if (!fill(
                    std::max(chunk_size, buffer_.size() - begin_))) {  // as much again: linear in a huge tag
                return finish_with_tail(at == no_end ? buffer_.size() : at);
            }
            continue;
        }
        if (markup.kind == MarkupKind::other) {
            begin_ = markup.end;  // a comment or processing instruction between contributions
            continue;
        }
        // open_ is Results, Answers inside a block and Results alone between blocks.
        const bool in_answers = open_.size() == 2;
        if (markup.kind == MarkupKind::end && in_answers && markup.name == "Answers") {
            open_.pop_back();  // another Answers block may follow
            begin_ = markup.end;
            continue;
        }
        if (markup.kind == MarkupKind::end || markup.kind == MarkupKind::broken) {
            return finish_with_tail(at);  // </Results>, then the end of the export
        }
        if (!in_answers && markup.name == "Answers") {
            ++block_;
            index_ = 0;
            begin_ = markup.end;
            if (markup.kind == MarkupKind::start) {
                open_.emplace_back("Answers");
            }
            continue;
        }
        const bool answer_set = in_answers && markup.name == "AnswerSet";
        const std::size_t end = markup.kind == MarkupKind::empty ? markup.end : element_end(at);
        std::shared_ptr<const SourceText> source;
        if (end - at > chunk_size) {
            // A huge contribution takes the buffer itself rather than a copy of it; what was read past its
            // end starts the next buffer.
            advance_to(at);
            const Position base = position_;
            advance_to(end);
            std::string rest = buffer_.substr(end);
            buffer_.resize(end);
            buffer_.erase(0, at);
            source = std::make_shared<const SourceText>(std::move(buffer_), 0, base);
            buffer_ = std::move(rest);
            counted_ = 0;
            begin_ = 0;
        } else {
            source = slice(at, end, "");
            begin_ = end;
        }
        if (answer_set) {
            out.source = std::move(source);
            out.index = ++index_;
            out.block = block_;
            out.number = ++number_;
            return true;
        }
        // Another element inside Answers or Results: not a contribution, but it must be well-formed.
        if (ReadResult checked = check_slice(*source); !checked) {
            error_ = std::move(checked);
            done_ = true;
            return false;
        }
    }
}

}  // namespace surveycheck::eusurvey
