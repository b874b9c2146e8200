// Rule kit: the country of a region as respondents write it, for rules that reason about member states.
#pragma once

#include <string>

#include "surveycheck/rulekit/nuts.hpp"
#include "surveycheck/rulekit/regions.hpp"

namespace surveycheck::rulekit {

// The Eurostat code of the entry's country: from its parenthesis, its NUTS code, its name being a country
// ("Slovenia"), or its name being the NUTS name of regions of one country only ("Bretagne", needs the
// catalog's lists); empty when none.
std::string region_country(const RegionEntry& entry, const NutsCatalog& catalog);

}  // namespace surveycheck::rulekit
