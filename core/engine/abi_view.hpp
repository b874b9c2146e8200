// Builds the read-only C views (abi.h) of a bound questionnaire and of one contribution.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "eusurvey/model.hpp"
#include "profile/binder.hpp"
#include "profile/profile.hpp"
#include "surveycheck/abi.h"
#include "surveycheck/abi_toolkit.hpp"
#include "surveycheck/sc_str.hpp"

namespace surveycheck::engine {

// sc_survey for one questionnaire bound to a profile; points into the questionnaire and profile it was made
// from. For a public audience a confidential question is never required: nobody may ask for its answer.
class SurveyView {
public:
    SurveyView(const eusurvey::Survey& survey, const eusurvey::Questionnaire& questionnaire,
               const profile::Profile& profile, const profile::Binding& binding,
               bool public_audience = false);
    SurveyView(const SurveyView&) = delete;
    SurveyView& operator=(const SurveyView&) = delete;

    // The C view, valid while this object lives.
    const sc_survey* get() const { return &survey_; }
    // The questionnaire it describes.
    const eusurvey::Questionnaire& questionnaire() const { return questionnaire_; }
    // Index of the question whose head or part has element uid `uid`, or SC_NONE.
    std::uint32_t question_of_uid(const std::string& uid) const;

    // What an element uid names: its question (SC_NONE when none) and element (npos when none).
    struct UidTarget {
        std::uint32_t question = SC_NONE;
        std::size_t element = eusurvey::npos;
    };
    // The question and element of `uid` in one lookup; null when the questionnaire does not know it.
    const UidTarget* find_uid(std::string_view uid) const;

private:
    const eusurvey::Questionnaire& questionnaire_;
    std::unordered_map<std::string_view, UidTarget> uids_;  // keys point into the questionnaire's maps
    std::vector<sc_section> sections_;
    std::vector<sc_question> questions_;
    std::vector<sc_item> items_;
    std::vector<sc_role> roles_;
    sc_survey survey_{};
};

// Where one sc_value came from in the export.
struct ValueOrigin {
    const eusurvey::Answer* answer = nullptr;
};

// sc_contribution for one AnswerSet; answers whose qid the questionnaire does not know are set aside.
// Explanation and Discussion elements become its notes: text about a question, never an answer.
class ContributionView {
public:
    ContributionView(const SurveyView& survey, const eusurvey::AnswerSet& answer_set);
    ContributionView(const ContributionView&) = delete;
    ContributionView& operator=(const ContributionView&) = delete;

    // The C view, valid while this object lives.
    const sc_contribution* get() const { return &contribution_; }
    // Value `index`, or note `index - value count` (as a finding names it); null when there is none.
    const sc_value* value_at(std::uint32_t index) const;
    // The export answer behind value (or note) `index`, which value_at() found.
    const eusurvey::Answer& answer_of(std::uint32_t index) const {
        return index < values_.size() ? *origins_[index] : *note_origins_[index - values_.size()];
    }
    // Answers and notes whose qid matches no element of the questionnaire.
    const std::vector<const eusurvey::Answer*>& unknown_answers() const { return unknown_; }
    // The values whose aid names no possible answer or column of their question (an option replaced after
    // answering), in value order.
    const std::vector<std::uint32_t>& unknown_choices() const { return unknown_choices_; }

private:
    std::string id_;
    std::vector<sc_attribute> attributes_;
    std::vector<sc_value> values_;
    std::vector<const eusurvey::Answer*> origins_;
    std::vector<std::uint32_t> first_value_;
    std::vector<std::uint32_t> value_count_;
    std::vector<std::uint8_t> shown_;
    std::vector<const eusurvey::Answer*> unknown_;
    std::vector<std::uint32_t> unknown_choices_;
    std::vector<sc_value> notes_;
    std::vector<const eusurvey::Answer*> note_origins_;
    sc_contribution contribution_{};
};

}  // namespace surveycheck::engine
