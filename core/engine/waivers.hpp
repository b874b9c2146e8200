// Waivers: a rule accepted for a contribution and/or question, with a justification, an author and an expiry.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/engine.hpp"
#include "engine/rule_set.hpp"

namespace surveycheck::engine {

// One waiver as the config file gives it.
struct Waiver {
    std::string rule;          // rule id, plugin name, "<plugin>/*" or "all"
    std::string contribution;  // AnswerSet id (or list number); empty: any
    std::string question;      // profile key, uid or bid; empty: any
    std::string fingerprint;   // one finding's, or one occurrence's of a grouped finding; empty: any
    std::string justification;
    std::string author;
    std::string expires;  // YYYY-MM-DD; the waiver holds through that day
    std::string file;     // config file it came from
    eusurvey::Position position;
};

// Applies waivers to findings and reports on the waivers themselves.
class WaiverSet {
public:
    // `today` is YYYY-MM-DD; waivers that expired before it no longer suppress anything.
    WaiverSet(std::vector<Waiver> waivers, std::string today);

    // Mark the findings that a live waiver covers as suppressed.
    void apply(std::vector<Finding>& findings);
    // Findings about the waivers: expired ones (surveycheck/waiver-expired), unused ones
    // (surveycheck/waiver-unused).
    std::vector<Finding> findings(const RuleSet& rules) const;

private:
    std::vector<Waiver> waivers_;
    std::vector<bool> expired_;
    std::vector<std::size_t> uses_;
};

// Today's date in UTC as YYYY-MM-DD.
std::string today_utc();

}  // namespace surveycheck::engine
