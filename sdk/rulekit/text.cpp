#include "surveycheck/rulekit/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "surveycheck/rulekit/countries.hpp"

namespace surveycheck::rulekit {

namespace {

struct NamedEntity {
    const char* name;
    std::uint32_t code_point;
};

// The XML entities, the Latin-1 set and the punctuation rich-text editors write; unknown names stay literal.
constexpr std::array<NamedEntity, 113> named_entities{{
    {"amp", 0x26},      {"lt", 0x3C},      {"gt", 0x3E},      {"quot", 0x22},    {"apos", 0x27},
    {"nbsp", 0xA0},     {"iexcl", 0xA1},   {"cent", 0xA2},    {"pound", 0xA3},   {"curren", 0xA4},
    {"yen", 0xA5},      {"brvbar", 0xA6},  {"sect", 0xA7},    {"uml", 0xA8},     {"copy", 0xA9},
    {"ordf", 0xAA},     {"laquo", 0xAB},   {"not", 0xAC},     {"shy", 0xAD},     {"reg", 0xAE},
    {"macr", 0xAF},     {"deg", 0xB0},     {"plusmn", 0xB1},  {"sup2", 0xB2},    {"sup3", 0xB3},
    {"acute", 0xB4},    {"micro", 0xB5},   {"para", 0xB6},    {"middot", 0xB7},  {"cedil", 0xB8},
    {"sup1", 0xB9},     {"ordm", 0xBA},    {"raquo", 0xBB},   {"frac14", 0xBC},  {"frac12", 0xBD},
    {"frac34", 0xBE},   {"iquest", 0xBF},  {"Agrave", 0xC0},  {"Aacute", 0xC1},  {"Acirc", 0xC2},
    {"Atilde", 0xC3},   {"Auml", 0xC4},    {"Aring", 0xC5},   {"AElig", 0xC6},   {"Ccedil", 0xC7},
    {"Egrave", 0xC8},   {"Eacute", 0xC9},  {"Ecirc", 0xCA},   {"Euml", 0xCB},    {"Igrave", 0xCC},
    {"Iacute", 0xCD},   {"Icirc", 0xCE},   {"Iuml", 0xCF},    {"ETH", 0xD0},     {"Ntilde", 0xD1},
    {"Ograve", 0xD2},   {"Oacute", 0xD3},  {"Ocirc", 0xD4},   {"Otilde", 0xD5},  {"Ouml", 0xD6},
    {"times", 0xD7},    {"Oslash", 0xD8},  {"Ugrave", 0xD9},  {"Uacute", 0xDA},  {"Ucirc", 0xDB},
    {"Uuml", 0xDC},     {"Yacute", 0xDD},  {"THORN", 0xDE},   {"szlig", 0xDF},   {"agrave", 0xE0},
    {"aacute", 0xE1},   {"acirc", 0xE2},   {"atilde", 0xE3},  {"auml", 0xE4},    {"aring", 0xE5},
    {"aelig", 0xE6},    {"ccedil", 0xE7},  {"egrave", 0xE8},  {"eacute", 0xE9},  {"ecirc", 0xEA},
    {"euml", 0xEB},     {"igrave", 0xEC},  {"iacute", 0xED},  {"icirc", 0xEE},   {"iuml", 0xEF},
    {"eth", 0xF0},      {"ntilde", 0xF1},  {"ograve", 0xF2},  {"oacute", 0xF3},  {"ocirc", 0xF4},
    {"otilde", 0xF5},   {"ouml", 0xF6},    {"divide", 0xF7},  {"oslash", 0xF8},  {"ugrave", 0xF9},
    {"uacute", 0xFA},   {"ucirc", 0xFB},   {"uuml", 0xFC},    {"yacute", 0xFD},  {"thorn", 0xFE},
    {"yuml", 0xFF},     {"ndash", 0x2013}, {"mdash", 0x2014}, {"lsquo", 0x2018}, {"rsquo", 0x2019},
    {"sbquo", 0x201A},  {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"bdquo", 0x201E}, {"bull", 0x2022},
    {"hellip", 0x2026}, {"euro", 0x20AC},  {"trade", 0x2122},
}};

// Tags after which the text continues on a new line.
constexpr std::array<const char*, 27> block_tags{{
    "p",      "div",    "li", "ul", "ol", "tr",      "table",      "h1",      "h2",
    "h3",     "h4",     "h5", "h6", "hr", "pre",     "blockquote", "section", "article",
    "header", "footer", "dl", "dt", "dd", "address", "figure",     "nav",     "thead",
}};

bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_ascii_alnum(char c) { return is_ascii_alpha(c) || (c >= '0' && c <= '9'); }

char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Decodes the entity at text[pos] ('&'); returns the bytes consumed, 0 when it is not an entity.
std::size_t decode_entity(std::string_view text, std::size_t pos, std::string& out) {
    // An entity is short: looking further for its ';' would make a run of '&' quadratic.
    const std::size_t semicolon = text.substr(0, pos + 13).find(';', pos + 1);
    if (semicolon == std::string_view::npos || semicolon == pos + 1) {
        return 0;
    }
    const std::string_view body = text.substr(pos + 1, semicolon - pos - 1);
    if (body[0] == '#') {
        const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
        const std::string_view digits = body.substr(hex ? 2 : 1);
        if (digits.empty()) {
            return 0;
        }
        std::uint32_t cp = 0;
        for (char c : digits) {
            int digit = -1;
            if (c >= '0' && c <= '9') {
                digit = c - '0';
            } else if (hex && c >= 'a' && c <= 'f') {
                digit = c - 'a' + 10;
            } else if (hex && c >= 'A' && c <= 'F') {
                digit = c - 'A' + 10;
            }
            if (digit < 0) {
                return 0;
            }
            cp = std::min<std::uint32_t>(cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(digit), 0x110000);
        }
        append_utf8(out, cp);
        return semicolon - pos + 1;
    }
    for (const auto& entity : named_entities) {
        if (body == entity.name) {
            append_utf8(out, entity.code_point);
            return semicolon - pos + 1;
        }
    }
    return 0;
}

// Length of the U+00A0 or ASCII white space at text[pos], 0 when there is none.
std::size_t space_length(std::string_view text, std::size_t pos) {
    if (is_ascii_space(text[pos])) {
        return 1;
    }
    if (static_cast<unsigned char>(text[pos]) == 0xC2 && pos + 1 < text.size() &&
        static_cast<unsigned char>(text[pos + 1]) == 0xA0) {
        return 2;
    }
    return 0;
}

// First position at or after `pos` that is not white space (text.size() when none is).
std::size_t skip_spaces(std::string_view text, std::size_t pos) {
    while (pos < text.size()) {
        const std::size_t space = space_length(text, pos);
        if (space == 0) break;
        pos += space;
    }
    return pos;
}

// True when one word (no white space in it), compared without ASCII case, is a placeholder: "n/a", "none",
// "xxx", or only punctuation (".", "-", "...", "___", the Unicode dashes and ellipsis).
bool is_placeholder_word(std::string_view word) {
    static constexpr std::array<std::string_view, 7> words{
        {"n/a", "na", "n.a.", "n.a", "none", "tbd", "tba"}};
    const auto same = [&](std::string_view placeholder) {
        if (placeholder.size() != word.size()) return false;
        for (std::size_t i = 0; i < word.size(); ++i)
            if (lower_ascii(word[i]) != placeholder[i]) return false;
        return true;
    };
    if (std::any_of(words.begin(), words.end(), same)) return true;
    if (word.size() >= 3 &&
        std::all_of(word.begin(), word.end(), [](char c) { return lower_ascii(c) == 'x'; }))
        return true;
    static constexpr std::array<std::string_view, 3> unicode_marks{{"\u2013", "\u2014", "\u2026"}};
    std::string_view rest = word;
    while (!rest.empty()) {
        const char c = rest.front();
        if (c == '.' || c == '-' || c == '/' || c == '_' || c == '*') {
            rest.remove_prefix(1);
            continue;
        }
        const auto mark = std::find_if(unicode_marks.begin(), unicode_marks.end(),
                                       [&](std::string_view m) { return rest.substr(0, m.size()) == m; });
        if (mark == unicode_marks.end()) return false;
        rest.remove_prefix(mark->size());
    }
    return !word.empty();
}

enum class Verdict { no, yes, unknown };

// Whether `text` is white space around at most one placeholder word, read from the start so that a long
// answer is decided by its first word. With `html`, a '<' or '&' the decision reaches leaves it unknown:
// tags and entities change the text from there on, so only html_to_text can tell.
Verdict placeholder_verdict(std::string_view text, bool html) {
    const auto markup = [&](std::size_t pos) { return html && (text[pos] == '<' || text[pos] == '&'); };
    const std::size_t first = skip_spaces(text, 0);
    if (first == text.size()) return Verdict::yes;
    std::size_t end = first;
    for (; end < text.size() && space_length(text, end) == 0; ++end)
        if (markup(end)) return Verdict::unknown;
    if (!is_placeholder_word(text.substr(first, end - first))) return Verdict::no;
    const std::size_t rest = skip_spaces(text, end);
    if (rest == text.size()) return Verdict::yes;
    return markup(rest) ? Verdict::unknown : Verdict::no;
}

// End of the tag starting at text[pos] ('<'), npos when the '<' does not start a tag ("a < b", "x<3").
std::size_t tag_end(std::string_view text, std::size_t pos) {
    if (pos + 1 >= text.size()) {
        return std::string_view::npos;
    }
    const char next = text[pos + 1];
    if (text.compare(pos, 4, "<!--") == 0) {
        const std::size_t end = text.find("-->", pos + 4);
        return end == std::string_view::npos ? std::string_view::npos : end + 2;
    }
    const bool starts_tag = is_ascii_alpha(next) || next == '!' || next == '?' ||
                            (next == '/' && pos + 2 < text.size() && is_ascii_alpha(text[pos + 2]));
    if (!starts_tag) {
        return std::string_view::npos;
    }
    char quote = 0;
    for (std::size_t i = pos + 1; i < text.size(); ++i) {
        const char c = text[i];
        if (quote != 0) {
            if (c == quote) {
                quote = 0;
            }
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i;
        } else if (c == '<') {
            return std::string_view::npos;
        }
    }
    return std::string_view::npos;
}

bool contains_tag(std::string_view text) {
    for (std::size_t pos = text.find('<'); pos != std::string_view::npos; pos = text.find('<', pos + 1)) {
        if (tag_end(text, pos) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

// Lower-case name of the tag text[pos..end], without '<', '/' and attributes.
std::string tag_name(std::string_view text, std::size_t pos, std::size_t end, bool& closing) {
    std::size_t i = pos + 1;
    closing = i < end && text[i] == '/';
    if (closing) {
        ++i;
    }
    std::string name;
    while (i < end && is_ascii_alnum(text[i])) {
        name += lower_ascii(text[i++]);
    }
    return name;
}

bool is_block_tag(const std::string& name) {
    return std::any_of(block_tags.begin(), block_tags.end(), [&](const char* tag) { return name == tag; });
}

// Builds the text of an HTML fragment the way a browser lays it out, with line breaks for blocks.
class TextBuilder {
public:
    explicit TextBuilder(bool html) : html_(html) {}

    void request_breaks(int count, bool cumulative) {
        pending_breaks_ = cumulative ? pending_breaks_ + count : std::max(pending_breaks_, count);
        pending_space_ = false;
    }

    void request_space() { pending_space_ = true; }

    void append(std::string_view bytes) {
        if (pending_breaks_ > 0) {
            if (!out_.empty()) {
                out_.append(static_cast<std::size_t>(pending_breaks_), '\n');
            }
            pending_breaks_ = 0;
            pending_space_ = false;
        }
        if (pending_space_) {
            if (!out_.empty() && out_.back() != '\n') {
                out_ += ' ';
            }
            pending_space_ = false;
        }
        out_.append(bytes);
    }

    // HTML white space collapses to one space; plain text keeps it as typed.
    void append_source_space(char c) {
        if (html_) {
            request_space();
        } else {
            append(std::string_view(&c, 1));
        }
    }

    // The text so far: a prefix of the whole, as breaks and spaces wait for the next text.
    std::string_view text() const { return out_; }

    std::string take() { return std::move(out_); }

private:
    bool html_;
    int pending_breaks_ = 0;
    bool pending_space_ = false;
    std::string out_;
};

}  // namespace

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        cp = 0xFFFD;
    }
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

namespace {

// The text of `html` into `builder`, tags read as HTML when `has_tags`; stops early once `enough(builder)`.
template <typename Enough>
void build_text(std::string_view html, bool has_tags, TextBuilder& builder, Enough&& enough) {
    std::string decoded;
    std::size_t pos = 0;
    while (pos < html.size() && !enough(builder)) {
        const char c = html[pos];
        if (c == '<' && has_tags) {
            const std::size_t end = tag_end(html, pos);
            if (end != std::string_view::npos) {
                bool closing = false;
                const std::string name = tag_name(html, pos, end, closing);
                pos = end + 1;
                if ((name == "script" || name == "style") && !closing) {
                    const std::size_t close = html.find("</", pos);
                    pos = close == std::string_view::npos ? html.size() : close;
                } else if (name == "br") {
                    builder.request_breaks(1, true);
                } else if (is_block_tag(name)) {
                    builder.request_breaks(1, false);
                } else if (name == "td" || name == "th") {
                    builder.request_space();
                }
                continue;
            }
        }
        if (c == '&') {
            decoded.clear();
            const std::size_t used = decode_entity(html, pos, decoded);
            if (used > 0) {
                builder.append(decoded);
                pos += used;
                continue;
            }
        }
        if (is_ascii_space(c)) {
            builder.append_source_space(c);
            ++pos;
            continue;
        }
        // A run of ordinary characters goes in at once.
        std::size_t end = pos + 1;
        while (end < html.size() && html[end] != '<' && html[end] != '&' && !is_ascii_space(html[end])) ++end;
        builder.append(html.substr(pos, end - pos));
        pos = end;
    }
}

}  // namespace

std::string html_to_text(std::string_view html) {
    const bool has_tags = contains_tag(html);
    // Plain text without entities is its own text.
    if (!has_tags && html.find('&') == std::string_view::npos) return std::string(html);
    TextBuilder builder(has_tags);
    build_text(html, has_tags, builder, [](const TextBuilder&) { return false; });
    return builder.take();
}

std::string plain_text_prefix(std::string_view html, std::size_t bytes) {
    // Text without markup or entities reads as itself with its white space collapsed: take just enough of
    // it (cut where a character starts), with no builder. At the first '<' or '&', the builder reads it all.
    for (std::size_t take = std::min(html.size(), bytes + bytes / 8 + 64);;
         take = std::min(html.size(), 2 * take)) {
        for (int back = 0;
             back < 3 && take < html.size() && (static_cast<unsigned char>(html[take]) & 0xC0) == 0x80;
             ++back)
            --take;
        const std::string_view head = html.substr(0, take);
        if (std::memchr(head.data(), '<', head.size()) || std::memchr(head.data(), '&', head.size())) break;
        std::string flat = collapse_whitespace(head);
        if (flat.size() > bytes || take == html.size()) return flat;
    }
    // Read as HTML whether or not it holds a tag: once white space is collapsed, text without tags reads the
    // same either way, and knowing would mean reading all of it.
    TextBuilder builder(true);
    std::size_t check_at = bytes + 16;
    build_text(html, true, builder, [&](const TextBuilder& built) {
        if (built.text().size() < check_at) return false;
        check_at = 2 * built.text().size();  // white space may collapse: look again at twice the size
        return collapse_whitespace(built.text()).size() > bytes;
    });
    return collapse_whitespace(builder.take());
}

std::string collapse_whitespace(std::string_view text) {
    // The result is never longer than the text: written in place, byte by byte, with no append per word.
    std::string out(text.size(), '\0');
    char* to = out.data();
    std::size_t pos = skip_spaces(text, 0);
    while (pos < text.size()) {
        const auto c = static_cast<unsigned char>(text[pos]);
        if ((c <= ' ' || c == 0xC2) && space_length(text, pos) != 0) {  // others are never space
            pos = skip_spaces(text, pos);
            if (pos < text.size()) *to++ = ' ';  // one space, when more text follows
            continue;
        }
        *to++ = text[pos++];
    }
    out.resize(static_cast<std::size_t>(to - out.data()));
    return out;
}

std::string to_lower_ascii(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), lower_ascii);
    return out;
}

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return lower_ascii(x) == lower_ascii(y);
           });
}

