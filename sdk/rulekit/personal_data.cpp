#include "surveycheck/rulekit/personal_data.hpp"

#include <array>
#include <string>

namespace surveycheck::rulekit {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }

bool is_local_char(char c) { return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }

bool is_domain_char(char c) { return is_alnum(c) || c == '-' || c == '.'; }

// True when `domain` is dot-separated labels of letters, digits and inner hyphens, ending in a 2+ letter TLD.
bool is_valid_domain(std::string_view domain) {
    std::size_t labels = 0;
    std::string_view last;
    while (true) {
        const std::size_t dot = domain.find('.');
        const std::string_view label = domain.substr(0, dot);
        if (label.empty() || label.front() == '-' || label.back() == '-') return false;
        ++labels;
        last = label;
        if (dot == std::string_view::npos) break;
        domain.remove_prefix(dot + 1);
    }
    if (labels < 2 || last.size() < 2) return false;
    for (char c : last)
        if (!is_alpha(c)) return false;
    return true;
}

// Width of the white space at `i` that may separate digit groups: a space or U+00A0, else 0.
std::size_t group_space_width(std::string_view text, std::size_t i) {
    if (text[i] == ' ') return 1;
    if (text.compare(i, 2, "\xC2\xA0") == 0) return 2;
    return 0;
}

bool is_group_separator(char c) { return c == '-' || c == '.' || c == '/'; }

// True when a phone number may start at `i`: not inside a word, an e-mail address or another number.
bool starts_a_number(std::string_view text, std::size_t i) {
    if (i == 0) return true;
    const char before = text[i - 1];
    if (is_alnum(before) || before == '@' || before == '_' || before == '+') return false;
    if (static_cast<unsigned char>(before) >= 0x80) return i >= 2 && text.compare(i - 2, 2, "\xC2\xA0") == 0;
    if (is_group_separator(before)) return i < 2 || !is_digit(text[i - 2]);
    return true;
}

// The end of the run of digits, group separators, parentheses and single spaces that starts at `begin`,
// trimmed to its last digit.
std::size_t number_run_end(std::string_view text, std::size_t begin) {
    std::size_t i = begin;
    if (text[i] == '(') ++i;
    if (i < text.size() && text[i] == '+') ++i;
    std::size_t last_digit_end = begin;
    bool after_space = false;
    bool after_separator = false;
    while (i < text.size()) {
        const char c = text[i];
        if (is_digit(c)) {
            last_digit_end = ++i;
            after_space = after_separator = false;
        } else if (c == '(' || c == ')') {
            ++i;
        } else if (const std::size_t width = group_space_width(text, i); width > 0) {
            if (after_space) break;
            after_space = true;
            after_separator = false;
            i += width;
        } else if (is_group_separator(c)) {
            if (after_separator) break;
            after_separator = true;
            after_space = false;
            ++i;
        } else {
            break;
        }
    }
    return last_digit_end;
}

// The digit groups of `text` (maximal runs of digits).
std::vector<std::string_view> digit_groups(std::string_view text) {
    std::vector<std::string_view> groups;
    std::size_t i = 0;
    while (i < text.size()) {
        if (!is_digit(text[i])) {
            ++i;
            continue;
        }
        const std::size_t begin = i;
        while (i < text.size() && is_digit(text[i])) ++i;
        groups.push_back(text.substr(begin, i - begin));
    }
    return groups;
}

bool is_year(std::string_view group) {
    return group.size() == 4 && (group.compare(0, 2, "19") == 0 || group.compare(0, 2, "20") == 0);
}

// True when a space-free token reads as a date or a period: 24/10/19, 05.11.2020, 2020-10-24, 11/2020,
// 2020-2021, 05-06/11/2020.
bool is_date_token(std::string_view token) {
    std::string separators;
    for (char c : token) {
        if (is_group_separator(c))
            separators += c;
        else if (!is_digit(c) && c != '(' && c != ')')
            return false;
    }
    const std::vector<std::string_view> groups = digit_groups(token);
    if (groups.size() < 2 || groups.size() > 5 || separators.size() != groups.size() - 1) return false;
    bool has_year = false;
    bool others_short = true;
    for (std::string_view group : groups) {
        if (is_year(group))
            has_year = true;
        else if (group.size() > 2)
            others_short = false;
    }
    if (has_year && others_short) return true;
    return groups.size() == 3 && others_short && !has_year && separators[0] == separators[1];
}

