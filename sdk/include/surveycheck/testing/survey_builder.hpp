// Builds, for a rule's tests, the C structures (abi.h) a host passes to `check`: a questionnaire bound to a
// profile (SurveyBuilder) and one contribution to it (ContributionBuilder), without the host, an export or a
// profile. Standard library only.
//
//     SurveyBuilder survey;
//     const auto summary = survey.question(SC_QUESTION_FREE_TEXT, "Summary", SC_REQUIREMENT_MANDATORY);
//     ContributionBuilder contribution(survey);
//     contribution.text(summary, "n/a");
//     rules.run("placeholder", survey.abi(), contribution.abi());   // see rule_runner.hpp
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "surveycheck/abi.h"
#include "surveycheck/abi_toolkit.hpp"
#include "surveycheck/sc_str.hpp"

namespace surveycheck::testing {

// One possible answer, row, column or cell.
struct ItemSpec {
    std::string uid, bid, title;
};

// One question as the host would bind it.
struct QuestionSpec {
    sc_question_kind kind = SC_QUESTION_FREE_TEXT;
    sc_requirement requirement = SC_REQUIREMENT_OPTIONAL;
    std::uint32_t section = SC_NONE;
    std::string key, uid, bid, title, type;
    std::vector<std::pair<std::string, std::string>> roles;  // name, format
    std::vector<ItemSpec> choices, rows, columns;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> triggers;  // (question, choice) that show it
};

// A questionnaire; add everything first, then take abi() (rebuilt on each call).
class SurveyBuilder {
public:
    // Add a section; returns its index.
    std::uint32_t section(std::string title, bool confidential = false) {
        sections_.push_back({"s" + std::to_string(sections_.size()),
                             "sec-" + std::to_string(sections_.size()), std::move(title), confidential});
        return static_cast<std::uint32_t>(sections_.size() - 1);
    }
    // Add a question (in the last section added) with key "q<index>"; returns its index.
    std::uint32_t question(sc_question_kind kind, std::string title,
                           sc_requirement requirement = SC_REQUIREMENT_OPTIONAL) {
        QuestionSpec q;
        q.kind = kind;
        q.requirement = requirement;
        q.section = sections_.empty() ? SC_NONE : static_cast<std::uint32_t>(sections_.size() - 1);
        q.key = "q" + std::to_string(questions_.size());
        q.uid = "uid-" + q.key;
        q.title = std::move(title);
        questions_.push_back(std::move(q));
        return static_cast<std::uint32_t>(questions_.size() - 1);
    }
    // The question spec, to set anything the shortcuts below do not.
    QuestionSpec& at(std::uint32_t q) { return questions_.at(q); }
    const QuestionSpec& at(std::uint32_t q) const { return questions_.at(q); }
    // Possible answers (choice, ranking, target dataset) by title.
    void choices(std::uint32_t q, std::vector<std::string> titles) { at(q).choices = items(q, "c", titles); }
    // Rows (matrix, table, rating, complex-table cells) by title.
    void rows(std::uint32_t q, std::vector<std::string> titles) { at(q).rows = items(q, "r", titles); }
    // Columns (matrix, table) by title.
    void columns(std::uint32_t q, std::vector<std::string> titles) { at(q).columns = items(q, "k", titles); }
    // Show `q` only when `choice` of question `trigger` is chosen (dependentElements).
    void depends_on(std::uint32_t q, std::uint32_t trigger, std::uint32_t choice) {
        at(q).triggers.push_back({trigger, choice});
    }
    // Number of questions added.
    std::size_t question_count() const { return questions_.size(); }

