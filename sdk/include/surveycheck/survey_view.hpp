// Read-only C++ views over the survey and contribution the host passes through abi.h.
// A view is two words (a pointer into host memory and an index); copy it freely, keep it no longer than
// `check`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>
#include <vector>

#include "surveycheck/abi.h"
#include "surveycheck/abi_toolkit.hpp"
#include "surveycheck/sc_str.hpp"

namespace surveycheck {

// "No index": an absent row, choice, section or text offset.
inline constexpr std::uint32_t none = SC_NONE;

// What a profile requires of a question (mirrors sc_requirement).
enum class Requirement : std::uint32_t {
    none = SC_REQUIREMENT_NONE,
    optional = SC_REQUIREMENT_OPTIONAL,
    recommended = SC_REQUIREMENT_RECOMMENDED,
    mandatory = SC_REQUIREMENT_MANDATORY,
    mandatory_when_shown = SC_REQUIREMENT_MANDATORY_WHEN_SHOWN
};

// The kind of a question (mirrors sc_question_kind).
enum class QuestionKind : std::uint32_t {
    other = SC_QUESTION_OTHER,
    free_text = SC_QUESTION_FREE_TEXT,
    single_choice = SC_QUESTION_SINGLE_CHOICE,
    multiple_choice = SC_QUESTION_MULTIPLE_CHOICE,
    matrix = SC_QUESTION_MATRIX,
    table = SC_QUESTION_TABLE,
    complex_table = SC_QUESTION_COMPLEX_TABLE,
    rating = SC_QUESTION_RATING,
    ranking = SC_QUESTION_RANKING,
    target_dataset = SC_QUESTION_TARGET_DATASET
};

// A random-access range of views; `View` is constructed from (source, index).
template <class View, class Source>
class Range {
public:
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = View;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = View;
        iterator(Source source, std::uint32_t index) : source_(source), index_(index) {}
        View operator*() const { return View(source_, index_); }
        iterator& operator++() {
            ++index_;
            return *this;
        }
        iterator operator++(int) {
            iterator old = *this;
            ++index_;
            return old;
        }
        bool operator==(const iterator& other) const { return index_ == other.index_; }
        bool operator!=(const iterator& other) const { return index_ != other.index_; }

    private:
        Source source_;
        std::uint32_t index_;
    };

    Range(Source source, std::uint32_t first, std::uint32_t count)
        : source_(source), first_(first), count_(count) {}
    // Number of views in the range.
    std::size_t size() const { return count_; }
    // True when the range holds no view.
    bool empty() const { return count_ == 0; }
    // The i-th view of the range (0-based, unchecked).
    View operator[](std::size_t i) const { return View(source_, first_ + static_cast<std::uint32_t>(i)); }
    iterator begin() const { return iterator(source_, first_); }
    iterator end() const { return iterator(source_, first_ + count_); }

private:
    Source source_;
    std::uint32_t first_;
    std::uint32_t count_;
};

// A part of a question: a possible answer, a row, a column, a cell, a rating item.
class Item {
public:
    Item(const sc_item* items, std::uint32_t index) : item_(&abi::element(items, index)), index_(index) {}
    // Position among the question's choices, rows or columns.
    std::uint32_t index() const { return index_; }
    std::string_view uid() const { return view(item_->uid); }
    std::string_view bid() const { return view(item_->bid); }
    std::string_view title() const { return view(item_->title); }

private:
    const sc_item* item_;
    std::uint32_t index_;
};

// A role the profile gives a question, with its requested format (empty when none).
class Role {
public:
    Role(const sc_role* roles, std::uint32_t index) : role_(&abi::element(roles, index)) {}
    std::string_view name() const { return view(role_->name); }
    std::string_view format() const { return view(role_->format); }

private:
    const sc_role* role_;
};