bool is_blank(std::string_view text) {
    const std::size_t first = skip_spaces(text, 0);
    if (first == text.size()) return true;
    // Text before the first tag or entity stays as it is: a character there is not blank.
    if (text[first] != '<' && text[first] != '&') return false;
    return plain_text_prefix(text, 0).empty();
}

namespace {

// True when a short text, folded (fold_for_matching) and without trailing punctuation, is a placeholder
// phrase in English or French ("to be completed", "see above", "à compléter", "voir ci-dessus", "lorem
// ipsum ...").
bool is_placeholder_phrase(std::string_view text) {
    std::string folded =
        fold_for_matching(text.size() > 200 ? plain_text_prefix(text, 16) : html_to_text(text));
    if (text.size() > 200) return folded.rfind("lorem ipsum", 0) == 0;  // longer than any phrase
    while (!folded.empty() && !is_ascii_alnum(folded.back())) folded.pop_back();
    if (folded.rfind("lorem ipsum", 0) == 0) return true;
    static constexpr std::array<std::string_view, 24> phrases{{
        "tbc",
        "to be completed",
        "to be confirmed",
        "to be defined",
        "to be determined",
        "to be decided",
        "to follow",
        "see above",
        "as above",
        "see below",
        "idem",
        "not applicable",
        "not available",
        "a completer",
        "a confirmer",
        "a definir",
        "a preciser",
        "a venir",
        "voir ci dessus",
        "cf ci dessus",
        "voir plus haut",
        "neant",
        "sans objet",
        "non applicable",
    }};
    return std::find(phrases.begin(), phrases.end(), folded) != phrases.end();
}

}  // namespace

bool is_placeholder(std::string_view text) {
    const Verdict verdict = placeholder_verdict(text, true);
    if (verdict == Verdict::yes) return true;
    if (verdict == Verdict::unknown && placeholder_verdict(html_to_text(text), false) == Verdict::yes)
        return true;
    return is_placeholder_phrase(text);
}

}  // namespace surveycheck::rulekit