    // The questionnaire as a host passes it; valid until the next call or the builder's end.
    const sc_survey& abi() {
        c_sections_.clear();
        for (const auto& s : sections_)
            c_sections_.push_back(
                {sizeof(sc_section), to_sc(s.key), to_sc(s.uid), to_sc(s.title), s.confidential});
        c_items_.clear();
        c_roles_.clear();
        c_items_.resize(questions_.size());
        c_roles_.resize(questions_.size());
        c_questions_.clear();
        for (std::size_t i = 0; i < questions_.size(); ++i) {
            const QuestionSpec& q = questions_[i];
            for (const auto& [name, format] : q.roles)
                c_roles_[i].push_back({sizeof(sc_role), to_sc(name), to_sc(format)});
            auto& items = c_items_[i];
            for (const auto* list : {&q.choices, &q.rows, &q.columns})
                for (const ItemSpec& item : *list)
                    items.push_back({sizeof(sc_item), to_sc(item.uid), to_sc(item.bid), to_sc(item.title)});
            const sc_item* base = items.data();
            auto n = [](const std::vector<ItemSpec>& v) { return static_cast<std::uint32_t>(v.size()); };
            sc_question c = abi::sized<sc_question>();
            c.kind = q.kind;
            c.requirement = q.requirement;
            c.section = q.section;
            c.dependent = q.triggers.empty() ? 0 : 1;
            c.confidential = q.section != SC_NONE && sections_.at(q.section).confidential ? 1 : 0;
            c.key = to_sc(q.key);
            c.uid = to_sc(q.uid);
            c.bid = to_sc(q.bid);
            c.title = to_sc(q.title);
            c.type = to_sc(q.type);
            c.roles = c_roles_[i].data();
            c.role_count = static_cast<std::uint32_t>(c_roles_[i].size());
            c.choices = base;
            c.choice_count = n(q.choices);
            c.rows = base + q.choices.size();
            c.row_count = n(q.rows);
            c.columns = base + q.choices.size() + q.rows.size();
            c.column_count = n(q.columns);
            c_questions_.push_back(c);
        }
        survey_ = {sizeof(sc_survey),   to_sc(uid_),
                   to_sc(alias_),       to_sc(lang_),
                   c_sections_.data(),  static_cast<std::uint32_t>(c_sections_.size()),
                   c_questions_.data(), static_cast<std::uint32_t>(c_questions_.size())};
        return survey_;
    }

private:
    struct SectionSpec {
        std::string key, uid, title;
        bool confidential;
    };
    std::vector<ItemSpec> items(std::uint32_t q, const char* prefix, const std::vector<std::string>& titles) {
        std::vector<ItemSpec> out;
        for (std::size_t i = 0; i < titles.size(); ++i)
            out.push_back({at(q).uid + "-" + prefix + std::to_string(i), "", titles[i]});
        return out;
    }

    std::string uid_ = "survey-uid", alias_ = "test-survey", lang_ = "EN";
    std::vector<SectionSpec> sections_;
    std::vector<QuestionSpec> questions_;
    std::vector<sc_section> c_sections_;
    std::vector<std::vector<sc_item>> c_items_;
    std::vector<std::vector<sc_role>> c_roles_;
    std::vector<sc_question> c_questions_;
    sc_survey survey_{};
};

// One contribution to a SurveyBuilder's questionnaire; values are grouped by question as the host does.
class ContributionBuilder {
public:
    explicit ContributionBuilder(SurveyBuilder& survey, std::string id = "contribution-1")
        : survey_(survey), id_(std::move(id)) {}
    // A text answer (free text, number, date, ...).
    ContributionBuilder& text(std::uint32_t q, std::string text) {
        return add(q, SC_NONE, SC_NONE, std::move(text));
    }
    // A chosen answer (choice, ranking item, target dataset).
    ContributionBuilder& choice(std::uint32_t q, std::uint32_t choice) { return add(q, SC_NONE, choice, ""); }
    // A table cell with its text (the export writes every cell, even empty ones).
    ContributionBuilder& cell(std::uint32_t q, std::uint32_t row, std::uint32_t column, std::string text) {
        return add(q, row, column, std::move(text));
    }
    // A ticked matrix cell.
    ContributionBuilder& row_choice(std::uint32_t q, std::uint32_t row, std::uint32_t column) {
        return add(q, row, column, "");
    }
    // A value for one row without a column (rating "3/5", complex-table text cell).
    ContributionBuilder& row_text(std::uint32_t q, std::uint32_t row, std::string text) {
        return add(q, row, SC_NONE, std::move(text));
    }
    // An answer whose aid names no option of the question (`row` SC_NONE but for a matrix or table row).
    ContributionBuilder& unknown_aid(std::uint32_t q, std::string aid, std::uint32_t row = SC_NONE) {
        add(q, row, SC_NONE, "");
        values_.back().aid = std::move(aid);
        return *this;
    }
    // A note about question `q`: a Delphi explanation or discussion text.
    ContributionBuilder& note(std::uint32_t q, std::string text) {
        notes_.push_back(
            {q, SC_NONE, SC_NONE, std::move(text), static_cast<std::uint32_t>(notes_.size() + 100), ""});
        return *this;
    }
    // Lay the values out as a host of ABI 1.0 does: shorter sc_value (no aid) and sc_contribution (no notes).
    ContributionBuilder& as_abi_1_0() {
        abi_1_0_ = true;
        return *this;
    }
    // An AnswerSet attribute.
    ContributionBuilder& attribute(std::string name, std::string value) {
        attributes_.emplace_back(std::move(name), std::move(value));
        return *this;
    }

