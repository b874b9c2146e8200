// Binds a profile onto one questionnaire of an export.
#pragma once

#include <cstddef>
#include <vector>

#include "eusurvey/model.hpp"
#include "profile/profile.hpp"

namespace surveycheck::profile {

// Which attribute found a profile entry in the export.
enum class MatchedBy { none, bid, uid, title };

// The result of binding: per export question and section, the profile entry it is, and what is missing.
struct Binding {
    std::vector<std::size_t>
        question_profile;  // per Questionnaire::questions: profile question index or npos
    std::vector<MatchedBy> question_matched_by;  // per Questionnaire::questions
    std::vector<std::size_t> section_profile;    // per Questionnaire::sections: profile section index or npos
    std::vector<bool> question_confidential;     // per Questionnaire::questions
    std::vector<std::size_t> missing_questions;  // profile question indices found nowhere in the export
    std::vector<std::size_t> missing_sections;   // profile section indices found nowhere in the export
};

// Bind `profile` onto `questionnaire`: bid first, then uid, then normalised title; each export element once.
Binding bind(const Profile& profile, const eusurvey::Questionnaire& questionnaire);

}  // namespace surveycheck::profile
