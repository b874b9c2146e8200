#include "surveycheck/rulekit/answers.hpp"

#include "surveycheck/rulekit/countries.hpp"
#include "surveycheck/rulekit/text.hpp"

namespace surveycheck::rulekit {

namespace {

bool has_text(const Value& value) { return !is_blank(value.text()); }

bool any_text(const Question& question, const Contribution& contribution) {
    for (Value value : contribution.values_of(question))
        if (has_text(value)) return true;
    return false;
}

bool any_choice_or_text(const Question& question, const Contribution& contribution) {
    for (Value value : contribution.values_of(question))
        if (makes_choice(value) || has_text(value)) return true;
    return false;
}

bool every_row_chosen(const Question& question, const Contribution& contribution) {
    auto values = contribution.values_of(question);
    if (question.rows().empty()) return any_choice_or_text(question, contribution);
    std::vector<bool> chosen(question.rows().size(), false);
    for (Value value : values)
        if (makes_choice(value) && value.row() < chosen.size()) chosen[value.row()] = true;
    for (bool row_chosen : chosen)
        if (!row_chosen) return false;
    return true;
}

}  // namespace

bool makes_choice(const Value& value) { return value.choice() != none || !value.aid().empty(); }

bool is_answered(const Question& question, const Contribution& contribution) {
    switch (question.kind()) {
        case QuestionKind::free_text:
        case QuestionKind::other:
        case QuestionKind::table:
            return any_text(question, contribution);
        case QuestionKind::matrix:
            return every_row_chosen(question, contribution);
        case QuestionKind::single_choice:
        case QuestionKind::multiple_choice:
        case QuestionKind::ranking:
        case QuestionKind::target_dataset:
        case QuestionKind::rating:
        case QuestionKind::complex_table:
            return any_choice_or_text(question, contribution);
    }
    // A kind added by a newer host: anything chosen or written counts.
    return any_choice_or_text(question, contribution);
}

bool is_placeholder_text(std::string_view text, const std::vector<std::string>& extra_words) {
    if (is_placeholder(text)) return true;
    if (extra_words.empty()) return false;
    const std::string folded = fold_for_matching(html_to_text(text));
    for (const std::string& word : extra_words) {
        const std::string folded_word = fold_for_matching(word);
        if (!folded_word.empty() && folded == folded_word) return true;
    }
    return false;
}

std::vector<std::string> split_option_list(std::string_view list) {
    std::vector<std::string> items;
    while (!list.empty()) {
        const std::size_t comma = list.find(',');
        const std::string item = collapse_whitespace(list.substr(0, comma));
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
        if (!item.empty()) items.push_back(item);
    }
    return items;
}

bool is_placeholder_answer(const Question& question, const Contribution& contribution,
                           const std::vector<std::string>& extra_words) {
    switch (question.kind()) {
        case QuestionKind::free_text:
        case QuestionKind::other:
        case QuestionKind::table:
        case QuestionKind::complex_table:
            break;
        default:
            return false;
    }
    bool any = false;
    for (Value value : contribution.values_of(question)) {
        if (question.kind() == QuestionKind::complex_table && makes_choice(value)) return false;
        if (value.text().empty()) continue;
        if (!is_placeholder_text(value.text(), extra_words)) return false;
        any = true;
    }
    return any;
}

}  // namespace surveycheck::rulekit