    // The contribution as a host passes it; valid until the next call or the builder's end.
    const sc_contribution& abi() {
        std::size_t count = survey_.question_count();
        c_values_.clear();
        c_notes_.clear();
        first_.assign(count, 0);
        count_of_.assign(count, 0);
        shown_.assign(count, 1);
        for (std::uint32_t q = 0; q < count; ++q) {
            first_[q] = static_cast<std::uint32_t>(c_values_.size());
            for (const Entry& e : values_) {
                if (e.question != q) continue;
                c_values_.push_back(value_of(e));
                ++count_of_[q];
            }
            for (const Entry& e : notes_)
                if (e.question == q) c_notes_.push_back(value_of(e));
            const auto& triggers = survey_.at(q).triggers;
            if (!triggers.empty()) {
                shown_[q] = 0;
                for (const auto& [trigger, choice] : triggers)
                    for (const Entry& e : values_)
                        if (e.question == trigger && e.choice == choice) shown_[q] = 1;
            }
        }
        c_attributes_.clear();
        for (const auto& [name, value] : attributes_)
            c_attributes_.push_back({sizeof(sc_attribute), to_sc(name), to_sc(value)});
        contribution_ = {sizeof(sc_contribution),
                         to_sc(id_),
                         c_attributes_.data(),
                         static_cast<std::uint32_t>(c_attributes_.size()),
                         c_values_.data(),
                         static_cast<std::uint32_t>(c_values_.size()),
                         first_.data(),
                         count_of_.data(),
                         shown_.data(),
                         c_notes_.empty() ? nullptr : c_notes_.data(),
                         static_cast<std::uint32_t>(c_notes_.size())};
        if (abi_1_0_) {
            // Copy each value's ABI 1.0 part into an array whose stride is that part's size.
            const std::size_t size = offsetof(sc_value, aid);
            old_values_.assign((size * c_values_.size() + 7) / 8 + 1, 0);
            auto* bytes = reinterpret_cast<unsigned char*>(old_values_.data());
            for (std::size_t v = 0; v < c_values_.size(); ++v) {
                c_values_[v].struct_size = static_cast<std::uint32_t>(size);
                std::memcpy(bytes + v * size, &c_values_[v], size);
            }
            contribution_.values = reinterpret_cast<const sc_value*>(bytes);
            // notes and note_count stay set: they lie past struct_size, where a reader must not look.
            contribution_.struct_size = static_cast<std::uint32_t>(offsetof(sc_contribution, notes));
        }
        return contribution_;
    }

private:
    struct Entry {
        std::uint32_t question, row, choice;
        std::string text;
        std::uint32_t line;
        std::string aid;
    };
    // The aid the host writes for a resolved choice: the uid of the column (matrix, table) or choice.
    std::string aid_of(std::uint32_t q, std::uint32_t choice) const {
        if (choice == SC_NONE) return "";
        const QuestionSpec& spec = survey_.at(q);
        const auto& items = spec.columns.empty() ? spec.choices : spec.columns;
        return choice < items.size() ? items[choice].uid : "";
    }
    ContributionBuilder& add(std::uint32_t q, std::uint32_t row, std::uint32_t choice, std::string text) {
        values_.push_back({q, row, choice, std::move(text), static_cast<std::uint32_t>(values_.size() + 10),
                           aid_of(q, choice)});
        return *this;
    }
    static sc_value value_of(const Entry& e) {
        return {sizeof(sc_value), e.question, e.row, e.choice, to_sc(e.text), e.line, 1, to_sc(e.aid)};
    }

    SurveyBuilder& survey_;
    std::string id_;
    std::vector<Entry> values_;
    std::vector<std::pair<std::string, std::string>> attributes_;
    std::vector<Entry> notes_;
    std::vector<sc_value> c_values_, c_notes_;
    std::vector<std::uint64_t> old_values_;  // the values laid out as ABI 1.0, when asked for
    bool abi_1_0_ = false;
    std::vector<std::uint32_t> first_, count_of_;
    std::vector<std::uint8_t> shown_;
    std::vector<sc_attribute> c_attributes_;
    sc_contribution contribution_{};
};

}  // namespace surveycheck::testing
