// mandatory-fields: questions the profile requires are answered, and answers are more than a placeholder.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "surveycheck/plugin.hpp"
#include "surveycheck/rulekit/answers.hpp"

namespace {

using surveycheck::Contribution;
using surveycheck::Location;
using surveycheck::Message;
using surveycheck::Question;
using surveycheck::QuestionKind;
using surveycheck::Reporter;
using surveycheck::Requirement;
using surveycheck::Rule;
using surveycheck::RuleInfo;
using surveycheck::Severity;
using surveycheck::Survey;
using surveycheck::Translation;
using surveycheck::rulekit::is_answered;

// How a reader recognises the question: its title, else its profile key, else its uid.
std::string label(const Question& question) {
    std::string_view name = !question.title().empty() ? question.title()
                            : !question.key().empty() ? question.key()
                                                      : question.uid();
    return std::string(name);
}

// What "answering" means for this kind of question: the hint the three unanswered rules start from.
Message what_to_do(const Question& question) {
    switch (question.kind()) {
        case QuestionKind::table:
        case QuestionKind::complex_table:
            return Message{"table.hint", "Fill in at least one cell of the table."};
        case QuestionKind::matrix:
            return Message{"matrix.hint", "Choose an answer in every row of the matrix."};
        case QuestionKind::single_choice:
        case QuestionKind::target_dataset:
            return Message{"choice.hint", "Select one of the options."};
        case QuestionKind::multiple_choice:
            return Message{"choices.hint", "Select at least one of the options."};
        case QuestionKind::ranking:
            return Message{"ranking.hint", "Rank the items."};
        case QuestionKind::rating:
            return Message{"rating.hint", "Give at least one rating."};
        default:
            return Message{"text.hint", "Enter an answer."};
    }
}

// The rows of a partly answered matrix that have no answer, and all its rows; nothing otherwise.
std::optional<std::pair<std::size_t, std::size_t>> unanswered_rows(const Question& question,
                                                                   const Contribution& contribution) {
    if (question.kind() != QuestionKind::matrix || question.rows().empty()) return std::nullopt;
    std::vector<bool> chosen(question.rows().size(), false);
    for (auto value : contribution.values_of(question))
        if (surveycheck::rulekit::makes_choice(value) && value.row() < chosen.size())
            chosen[value.row()] = true;
    std::size_t missing = 0;
    for (bool row_chosen : chosen) missing += row_chosen ? 0 : 1;
    if (missing == chosen.size()) return std::nullopt;
    return std::make_pair(missing, chosen.size());
}

// The "unanswered" message of a rule, or its "unanswered-rows" one for a partly answered matrix.
Message unanswered(const Question& question, const Contribution& contribution, std::string_view text,
                   std::string_view rows_text) {
    const auto rows = unanswered_rows(question, contribution);
    if (!rows) return Message{"unanswered", text, {{"question", label(question)}}};
    return Message{"unanswered-rows",
                   rows_text,
                   {{"question", label(question)},
                    {"missing", std::to_string(rows->first)},
                    {"rows", std::to_string(rows->second)}}};
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
    static constexpr Translation translations[] = {
        {"fr", "title", "Question obligatoire sans réponse"},
        {"fr", "unanswered", "La question obligatoire « {question} » n'a pas reçu de réponse."},
        {"fr", "unanswered-rows",
         "La question obligatoire « {question} » n'a pas reçu de réponse (lignes sans réponse : {missing} "
         "sur {rows})."},
        {"fr", "table.hint", "Remplissez au moins une cellule du tableau."},
        {"fr", "matrix.hint", "Choisissez une réponse dans chaque ligne de la matrice."},
        {"fr", "choice.hint", "Sélectionnez l'une des options."},
        {"fr", "choices.hint", "Sélectionnez au moins une des options."},
        {"fr", "ranking.hint", "Classez les éléments."},
        {"fr", "rating.hint", "Donnez au moins une note."},
        {"fr", "text.hint", "Saisissez une réponse."}};
    static constexpr RuleInfo info{"missing",
                                   "Mandatory question unanswered",
                                   "A question the profile marks mandatory has no answer. A "
                                   "mandatory-when-shown question that no trigger "
                                   "choice controls in this export counts as mandatory.",
                                   Severity::error,
                                   "docs/rules/mandatory-fields.md#missing",
                                   {},
                                   translations};

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        for (Question question : survey.questions()) {
            if (!treated_as_mandatory(question) || is_answered(question, contribution)) continue;
            reporter.report(
                question,
                unanswered(question, contribution, "Mandatory question \"{question}\" is not answered.",
                           "Mandatory question \"{question}\" is not answered ({missing} of {rows} rows "
                           "have no answer)."),
                what_to_do(question));
        }
    }
};

