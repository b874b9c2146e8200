#include "surveycheck/rulekit/regions.hpp"

#include <algorithm>

#include "surveycheck/rulekit/countries.hpp"
#include "surveycheck/rulekit/nuts.hpp"
#include "surveycheck/rulekit/text.hpp"

namespace surveycheck::rulekit {
namespace {

bool is_inline_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool is_space(char c) { return is_inline_space(c) || c == '\n'; }
bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::size_t skip_inline_space(std::string_view text, std::size_t i) {
    while (i < text.size() && is_inline_space(text[i])) ++i;
    return i;
}

// Tags that end a line of text (as a line break does), lower case.
constexpr std::string_view block_tags[] = {"p",  "br", "li", "div", "ul", "ol", "tr",    "td",    "th", "h1",
                                           "h2", "h3", "h4", "h5",  "h6", "hr", "table", "tbody", "dd", "dt"};

// A tag starting at `i` ('<' then a letter or "/letter", up to '>'): returns the position after it, or `i`
// when there is none. The scan stops at the next '<' (so runs of '<' stay linear); `block` tells whether
// the tag ends a line.
std::size_t tag_at(std::string_view text, std::size_t i, bool& block) {
    block = false;
    if (i >= text.size() || text[i] != '<') return i;
    std::size_t j = i + 1;
    if (j < text.size() && text[j] == '/') ++j;
    const std::size_t name_begin = j;
    while (j < text.size() && (is_letter(text[j]) || is_digit(text[j]))) ++j;
    if (j == name_begin || !is_letter(text[name_begin])) return i;
    std::string name;
    for (std::size_t k = name_begin; k < j && k - name_begin < 8; ++k) name += lower(text[k]);
    std::size_t close = j;
    while (close < text.size() && text[close] != '>' && text[close] != '<') ++close;
    if (close >= text.size() || text[close] != '>') return i;
    for (std::string_view tag : block_tags) block = block || name == tag;
    return close + 1;
}

// Length of the dash or separator at `i` that may stand between a region and its code: ',', '-', ':', '/',
// '|', an en dash or an em dash; 0 when there is none.
std::size_t separator_at(std::string_view text, std::size_t i) {
    if (i >= text.size()) return 0;
    const char c = text[i];
    if (c == ',' || c == '-' || c == ':' || c == '/' || c == '|') return 1;
    if (text.substr(i, 3) == "\xE2\x80\x93" || text.substr(i, 3) == "\xE2\x80\x94") return 3;
    return 0;
}

// End of the word starting at `i`: it stops at white space, ',', ';', parentheses and '<'.
std::size_t word_end(std::string_view text, std::size_t i) {
    while (i < text.size() && !is_space(text[i]) && text[i] != ',' && text[i] != ';' && text[i] != '(' &&
           text[i] != ')' && text[i] != '<')
        ++i;
    return i;
}

// True when nothing but inline space separates `i` from the end of the entry (end, line break, ',', ';' or
// a tag).
bool entry_ends_at(std::string_view text, std::size_t i) {
    i = skip_inline_space(text, i);
    return i >= text.size() || text[i] == '\n' || text[i] == ',' || text[i] == ';' || text[i] == '<';
}

// True for a label written before a code that looks like one itself ("NUTS2", "nuts-3").
bool is_nuts_label(std::string_view word) {
    if (word.size() < 5 || word.size() > 6) return false;
    const std::string folded = to_lower_ascii(word);
    return folded.compare(0, 4, "nuts") == 0 && (word.size() == 5 || folded[4] == '-') &&
           word.back() >= '0' && word.back() <= '3';
}

// True when `word` is written as a NUTS code rather than a name: two letters, then letters, digits, '-' or
// '.', with a digit (so a mistyped code still counts) or, when it ends the entry, upper case after a NUTS
// country code (FI, DEG).
bool looks_like_code(std::string_view word, bool ends_entry) {
    if (word.size() < 2 || word.size() > 8 || !is_letter(word[0]) || !is_letter(word[1])) return false;
    bool digit = false;
    bool lower_case = false;
    for (char c : word) {
        if (is_digit(c)) {
            digit = true;
        } else if (c >= 'a' && c <= 'z') {
            lower_case = true;
        } else if (!(c >= 'A' && c <= 'Z') && c != '-' && c != '.') {
            return false;
        }
    }
    if (digit) return !is_nuts_label(word);
    return !lower_case && ends_entry && word.size() <= 5 && !nuts_country(word).empty();
}

// After a label naming the code at `i` ("NUTS", "NUTS2:", "NUTS 2 code -", "nuts-3"), the position of what
// follows it; `i` when there is no label.
std::size_t skip_nuts_label(std::string_view text, std::size_t i) {
    if (text.size() - std::min(i, text.size()) < 4 || lower(text[i]) != 'n' || lower(text[i + 1]) != 'u' ||
        lower(text[i + 2]) != 't' || lower(text[i + 3]) != 's')
        return i;
    std::size_t j = i + 4;
    if (j + 1 < text.size() && (text[j] == ' ' || text[j] == '-') && text[j + 1] >= '0' && text[j + 1] <= '3')
        ++j;
    if (j < text.size() && text[j] >= '0' && text[j] <= '3') ++j;
    if (j < text.size() && (is_letter(text[j]) || is_digit(text[j]))) return i;  // "Nutsford", "NUTS21"
    std::size_t k = skip_inline_space(text, j);
    if (text.size() - k >= 4 && lower(text[k]) == 'c' && lower(text[k + 1]) == 'o' &&
        lower(text[k + 2]) == 'd' && lower(text[k + 3]) == 'e' &&
        (k + 4 == text.size() || !is_letter(text[k + 4])))
        j = k + 4;
    j = skip_inline_space(text, j);
    if (j < text.size() && (text[j] == ':' || text[j] == '=' || text[j] == '-')) {
        j = skip_inline_space(text, j + 1);
    } else if (text.substr(j, 3) == "\xE2\x80\x93") {
        j = skip_inline_space(text, j + 3);
    }
    return j;
}

// A code written at `i`, perhaps after a label (`NUTS2: ES51`), as [begin, end).
bool code_at(std::string_view text, std::size_t i, std::size_t& begin, std::size_t& end) {
    for (std::size_t at : {skip_nuts_label(text, i), i}) {
        const std::size_t stop = word_end(text, at);
        if (stop > at && looks_like_code(text.substr(at, stop - at), entry_ends_at(text, stop))) {
            begin = at;
            end = stop;
            return true;
        }
    }
    return false;
}

// A code written after the parenthesis or comma that starts at `i` (`, FI1D7`, ` - FI1D7`, ` – NUTS ES51`),
// as [begin, end).
bool code_after(std::string_view text, std::size_t i, bool allow_no_separator, std::size_t& begin,
                std::size_t& end) {
    i = skip_inline_space(text, i);
    if (const std::size_t separator = separator_at(text, i); separator > 0) {
        i = skip_inline_space(text, i + separator);
    } else if (!allow_no_separator) {
        return false;
    }
    return code_at(text, i, begin, end);
}

// True when `text` holds a letter, digit or non-ASCII byte (an entry, not a stray ".").
bool has_content(std::string_view text) {
    for (char c : text)
        if (is_letter(c) || is_digit(c) || static_cast<unsigned char>(c) >= 0x80) return true;
    return false;
}

// Trailing white space removed from [begin, end).
std::size_t trim_end(std::string_view text, std::size_t begin, std::size_t end) {
    while (end > begin && is_space(text[end - 1])) --end;
    return end;
}

// `name` without what announced the code after it: separators and a label ("Catalonia –", "Catalonia
// NUTS2:", "Catalonia / NUTS code").
std::string_view strip_code_announcement(std::string_view name) {
    for (int round = 0; round < 4; ++round) {
        const std::size_t before = name.size();
        name = name.substr(0, trim_end(name, 0, name.size()));
        while (!name.empty() && separator_at(name, name.size() - 1) == 1) name.remove_suffix(1);
        if (name.size() >= 3 && (separator_at(name, name.size() - 3) == 3)) name.remove_suffix(3);
        name = name.substr(0, trim_end(name, 0, name.size()));
        // A label is at most "nuts 2 code": look for "nuts" among the last 11 bytes.
        for (std::size_t back = 4; back <= std::min<std::size_t>(11, name.size()); ++back) {
            const std::size_t at = name.size() - back;
            if ((at == 0 || is_space(name[at - 1])) && skip_nuts_label(name, at) == name.size()) {
                name = name.substr(0, at);
                break;
            }
        }
        if (name.size() == before) break;
    }
    return name.substr(0, trim_end(name, 0, name.size()));
}

// Bullets a list may start its lines with: "-", "*", "•", "·", "▪", "◦", "–", "—" and numbers ("1.", "2)").
std::size_t skip_bullet(std::string_view text, std::size_t i) {
    if (i >= text.size()) return i;
    const auto then_space = [&](std::size_t after) {
        if (after >= text.size()) return after;
        return is_space(text[after]) ? skip_inline_space(text, after) : i;
    };
    const char c = text[i];
    if (c == '-' || c == '*') return then_space(i + 1);
    if (is_digit(c)) {
        std::size_t j = i;
        while (j < text.size() && j - i < 3 && is_digit(text[j])) ++j;
        return j < text.size() && (text[j] == '.' || text[j] == ')') ? then_space(j + 1) : i;
    }
    const auto lead = static_cast<unsigned char>(c);
    if (lead != 0xE2 && lead != 0xC2) return i;
    for (std::string_view bullet :
         {"\xE2\x80\xA2", "\xC2\xB7", "\xE2\x96\xAA", "\xE2\x97\xA6", "\xE2\x80\x93", "\xE2\x80\x94"})
        if (text.compare(i, bullet.size(), bullet) == 0) return then_space(i + bullet.size());
    return i;
}

// The first position from `i` that is not a separator between entries: white space, ',', ';', tags and
// bullets.
std::size_t skip_separators(std::string_view text, std::size_t i) {
    while (i < text.size()) {
        bool block = false;
        if (is_space(text[i]) || text[i] == ',' || text[i] == ';') {
            ++i;
        } else if (const std::size_t tag = tag_at(text, i, block); tag != i) {
            i = tag;
        } else if (const std::size_t bullet = skip_bullet(text, i); bullet != i) {
            i = bullet;
        } else {
            break;
        }
    }
    return i;
}

// A NUTS code written inside the parenthesis [begin, end), alone (`Catalonia (ES51)`) or after the country
// (`Catalonia (ES, ES51)`): sets `code` and `country` (what precedes the code, without separators).
bool code_in_parenthesis(std::string_view text, std::size_t begin, std::size_t end, std::string& country,
                         std::string& code) {
    end = trim_end(text, begin, end);
    std::size_t word = end;
    while (word > begin && !is_space(text[word - 1]) && text[word - 1] != ',' && text[word - 1] != ';' &&
           text[word - 1] != '/' && text[word - 1] != ':')
        --word;
    const std::string_view last = text.substr(word, end - word);
    bool digit = false;
    for (char c : last) digit = digit || is_digit(c);
    // Without a digit, a 3-5 letter code (DEA, FRH) is told from a country abbreviation (GER, FRA) by
    // whether it names a country.
    const bool is_code = digit ? looks_like_code(last, true)
                               : last.size() >= 3 && is_nuts_syntax(last) && !nuts_country(last).empty() &&
                                     !resolve_country(last);
    if (!is_code) return false;
    code = std::string(last);
    country = collapse_whitespace(strip_code_announcement(text.substr(begin, word - begin)));
    return true;
}

// Calls `emit` with each entry of `text`, in order: the parser behind split_regions. Every loop moves
// forward, and every look-ahead (a tag, a label, a parenthesis) stops at a bound or at a character that the
// main loop reaches next, so the parse is linear in the text.
template <class Emit>
void for_each_region(std::string_view text, Emit&& emit) {
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        i = skip_separators(text, i);
        if (i >= n) break;
        const std::size_t start = i;
        std::size_t name_end = n;
        std::size_t end = n;
        RegionEntry entry;
        while (true) {
            if (i >= n) {
                name_end = end = trim_end(text, start, n);
                break;
            }
            const char c = text[i];
            if (c == '(') {
                std::size_t close = i + 1;
                while (close < n && text[close] != ')' && text[close] != '\n' && text[close] != ';' &&
                       text[close] != '<')
                    ++close;
                const bool closed = close < n && text[close] == ')';
                const std::size_t after = closed ? close + 1 : close;
                if (closed && skip_inline_space(text, after) < n &&
                    text[skip_inline_space(text, after)] == '(') {
                    i = after;  // "(Sud) (FRA)": the first parenthesis belongs to the name
                    continue;
                }
                name_end = i;
                end = trim_end(text, start, after);
                i = after;
                if (code_in_parenthesis(text, name_end + 1, close, entry.country, entry.nuts_code)) break;
                entry.country = collapse_whitespace(text.substr(name_end + 1, close - name_end - 1));
                std::size_t code_begin = 0;
                std::size_t code_end = 0;
                if (code_after(text, after, true, code_begin, code_end)) {
                    entry.nuts_code = std::string(text.substr(code_begin, code_end - code_begin));
                    end = i = code_end;
                }
                break;
            }
            if (c == '&') {  // an entity (&nbsp; &uuml;) is part of the name, its ';' does not split
                std::size_t semicolon = i + 1;
                while (semicolon < n && semicolon - i <= 8 &&
                       (is_letter(text[semicolon]) || is_digit(text[semicolon]) || text[semicolon] == '#'))
                    ++semicolon;
                i = semicolon < n && text[semicolon] == ';' && semicolon > i + 1 ? semicolon + 1 : i + 1;
                continue;
            }
            if (c == ';') {
                name_end = end = trim_end(text, start, i);
                break;
            }
            bool block = false;
            const std::size_t tag = c == '<' ? tag_at(text, i, block) : i;
            if (c == '\n' || block) {
                const std::size_t next = skip_inline_space(text, c == '\n' ? i + 1 : tag);
                if (c == '\n' && next < n && text[next] == '(') {  // "Aragon \n(ESP)": the name goes on
                    i = next;
                    continue;
                }
                name_end = end = trim_end(text, start, i);
                break;
            }
            if (tag != i) {  // an inline tag (<b>, <span>) inside the name
                i = tag;
                continue;
            }
            if (c == ',') {
                name_end = end = trim_end(text, start, i);
                std::size_t code_begin = 0;
                std::size_t code_end = 0;
                if (code_after(text, i, false, code_begin, code_end)) {
                    entry.nuts_code = std::string(text.substr(code_begin, code_end - code_begin));
                    end = i = code_end;
                }
                break;
            }
            ++i;
        }
        std::string_view name = text.substr(start, name_end - start);
        // "Lapland FI1D7", "Catalonia – NUTS2: ES51" or a code alone: a last word written as a code is the
        // code.
        if (entry.country.empty() && entry.nuts_code.empty()) {
            const std::size_t cut = name.find_last_of(" \t\n>");
            const std::size_t word = cut == std::string_view::npos ? 0 : cut + 1;
            std::size_t code_begin = 0;
            std::size_t code_end = 0;
            if (code_at(name, word, code_begin, code_end) && code_end == name.size()) {
                entry.nuts_code = std::string(name.substr(code_begin, code_end - code_begin));
                name = strip_code_announcement(name.substr(0, word));
            }
        }
        const bool markup =
            name.find('<') != std::string_view::npos || name.find('&') != std::string_view::npos;
        entry.name = collapse_whitespace(markup ? html_to_text(name) : name);
        entry.offset = start;
        entry.length = end - start;
        if (has_content(entry.name) || !entry.country.empty() || !entry.nuts_code.empty())
            emit(std::move(entry));
        if (i == start) ++i;
    }
}

// At most one entry per separator (line break, ';', ',', ')', a tag), plus one: room to reserve.
std::size_t entry_bound(std::string_view text) {
    if (text.empty()) return 0;
    std::size_t separators = 0;
    for (char c : text) separators += (c == '\n' || c == ';' || c == ',' || c == ')' || c == '<') ? 1 : 0;
    return separators + 1;
}

}  // namespace

std::vector<RegionEntry> split_regions(std::string_view text) {
    std::vector<RegionEntry> entries;
    entries.reserve(entry_bound(text));
    for_each_region(text, [&](RegionEntry&& entry) { entries.push_back(std::move(entry)); });
    return entries;
}

std::vector<LocatedRegion> region_list_entries(const Survey& survey, const Contribution& contribution,
                                               bool nuts_only) {
    std::vector<Question> questions = survey.questions_with_role("region-list");
    if (nuts_only)
        questions.erase(
            std::remove_if(questions.begin(), questions.end(),
                           [](const Question& q) { return q.role_format("region-list") != "nuts"; }),
            questions.end());
    std::size_t bound = 0;
    for (const Question& question : questions)
        for (const Value& value : contribution.values_of(question)) bound += entry_bound(value.text());
    std::vector<LocatedRegion> found;
    found.reserve(bound);
    for (const Question& question : questions)
        for (const Value& value : contribution.values_of(question))
            for_each_region(value.text(), [&](RegionEntry&& entry) {
                found.push_back(LocatedRegion{question, value, std::move(entry)});
            });
    return found;
}

}  // namespace surveycheck::rulekit
