// Rule kit: country texts as respondents write them, resolved to Eurostat's 2-letter country codes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace surveycheck::rulekit {

// How a country text was written.
enum class CountryForm {
    eurostat,      // the Eurostat code itself (EL, UK, DE), in any case
    iso_alpha2,    // an ISO 3166 alpha-2 code Eurostat does not use (GR, GB)
    iso_alpha3,    // an ISO 3166 alpha-3 code (DEU, GRC)
    abbreviation,  // another abbreviation people write (GER, DEN, SLO, NED)
    name           // an English or national country name (Germany, Deutschland)
};

// A country text resolved: the Eurostat code and how the text was written.
struct CountryMatch {
    std::string_view code;
    CountryForm form;
};

// The country `text` names, case-insensitively, ignoring dots, hyphens and Latin diacritics.
std::optional<CountryMatch> resolve_country(std::string_view text);

// Eurostat code of the country a NUTS code belongs to (its 2-letter prefix), empty when not a NUTS country.
std::string_view nuts_country(std::string_view nuts_code);

// English short name of Eurostat country `code` ("Greece" for EL), empty when unknown.
std::string_view country_name(std::string_view code);

// True for the 13 member states that joined the EU in 2004 or later (BG HR CY CZ EE HU LV LT MT PL RO SK SI).
bool is_eu13(std::string_view code);

// `text` folded for matching names: ASCII lower case, Latin diacritics removed, '.' dropped, '-' '_' '/' as
// space, white space collapsed and trimmed.
std::string fold_for_matching(std::string_view text);

}  // namespace surveycheck::rulekit
