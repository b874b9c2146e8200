#include "surveycheck/rulekit/dates.hpp"

#include <gtest/gtest.h>

#include <string>

namespace surveycheck::rulekit {
namespace {

// "first..last" of the span `text` names, or "unread".
std::string read(const std::string& text) {
    const auto span = parse_date(text);
    return span ? to_string(span->first) + ".." + to_string(span->last) : "unread";
}

DatePrecision precision(const std::string& text) { return parse_date(text)->precision; }

TEST(ParseDate, NumericDayFirst) {
    EXPECT_EQ(read("24/10/19"), "2019-10-24..2019-10-24");
    EXPECT_EQ(read("24/10/2019"), "2019-10-24..2019-10-24");
    EXPECT_EQ(read("24.10.2019"), "2019-10-24..2019-10-24");
    EXPECT_EQ(read("24.10.19"), "2019-10-24..2019-10-24");
    EXPECT_EQ(read("24-10-2019"), "2019-10-24..2019-10-24");
    EXPECT_EQ(read("3/4/2020"), "2020-04-03..2020-04-03");
    EXPECT_EQ(precision("24/10/19"), DatePrecision::day);
}

TEST(ParseDate, Iso) {
    EXPECT_EQ(read("2019-10-24"), "2019-10-24..2019-10-24");
    EXPECT_EQ(read("2019/10/24"), "2019-10-24..2019-10-24");
}

TEST(ParseDate, ImpossibleOrMonthFirstDatesAreNotRead) {
    for (const char* text :
         {"10/24/19", "31/02/2020", "00/10/2019", "24/13/2019", "24/10/1850", "29/02/2019"})
        EXPECT_EQ(read(text), "unread") << text;
    EXPECT_EQ(read("29/02/2020"), "2020-02-29..2020-02-29");
}

TEST(ParseDate, DayMonthNameYear) {
    EXPECT_EQ(read("24 October 2019"), "2019-10-24..2019-10-24");
    EXPECT_EQ(read("24th Oct. 2019"), "2019-10-24..2019-10-24");
    EXPECT_EQ(read("October 24, 2019"), "2019-10-24..2019-10-24");
    EXPECT_EQ(read("Thursday, 24 October 2019"), "2019-10-24..2019-10-24");
    EXPECT_EQ(read("1er mars 2020"), "2020-03-01..2020-03-01");
    EXPECT_EQ(read("le 24 octobre 2019"), "2019-10-24..2019-10-24");
}

TEST(ParseDate, MonthAndYear) {
    EXPECT_EQ(read("October 2019"), "2019-10-01..2019-10-31");
    EXPECT_EQ(read("Oct 2019"), "2019-10-01..2019-10-31");
    EXPECT_EQ(read("Oct. 2019"), "2019-10-01..2019-10-31");
    EXPECT_EQ(read("March 2020"), "2020-03-01..2020-03-31");
    EXPECT_EQ(read("Sept 2020"), "2020-09-01..2020-09-30");
    EXPECT_EQ(read("February, 2020"), "2020-02-01..2020-02-29");
    EXPECT_EQ(precision("March 2020"), DatePrecision::month);
}

TEST(ParseDate, FrenchMonthNamesWithOrWithoutAccents) {
    EXPECT_EQ(read("mars 2020"), "2020-03-01..2020-03-31");
    EXPECT_EQ(read("f\xC3\xA9vrier 2020"), "2020-02-01..2020-02-29");
    EXPECT_EQ(read("fevrier 2020"), "2020-02-01..2020-02-29");
    EXPECT_EQ(read("ao\xC3\xBBt 2020"), "2020-08-01..2020-08-31");
    EXPECT_EQ(read("D\xC3\xA9"
                   "cembre 2019"),
              "2019-12-01..2019-12-31");
    EXPECT_EQ(read("juillet 2020"), "2020-07-01..2020-07-31");
    EXPECT_EQ(read("janv. 2020"), "2020-01-01..2020-01-31");
}

TEST(ParseDate, PartsOfAYear) {
    EXPECT_EQ(read("Mid-2020"), "2020-05-01..2020-08-31");
    EXPECT_EQ(read("mid 2020"), "2020-05-01..2020-08-31");
    EXPECT_EQ(read("early 2020"), "2020-01-01..2020-04-30");
    EXPECT_EQ(read("Late 2020"), "2020-09-01..2020-12-31");
    EXPECT_EQ(read("end of 2020"), "2020-09-01..2020-12-31");
    EXPECT_EQ(read("beginning of 2021"), "2021-01-01..2021-04-30");
    EXPECT_EQ(read("d\xC3\xA9"
                   "but 2020"),
              "2020-01-01..2020-04-30");
    EXPECT_EQ(read("mi-2020"), "2020-05-01..2020-08-31");
    EXPECT_EQ(read("fin 2020"), "2020-09-01..2020-12-31");
    EXPECT_EQ(read("spring 2020"), "2020-03-01..2020-05-31");
    EXPECT_EQ(read("automne 2020"), "2020-09-01..2020-11-30");
    EXPECT_EQ(precision("Mid-2020"), DatePrecision::approx);
    EXPECT_EQ(to_string(parse_date("Mid-2020")->middle), "2020-07-01");
}

TEST(ParseDate, QuartersAndHalves) {
    EXPECT_EQ(read("Q3 2020"), "2020-07-01..2020-09-30");
    EXPECT_EQ(read("q1-2021"), "2021-01-01..2021-03-31");
    EXPECT_EQ(read("2020 Q4"), "2020-10-01..2020-12-31");
    EXPECT_EQ(read("H1 2020"), "2020-01-01..2020-06-30");
    EXPECT_EQ(read("T2 2020"), "2020-04-01..2020-06-30");
    EXPECT_EQ(read("S2 2020"), "2020-07-01..2020-12-31");
    EXPECT_EQ(read("third quarter of 2020"), "2020-07-01..2020-09-30");
    EXPECT_EQ(read("second half 2020"), "2020-07-01..2020-12-31");
    EXPECT_EQ(read("1er semestre 2020"), "2020-01-01..2020-06-30");
    EXPECT_EQ(read("H3 2020"), "unread");
}

TEST(ParseDate, Years) {
    EXPECT_EQ(read("2020"), "2020-01-01..2020-12-31");
    EXPECT_EQ(read("2019-2020"), "2019-01-01..2020-12-31");
    EXPECT_EQ(precision("2020"), DatePrecision::year);
    EXPECT_EQ(read("1850"), "unread");
}

TEST(ParseDate, Ranges) {
    EXPECT_EQ(read("10-11 March 2020"), "2020-03-10..2020-03-11");
    EXPECT_EQ(read("10\xE2\x80\x93"
                   "11 March 2020"),
              "2020-03-10..2020-03-11");
    EXPECT_EQ(read("10 and 11 March 2020"), "2020-03-10..2020-03-11");
    EXPECT_EQ(read("10 au 12 mars 2020"), "2020-03-10..2020-03-12");
    EXPECT_EQ(read("March 10-11, 2020"), "2020-03-10..2020-03-11");
    EXPECT_EQ(read("30 March - 2 April 2020"), "2020-03-30..2020-04-02");
    EXPECT_EQ(read("January - June 2020"), "2020-01-01..2020-06-30");
    EXPECT_EQ(read("July - December 2019"), "2019-07-01..2019-12-31");
    EXPECT_EQ(read("March/April 2020"), "2020-03-01..2020-04-30");
    EXPECT_EQ(read("24/10/19 - 25/10/19"), "2019-10-24..2019-10-25");
    EXPECT_EQ(read("24/10/2019-25/10/2019"), "2019-10-24..2019-10-25");
    EXPECT_EQ(read("December 2019 to March 2020"), "2019-12-01..2020-03-31");
    EXPECT_EQ(read("11-10 March 2020"), "unread");
}

TEST(ParseDate, HtmlAndWhiteSpaceAreIgnored) {
    EXPECT_EQ(read("  <p>24/10/19</p> "), "2019-10-24..2019-10-24");
    EXPECT_EQ(read("March\xC2\xA0"
                   "2020."),
              "2020-03-01..2020-03-31");
}

TEST(ParseDate, OtherTextIsNotADate) {
    for (const char* text : {"", "TBC", "postponed", "Brussels", "March", "24/10", "10-11 March",
                             "Plenary meeting in March 2020", "winter 2020", "13th", "Q5 2020"})
        EXPECT_EQ(read(text), "unread") << text;
    EXPECT_EQ(read(std::string(200, '1')), "unread");
}

TEST(ParseExportTimestamp, EUSurveyCreateAttribute) {
    EXPECT_EQ(to_string(*parse_export_timestamp("2020-07-09_16-24-51")), "2020-07-09");
    EXPECT_EQ(to_string(*parse_export_timestamp("2020-07-09")), "2020-07-09");
    EXPECT_FALSE(parse_export_timestamp(""));
    EXPECT_FALSE(parse_export_timestamp("09/07/2020"));
    EXPECT_FALSE(parse_export_timestamp("2020-13-09_16-24-51"));
}

TEST(Day, Ordering) {
    EXPECT_LT((Day{2019, 12, 31}), (Day{2020, 1, 1}));
    EXPECT_LT((Day{2020, 1, 31}), (Day{2020, 2, 1}));
    EXPECT_EQ((Day{2020, 1, 1}), (Day{2020, 1, 1}));
    EXPECT_FALSE(parse_date("2020")->first > parse_date("2020")->last);
}

TEST(AcceptedDateForms, NamesTheForms) {
    const std::string forms(accepted_date_forms());
    for (const char* form : {"24/10/2019", "2019-10-24", "October 2019", "Q3 2020", "Mid-2020", "mars 2020"})
        EXPECT_NE(forms.find(form), std::string::npos) << form;
    // Every example the message gives is read.
    for (const char* form : {"24/10/2019",
                             "24/10/19",
                             "24.10.2019",
                             "2019-10-24",
                             "24 October 2019",
                             "10-11 March 2020",
                             "October 2019",
                             "Oct 2019",
                             "January - June 2020",
                             "Q3 2020",
                             "H1 2020",
                             "early 2020",
                             "mid 2020",
                             "late 2020",
                             "Mid-2020",
                             "spring 2020",
                             "2020",
                             "24 octobre 2019",
                             "mars 2020",
                             "d\xC3\xA9"
                             "but 2020",
                             "mi-2020",
                             "fin 2020"})
        EXPECT_NE(read(form), "unread") << form;
}

}  // namespace
}  // namespace surveycheck::rulekit
