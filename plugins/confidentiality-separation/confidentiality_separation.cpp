// confidentiality-separation: confidential answers, personal meta data and reused confidential text stay out
// of exports and reports meant for a public audience; contact data in public answers is pointed out.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "surveycheck/plugin.hpp"
#include "surveycheck/rulekit/answers.hpp"
#include "surveycheck/rulekit/personal_data.hpp"
#include "surveycheck/rulekit/text.hpp"
#include "text_reuse.hpp"

namespace {

using confidentiality::normalised_words;
using confidentiality::ShingleIndex;
using surveycheck::Contribution;
using surveycheck::Location;
using surveycheck::Message;
using surveycheck::OptionError;
using surveycheck::Options;
using surveycheck::OptionSpec;
using surveycheck::OptionType;
using surveycheck::Question;
using surveycheck::Reporter;
using surveycheck::Rule;
using surveycheck::RuleInfo;
using surveycheck::Severity;
using surveycheck::Survey;
using surveycheck::Translation;
using surveycheck::Value;

// Words a passage shares with a confidential answer before contact-data stops quoting the answer.
constexpr std::size_t excerpt_guard_words = 6;

bool public_audience(const Options& options) { return options.audience() == "public"; }

// The profile key of the question, else its uid: stable across exports of one form.
std::string_view identity(const Question& question) {
    return !question.key().empty() ? question.key() : question.uid();
}

// How a reader recognises the question: the placeholders {question} (its title) and {key} (identity()).
std::vector<surveycheck::Arg> question_args(const Question& question) {
    return {{"question", std::string(question.title())}, {"key", std::string(identity(question))}};
}

// True when any value of the question makes a choice (an unknown aid too) or holds non-blank text.
bool has_answer(const Question& question, const Contribution& contribution) {
    for (Value value : contribution.values_of(question)) {
        if (surveycheck::rulekit::makes_choice(value) || !surveycheck::rulekit::is_blank(value.text()))
            return true;
    }
    return false;
}

// Everything the contribution wrote about `question`: its values, then its notes (Delphi explanation and
// discussion texts, which rules that look for leaked text read like answers).
std::vector<Value> texts_of(const Question& question, const Contribution& contribution) {
    std::vector<Value> texts;
    for (Value value : contribution.values_of(question)) texts.push_back(value);
    for (Value note : contribution.notes_of(question)) texts.push_back(note);
    return texts;
}

// True when a note about the question holds non-blank text.
bool has_note_text(const Question& question, const Contribution& contribution) {
    for (Value note : contribution.notes_of(question))
        if (!surveycheck::rulekit::is_blank(note.text())) return true;
    return false;
}

// The text confidential questions' answers and notes hold, indexed in shingles of `words` words: source `s`
// of `shingles` is `questions[s]`.
struct ConfidentialSources {
    std::vector<Question> questions;
    ShingleIndex shingles;
};

// One source per confidential question whose answer or notes have at least `words` words.
ConfidentialSources confidential_sources(const Survey& survey, const Contribution& contribution,
                                         std::size_t words) {
    ConfidentialSources sources{{}, ShingleIndex(words)};
    for (Question question : survey.questions()) {
        if (!question.confidential()) continue;
        bool indexed = false;
        for (Value value : texts_of(question, contribution))
            if (!value.text().empty() &&
                sources.shingles.add(sources.questions.size(), normalised_words(value.text())))
                indexed = true;
        if (indexed) sources.questions.push_back(question);
    }
    return sources;
}

class ConfidentialAnswer final : public Rule {
public:
    static constexpr Translation translations[] = {
        {"fr", "title", "Réponse confidentielle dans un export destiné au public"},
        {"fr", "confidential-answer",
         "La question « {question} » ({key}) de la section confidentielle « {section} » a reçu une réponse ; "
         "un export destiné au public ne doit pas la contenir."},
        {"fr", "confidential-answer-untitled",
         "La question « {key} » de la section confidentielle « {section} » a reçu une réponse ; un export "
         "destiné au public ne doit pas la contenir."},
        {"fr", "confidential-answer.hint",
         "Publiez un export sans la section confidentielle, ou validez avec --audience internal pour un "
         "examen interne."}};
    static constexpr RuleInfo info{
        "confidential-answer",
        "Confidential answer in an export for a public audience",
        "With --audience public, a question of a section the profile marks confidential is answered, or has "
        "a Delphi explanation or discussion text. One finding per question; the answer is never quoted.",
        Severity::error,
        "docs/rules/confidentiality-separation.md#confidential-answer",
        {},
        translations};

