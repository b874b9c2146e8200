// Rule kit: contact data in free text (e-mail addresses, phone numbers), without taking dates, years, year
// ranges, NUTS codes or amounts for phone numbers.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace surveycheck::rulekit {

// A byte range of a text.
struct TextSpan {
    std::size_t offset = 0;
    std::size_t length = 0;
};

// The e-mail addresses in `text` (local@domain.tld), in text order; a trailing full stop is not part of one.
std::vector<TextSpan> find_emails(std::string_view text);

// True when `text` holds an e-mail address.
bool contains_email(std::string_view text);

// The phone numbers in `text`, in text order: international (+33 1 23 45 67 89, 0032 2 299 11 11) or national
// with a trunk 0 ((02) 299-11-11, 01.23.45.67.89). Numbers without a + or 0 prefix and dates are not phones.
std::vector<TextSpan> find_phone_numbers(std::string_view text);

}  // namespace surveycheck::rulekit
