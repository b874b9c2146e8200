// Rule kit: free-text region lists ("Name (Country), NUTS code", one per line or run together) split into
// entries.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "surveycheck/survey_view.hpp"

namespace surveycheck::rulekit {

// One region of a list, as written.
struct RegionEntry {
    std::string name;        // white space collapsed, e.g. "Basque Country"
    std::string country;     // inside the parentheses, trimmed, e.g. "ESP"; empty when none
    std::string nuts_code;   // e.g. "FI1D7"; empty when none
    std::size_t offset = 0;  // byte offset of the entry in the answer text
    std::size_t length = 0;  // bytes from the name to the end of the parenthesis or code
};

// The entries of a region list: split at line breaks, block tags (<p>, <br>, <li>), ';' and ',' between
// entries, and after a country parenthesis (`Wallonia(BEL) Bretagne(FRA)`); bullets ("-", "*", "•", "1.")
// are skipped. A parenthesis on the next line belongs to the name before it; a code belongs to its entry
// after the parenthesis or name, behind ',', '-', '–', '/' or ':' and a label (`Lapland (FI), FI1D7`,
// `Catalonia (ES) – NUTS2: ES51`), or inside the parenthesis (`Catalonia (ES51)`, `Catalonia (ES, ES51)`).
// Linear in the text.
std::vector<RegionEntry> split_regions(std::string_view text);

// An entry of a region-list question of a contribution, with the answer it was written in.
struct LocatedRegion {
    Question question;
    Value value;
    RegionEntry entry;
};

// The entries of every `region-list` question of the contribution, in survey order; with `nuts_only`, only
// the questions whose requested format is "nuts".
std::vector<LocatedRegion> region_list_entries(const Survey& survey, const Contribution& contribution,
                                               bool nuts_only = false);

}  // namespace surveycheck::rulekit
