#include "engine/abi_view.hpp"

#include <algorithm>

namespace surveycheck::engine {
namespace {

using eusurvey::ElementKind;
using eusurvey::npos;
using eusurvey::QuestionKind;

std::uint32_t to_abi(QuestionKind kind) {
    switch (kind) {
        case QuestionKind::free_text:
            return SC_QUESTION_FREE_TEXT;
        case QuestionKind::single_choice:
            return SC_QUESTION_SINGLE_CHOICE;
        case QuestionKind::multiple_choice:
            return SC_QUESTION_MULTIPLE_CHOICE;
        case QuestionKind::matrix:
            return SC_QUESTION_MATRIX;
        case QuestionKind::table:
            return SC_QUESTION_TABLE;
        case QuestionKind::complex_table:
            return SC_QUESTION_COMPLEX_TABLE;
        case QuestionKind::rating:
            return SC_QUESTION_RATING;
        case QuestionKind::ranking:
            return SC_QUESTION_RANKING;
        case QuestionKind::target_dataset:
            return SC_QUESTION_TARGET_DATASET;
        case QuestionKind::other:
            break;
    }
    return SC_QUESTION_OTHER;
}

std::uint32_t to_abi(profile::Requirement requirement) {
    switch (requirement) {
        case profile::Requirement::optional:
            return SC_REQUIREMENT_OPTIONAL;
        case profile::Requirement::recommended:
            return SC_REQUIREMENT_RECOMMENDED;
        case profile::Requirement::mandatory:
            return SC_REQUIREMENT_MANDATORY;
        case profile::Requirement::mandatory_when_shown:
            return SC_REQUIREMENT_MANDATORY_WHEN_SHOWN;
    }
    return SC_REQUIREMENT_NONE;
}

std::uint32_t to_index(std::size_t index) {
    return index == npos ? SC_NONE : static_cast<std::uint32_t>(index);
}

// Position of `element` in `parts`, or SC_NONE.
std::uint32_t find_part(const std::vector<std::size_t>& parts, std::size_t element) {
    const auto it = std::find(parts.begin(), parts.end(), element);
    return it == parts.end() ? SC_NONE : static_cast<std::uint32_t>(it - parts.begin());
}

}  // namespace

SurveyView::SurveyView(const eusurvey::Survey& survey, const eusurvey::Questionnaire& questionnaire,
                       const profile::Profile& profile, const profile::Binding& binding, bool public_audience)
    : questionnaire_(questionnaire) {
    const auto& elements = questionnaire.elements;

    sections_.reserve(questionnaire.sections.size());
    for (std::size_t s = 0; s < questionnaire.sections.size(); ++s) {
        const auto& element = elements[questionnaire.sections[s]];
        sc_section section = abi::sized<sc_section>();
        section.uid = to_sc(element.uid);
        section.title = to_sc(element.title);
        const std::size_t bound = s < binding.section_profile.size() ? binding.section_profile[s] : npos;
        if (bound != npos) section.key = to_sc(profile.sections[bound].key);
        section.confidential =
            s < binding.section_confidential.size() && binding.section_confidential[s] ? 1 : 0;
        sections_.push_back(section);
    }

    // Items and roles are reserved up front so the pointers handed out below stay valid.
    std::size_t item_total = 0;
    std::size_t role_total = 0;
    for (std::size_t q = 0; q < questionnaire.questions.size(); ++q) {
        const auto& question = questionnaire.questions[q];
        item_total += question.choices.size() + question.rows.size() + question.columns.size();
        const std::size_t bound = q < binding.question_profile.size() ? binding.question_profile[q] : npos;
        if (bound != npos) role_total += profile.questions[bound].roles.size();
    }
    items_.reserve(item_total);
    roles_.reserve(role_total);

    auto add_items = [&](const std::vector<std::size_t>& parts) -> const sc_item* {
        const sc_item* first = items_.data() + items_.size();
        for (const std::size_t part : parts) {
            const auto& element = elements[part];
            items_.push_back(
                sc_item{sizeof(sc_item), to_sc(element.uid), to_sc(element.bid), to_sc(element.title)});
        }
        return parts.empty() ? nullptr : first;
    };

    questions_.reserve(questionnaire.questions.size());
    for (std::size_t q = 0; q < questionnaire.questions.size(); ++q) {
        const auto& question = questionnaire.questions[q];
        const auto& head = elements[question.element];
        sc_question out = abi::sized<sc_question>();
        out.kind = to_abi(question.kind);
        out.section = to_index(question.section);
        out.dependent = question.triggers.empty() ? 0 : 1;
        out.uid = to_sc(head.uid);
        out.bid = to_sc(head.bid);
        out.title = to_sc(head.title);
        out.type = to_sc(head.type);
        out.confidential =
            q < binding.question_confidential.size() && binding.question_confidential[q] ? 1 : 0;
        const std::size_t bound = q < binding.question_profile.size() ? binding.question_profile[q] : npos;
        if (bound != npos) {
            const auto& entry = profile.questions[bound];
            out.key = to_sc(entry.key);
            out.requirement = public_audience && out.confidential ? std::uint32_t{SC_REQUIREMENT_OPTIONAL}
                                                                  : to_abi(entry.requirement);
            out.roles = entry.roles.empty() ? nullptr : roles_.data() + roles_.size();
            out.role_count = static_cast<std::uint32_t>(entry.roles.size());
            for (const auto& role : entry.roles) {
                roles_.push_back(sc_role{sizeof(sc_role), to_sc(role.name), to_sc(role.format)});
            }
        }
        out.choices = add_items(question.choices);
        out.choice_count = static_cast<std::uint32_t>(question.choices.size());
        out.rows = add_items(question.rows);
        out.row_count = static_cast<std::uint32_t>(question.rows.size());
        out.columns = add_items(question.columns);
        out.column_count = static_cast<std::uint32_t>(question.columns.size());
        questions_.push_back(out);
    }

    // One map for both lookups a contribution makes per answer (question and element of a uid).
    uids_.reserve(questionnaire.element_by_uid.size() + questionnaire.question_by_element.size());
    for (const auto& [uid, element] : questionnaire.element_by_uid) uids_[uid].element = element;
    for (const auto& [uid, question] : questionnaire.question_by_element) {
        uids_[uid].question = static_cast<std::uint32_t>(question);
    }

    survey_.struct_size = sizeof(sc_survey);
    survey_.uid = to_sc(survey.uid);
    survey_.alias = to_sc(survey.alias);
    survey_.lang = to_sc(questionnaire.lang);
    survey_.sections = sections_.data();
    survey_.section_count = static_cast<std::uint32_t>(sections_.size());
    survey_.questions = questions_.data();
    survey_.question_count = static_cast<std::uint32_t>(questions_.size());
}

std::uint32_t SurveyView::question_of_uid(const std::string& uid) const {
    const UidTarget* target = find_uid(uid);
    return target == nullptr ? SC_NONE : target->question;
}

const SurveyView::UidTarget* SurveyView::find_uid(std::string_view uid) const {
    const auto it = uids_.find(uid);
    return it == uids_.end() ? nullptr : &it->second;
}

ContributionView::ContributionView(const SurveyView& survey, const eusurvey::AnswerSet& answer_set) {
    const auto& questionnaire = survey.questionnaire();
    const auto& elements = questionnaire.elements;
    const std::size_t question_count = questionnaire.questions.size();

    attributes_.reserve(answer_set.attributes.size());
    for (const auto& [name, value] : answer_set.attributes) {
        attributes_.push_back(sc_attribute{sizeof(sc_attribute), to_sc(name), to_sc(value)});
    }

    // Resolve each answer to its question, row and choice, then group by question in document order; notes
    // (Explanation, Discussion) only to their question.
    std::vector<std::pair<sc_value, const eusurvey::Answer*>> resolved;
    std::vector<std::pair<sc_value, const eusurvey::Answer*>> notes;
    resolved.reserve(answer_set.answers.size());
    first_value_.assign(question_count + 1, 0);
    for (const auto& answer : answer_set.answers) {
        const bool note = answer.name == "Explanation" || answer.name == "Discussion";
        if (!note && answer.name != "Answer" && answer.name != "TargetDataset") continue;
        const SurveyView::UidTarget* target = survey.find_uid(answer.qid);
        if (target == nullptr || target->question == SC_NONE) {
            unknown_.push_back(&answer);
            continue;
        }
        const std::uint32_t q = target->question;
        const auto& question = questionnaire.questions[q];
        sc_value value = abi::sized<sc_value>();
        value.question = q;
        value.row = SC_NONE;
        value.choice = SC_NONE;
        value.text = to_sc(answer.text);
        value.line = answer.position.line;
        value.column = answer.position.column;
        value.aid = to_sc(answer.aid);
        if (note) {
            notes.emplace_back(value, &answer);
            continue;
        }
        if (target->element != npos && target->element != question.element) {
            value.row = find_part(question.rows, target->element);
        }
        if (!answer.aid.empty()) {
            if (const SurveyView::UidTarget* part = survey.find_uid(answer.aid);
                part != nullptr && part->element != npos) {
                value.choice = find_part(question.choices, part->element);
                if (value.choice == SC_NONE) value.choice = find_part(question.columns, part->element);
            }
        }
        ++first_value_[q + 1];
        resolved.emplace_back(value, &answer);
    }

    // A counting sort by question keeps document order within each question.
    value_count_.resize(question_count);
    for (std::size_t q = 0; q < question_count; ++q) {
        value_count_[q] = first_value_[q + 1];
        first_value_[q + 1] += first_value_[q];
    }
    first_value_.pop_back();
    values_.resize(resolved.size());
    origins_.resize(resolved.size());
    std::vector<std::uint32_t> next = first_value_;
    for (const auto& [value, origin] : resolved) {
        const std::uint32_t at = next[value.question]++;
        values_[at] = value;
        origins_[at] = origin;
    }
    // eVote's "entire list" vote is written as this aid (EUSURVEY-XML.md §1.3): an option of every list.
    constexpr std::string_view evote_all = "EVOTE-ALL";
    for (std::uint32_t v = 0; v < values_.size(); ++v) {
        const std::string_view aid(values_[v].aid.data, values_[v].aid.size);
        if (values_[v].choice == SC_NONE && !aid.empty() && aid != evote_all) unknown_choices_.push_back(v);
    }
    std::stable_sort(notes.begin(), notes.end(),
                     [](const auto& a, const auto& b) { return a.first.question < b.first.question; });
    notes_.reserve(notes.size());
    note_origins_.reserve(notes.size());
    for (const auto& [value, origin] : notes) {
        notes_.push_back(value);
        note_origins_.push_back(origin);
    }

    // A question with triggers is shown when one of them was chosen in this contribution.
    auto chosen = [&](const eusurvey::Element& trigger) {
        for (const auto& answer : answer_set.answers) {
            if (trigger.kind == ElementKind::matrix_cell) {
                if (answer.qid == trigger.row_uid && answer.aid == trigger.column_uid) return true;
            } else if (!trigger.uid.empty() && answer.aid == trigger.uid) {
                return true;
            }
        }
        return false;
    };
    shown_.resize(question_count, 1);
    for (std::size_t q = 0; q < question_count; ++q) {
        const auto& triggers = questionnaire.questions[q].triggers;
        if (triggers.empty()) continue;
        shown_[q] =
            std::any_of(triggers.begin(), triggers.end(), [&](std::size_t t) { return chosen(elements[t]); })
                ? 1
                : 0;
    }

    contribution_.struct_size = sizeof(sc_contribution);
    id_ = answer_set.contribution_id();
    contribution_.id = to_sc(id_);
    contribution_.attributes = attributes_.data();
    contribution_.attribute_count = static_cast<std::uint32_t>(attributes_.size());
    contribution_.values = values_.data();
    contribution_.value_count = static_cast<std::uint32_t>(values_.size());
    contribution_.first_value = first_value_.data();
    contribution_.value_count_of = value_count_.data();
    contribution_.shown = shown_.data();
    contribution_.notes = notes_.empty() ? nullptr : notes_.data();
    contribution_.note_count = static_cast<std::uint32_t>(notes_.size());
}

const sc_value* ContributionView::value_at(std::uint32_t index) const {
    if (index < values_.size()) return &values_[index];
    if (index - values_.size() < notes_.size()) return &notes_[index - values_.size()];
    return nullptr;
}

}  // namespace surveycheck::engine
