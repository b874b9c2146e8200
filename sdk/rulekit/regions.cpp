#include "surveycheck/rulekit/regions.hpp"

#include <algorithm>

#include "surveycheck/rulekit/countries.hpp"
#include "surveycheck/rulekit/text.hpp"

namespace surveycheck::rulekit {
namespace {

bool is_inline_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool is_space(char c) { return is_inline_space(c) || c == '\n'; }
bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::size_t skip_inline_space(std::string_view text, std::size_t i) {
    while (i < text.size() && is_inline_space(text[i])) ++i;
    return i;
}

// End of the word starting at `i`: it stops at white space, ',', ';' and parentheses.
std::size_t word_end(std::string_view text, std::size_t i) {
    while (i < text.size() && !is_space(text[i]) && text[i] != ',' && text[i] != ';' && text[i] != '(' &&
           text[i] != ')')
        ++i;
    return i;
}

// True when nothing but inline space separates `i` from the end of the entry (end, line break, ',' or ';').
bool entry_ends_at(std::string_view text, std::size_t i) {
    i = skip_inline_space(text, i);
    return i >= text.size() || text[i] == '\n' || text[i] == ',' || text[i] == ';';
}

// True when `word` is written as a NUTS code rather than a name: two letters, then letters, digits, '-' or
// '.', with a digit (so a mistyped code still counts) or, when it ends the entry, upper case after a NUTS
// country code (FI, DEG).
bool looks_like_code(std::string_view word, bool ends_entry) {
    if (word.size() < 2 || word.size() > 8 || !is_letter(word[0]) || !is_letter(word[1])) return false;
    bool digit = false;
    bool lower = false;
    for (char c : word) {
        if (is_digit(c)) {
            digit = true;
        } else if (c >= 'a' && c <= 'z') {
            lower = true;
        } else if (!(c >= 'A' && c <= 'Z') && c != '-' && c != '.') {
            return false;
        }
    }
    if (digit) return true;
    return !lower && ends_entry && word.size() <= 5 && !nuts_country(word).empty();
}

// A code written after the parenthesis or comma that starts at `i` (`, FI1D7`, ` - FI1D7`), as [begin, end).
bool code_after(std::string_view text, std::size_t i, bool allow_no_separator, std::size_t& begin,
                std::size_t& end) {
    i = skip_inline_space(text, i);
    if (i < text.size() && (text[i] == ',' || text[i] == '-' || text[i] == ':')) {
        i = skip_inline_space(text, i + 1);
    } else if (!allow_no_separator) {
        return false;
    }
    const std::size_t stop = word_end(text, i);
    if (stop == i || !looks_like_code(text.substr(i, stop - i), entry_ends_at(text, stop))) return false;
    begin = i;
    end = stop;
    return true;
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

// Bullets a list may start its lines with ("-", "*", "•").
std::size_t skip_bullet(std::string_view text, std::size_t i) {
    if (i < text.size() && (text[i] == '-' || text[i] == '*') && i + 1 < text.size() && is_space(text[i + 1]))
        return skip_inline_space(text, i + 1);
    if (text.substr(i, 3) == "\xE2\x80\xA2") return skip_inline_space(text, i + 3);
    return i;
}

// Calls `emit` with each entry of `text`, in order: the parser behind split_regions.
template <class Emit>
void for_each_region(std::string_view text, Emit&& emit) {
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        while (i < n && (is_space(text[i]) || text[i] == ',' || text[i] == ';')) ++i;
        i = skip_bullet(text, i);
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
                while (close < n && text[close] != ')' && text[close] != '\n' && text[close] != ';') ++close;
                const bool closed = close < n && text[close] == ')';
                const std::size_t after = closed ? close + 1 : close;
                if (closed && skip_inline_space(text, after) < n &&
                    text[skip_inline_space(text, after)] == '(') {
                    i = after;  // "(Sud) (FRA)": the first parenthesis belongs to the name
                    continue;
                }
                name_end = i;
                entry.country = collapse_whitespace(text.substr(i + 1, close - i - 1));
                end = trim_end(text, start, after);
                i = after;
                std::size_t code_begin = 0;
                std::size_t code_end = 0;
                if (code_after(text, after, true, code_begin, code_end)) {
                    entry.nuts_code = std::string(text.substr(code_begin, code_end - code_begin));
                    end = i = code_end;
                }
                break;
            }
            if (c == ';') {
                name_end = end = trim_end(text, start, i);
                break;
            }
            if (c == '\n') {
                const std::size_t next = skip_inline_space(text, i + 1);
                if (next < n && text[next] == '(') {  // "Aragon \n(ESP)": the name goes on
                    i = next;
                    continue;
                }
                name_end = end = trim_end(text, start, i);
                break;
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
        // "Lapland FI1D7" or a code alone: a last word written as a code is the code.
        if (entry.country.empty() && entry.nuts_code.empty()) {
            const std::size_t cut = name.find_last_of(" \t\n");
            const std::string_view last = cut == std::string_view::npos ? name : name.substr(cut + 1);
            if (looks_like_code(last, true)) {
                entry.nuts_code = std::string(last);
                name = cut == std::string_view::npos ? std::string_view()
                                                     : name.substr(0, trim_end(name, 0, cut));
            }
        }
        entry.name = collapse_whitespace(name);
        entry.offset = start;
        entry.length = end - start;
        if (has_content(entry.name) || !entry.country.empty() || !entry.nuts_code.empty())
            emit(std::move(entry));
        if (i == start) ++i;
    }
}

// At most one entry per separator (line break, ';', ',', ')'), plus one: room to reserve.
std::size_t entry_bound(std::string_view text) {
    if (text.empty()) return 0;
    std::size_t separators = 0;
    for (char c : text) separators += (c == '\n' || c == ';' || c == ',' || c == ')') ? 1 : 0;
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
