// Rule kit: e-mail addresses and phone numbers in free text, and the numbers that are not phone numbers.
#include "surveycheck/rulekit/personal_data.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

using surveycheck::rulekit::contains_email;
using surveycheck::rulekit::find_emails;
using surveycheck::rulekit::find_phone_numbers;
using surveycheck::rulekit::TextSpan;

// The texts `spans` cover in `text`.
std::vector<std::string> matched(std::string_view text, const std::vector<TextSpan>& spans) {
    std::vector<std::string> out;
    for (const TextSpan& span : spans) out.emplace_back(text.substr(span.offset, span.length));
    return out;
}

std::vector<std::string> emails_in(std::string_view text) { return matched(text, find_emails(text)); }

std::vector<std::string> phones_in(std::string_view text) { return matched(text, find_phone_numbers(text)); }

using Found = std::vector<std::string>;

TEST(FindEmails, FindsAddressesWithTheirOffsets) {
    const std::string text = "Write to jane.doe@example.eu or j_doe+s3@sub.example.co.uk.";
    const auto spans = find_emails(text);
    ASSERT_EQ(spans.size(), 2u);
    EXPECT_EQ(spans[0].offset, 9u);
    EXPECT_EQ(matched(text, spans), (Found{"jane.doe@example.eu", "j_doe+s3@sub.example.co.uk"}));
}

TEST(FindEmails, AddressInsideHtmlAndMailtoIsFound) {
    EXPECT_EQ(emails_in("<a href=\"mailto:info@s3.eu\">mail us</a>"), Found{"info@s3.eu"});
}

TEST(FindEmails, AtSignsThatAreNoAddressAreIgnored) {
    EXPECT_TRUE(emails_in("@S3Platform on Twitter").empty());
    EXPECT_TRUE(emails_in("user@localhost").empty());
    EXPECT_TRUE(emails_in("meet @ 10:00 in room@2").empty());
    EXPECT_TRUE(emails_in("x@example.c1").empty());
    EXPECT_TRUE(emails_in("x@-example.eu").empty());
    EXPECT_TRUE(emails_in("Anonymous").empty());
}

TEST(ContainsEmail, TellsAnAddressFromOtherMetaValues) {
    EXPECT_TRUE(contains_email("medtech.coordinator@example.eu"));
    EXPECT_FALSE(contains_email(""));
    EXPECT_FALSE(contains_email("Anonymous"));
}

TEST(FindPhoneNumbers, FindsInternationalNumbers) {
    EXPECT_EQ(phones_in("Call +33 1 23 45 67 89 today"), Found{"+33 1 23 45 67 89"});
    EXPECT_EQ(phones_in("Tel.: 0032 2 299 11 11."), Found{"0032 2 299 11 11"});
    EXPECT_EQ(phones_in("(+32) 2 299 11 11"), Found{"(+32) 2 299 11 11"});
    EXPECT_EQ(phones_in("+32 (0)2 299 11 11"), Found{"+32 (0)2 299 11 11"});
    EXPECT_EQ(phones_in("mobile +32471123456"), Found{"+32471123456"});
}

TEST(FindPhoneNumbers, FindsNationalNumbersWithATrunkZero) {
    const std::string text = "Secretariat: (02) 299-11-11, Paris office 01.23.45.67.89 or 030 1234567";
    EXPECT_EQ(phones_in(text), (Found{"(02) 299-11-11", "01.23.45.67.89", "030 1234567"}));
    EXPECT_EQ(find_phone_numbers(text)[0].offset, 13u);
    EXPECT_EQ(phones_in("+33\xC2\xA0"
                        "1\xC2\xA0"
                        "23 45 67 89"),
              Found{"+33\xC2\xA0"
                    "1\xC2\xA0"
                    "23 45 67 89"});
}

TEST(FindPhoneNumbers, DatesAndPeriodsAreNoPhoneNumbers) {
    EXPECT_TRUE(phones_in("Plenary meeting 24/10/19 in Bruxelles").empty());
    EXPECT_TRUE(phones_in("17/09/2020").empty());
    EXPECT_TRUE(phones_in("05/11/2020 - 06/11/2020").empty());
    EXPECT_TRUE(phones_in("05/11/20 - 06/11/20").empty());
    EXPECT_TRUE(phones_in("05-06/11/2020").empty());
    EXPECT_TRUE(phones_in("2020-10-24").empty());
    EXPECT_TRUE(phones_in("the 2020-2021 work plan").empty());
    EXPECT_TRUE(phones_in("periods 2019 2020 2021").empty());
}

TEST(FindPhoneNumbers, CodesAndNumbersInProseAreNoPhoneNumbers) {
    EXPECT_TRUE(phones_in("Noord-Brabant (NL), NL41; South Moravia (CZ), CZ064; FI1D7").empty());
    EXPECT_TRUE(phones_in("about EUR 14 million, 18 SMEs and 32 participants from 14 regions").empty());
    EXPECT_TRUE(phones_in("a budget of 1 234 567 890 euro").empty());
    EXPECT_TRUE(phones_in("ISBN 978-3-16-148410-0").empty());
    EXPECT_TRUE(phones_in("scores 0 1 2 3 4 5 6 7 8 9").empty());
    EXPECT_TRUE(phones_in("version 0.1.0, ratio 0.125").empty());
    EXPECT_TRUE(phones_in("Goals 3 and 9, 2 and 12").empty());
}

TEST(FindPhoneNumbers, DigitCountsAtTheLimits) {
    EXPECT_TRUE(phones_in("+3247112").empty());
    EXPECT_EQ(phones_in("+32471123"), Found{"+32471123"});
    EXPECT_EQ(phones_in("+324711234567890"), Found{"+324711234567890"});
    EXPECT_TRUE(phones_in("+3247112345678901").empty());
    EXPECT_TRUE(phones_in("0032 2 299 1").empty());
    EXPECT_TRUE(phones_in("0003 2 299 11 11").empty());
    EXPECT_TRUE(phones_in("02 299 111").empty());
    EXPECT_EQ(phones_in("02 299 1111"), Found{"02 299 1111"});
}

TEST(FindPhoneNumbers, DigitsInsideWordsOrAddressesAreNoPhoneNumbers) {
    EXPECT_TRUE(phones_in("ref AB0123456789").empty());
    EXPECT_TRUE(phones_in("0123456789abc").empty());
    EXPECT_TRUE(phones_in("0123456789@example.eu").empty());
    EXPECT_TRUE(phones_in("12.0123456789").empty());
}

TEST(FindPhoneNumbers, EmptyAndOddInputIsNoCrash) {
    EXPECT_TRUE(phones_in("").empty());
    EXPECT_TRUE(phones_in("+").empty());
    EXPECT_TRUE(phones_in("(").empty());
    EXPECT_TRUE(phones_in("((((+").empty());
    EXPECT_TRUE(emails_in("@").empty());
    EXPECT_TRUE(emails_in("a@").empty());
    EXPECT_TRUE(emails_in("@b.eu").empty());
}

}  // namespace