    explicit ConfidentialAnswer(const Options& options) : public_(public_audience(options)) {}

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        if (!public_) return;
        for (Question question : survey.questions()) {
            if (!question.confidential()) continue;
            if (!has_answer(question, contribution) && !has_note_text(question, contribution)) continue;
            std::vector<surveycheck::Arg> args = question_args(question);
            args.push_back({"section", std::string(question.section() ? question.section()->title() : "")});
            const Message message =
                !question.title().empty()
                    ? Message{"confidential-answer",
                              "Question \"{question}\" ({key}) of the confidential section \"{section}\" is "
                              "answered; an export for a public audience must not carry it.",
                              args}
                    : Message{"confidential-answer-untitled",
                              "Question \"{key}\" of the confidential section \"{section}\" is answered; an "
                              "export for a public audience must not carry it.",
                              args};
            reporter.report(Location(question).without_excerpt(), message,
                            Message{"confidential-answer.hint",
                                    "Publish an export without the confidential section, or validate with "
                                    "--audience internal for an internal review."});
        }
    }

private:
    bool public_;
};

class PersonalMeta final : public Rule {
public:
    static constexpr Translation translations[] = {
        {"fr", "title", "Données à caractère personnel dans les métadonnées de la contribution"},
        {"fr", "user-email",
         "L'attribut de métadonnées `user` de la contribution contient une adresse électronique (donnée à "
         "caractère personnel) ; un export destiné au public ne doit pas la contenir."},
        {"fr", "userlogin-name",
         "L'attribut de métadonnées `userlogin` de la contribution contient un nom d'utilisateur EU Login "
         "(donnée à caractère personnel) ; un export destiné au public ne doit pas le contenir."},
        {"fr", "invitation-token",
         "L'attribut de métadonnées `invitation` de la contribution contient un jeton d'invitation (donnée à "
         "caractère personnel) ; un export destiné au public ne doit pas le contenir."},
        {"fr", "personal-meta.hint",
         "Exportez les résultats sans les colonnes de l'utilisateur et de l'invitation, ou à partir d'une "
         "enquête anonyme."}};
    static constexpr RuleInfo info{
        "personal-meta",
        "Personal data in the contribution's meta data",
        "With --audience public, the AnswerSet carries personal data: an e-mail address in `user`, an EU "
        "Login name in `userlogin`, or an invitation token in `invitation` (\"Anonymous\" is not personal "
        "data). One finding per attribute; the value is never quoted.",
        Severity::error,
        "docs/rules/confidentiality-separation.md#personal-meta",
        {},
        translations};

    explicit PersonalMeta(const Options& options) : public_(public_audience(options)) {}

    void check(const Survey&, const Contribution& contribution, Reporter& reporter) const override {
        if (!public_) return;
        const std::string_view user = contribution.attribute("user");
        if (surveycheck::rulekit::contains_email(user))
            report(reporter, "user",
                   Message{
                       "user-email",
                       "The contribution's meta attribute `user` holds an e-mail address (personal data); an "
                       "export for a public audience must not carry it."});
        if (is_personal(contribution.attribute("userlogin")))
            report(
                reporter, "userlogin",
                Message{"userlogin-name",
                        "The contribution's meta attribute `userlogin` holds an EU Login user name (personal "
                        "data); an export for a public audience must not carry it."});
        if (is_personal(contribution.attribute("invitation")))
            report(
                reporter, "invitation",
                Message{"invitation-token",
                        "The contribution's meta attribute `invitation` holds an invitation token (personal "
                        "data); an export for a public audience must not carry it."});
    }

private:
    // Non-blank and not EUSurvey's "Anonymous".
    static bool is_personal(std::string_view value) {
        const std::string text = surveycheck::rulekit::collapse_whitespace(value);
        return !text.empty() && surveycheck::rulekit::to_lower_ascii(text) != "anonymous";
    }

    static void report(Reporter& reporter, const char* attribute, const Message& message) {
        reporter.report(Location::whole_contribution().without_excerpt(), message,
                        Message{"personal-meta.hint",
                                "Export the results without the user and invitation columns, or from an "
                                "anonymous survey."},
                        attribute);
    }

    bool public_;
};

