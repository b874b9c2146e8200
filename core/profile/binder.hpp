// Binds a profile onto one questionnaire of an export.
#pragma once

#include <cstddef>
#include <vector>

#include "eusurvey/model.hpp"
#include "profile/profile.hpp"

namespace surveycheck::profile {

// Which attribute found a profile entry in the export.
enum class MatchedBy { none, bid, uid, title };

// What the binder is not sure of about one export question.
enum class Doubt {
    none,
    unbound,       // the profile does not know the question
    moved,         // bound, but it stands in another section than the profile puts it in
    not_in_block,  // its uid is not in the block the profile was bound in, so nothing could be carried to it
};

// The result of binding: per export question and section, the profile entry it is, and what is missing.
struct Binding {
    std::vector<std::size_t>
        question_profile;  // per Questionnaire::questions: profile question index or npos
    std::vector<MatchedBy> question_matched_by;  // per Questionnaire::questions
    std::vector<std::size_t> section_profile;    // per Questionnaire::sections: profile section index or npos
    std::vector<bool> question_confidential;  // per Questionnaire::questions, fail closed (see bind_survey)
    std::vector<bool> section_confidential;   // per Questionnaire::sections, fail closed
    std::vector<Doubt> question_doubt;        // per Questionnaire::questions
    std::vector<std::size_t> missing_questions;  // profile question indices found nowhere in the export
    std::vector<std::size_t> missing_sections;   // profile section indices found nowhere in the export
};

// A whole survey bound: the profile matched in one reference block, carried by uid to every other block.
struct SurveyBinding {
    std::vector<Binding> questionnaires;  // per Survey::questionnaires
    std::size_t reference = npos;         // the block the profile was matched in; npos when there is none
};

// Bind `profile` onto `questionnaire` alone: bid first, then uid, then normalised title; each element once.
Binding bind(const Profile& profile, const eusurvey::Questionnaire& questionnaire);

// Bind `profile` onto every block of `survey`: matched once in the block that binds the most entries (the
// profile's language first on a tie), then carried by element uid to the other blocks. A question is
// confidential when its profile entry is, or when it follows a confidential section marker with no section
// the profile knows as public in between.
SurveyBinding bind_survey(const Profile& profile, const eusurvey::Survey& survey);

// The block a contribution is read with: the one of its @lang, else the one that defines the uids it answers
// (the reference block first); npos when the survey has no block.
std::size_t questionnaire_for(const SurveyBinding& binding, const eusurvey::Survey& survey,
                              const eusurvey::AnswerSet& set);

}  // namespace surveycheck::profile
