// Rule kit: whether a question is answered, and whether its answer says nothing (a placeholder).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "surveycheck/survey_view.hpp"

namespace surveycheck::rulekit {

// True when the value picks an option: one of the question's, or an aid the questionnaire does not define (an
// option replaced after answering: the host reports it as unknown-answer, and the question is answered).
bool makes_choice(const Value& value);

// True when the contribution answers the question, by kind: text (and other) when a value has non-blank text,
// a table when a cell has non-blank text, a matrix when every row has a choice, a choice, ranking or
// target-dataset question when a choice is made, a rating or complex table when any row or cell has a value.
// A choice is any value for which makes_choice() holds; notes never answer.
bool is_answered(const Question& question, const Contribution& contribution);

// True when `text` is a placeholder (see text.hpp is_placeholder) or, compared without case, accents, HTML,
// dots and outer white space (fold_for_matching), one of `extra_words`.
bool is_placeholder_text(std::string_view text, const std::vector<std::string>& extra_words = {});

// True when a text-kind question (free text, other, table, complex table) has values with text and every
// non-empty text is a placeholder; false for every other kind and when a complex-table choice is made.
bool is_placeholder_answer(const Question& question, const Contribution& contribution,
                           const std::vector<std::string>& extra_words = {});

// The items of a comma-separated rule option ("to follow, pending"), white space collapsed, empty ones
// dropped.
std::vector<std::string> split_option_list(std::string_view list);

}  // namespace surveycheck::rulekit