// A section of the form.
class Section {
public:
    Section(const sc_survey* survey, std::uint32_t index)
        : section_(&abi::element(survey->sections, index)), index_(index) {}
    std::uint32_t index() const { return index_; }
    // Profile key, empty when the profile does not know the section.
    std::string_view key() const { return view(section_->key); }
    std::string_view uid() const { return view(section_->uid); }
    std::string_view title() const { return view(section_->title); }
    // True when the section is confidential (the profile marks it, or it is a sub-section of a confidential
    // one).
    bool confidential() const { return section_->confidential != 0; }

private:
    const sc_section* section_;
    std::uint32_t index_;
};

// A question of the form, bound to the profile.
class Question {
public:
    Question(const sc_survey* survey, std::uint32_t index)
        : survey_(survey), question_(&abi::element(survey->questions, index)), index_(index) {}
    // Position in Survey::questions().
    std::uint32_t index() const { return index_; }
    // Profile key, empty when the profile does not know the question.
    std::string_view key() const { return view(question_->key); }
    std::string_view uid() const { return view(question_->uid); }
    // Shortname, empty when the export has none.
    std::string_view bid() const { return view(question_->bid); }
    // Question text, HTML reduced to text.
    std::string_view title() const { return view(question_->title); }
    // EUSurvey `type` attribute as written, may be empty.
    std::string_view type() const { return view(question_->type); }
    QuestionKind kind() const { return static_cast<QuestionKind>(question_->kind); }
    Requirement requirement() const { return static_cast<Requirement>(question_->requirement); }
    // True when the question is shown only through a trigger choice.
    bool dependent() const { return question_->dependent != 0; }
    // The section the question belongs to; empty before the first section.
    std::optional<Section> section() const {
        if (question_->section == none || question_->section >= survey_->section_count) return std::nullopt;
        return Section(survey_, question_->section);
    }
    // True when the host treats the question as confidential (before ABI 1.1: when its section is).
    bool confidential() const {
        if (abi::has_field(*question_, question_->confidential)) return question_->confidential != 0;
        auto s = section();
        return s && s->confidential();
    }
    Range<Role, const sc_role*> roles() const { return {question_->roles, 0, question_->role_count}; }
    // True when the profile gives the question the role `name`.
    bool has_role(std::string_view name) const {
        for (Role role : roles())
            if (role.name() == name) return true;
        return false;
    }
    // Requested format of role `name`, empty when the question lacks the role or it has no format.
    std::string_view role_format(std::string_view name) const {
        for (Role role : roles())
            if (role.name() == name) return role.format();
        return {};
    }
    // Possible answers, ranking items or datasets.
    Range<Item, const sc_item*> choices() const { return {question_->choices, 0, question_->choice_count}; }
    // Matrix or table rows, rating sub-questions, complex-table cells.
    Range<Item, const sc_item*> rows() const { return {question_->rows, 0, question_->row_count}; }
    // Matrix or table columns.
    Range<Item, const sc_item*> columns() const { return {question_->columns, 0, question_->column_count}; }

private:
    const sc_survey* survey_;
    const sc_question* question_;
    std::uint32_t index_;
};

// The questionnaire of one export language.
class Survey {
public:
    explicit Survey(const sc_survey* survey) : survey_(survey) {}
    std::string_view uid() const { return view(survey_->uid); }
    std::string_view alias() const { return view(survey_->alias); }
    std::string_view lang() const { return view(survey_->lang); }
    Range<Section, const sc_survey*> sections() const { return {survey_, 0, survey_->section_count}; }
    Range<Question, const sc_survey*> questions() const { return {survey_, 0, survey_->question_count}; }
    // Question `index` (unchecked).
    Question question(std::uint32_t index) const { return Question(survey_, index); }
    // The question with profile key `key`, if the profile bound one.
    std::optional<Question> question_by_key(std::string_view key) const {
        if (key.empty()) return std::nullopt;
        for (Question q : questions())
            if (q.key() == key) return q;
        return std::nullopt;
    }
    // Every question with role `role`, in survey order.
    std::vector<Question> questions_with_role(std::string_view role) const {
        std::vector<Question> found;
        for (Question q : questions())
            if (q.has_role(role)) found.push_back(q);
        return found;
    }
    // The C struct this view reads.
    const sc_survey* abi() const { return survey_; }

private:
    const sc_survey* survey_;
};