class ReusedText final : public Rule {
public:
    static constexpr OptionSpec option_specs[] = {{"min-words", OptionType::integer, "12",
                                                   "consecutive words (after normalising case, punctuation "
                                                   "and white space) that make a reused passage"}};
    static constexpr Translation translations[] = {
        {"fr", "title", "Texte confidentiel repris dans une réponse publique"},
        {"fr", "reused",
         "Cette réponse publique reprend un passage de {words} mots de la réponse à la question "
         "confidentielle « {question} » ({key}) ; le passage n'est pas cité ici."},
        {"fr", "reused-untitled",
         "Cette réponse publique reprend un passage de {words} mots de la réponse à la question "
         "confidentielle « {key} » ; le passage n'est pas cité ici."},
        {"fr", "reused-quoted",
         "Cette réponse publique reprend un passage de {words} mots de la réponse à la question "
         "confidentielle « {question} » ({key}) : « {passage} »."},
        {"fr", "reused-quoted-untitled",
         "Cette réponse publique reprend un passage de {words} mots de la réponse à la question "
         "confidentielle « {key} » : « {passage} »."},
        {"fr", "reused.hint",
         "Reformulez la réponse publique sans le contenu confidentiel, ou conservez ce contenu uniquement "
         "dans la section confidentielle."}};
    static constexpr RuleInfo info{
        "reused-text",
        "Confidential text reused in a public answer",
        "A public answer repeats a passage of at least min-words consecutive words of a confidential answer "
        "of the same contribution (Delphi explanation and discussion texts count as answers of their "
        "question). Warning for an internal audience, error for a public one. The finding "
        "names the confidential question; it quotes the passage for an internal audience only.",
        Severity::warning,
        "docs/rules/confidentiality-separation.md#reused-text",
        option_specs,
        translations};

    explicit ReusedText(const Options& options)
        : min_words_(options.integer("min-words")), public_(public_audience(options)) {
        if (min_words_ < 1)
            throw OptionError("option \"min-words\": " + std::to_string(min_words_) + " is not at least 1");
    }

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        const auto words = static_cast<std::size_t>(min_words_);
        const ConfidentialSources sources = confidential_sources(survey, contribution, words);
        if (sources.questions.empty()) return;
        for (Question question : survey.questions()) {
            if (!question.confidential()) check_question(question, sources, contribution, reporter);
        }
    }

private:
    // Where an answer to a public question first repeats a source, and its longest repeated passage.
    struct Reuse {
        std::optional<Value> first;
        std::size_t longest = 0;
        std::string passage;  // the longest, as the public answer has it
    };

    // The message for a public audience: which question, how many words, never the passage.
    static Message unquoted(const Question& source, std::vector<surveycheck::Arg> args) {
        if (source.title().empty())
            return Message{"reused-untitled",
                           "This public answer repeats a passage of {words} words from the answer to "
                           "confidential question \"{key}\"; the passage is not quoted here.",
                           std::move(args)};
        return Message{"reused",
                       "This public answer repeats a passage of {words} words from the answer to "
                       "confidential question \"{question}\" ({key}); the passage is not quoted here.",
                       std::move(args)};
    }

    // The message for an internal reviewer, who may read the confidential part: the passage is quoted (its
    // middle left out when long), so that it need not be hunted for.
    static Message quoted(const Question& source, std::vector<surveycheck::Arg> args,
                          std::string_view passage) {
        args.push_back({"passage", shortened(surveycheck::rulekit::collapse_whitespace(passage))});
        if (source.title().empty())
            return Message{"reused-quoted-untitled",
                           "This public answer repeats a passage of {words} words from the answer to "
                           "confidential question \"{key}\": \"{passage}\".",
                           std::move(args)};
        return Message{"reused-quoted",
                       "This public answer repeats a passage of {words} words from the answer to "
                       "confidential question \"{question}\" ({key}): \"{passage}\".",
                       std::move(args)};
    }

    // `text` with its middle replaced by " … " when it is over 400 bytes, cut between characters.
    static std::string shortened(const std::string& text) {
        constexpr std::size_t head = 240;
        constexpr std::size_t tail = 120;
        if (text.size() <= 400) return text;
        const auto starts_a_char = [&](std::size_t i) {
            return (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
        };
        std::size_t head_end = head;
        while (head_end > 0 && !starts_a_char(head_end)) --head_end;
        std::size_t tail_begin = text.size() - tail;
        while (tail_begin < text.size() && !starts_a_char(tail_begin)) ++tail_begin;
        return text.substr(0, head_end) + " \u2026 " + text.substr(tail_begin);
    }

    // One finding per source whose text an answer to public `question` (or a note about it) repeats, at the
    // first value or note that does.
    void check_question(const Question& question, const ConfidentialSources& sources,
                        const Contribution& contribution, Reporter& reporter) const {
        std::vector<Reuse> reuses(sources.questions.size());
        for (Value value : texts_of(question, contribution)) {
            if (value.text().empty()) continue;
            std::vector<confidentiality::ReusedPassage> passages =
                sources.shingles.longest_reused_passages(value.text());
            for (std::size_t s = 0; s < reuses.size(); ++s) {
                if (passages[s].words == 0) continue;
                if (!reuses[s].first) reuses[s].first = value;
                if (passages[s].words > reuses[s].longest) {
                    reuses[s].longest = passages[s].words;
                    reuses[s].passage = std::move(passages[s].text);
                }
            }
        }
        for (std::size_t s = 0; s < reuses.size(); ++s) {
            if (!reuses[s].first) continue;
            const Question& source = sources.questions[s];
            std::vector<surveycheck::Arg> args = question_args(source);
            args.push_back({"words", std::to_string(reuses[s].longest)});
            const Message message = public_ ? unquoted(source, std::move(args))
                                            : quoted(source, std::move(args), reuses[s].passage);
            reporter.report(
                public_ ? Severity::error : Severity::warning, Location(*reuses[s].first).without_excerpt(),
                message,
                Message{"reused.hint",
                        "Rephrase the public answer without the confidential content, or keep that "
                        "content in the confidential section only."},
                identity(source));
        }
    }

    long long min_words_;
    bool public_;
};

