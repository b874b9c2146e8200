// mandatory-fields: questions the profile requires are answered, and answers are more than a placeholder.
#include <string>
#include <string_view>
#include <vector>

#include "surveycheck/plugin.hpp"
#include "surveycheck/rulekit/answers.hpp"

namespace {

using surveycheck::Contribution;
using surveycheck::Location;
using surveycheck::Question;
using surveycheck::QuestionKind;
using surveycheck::Reporter;
using surveycheck::Requirement;
using surveycheck::Rule;
using surveycheck::RuleInfo;
using surveycheck::Severity;
using surveycheck::Survey;
using surveycheck::rulekit::is_answered;

// How a reader recognises the question: its title, else its profile key, else its uid.
std::string label(const Question& question) {
    std::string_view name = !question.title().empty() ? question.title()
                            : !question.key().empty() ? question.key()
                                                      : question.uid();
    return "\"" + std::string(name) + "\"";
}

// What "answering" means for this kind of question.
std::string what_to_do(const Question& question) {
    switch (question.kind()) {
        case QuestionKind::table:
            return "Fill in at least one cell of the table.";
        case QuestionKind::matrix:
            return "Choose an answer in every row of the matrix.";
        case QuestionKind::single_choice:
        case QuestionKind::target_dataset:
            return "Select one of the options.";
        case QuestionKind::multiple_choice:
            return "Select at least one of the options.";
        case QuestionKind::ranking:
            return "Rank the items.";
        case QuestionKind::rating:
            return "Give at least one rating.";
        case QuestionKind::complex_table:
            return "Fill in at least one cell of the table.";
        default:
            return "Enter an answer.";
    }
}

// " (2 of 5 rows have no answer)" for a partly answered matrix, empty otherwise.
std::string unanswered_rows(const Question& question, const Contribution& contribution) {
    if (question.kind() != QuestionKind::matrix || question.rows().empty()) return {};
    std::vector<bool> chosen(question.rows().size(), false);
    for (auto value : contribution.values_of(question))
        if (value.choice() != surveycheck::none && value.row() < chosen.size()) chosen[value.row()] = true;
    std::size_t missing = 0;
    for (bool row_chosen : chosen) missing += row_chosen ? 0 : 1;
    if (missing == chosen.size()) return {};
    return " (" + std::to_string(missing) + " of " + std::to_string(chosen.size()) + " rows have no answer)";
}

// Mandatory questions, and mandatory-when-shown ones that no trigger hides in this export.
bool treated_as_mandatory(const Question& question) {
    return question.requirement() == Requirement::mandatory ||
           (question.requirement() == Requirement::mandatory_when_shown && !question.dependent());
}

// True when one of missing, missing-when-shown or recommended reports the question.
bool reported_as_unanswered(const Question& question, const Contribution& contribution) {
    bool required_now =
        treated_as_mandatory(question) || ((question.requirement() == Requirement::mandatory_when_shown ||
                                            question.requirement() == Requirement::recommended) &&
                                           contribution.shown(question));
    return required_now && !is_answered(question, contribution);
}

class Missing final : public Rule {
public:
    static constexpr RuleInfo info{"missing", "Mandatory question unanswered",
                                   "A question the profile marks mandatory has no answer. A "
                                   "mandatory-when-shown question that no trigger "
                                   "choice controls in this export counts as mandatory.",
                                   Severity::error, "docs/rules/mandatory-fields.md#missing"};

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        for (Question question : survey.questions()) {
            if (!treated_as_mandatory(question) || is_answered(question, contribution)) continue;
            reporter.report(question,
                            "Mandatory question " + label(question) + " is not answered" +
                                unanswered_rows(question, contribution) + ".",
                            what_to_do(question));
        }
    }
};

class MissingWhenShown final : public Rule {
public:
    static constexpr RuleInfo info{
        "missing-when-shown", "Question unanswered although its trigger was chosen",
        "A question the profile marks mandatory-when-shown is shown because its trigger choice was made, "
        "but it has no answer. Nothing is reported while the trigger is not chosen.",
        Severity::error, "docs/rules/mandatory-fields.md#missing-when-shown"};

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        for (Question question : survey.questions()) {
            if (question.requirement() != Requirement::mandatory_when_shown || !question.dependent())
                continue;
            if (!contribution.shown(question) || is_answered(question, contribution)) continue;
            reporter.report(
                question,
                "Question " + label(question) + " is shown by an earlier choice but not answered" +
                    unanswered_rows(question, contribution) + ".",
                what_to_do(question) + " If the earlier choice was a mistake, change it instead.");
        }
    }
};

class Recommended final : public Rule {
public:
    static constexpr RuleInfo info{
        "recommended", "Recommended question unanswered",
        "A question the profile marks recommended has no answer (only checked while the question is shown).",
        Severity::warning, "docs/rules/mandatory-fields.md#recommended"};

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        for (Question question : survey.questions()) {
            if (question.requirement() != Requirement::recommended) continue;
            if (!contribution.shown(question) || is_answered(question, contribution)) continue;
            reporter.report(question,
                            "Recommended question " + label(question) + " is not answered" +
                                unanswered_rows(question, contribution) + ".",
                            what_to_do(question) + " Reviewers expect this information.");
        }
    }
};

// Comma-separated words, trimmed, empty ones dropped.
std::vector<std::string> split_words(std::string_view list) {
    std::vector<std::string> words;
    while (!list.empty()) {
        std::size_t comma = list.find(',');
        std::string_view word = list.substr(0, comma);
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
        while (!word.empty() && (word.front() == ' ' || word.front() == '\t')) word.remove_prefix(1);
        while (!word.empty() && (word.back() == ' ' || word.back() == '\t')) word.remove_suffix(1);
        if (!word.empty()) words.emplace_back(word);
    }
    return words;
}

class Placeholder final : public Rule {
public:
    static constexpr surveycheck::OptionSpec option_specs[] = {
        {"placeholders", surveycheck::OptionType::string, "",
         "extra words that count as a placeholder, comma-separated (e.g. \"to follow,pending\")"}};
    static constexpr RuleInfo info{
        "placeholder",
        "Answer is only a placeholder",
        "An answer says nothing: only \".\", \"-\", \"n/a\", \"none\", \"tbd\", \"xxx\" (any case), white "
        "space "
        "or empty HTML. A question already reported as unanswered is not reported again.",
        Severity::warning,
        "docs/rules/mandatory-fields.md#placeholder",
        option_specs};

    explicit Placeholder(const surveycheck::Options& options)
        : extra_words_(split_words(options.string("placeholders"))) {}

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        for (Question question : survey.questions()) {
            if (!surveycheck::rulekit::is_placeholder_answer(question, contribution, extra_words_)) continue;
            if (reported_as_unanswered(question, contribution)) continue;
            for (auto value : contribution.values_of(question)) {
                if (value.text().empty()) continue;
                reporter.report(Location(value),
                                "The answer to " + label(question) + " is only a placeholder.",
                                "Give a real answer, or leave the question empty if it does not apply.");
                break;
            }
        }
    }

private:
    std::vector<std::string> extra_words_;
};

}  // namespace

SURVEYCHECK_PLUGIN("mandatory-fields", "1.0.0",
                   "Questions the profile requires are answered, and answers are more than a placeholder",
                   Missing, MissingWhenShown, Recommended, Placeholder);