class MissingWhenShown final : public Rule {
public:
    static constexpr Translation translations[] = {
        {"fr", "title", "Question sans réponse alors que son choix déclencheur a été fait"},
        {"fr", "unanswered",
         "La question « {question} » est affichée à la suite d'un choix précédent, mais n'a pas reçu de "
         "réponse."},
        {"fr", "unanswered-rows",
         "La question « {question} » est affichée à la suite d'un choix précédent, mais n'a pas reçu de "
         "réponse (lignes sans réponse : {missing} sur {rows})."},
        {"fr", "table.hint",
         "Remplissez au moins une cellule du tableau. Si le choix précédent était une erreur, modifiez-le "
         "plutôt."},
        {"fr", "matrix.hint",
         "Choisissez une réponse dans chaque ligne de la matrice. Si le choix précédent était une erreur, "
         "modifiez-le plutôt."},
        {"fr", "choice.hint",
         "Sélectionnez l'une des options. Si le choix précédent était une erreur, modifiez-le plutôt."},
        {"fr", "choices.hint",
         "Sélectionnez au moins une des options. Si le choix précédent était une erreur, modifiez-le "
         "plutôt."},
        {"fr", "ranking.hint",
         "Classez les éléments. Si le choix précédent était une erreur, modifiez-le plutôt."},
        {"fr", "rating.hint",
         "Donnez au moins une note. Si le choix précédent était une erreur, modifiez-le plutôt."},
        {"fr", "text.hint",
         "Saisissez une réponse. Si le choix précédent était une erreur, modifiez-le plutôt."}};
    static constexpr RuleInfo info{
        "missing-when-shown",
        "Question unanswered although its trigger was chosen",
        "A question the profile marks mandatory-when-shown is shown because its trigger choice was made, "
        "but it has no answer. Nothing is reported while the trigger is not chosen.",
        Severity::error,
        "docs/rules/mandatory-fields.md#missing-when-shown",
        {},
        translations};

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        for (Question question : survey.questions()) {
            if (question.requirement() != Requirement::mandatory_when_shown || !question.dependent())
                continue;
            if (!contribution.shown(question) || is_answered(question, contribution)) continue;
            const Message action = what_to_do(question);
            const std::string hint =
                action.english() + " If the earlier choice was a mistake, change it instead.";
            reporter.report(
                question,
                unanswered(question, contribution,
                           "Question \"{question}\" is shown by an earlier choice but not answered.",
                           "Question \"{question}\" is shown by an earlier choice but not answered "
                           "({missing} of {rows} rows have no answer)."),
                Message{action.id(), hint});
        }
    }
};

class Recommended final : public Rule {
public:
    static constexpr Translation translations[] = {
        {"fr", "title", "Question recommandée sans réponse"},
        {"fr", "unanswered", "La question recommandée « {question} » n'a pas reçu de réponse."},
        {"fr", "unanswered-rows",
         "La question recommandée « {question} » n'a pas reçu de réponse (lignes sans réponse : {missing} "
         "sur {rows})."},
        {"fr", "table.hint",
         "Remplissez au moins une cellule du tableau. Les évaluateurs attendent cette information."},
        {"fr", "matrix.hint",
         "Choisissez une réponse dans chaque ligne de la matrice. Les évaluateurs attendent cette "
         "information."},
        {"fr", "choice.hint", "Sélectionnez l'une des options. Les évaluateurs attendent cette information."},
        {"fr", "choices.hint",
         "Sélectionnez au moins une des options. Les évaluateurs attendent cette information."},
        {"fr", "ranking.hint", "Classez les éléments. Les évaluateurs attendent cette information."},
        {"fr", "rating.hint", "Donnez au moins une note. Les évaluateurs attendent cette information."},
        {"fr", "text.hint", "Saisissez une réponse. Les évaluateurs attendent cette information."}};
    static constexpr RuleInfo info{
        "recommended",
        "Recommended question unanswered",
        "A question the profile marks recommended has no answer (only checked while the question is shown).",
        Severity::warning,
        "docs/rules/mandatory-fields.md#recommended",
        {},
        translations};

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        for (Question question : survey.questions()) {
            if (question.requirement() != Requirement::recommended) continue;
            if (!contribution.shown(question) || is_answered(question, contribution)) continue;
            const Message action = what_to_do(question);
            const std::string hint = action.english() + " Reviewers expect this information.";
            reporter.report(
                question,
                unanswered(question, contribution, "Recommended question \"{question}\" is not answered.",
                           "Recommended question \"{question}\" is not answered ({missing} of {rows} "
                           "rows have no answer)."),
                Message{action.id(), hint});
        }
    }
};

class Placeholder final : public Rule {
public:
    static constexpr surveycheck::OptionSpec option_specs[] = {
        {"placeholders", surveycheck::OptionType::string, "",
         "extra words or phrases that count as a placeholder, comma-separated (e.g. \"pending,en "
         "attente\")"}};
    static constexpr Translation translations[] = {
        {"fr", "title", "La réponse n'est qu'un texte de remplissage"},
        {"fr", "placeholder", "La réponse à « {question} » n'est qu'un texte de remplissage."},
        {"fr", "placeholder.hint",
         "Donnez une véritable réponse, ou laissez la question vide si elle ne s'applique pas."}};
    static constexpr RuleInfo info{
        "placeholder",
        "Answer is only a placeholder",
        "An answer says nothing: only \".\", \"-\", \"n/a\", \"none\", \"tbd\", \"TBC\", \"xxx\", \"to be "
        "completed\", \"see above\", \"à compléter\", \"voir ci-dessus\", \"lorem ipsum\" and the like (any "
        "case), "
        "white space or empty HTML; the option adds words or phrases. A question already reported as "
        "unanswered "
        "is not reported again.",
        Severity::warning,
        "docs/rules/mandatory-fields.md#placeholder",
        option_specs,
        translations};

    explicit Placeholder(const surveycheck::Options& options)
        : extra_words_(surveycheck::rulekit::split_option_list(options.string("placeholders"))) {}

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        for (Question question : survey.questions()) {
            if (!surveycheck::rulekit::is_placeholder_answer(question, contribution, extra_words_)) continue;
            if (reported_as_unanswered(question, contribution)) continue;
            for (auto value : contribution.values_of(question)) {
                if (value.text().empty()) continue;
                reporter.report(
                    Location(value),
                    Message{"placeholder",
                            "The answer to \"{question}\" is only a placeholder.",
                            {{"question", label(question)}}},
                    Message{"placeholder.hint",
                            "Give a real answer, or leave the question empty if it does not apply."});
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
