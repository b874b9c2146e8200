// Rule kit: dates as respondents write them ("24/10/19", "October 2019", "Mid-2020", "Q3 2020", "10-11 March
// 2020", French month names), read as the span of days they can mean.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace surveycheck::rulekit {

// A day of the Gregorian calendar.
struct Day {
    int year = 0;
    int month = 0;  // 1-12
    int day = 0;    // 1-31
};

bool operator==(const Day& a, const Day& b);
bool operator<(const Day& a, const Day& b);
inline bool operator>(const Day& a, const Day& b) { return b < a; }
inline bool operator<=(const Day& a, const Day& b) { return !(b < a); }
inline bool operator>=(const Day& a, const Day& b) { return !(a < b); }

// "2020-07-09".
std::string to_string(const Day& day);

// How precisely a date text names its days.
enum class DatePrecision {
    day,     // one day, or a range of days ("10-11 March 2020")
    month,   // a month or a range of months ("October 2019", "January - June 2020")
    approx,  // a part of a year ("Mid-2020", "Q3 2020", "early 2020", "spring 2020")
    year     // a whole year or years ("2020")
};

// The days a date text can mean: from `first` to `last`, both included; `middle` is the day it most likely
// means (the middle of the span).
struct DateSpan {
    Day first;
    Day last;
    Day middle;
    DatePrecision precision = DatePrecision::day;
};

// The span a date text names, or nothing when the text is not one of the accepted forms
// (accepted_date_forms()). Day-first only: "03/04/2020" is 3 April; "10/24/19" is not read. Two-digit years
// are 20yy.
std::optional<DateSpan> parse_date(std::string_view text);

// The accepted forms, as examples for a message: "24/10/2019, 24.10.19, 2019-10-24, ...".
std::string_view accepted_date_forms();

// The day of an EUSurvey export timestamp ("2020-07-09_16-24-51", AnswerSet/@create), or of "2020-07-09".
std::optional<Day> parse_export_timestamp(std::string_view text);

}  // namespace surveycheck::rulekit