class ContactData final : public Rule {
public:
    static constexpr Translation translations[] = {
        {"fr", "title", "Adresse électronique ou numéro de téléphone dans une réponse publique"},
        {"fr", "email",
         "Cette réponse publique contient une adresse électronique ; les coordonnées personnelles ne doivent "
         "pas être publiées."},
        {"fr", "emails",
         "Cette réponse publique contient {count} adresses électroniques ; les coordonnées personnelles ne "
         "doivent pas être publiées."},
        {"fr", "phone",
         "Cette réponse publique contient un numéro de téléphone ; les coordonnées personnelles ne doivent "
         "pas être publiées."},
        {"fr", "phones",
         "Cette réponse publique contient {count} numéros de téléphone ; les coordonnées personnelles ne "
         "doivent pas être publiées."},
        {"fr", "contact-data.hint",
         "Remplacez les coordonnées personnelles par une boîte aux lettres fonctionnelle ou la page web du "
         "partenariat, ou supprimez-les."}};
    static constexpr RuleInfo info{
        "contact-data",
        "E-mail address or phone number in a public answer",
        "A public answer (every cell of a table) or a Delphi explanation or discussion of a public question "
        "holds an e-mail address or a phone number. Dates, years, year ranges, NUTS codes and amounts are "
        "not "
        "taken for phone numbers.",
        Severity::warning,
        "docs/rules/confidentiality-separation.md#contact-data",
        {},
        translations};

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        std::optional<ConfidentialSources> sources;
        for (Question question : survey.questions()) {
            if (question.confidential()) continue;
            std::uint32_t notes_seen = 0;
            for (Value value : texts_of(question, contribution)) {
                // A note's findings are told apart from the answer's, and from each other, by its rank.
                const std::string note = value.is_note() ? ":n" + std::to_string(notes_seen++) : "";
                if (value.text().empty()) continue;
                const auto emails = surveycheck::rulekit::find_emails(value.text());
                const auto phones = surveycheck::rulekit::find_phone_numbers(value.text());
                if (emails.empty() && phones.empty()) continue;
                if (!sources) sources = confidential_sources(survey, contribution, excerpt_guard_words);
                const bool quote = !shares_confidential_text(value, *sources);
                report(
                    reporter, value, emails, "email" + note,
                    {"email",
                     "This public answer contains an e-mail address; personal contact data should not be "
                     "published."},
                    {"emails",
                     "This public answer contains {count} e-mail addresses; personal contact data should not "
                     "be published."},
                    quote);
                report(
                    reporter, value, phones, "phone" + note,
                    {"phone",
                     "This public answer contains a phone number; personal contact data should not be "
                     "published."},
                    {"phones",
                     "This public answer contains {count} phone numbers; personal contact data should not be "
                     "published."},
                    quote);
            }
        }
    }

private:
    // True when the answer shares a passage with a confidential answer, so it must not be quoted.
    static bool shares_confidential_text(const Value& value, const ConfidentialSources& sources) {
        return !sources.questions.empty() && sources.shingles.shares_a_passage(value.text());
    }

    // A message's id and English text, for one or several things found.
    struct Wording {
        const char* id;
        const char* text;
    };

    static void report(Reporter& reporter, const Value& value,
                       const std::vector<surveycheck::rulekit::TextSpan>& found, const std::string& kind,
                       const Wording& one, const Wording& many, bool quote) {
        if (found.empty()) return;
        std::string discriminator = kind;
        if (value.row() != surveycheck::none) discriminator += ":r" + std::to_string(value.row());
        if (value.choice() != surveycheck::none) discriminator += ":c" + std::to_string(value.choice());
        const Location at(value, found.front().offset);
        const Wording& wording = found.size() == 1 ? one : many;
        reporter.report(
            quote ? at : at.without_excerpt(),
            Message{wording.id, wording.text, {{"count", std::to_string(found.size())}}},
            Message{"contact-data.hint",
                    "Replace personal contact details with a functional mailbox or the partnership's "
                    "web page, or remove them."},
            discriminator);
    }
};

}  // namespace

SURVEYCHECK_PLUGIN("confidentiality-separation", "1.0.0",
                   "Confidential answers, personal data and reused confidential text stay out of public "
                   "exports and reports",
                   ConfidentialAnswer, PersonalMeta, ReusedText, ContactData);
