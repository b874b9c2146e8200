#include "surveycheck/rulekit/dates.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <regex>
#include <tuple>

#include "surveycheck/rulekit/countries.hpp"
#include "surveycheck/rulekit/text.hpp"

namespace surveycheck::rulekit {
namespace {

// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
long to_days(const Day& d) {
    const int y = d.year - (d.month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<long>(era) * 146097 + doe - 719468;
}

Day from_days(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return Day{static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0)), month, day};
}

int days_in_month(int year, int month) {
    static constexpr std::array<int, 12> days{{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[static_cast<std::size_t>(month - 1)];
}

// A year as written: four digits from 1990 to 2100, or two digits for 20yy; 0 otherwise.
int year_of(const std::string& digits) {
    const int value = std::stoi(digits);
    if (digits.size() == 2) return 2000 + value;
    return digits.size() == 4 && value >= 1990 && value <= 2100 ? value : 0;
}

std::optional<Day> make_day(int year, int month, int day) {
    if (year == 0 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
        return std::nullopt;
    return Day{year, month, day};
}

// The month an English or French name or abbreviation (folded, without the dot) names; 0 when none.
int month_number(const std::string& word) {
    struct Name {
        const char* text;
        int month;
    };
    static constexpr std::array<Name, 41> names{{
        {"january", 1}, {"jan", 1},       {"janvier", 1},   {"janv", 1},  {"february", 2},  {"feb", 2},
        {"fevrier", 2}, {"fevr", 2},      {"fev", 2},       {"march", 3}, {"mar", 3},       {"mars", 3},
        {"april", 4},   {"apr", 4},       {"avril", 4},     {"avr", 4},   {"may", 5},       {"mai", 5},
        {"june", 6},    {"jun", 6},       {"juin", 6},      {"july", 7},  {"jul", 7},       {"juillet", 7},
        {"juil", 7},    {"august", 8},    {"aug", 8},       {"aout", 8},  {"september", 9}, {"sep", 9},
        {"sept", 9},    {"septembre", 9}, {"october", 10},  {"oct", 10},  {"octobre", 10},  {"november", 11},
        {"nov", 11},    {"novembre", 11}, {"december", 12}, {"dec", 12},  {"decembre", 12},
    }};
    for (const Name& name : names)
        if (word == name.text) return name.month;
    return 0;
}

// The months a part of a year spans ("mid" → May to August), {0, 0} when the word names none.
std::pair<int, int> part_of_year(const std::string& word) {
    struct Part {
        const char* text;
        int first;
        int last;
    };
    static constexpr std::array<Part, 16> parts{{
        {"early", 1, 4},
        {"beginning", 1, 4},
        {"start", 1, 4},
        {"debut", 1, 4},
        {"mid", 5, 8},
        {"middle", 5, 8},
        {"mi", 5, 8},
        {"milieu", 5, 8},
        {"late", 9, 12},
        {"end", 9, 12},
        {"fin", 9, 12},
        {"spring", 3, 5},
        {"printemps", 3, 5},
        {"summer", 6, 8},
        {"ete", 6, 8},
        {"autumn", 9, 11},
    }};
    if (word == "fall" || word == "automne") return {9, 11};
    for (const Part& part : parts)
        if (word == part.text) return {part.first, part.last};
    return {0, 0};
}

bool is_weekday(const std::string& word) {
    static constexpr std::array<const char*, 21> days{
        {"monday", "tuesday", "wednesday", "thursday", "friday",   "saturday", "sunday",
         "mon",    "tue",     "wed",       "thu",      "fri",      "sat",      "sun",
         "lundi",  "mardi",   "mercredi",  "jeudi",    "vendredi", "samedi",   "dimanche"}};
    for (const char* day : days)
        if (word == day) return true;
    return false;
}

// The text lower-cased with Latin diacritics removed, dashes as '-', apostrophes as '\'', white space
// collapsed, and a trailing '.', ',' or ';' dropped.
std::string normalise(std::string_view text) {
    const std::string plain = collapse_whitespace(html_to_text(text));
    std::string out;
    for (std::size_t i = 0; i < plain.size();) {
        const auto c = static_cast<unsigned char>(plain[i]);
        // U+2010 to U+2015 (hyphens and dashes), U+2019 (right single quote).
        if (c == 0xE2 && i + 2 < plain.size() && static_cast<unsigned char>(plain[i + 1]) == 0x80) {
            const auto third = static_cast<unsigned char>(plain[i + 2]);
            if (third >= 0x90 && third <= 0x95) {
                out += '-';
                i += 3;
                continue;
            }
            if (third == 0x99) {
                out += '\'';
                i += 3;
                continue;
            }
        }
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
        if (!letter) {
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < plain.size()) {
            const auto b = static_cast<unsigned char>(plain[end]);
            if (!((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b >= 0x80)) break;
            if (b == 0xE2) break;  // a dash or quote, handled above
            ++end;
        }
        if (end == i) {  // a lone 0xE2 that is not a dash
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        out += fold_for_matching(plain.substr(i, end - i));
        i = end;
    }
    while (!out.empty() && (out.back() == '.' || out.back() == ',' || out.back() == ';')) out.pop_back();
    return out;
}

DateSpan span(const Day& first, const Day& last, DatePrecision precision) {
    return DateSpan{first, last, from_days((to_days(first) + to_days(last)) / 2), precision};
}

std::optional<DateSpan> months(int year, int first_month, int last_month, DatePrecision precision) {
    if (year == 0 || first_month < 1 || last_month > 12 || last_month < first_month) return std::nullopt;
    return span(Day{year, first_month, 1}, Day{year, last_month, days_in_month(year, last_month)}, precision);
}

std::optional<DateSpan> days(std::optional<Day> first, std::optional<Day> last) {
    if (!first || !last || *last < *first) return std::nullopt;
    return span(*first, *last, DatePrecision::day);
}

// One date, or a range with one shared year, in the normalised text `s`.
std::optional<DateSpan> parse_normalised(const std::string& s) {
    using std::regex;
    // '#' in a pattern: an optional ordinal suffix (1st, 2nd, 24th, 1er).
    const auto pattern = [](std::string text) {
        for (std::size_t at = text.find('#'); at != std::string::npos; at = text.find('#', at))
            text.replace(at, 1, "(?:st|nd|rd|th|er)?");
        return regex(text, regex::ECMAScript | regex::optimize);
    };
    static const regex numeric = pattern(R"((\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2}))");
    static const regex iso = pattern(R"((\d{4})([-/.])(\d{1,2})\2(\d{1,2}))");
    static const regex day_range =
        pattern(R"((\d{1,2})# ?(?:-|to|and|&|au|et) ?(\d{1,2})# ([a-z]+)\.?,? (\d{4}))");
    static const regex cross_month =
        pattern(R"((\d{1,2})# ([a-z]+)\.? ?(?:-|to|au) ?(\d{1,2})# ([a-z]+)\.?,? (\d{4}))");
    static const regex day_month = pattern(R"((\d{1,2})# ([a-z]+)\.?,? (\d{4}))");
    static const regex month_day =
        pattern(R"(([a-z]+)\.? (\d{1,2})#(?: ?(?:-|to|and|&) ?(\d{1,2})#)?,? (\d{4}))");
    static const regex month_range =
        pattern(R"(([a-z]+)\.? ?(?:-|to|au|a|/|and|&|et) ?([a-z]+)\.?,? (\d{4}))");
    static const regex month_year = pattern(R"(([a-z]+)\.?,? (\d{4}))");
    static const regex part = pattern(R"(([a-z]+)(?: of(?: the)?| de| d'| en)?(?: ?- ?| )(\d{4}))");
    static const regex quarter = pattern(R"(([qths])([1-4]) ?-? ?(\d{4}))");
    static const regex quarter_after = pattern(R"((\d{4}) ?-? ?([qh])([1-4]))");
    static const regex quarter_words = pattern(
        R"((first|second|third|fourth|1st|2nd|3rd|4th|1er|premier|2e|2eme|deuxieme|3e|3eme|troisieme|4e|4eme|)"
        R"(quatrieme) (quarter|half|trimestre|semestre)(?: of| de)? (\d{4}))");
    static const regex year = pattern(R"((\d{4}))");
    static const regex years = pattern(R"((\d{4}) ?(?:-|to|/) ?(\d{4}))");

    // Every form has a digit; the numeric ones (24/10/2019, 2019-10-24, 2020, 2019-2020) have no letter, the
    // others have one: a form that cannot match is not tried (each try costs thousands of instructions).
    const bool has_digit = std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!has_digit) return std::nullopt;
    const bool has_letter = std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    std::smatch m;
    const auto num = [&](std::size_t i) { return std::stoi(m[i].str()); };
    // The first form that matches and names real days wins ("1er semestre 2020" matches day_month first).
    std::optional<DateSpan> found;
    const auto next = [&](const regex& form) {
        const bool numeric_form = &form == &numeric || &form == &iso || &form == &year || &form == &years;
        return !found && numeric_form != has_letter && std::regex_match(s, m, form);
    };
    const auto one_day = [&](int y, int month, int day) {
        return days(make_day(y, month, day), make_day(y, month, day));
    };
    if (next(numeric)) found = one_day(year_of(m[4]), num(3), num(1));
    if (next(iso) && year_of(m[1]) != 0) found = one_day(year_of(m[1]), num(3), num(4));
    if (next(day_range)) {
        const int month = month_number(m[3]);
        found = days(make_day(year_of(m[4]), month, num(1)), make_day(year_of(m[4]), month, num(2)));
    }
    if (next(cross_month))
        found = days(make_day(year_of(m[5]), month_number(m[2]), num(1)),
                     make_day(year_of(m[5]), month_number(m[4]), num(3)));
    if (next(day_month)) found = one_day(year_of(m[3]), month_number(m[2]), num(1));
    if (next(month_day)) {
        const int month = month_number(m[1]);
        const int last = m[3].matched ? num(3) : num(2);
        found = days(make_day(year_of(m[4]), month, num(2)), make_day(year_of(m[4]), month, last));
    }
    if (next(month_range) && month_number(m[1]) != 0 && month_number(m[2]) != 0)
        found = months(year_of(m[3]), month_number(m[1]), month_number(m[2]), DatePrecision::month);
    if (next(month_year) && month_number(m[1]) != 0)
        found = months(year_of(m[2]), month_number(m[1]), month_number(m[1]), DatePrecision::month);
    if (next(part)) {
        const auto [first, last] = part_of_year(m[1]);
        if (first != 0) found = months(year_of(m[2]), first, last, DatePrecision::approx);
    }
    const auto quarter_span = [&](char kind, int n, int y) -> std::optional<DateSpan> {
        if (kind == 'q' || kind == 't') return months(y, 3 * n - 2, 3 * n, DatePrecision::approx);
        if (n > 2) return std::nullopt;
        return months(y, 6 * n - 5, 6 * n, DatePrecision::approx);  // h, s: a half year (semestre)
    };
    if (next(quarter)) found = quarter_span(m[1].str()[0], num(2), year_of(m[3]));
    if (next(quarter_after)) found = quarter_span(m[2].str()[0], num(3), year_of(m[1]));
    if (next(quarter_words)) {
        const char digit = m[1].str()[0];
        const int n = digit >= '1' && digit <= '4'             ? digit - '0'
                      : m[1] == "first" || m[1] == "premier"   ? 1
                      : m[1] == "second" || m[1] == "deuxieme" ? 2
                      : m[1] == "third" || m[1] == "troisieme" ? 3
                                                               : 4;
        const bool half = m[2] == "half" || m[2] == "semestre";
        found = quarter_span(half ? 'h' : 'q', n, year_of(m[3]));
    }
    if (next(year) && year_of(m[1]) != 0) found = months(year_of(m[1]), 1, 12, DatePrecision::year);
    if (next(years) && year_of(m[1]) != 0 && year_of(m[2]) > year_of(m[1]))
        found = span(Day{year_of(m[1]), 1, 1}, Day{year_of(m[2]), 12, 31}, DatePrecision::year);
    return found;
}

// `s` without a leading weekday ("thursday 24 october 2019", "jeudi, 24 octobre") or French "le".
std::string without_weekday(const std::string& s) {
    const std::size_t space = s.find(' ');
    if (space == std::string::npos) return s;
    std::string word = s.substr(0, space);
    if (!word.empty() && word.back() == ',') word.pop_back();
    if (!is_weekday(word) && word != "le") return s;
    return without_weekday(s.substr(space + 1));
}

}  // namespace

bool operator==(const Day& a, const Day& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
}

bool operator<(const Day& a, const Day& b) {
    return std::tie(a.year, a.month, a.day) < std::tie(b.year, b.month, b.day);
}

std::string to_string(const Day& day) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", day.year, day.month, day.day);
    return text;
}

std::optional<DateSpan> parse_date(std::string_view text) {
    if (text.size() > 120) return std::nullopt;  // a sentence, not a date
    const std::string s = without_weekday(normalise(text));
    if (s.empty()) return std::nullopt;
    if (auto one = parse_normalised(s)) return one;
    // Two complete dates joined by a dash or a word: "24/10/19 - 25/10/19", "2 March 2020 to 4 April 2020".
    for (const char* separator : {" - ", " to ", " au ", " until ", " jusqu'au ", "-"}) {
        const std::string sep = separator;
        for (std::size_t at = s.find(sep); at != std::string::npos; at = s.find(sep, at + 1)) {
            const auto first = parse_normalised(s.substr(0, at));
            const auto last = parse_normalised(s.substr(at + sep.size()));
            if (!first || !last || last->last < first->first) continue;
            const DatePrecision precision =
                first->precision > last->precision ? first->precision : last->precision;
            return span(first->first, last->last, precision);
        }
    }
    return std::nullopt;
}

std::string_view accepted_date_forms() {
    return "24/10/2019, 24/10/19, 24.10.2019, 2019-10-24, 24 October 2019, 10-11 March 2020, October 2019, "
           "Oct 2019, January - June 2020, Q3 2020, H1 2020, early/mid/late 2020, Mid-2020, spring 2020, "
           "2020, "
           "and French month names (24 octobre 2019, mars 2020, début/mi-/fin 2020)";
}

std::optional<Day> parse_export_timestamp(std::string_view text) {
    // YYYY-MM-DD, alone or followed by '_', ' ' or 'T' and anything (EUSurvey writes 2020-07-09_10-21-32).
    const auto digits = [&](std::size_t from, std::size_t count) {
        int value = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            if (text[i] < '0' || text[i] > '9') return -1;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    if (text.size() > 10 && text[10] != '_' && text[10] != ' ' && text[10] != 'T') return std::nullopt;
    if (text.find_first_of("\r\n", 10) != std::string_view::npos)
        return std::nullopt;  // '.' stops at a line end
    const int month = digits(5, 2);
    const int day = digits(8, 2);
    if (digits(0, 4) < 0 || month < 0 || day < 0) return std::nullopt;
    return make_day(year_of(std::string(text.substr(0, 4))), month, day);
}

}  // namespace surveycheck::rulekit
