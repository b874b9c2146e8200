// Private helper of the reader: questions, sections, owners and triggers from the flat element list.
#pragma once

#include "eusurvey/model.hpp"

namespace surveycheck::eusurvey {

// Fills sections, questions, element_by_uid, question_by_element and each element's owner.
void derive_structure(Questionnaire& questionnaire);

}  // namespace surveycheck::eusurvey
