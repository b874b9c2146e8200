#include "surveycheck/rulekit/region_countries.hpp"

#include <string_view>
#include <vector>

#include "surveycheck/rulekit/countries.hpp"

namespace surveycheck::rulekit {

std::string region_country(const RegionEntry& entry, const NutsCatalog& catalog) {
    if (const auto stated = resolve_country(entry.country)) return std::string(stated->code);
    if (const std::string_view of_code = nuts_country(entry.nuts_code); !of_code.empty())
        return std::string(of_code);
    if (const auto named = resolve_country(entry.name)) return std::string(named->code);
    const std::vector<std::string> by_name = catalog.countries_named(entry.name);
    return by_name.size() == 1 ? by_name.front() : std::string();
}

}  // namespace surveycheck::rulekit
