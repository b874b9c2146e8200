// Grouped findings: the findings of one contribution that one rule reports on one answer with one severity
// become one finding whose items are the occurrences, so a reviewer reads "26 country abbreviations" once.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/finding.hpp"
#include "engine/rule_set.hpp"

namespace surveycheck::engine {

// At most this many distinct occurrences are named in a grouped finding's summary.
constexpr std::size_t group_summary_entries = 8;

// Groups findings as the last step of the pipeline, after waivers, translation and the baseline's marks.
class FindingGrouper {
public:
    // Messages in `lang` (English where neither the rule nor the host has it), titles from `rules`.
    FindingGrouper(std::string lang, const RuleSet& rules);

    // Replace every 2 or more findings of one file, contribution, rule, question and severity by one grouped
    // finding at the place of the first; the others keep their order.
    void apply(std::vector<Finding>& findings) const;

private:
    // One grouped finding of `members` (2 or more), which it takes.
    Finding group(std::vector<Finding>& members) const;
    // The items' distinct labels with their counts: "GER → DE ×3, FRA → FR".
    std::string summary(const std::vector<FindingItem>& items) const;

    std::string lang_;
    const RuleSet& rules_;
};

}  // namespace surveycheck::engine
