#include "eusurvey/structure.hpp"

#include <algorithm>
#include <string>
#include <string_view>

#include "surveycheck/rulekit/text.hpp"

namespace surveycheck::eusurvey {

namespace {

// The kind a `Question` element's @type names; `other` for number, date, upload, formula, unknown types.
QuestionKind kind_of_question_type(std::string_view type) {
    struct TypeKind {
        std::string_view type;
        QuestionKind kind;
    };
    static constexpr TypeKind known[] = {
        {"Free Text", QuestionKind::free_text},
        {"Single Choice", QuestionKind::single_choice},
        {"Multiple Choice", QuestionKind::multiple_choice},
        {"Rating", QuestionKind::rating},
        {"Ranking", QuestionKind::ranking},
    };
    for (const auto& entry : known) {
        if (rulekit::equals_ignoring_ascii_case(type, entry.type)) {
            return entry.kind;
        }
    }
    return QuestionKind::other;
}

bool is_head(ElementKind kind) {
    return kind == ElementKind::question || kind == ElementKind::matrix || kind == ElementKind::table ||
           kind == ElementKind::complex_table;
}

// The head element kind a part belongs to, `unknown` when the element is not a part.
ElementKind head_kind_of(ElementKind part) {
    switch (part) {
        case ElementKind::choice:
        case ElementKind::rating_item:
        case ElementKind::ranking_item:
        case ElementKind::target_dataset:
            return ElementKind::question;
        case ElementKind::matrix_row:
        case ElementKind::matrix_column:
        case ElementKind::matrix_cell:
            return ElementKind::matrix;
        case ElementKind::table_row:
        case ElementKind::table_column:
            return ElementKind::table;
        case ElementKind::cell:
            return ElementKind::complex_table;
        default:
            return ElementKind::unknown;
    }
}

std::vector<std::size_t>* part_list(ExportQuestion& question, ElementKind part) {
    switch (part) {
        case ElementKind::choice:
        case ElementKind::ranking_item:
        case ElementKind::target_dataset:
            return &question.choices;
        case ElementKind::rating_item:
        case ElementKind::matrix_row:
        case ElementKind::table_row:
        case ElementKind::cell:
            return &question.rows;
        case ElementKind::matrix_column:
        case ElementKind::table_column:
            return &question.columns;
        default:
            return nullptr;  // matrix cells only carry dependencies
    }
}

QuestionKind initial_kind(const Element& head) {
    switch (head.kind) {
        case ElementKind::matrix:
            return QuestionKind::matrix;
        case ElementKind::table:
            return QuestionKind::table;
        case ElementKind::complex_table:
            return QuestionKind::complex_table;
        default:
            return kind_of_question_type(head.type);
    }
}

// The kind of a `Question`, settled once its parts are known.
QuestionKind final_kind(const ExportQuestion& question, const std::vector<Element>& elements) {
    const Element& head = elements[question.element];
    if (head.kind != ElementKind::question) {
        return question.kind;
    }
    auto has_part = [&](ElementKind kind) {
        const auto& parts = kind == ElementKind::rating_item ? question.rows : question.choices;
        return std::any_of(parts.begin(), parts.end(),
                           [&](std::size_t i) { return elements[i].kind == kind; });
    };
    // A self-assessment question is a single choice over datasets, whatever its @type says.
    if (has_part(ElementKind::target_dataset)) {
        return QuestionKind::target_dataset;
    }
    if (!head.type.empty()) {
        return question.kind;
    }
    // Without @type the kind is inferred from the parts. Possible answers alone cannot tell a single from a
    // multiple choice (only @type does), so such a question is taken as single choice; likewise number,
    // date and upload questions without @type cannot be told from free text.
    if (has_part(ElementKind::choice)) {
        return QuestionKind::single_choice;
    }
    if (has_part(ElementKind::rating_item)) {
        return QuestionKind::rating;
    }
    if (has_part(ElementKind::ranking_item)) {
        return QuestionKind::ranking;
    }
    return QuestionKind::free_text;
}

}  // namespace

void derive_structure(Questionnaire& questionnaire) {
    auto& elements = questionnaire.elements;
    auto& questions = questionnaire.questions;
    std::size_t current_section = npos;
    std::size_t current_question = npos;  // the question whose parts may follow

    for (std::size_t i = 0; i < elements.size(); ++i) {
        Element& element = elements[i];
        if (!element.uid.empty()) {
            questionnaire.element_by_uid.emplace(element.uid, i);
        }
        if (element.kind == ElementKind::section) {
            questionnaire.sections.push_back(i);
            current_section = questionnaire.sections.size() - 1;
            current_question = npos;
            continue;
        }
        if (element.kind == ElementKind::text || element.kind == ElementKind::image) {
            current_question = npos;
            continue;
        }
        if (is_head(element.kind)) {
            ExportQuestion question;
            question.element = i;
            question.section = current_section;
            question.kind = initial_kind(element);
            questions.push_back(std::move(question));
            current_question = questions.size() - 1;
            continue;
        }
        // A choice inside a complex-table Cell belongs to the Cell's table.
        std::size_t owner_question = current_question;
        if (element.parent != npos) {
            const std::size_t cell_owner = elements[element.parent].owner;
            owner_question = npos;
            if (cell_owner != npos && current_question != npos &&
                questions[current_question].element == cell_owner) {
                owner_question = current_question;
            }
        } else if (current_question != npos &&
                   elements[questions[current_question].element].kind != head_kind_of(element.kind)) {
            owner_question =
                npos;  // a part in the wrong place stays an orphan rather than being misattributed
        }
        if (owner_question == npos || element.kind == ElementKind::unknown) {
            continue;
        }
        ExportQuestion& question = questions[owner_question];
        element.owner = question.element;
        if (auto* list = part_list(question, element.kind)) {
            list->push_back(i);
        }
    }

    for (std::size_t q = 0; q < questions.size(); ++q) {
        ExportQuestion& question = questions[q];
        question.kind = final_kind(question, elements);
        auto map_uid = [&](std::size_t index) {
            if (!elements[index].uid.empty()) {
                questionnaire.question_by_element.emplace(elements[index].uid, q);
            }
        };
        map_uid(question.element);
        for (const auto* list : {&question.choices, &question.rows, &question.columns}) {
            std::for_each(list->begin(), list->end(), map_uid);
        }
    }

    for (std::size_t i = 0; i < elements.size(); ++i) {
        for (const auto& dependent : elements[i].dependents) {
            const auto found = questionnaire.question_by_element.find(dependent);
            if (found == questionnaire.question_by_element.end()) {
                continue;  // a Text, Section or unknown uid: nothing to answer
            }
            auto& triggers = questions[found->second].triggers;
            if (std::find(triggers.begin(), triggers.end(), i) == triggers.end()) {
                triggers.push_back(i);
            }
        }
    }
}

}  // namespace surveycheck::eusurvey