// One answer element of a contribution, or one of its notes (Delphi explanation or discussion text).
class Value {
public:
    // Value `index`, or note `index - value_count` when `index` is past the values.
    Value(const sc_contribution* contribution, std::uint32_t index)
        : value_(index < contribution->value_count
                     ? &abi::element(contribution->values, index)
                     : &abi::element(contribution->notes, index - contribution->value_count)),
          index_(index),
          note_(index >= contribution->value_count) {}
    // Position in Contribution::values(), or value count + position among the notes for a note.
    std::uint32_t index() const { return index_; }
    // True for a note: text about an answer (Delphi explanation or discussion), never an answer itself.
    bool is_note() const { return note_; }
    // Index of the question it answers.
    std::uint32_t question() const { return value_->question; }
    // Index into the question's rows, or `none`.
    std::uint32_t row() const { return value_->row; }
    // Index into choices (choice, ranking) or columns (matrix, table), or `none`.
    std::uint32_t choice() const { return value_->choice; }
    // The answer text as exported (entities decoded), may be empty.
    std::string_view text() const { return view(value_->text); }
    // 1-based line of the answer element in the export.
    std::uint32_t line() const { return value_->line; }
    // 1-based column of the answer element in the export.
    std::uint32_t column() const { return value_->column; }
    // The aid as written (trimmed), even when it names no choice; empty when none or the host predates 1.1.
    std::string_view aid() const {
        return abi::has_field(*value_, value_->aid) ? view(value_->aid) : std::string_view();
    }

private:
    const sc_value* value_;
    std::uint32_t index_;
    bool note_;
};

// One contribution (AnswerSet).
class Contribution {
public:
    explicit Contribution(const sc_contribution* contribution) : contribution_(contribution) {}
    // AnswerSet/@id, or its @list number when there is no id.
    std::string_view id() const { return view(contribution_->id); }
    // Value of AnswerSet attribute `name`, empty when absent.
    std::string_view attribute(std::string_view name) const {
        for (std::uint32_t i = 0; i < contribution_->attribute_count; ++i) {
            const sc_attribute& a = abi::element(contribution_->attributes, i);
            if (view(a.name) == name) return view(a.value);
        }
        return {};
    }
    // Every value, grouped by question in survey order.
    Range<Value, const sc_contribution*> values() const {
        return {contribution_, 0, contribution_->value_count};
    }
    // The values that answer `question`.
    Range<Value, const sc_contribution*> values_of(const Question& question) const {
        return {contribution_, contribution_->first_value[question.index()],
                contribution_->value_count_of[question.index()]};
    }
    // True when `question` is visible: not dependent, or one of its triggers chosen.
    bool shown(const Question& question) const { return contribution_->shown[question.index()] != 0; }
    // Number of notes (none from a host that predates ABI 1.1).
    std::uint32_t note_count() const {
        return abi::has_field(*contribution_, contribution_->note_count) && contribution_->notes != nullptr
                   ? contribution_->note_count
                   : 0;
    }
    // Every note (Delphi explanation and discussion texts), grouped by question; not answers.
    Range<Value, const sc_contribution*> notes() const {
        return {contribution_, contribution_->value_count, note_count()};
    }
    // The notes about `question`.
    std::vector<Value> notes_of(const Question& question) const {
        std::vector<Value> found;
        for (Value note : notes())
            if (note.question() == question.index()) found.push_back(note);
        return found;
    }
    // The C struct this view reads.
    const sc_contribution* abi() const { return contribution_; }

private:
    const sc_contribution* contribution_;
};

}  // namespace surveycheck
