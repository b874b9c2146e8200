// The public-release version of an export: confidential answers removed, personal meta blanked, all else
// kept.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "eusurvey/model.hpp"
#include "profile/profile.hpp"

namespace surveycheck::report {

// What redaction did.
struct Redaction {
    std::string bytes;                   // the redacted export
    std::size_t answers_removed = 0;     // Answer, TargetDataset, Explanation, Discussion elements dropped
    std::size_t attributes_blanked = 0;  // user, userlogin, invitation values emptied
    std::vector<std::string> warnings;   // what could not be judged (e.g. answers to unknown questions, kept)
};

// Redact `doc` (read in full, with its source bytes) for publication under `profile`: every answer to a
// question the profile makes confidential is removed and the AnswerSet attributes user, userlogin and
// invitation are emptied; every other byte stays as it was, so the result is still the same EUSurvey export.
Redaction redact_for_publication(const eusurvey::Export& doc, const profile::Profile& profile);

}  // namespace surveycheck::report
