// {{name}}: a surveycheck rule plugin. Add a rule: write a class like ShortAnswer and list it in
// SURVEYCHECK_PLUGIN at the end of this file.
#include <surveycheck/plugin.hpp>

#include <cctype>
#include <string>
#include <string_view>

namespace {

using surveycheck::Contribution;
using surveycheck::Question;
using surveycheck::QuestionKind;
using surveycheck::Reporter;
using surveycheck::Survey;

// Number of words in `text`: runs of characters between white space.
long long count_words(std::string_view text) {
    long long words = 0;
    bool in_word = false;
    for (char c : text) {
        const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return words;
}

// A free-text answer with fewer than `min-words` words (an empty answer is another rule's business).
class ShortAnswer final : public surveycheck::Rule {
public:
    static constexpr surveycheck::OptionSpec option_specs[] = {
        {"min-words", surveycheck::OptionType::integer, "3", "fewest words a free-text answer should have"}};
    // The messages in English ("en", the catalogue) and in other languages, by message id ("title" for the
    // title). The host checks each translation against the English text when it loads the plugin (same
    // placeholders, a key the catalogue has), and shows it with `validate --lang fr`.
    static constexpr surveycheck::Translation translations[] = {
        {"en", "too-short",
         "The answer to \"{question}\" has {words} word(s); at least {min_words} are expected."},
        {"en", "too-short.hint", "Answer in a full sentence."},
        {"fr", "title", "Réponse libre trop courte"},
        {"fr", "too-short",
         "La réponse à « {question} » compte {words} mot(s) ; au moins {min_words} sont attendus."},
        {"fr", "too-short.hint", "Répondez par une phrase complète."}};
    static constexpr surveycheck::RuleInfo info{
        "short-answer",
        "Free-text answer too short",
        "A free-text answer has fewer words than the option min-words asks for.",
        surveycheck::Severity::warning,
        "",  // the https:// address of the rule's documentation, once it is published (none: no link)
        option_specs,
        translations};

    explicit ShortAnswer(const surveycheck::Options& options) : min_words_(options.integer("min-words")) {}

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        for (Question question : survey.questions()) {
            if (question.kind() != QuestionKind::free_text) continue;
            for (auto value : contribution.values_of(question)) {
                const long long words = count_words(value.text());
                if (words == 0 || words >= min_words_) continue;
                // A message has a stable id, its English text (from the catalogue) and the value of each
                // {placeholder}.
                reporter.report(value,
                                surveycheck::Message{translations,
                                                     "too-short",
                                                     {{"question", std::string(question.title())},
                                                      {"words", std::to_string(words)},
                                                      {"min_words", std::to_string(min_words_)}}},
                                surveycheck::Message{translations, "too-short.hint"});
            }
        }
    }

private:
    long long min_words_;
};

}  // namespace

SURVEYCHECK_PLUGIN("{{name}}", PLUGIN_VERSION, "Free-text answers say enough", ShortAnswer);