// True when some space-separated token of `candidate` is a date.
bool holds_a_date(std::string_view candidate) {
    std::size_t i = 0;
    while (i < candidate.size()) {
        std::size_t end = i;
        while (end < candidate.size() && group_space_width(candidate, end) == 0) ++end;
        if (end > i && is_date_token(candidate.substr(i, end - i))) return true;
        i = end < candidate.size() ? end + group_space_width(candidate, end) : end;
    }
    return false;
}

// True when `candidate` (a run starting with +, ( or a digit and ending with a digit) is a phone number.
bool is_phone_number(std::string_view candidate) {
    // Its digits, read without copying them: how many, the first three, and the groups of one digit.
    std::size_t digits = 0;
    std::size_t single_digit_groups = 0;
    std::size_t group = 0;
    std::array<char, 3> lead_digits{};
    for (char c : candidate) {
        if (is_digit(c)) {
            if (digits < lead_digits.size()) lead_digits[digits] = c;
            ++digits;
            ++group;
            continue;
        }
        if (group == 1) ++single_digit_groups;
        group = 0;
    }
    if (group == 1) ++single_digit_groups;
    if (single_digit_groups > 2) return false;
    const std::size_t lead = candidate.find_first_not_of('(');
    bool plausible = false;
    if (candidate[lead] == '+')
        plausible = digits >= 8 && digits <= 15 && lead_digits[0] != '0';
    else if (digits >= 2 && lead_digits[0] == '0' && lead_digits[1] == '0')
        plausible = digits >= 10 && digits <= 15 && lead_digits[2] != '0';
    else
        plausible = lead_digits[0] == '0' && digits >= 9 && digits <= 12;
    // The date test last: most candidates (years, amounts) are too short to be a number at all.
    return plausible && !holds_a_date(candidate);
}

}  // namespace

std::vector<TextSpan> find_emails(std::string_view text) {
    std::vector<TextSpan> found;
    std::size_t resume = 0;
    for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
        if (at < resume) continue;
        std::size_t begin = at;
        while (begin > resume && is_local_char(text[begin - 1])) --begin;
        while (begin < at && text[begin] == '.') ++begin;
        if (begin == at || text[at - 1] == '.') continue;
        std::size_t end = at + 1;
        while (end < text.size() && is_domain_char(text[end])) ++end;
        while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
        if (!is_valid_domain(text.substr(at + 1, end - at - 1))) continue;
        found.push_back({begin, end - begin});
        resume = end;
    }
    return found;
}

bool contains_email(std::string_view text) { return !find_emails(text).empty(); }

std::vector<TextSpan> find_phone_numbers(std::string_view text) {
    // A number starts at a digit, '+' or '(': every other byte is passed over by one table look-up.
    static const auto may_start = [] {
        std::array<bool, 256> table{};
        for (char c = '0'; c <= '9'; ++c) table[static_cast<unsigned char>(c)] = true;
        table['+'] = table['('] = true;
        return table;
    }();
    std::vector<TextSpan> found;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !may_start[static_cast<unsigned char>(text[i])]) ++i;
        if (i == text.size()) break;
        const char c = text[i];
        const bool opens = (c == '+' || c == '(') && i + 1 < text.size() &&
                           (is_digit(text[i + 1]) || (c == '(' && text[i + 1] == '+'));
        if (!(is_digit(c) || opens) || !starts_a_number(text, i)) {
            ++i;
            continue;
        }
        const std::size_t end = number_run_end(text, i);
        if (end <= i) {
            ++i;
            continue;
        }
        const bool glued = end < text.size() && (is_alnum(text[end]) || text[end] == '@' || text[end] == '_');
        if (!glued && is_phone_number(text.substr(i, end - i))) found.push_back({i, end - i});
        i = end;
    }
    return found;
}

}  // namespace surveycheck::rulekit
