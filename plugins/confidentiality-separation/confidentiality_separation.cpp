// confidentiality-separation: confidential answers, personal meta data and reused confidential text stay out
// of exports and reports meant for a public audience; contact data in public answers is pointed out.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "surveycheck/plugin.hpp"
#include "surveycheck/rulekit/personal_data.hpp"
#include "surveycheck/rulekit/text.hpp"
#include "text_reuse.hpp"

namespace {

using confidentiality::normalised_words;
using confidentiality::ShingleIndex;
using surveycheck::Contribution;
using surveycheck::Location;
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
using surveycheck::Value;

// Words a passage shares with a confidential answer before contact-data stops quoting the answer.
constexpr std::size_t excerpt_guard_words = 6;

bool public_audience(const Options& options) { return options.audience() == "public"; }

// How a reader recognises the question: "title" (key), falling back to the uid.
std::string label(const Question& question) {
    const std::string_view key = !question.key().empty() ? question.key() : question.uid();
    if (question.title().empty()) return "\"" + std::string(key) + "\"";
    return "\"" + std::string(question.title()) + "\" (" + std::string(key) + ")";
}

// The profile key of the question, else its uid: stable across exports of one form.
std::string_view identity(const Question& question) {
    return !question.key().empty() ? question.key() : question.uid();
}

// True when any value of the question makes a choice or holds non-blank text.
bool has_answer(const Question& question, const Contribution& contribution) {
    for (Value value : contribution.values_of(question)) {
        if (value.choice() != surveycheck::none || !surveycheck::rulekit::is_blank(value.text())) return true;
    }
    return false;
}

// The text a confidential question's answer holds, indexed in shingles of `words` words.
struct ConfidentialSource {
    Question question;
    ShingleIndex shingles;
};

// One source per confidential question whose answer has at least `words` words.
std::vector<ConfidentialSource> confidential_sources(const Survey& survey, const Contribution& contribution,
                                                     std::size_t words) {
    std::vector<ConfidentialSource> sources;
    for (Question question : survey.questions()) {
        if (!question.confidential()) continue;
        ConfidentialSource source{question, ShingleIndex(words)};
        for (Value value : contribution.values_of(question))
            if (!value.text().empty()) source.shingles.add(normalised_words(value.text()));
        if (!source.shingles.empty()) sources.push_back(std::move(source));
    }
    return sources;
}

class ConfidentialAnswer final : public Rule {
public:
    static constexpr RuleInfo info{
        "confidential-answer", "Confidential answer in an export for a public audience",
        "With --audience public, a question of a section the profile marks confidential is answered. One "
        "finding per question; the answer is never quoted.",
        Severity::error, "docs/rules/confidentiality-separation.md#confidential-answer"};

    explicit ConfidentialAnswer(const Options& options) : public_(public_audience(options)) {}

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        if (!public_) return;
        for (Question question : survey.questions()) {
            if (!question.confidential() || !has_answer(question, contribution)) continue;
            const std::string section(question.section() ? question.section()->title() : "");
            reporter.report(Location(question).without_excerpt(),
                            "Question " + label(question) + " of the confidential section \"" + section +
                                "\" is answered; an export for a public audience must not carry it.",
                            "Publish an export without the confidential section, or validate with "
                            "--audience internal for an internal review.");
        }
    }

private:
    bool public_;
};

class PersonalMeta final : public Rule {
public:
    static constexpr RuleInfo info{
        "personal-meta", "Personal data in the contribution's meta data",
        "With --audience public, the AnswerSet carries personal data: an e-mail address in `user`, an EU "
        "Login name in `userlogin`, or an invitation token in `invitation` (\"Anonymous\" is not personal "
        "data). One finding per attribute; the value is never quoted.",
        Severity::error, "docs/rules/confidentiality-separation.md#personal-meta"};

    explicit PersonalMeta(const Options& options) : public_(public_audience(options)) {}

    void check(const Survey&, const Contribution& contribution, Reporter& reporter) const override {
        if (!public_) return;
        const std::string_view user = contribution.attribute("user");
        if (surveycheck::rulekit::contains_email(user)) report(reporter, "user", "an e-mail address");
        if (is_personal(contribution.attribute("userlogin")))
            report(reporter, "userlogin", "an EU Login user name");
        if (is_personal(contribution.attribute("invitation")))
            report(reporter, "invitation", "an invitation token");
    }

private:
    // Non-blank and not EUSurvey's "Anonymous".
    static bool is_personal(std::string_view value) {
        const std::string text = surveycheck::rulekit::collapse_whitespace(value);
        return !text.empty() && surveycheck::rulekit::to_lower_ascii(text) != "anonymous";
    }

    static void report(Reporter& reporter, const char* attribute, const char* what) {
        reporter.report(Location::whole_contribution().without_excerpt(),
                        std::string("The contribution's meta attribute `") + attribute + "` holds " + what +
                            " (personal data); an export for a public audience must not carry it.",
                        "Export the results without the user and invitation columns, or from an anonymous "
                        "survey.",
                        attribute);
    }

    bool public_;
};

class ReusedText final : public Rule {
public:
    static constexpr OptionSpec option_specs[] = {{"min-words", OptionType::integer, "12",
                                                   "consecutive words (after normalising case, punctuation "
                                                   "and white space) that make a reused passage"}};
    static constexpr RuleInfo info{
        "reused-text",
        "Confidential text reused in a public answer",
        "A public answer repeats a passage of at least min-words consecutive words of a confidential answer "
        "of the same contribution. Warning for an internal audience, error for a public one. The finding "
        "names the confidential question, never the passage.",
        Severity::warning,
        "docs/rules/confidentiality-separation.md#reused-text",
        option_specs};

    explicit ReusedText(const Options& options)
        : min_words_(options.integer("min-words")), public_(public_audience(options)) {
        if (min_words_ < 1)
            throw OptionError("option \"min-words\": " + std::to_string(min_words_) + " is not at least 1");
    }

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        const auto words = static_cast<std::size_t>(min_words_);
        const std::vector<ConfidentialSource> sources = confidential_sources(survey, contribution, words);
        if (sources.empty()) return;
        for (Question question : survey.questions()) {
            if (!question.confidential()) check_question(question, sources, contribution, reporter);
        }
    }

private:
    // Where an answer to a public question first repeats a source, and its longest repeated passage.
    struct Reuse {
        std::optional<Value> first;
        std::size_t longest = 0;
    };

    // One finding per source whose text an answer to public `question` repeats, at the first value that does.
    void check_question(const Question& question, const std::vector<ConfidentialSource>& sources,
                        const Contribution& contribution, Reporter& reporter) const {
        std::vector<Reuse> reuses(sources.size());
        for (Value value : contribution.values_of(question)) {
            if (value.text().empty()) continue;
            const confidentiality::Words words = normalised_words(value.text());
            for (std::size_t s = 0; s < sources.size(); ++s) {
                const std::size_t passage = sources[s].shingles.longest_reused_passage(words);
                if (passage == 0) continue;
                if (!reuses[s].first) reuses[s].first = value;
                reuses[s].longest = std::max(reuses[s].longest, passage);
            }
        }
        for (std::size_t s = 0; s < sources.size(); ++s) {
            if (!reuses[s].first) continue;
            reporter.report(public_ ? Severity::error : Severity::warning,
                            Location(*reuses[s].first).without_excerpt(),
                            "This public answer repeats a passage of " + std::to_string(reuses[s].longest) +
                                " words from the answer to confidential question " +
                                label(sources[s].question) + "; the passage is not quoted here.",
                            "Rephrase the public answer without the confidential content, or keep that "
                            "content in the confidential section only.",
                            identity(sources[s].question));
        }
    }

    long long min_words_;
    bool public_;
};

class ContactData final : public Rule {
public:
    static constexpr RuleInfo info{
        "contact-data", "E-mail address or phone number in a public answer",
        "A public answer (every cell of a table) holds an e-mail address or a phone number. Dates, years, "
        "year ranges, NUTS codes and amounts are not taken for phone numbers.",
        Severity::warning, "docs/rules/confidentiality-separation.md#contact-data"};

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        std::vector<ConfidentialSource> sources;
        bool sources_built = false;
        for (Question question : survey.questions()) {
            if (question.confidential()) continue;
            for (Value value : contribution.values_of(question)) {
                if (value.text().empty()) continue;
                const auto emails = surveycheck::rulekit::find_emails(value.text());
                const auto phones = surveycheck::rulekit::find_phone_numbers(value.text());
                if (emails.empty() && phones.empty()) continue;
                if (!sources_built) {
                    sources = confidential_sources(survey, contribution, excerpt_guard_words);
                    sources_built = true;
                }
                const bool quote = !shares_confidential_text(value, sources);
                report(reporter, value, emails, "email", "an e-mail address", "e-mail addresses", quote);
                report(reporter, value, phones, "phone", "a phone number", "phone numbers", quote);
            }
        }
    }

private:
    // True when the answer shares a passage with a confidential answer, so it must not be quoted.
    static bool shares_confidential_text(const Value& value, const std::vector<ConfidentialSource>& sources) {
        if (sources.empty()) return false;
        const confidentiality::Words words = normalised_words(value.text());
        for (const ConfidentialSource& source : sources)
            if (source.shingles.longest_reused_passage(words) > 0) return true;
        return false;
    }

    static void report(Reporter& reporter, const Value& value,
                       const std::vector<surveycheck::rulekit::TextSpan>& found, const std::string& kind,
                       const std::string& one, const std::string& many, bool quote) {
        if (found.empty()) return;
        std::string discriminator = kind;
        if (value.row() != surveycheck::none) discriminator += ":r" + std::to_string(value.row());
        if (value.choice() != surveycheck::none) discriminator += ":c" + std::to_string(value.choice());
        const Location at(value, found.front().offset);
        const std::string what = found.size() == 1 ? one : std::to_string(found.size()) + " " + many;
        reporter.report(quote ? at : at.without_excerpt(),
                        "This public answer contains " + what +
                            "; personal contact data should not be "
                            "published.",
                        "Replace personal contact details with a functional mailbox or the partnership's web "
                        "page, or remove them.",
                        discriminator);
    }
};

}  // namespace

SURVEYCHECK_PLUGIN("confidentiality-separation", "1.0.0",
                   "Confidential answers, personal data and reused confidential text stay out of public "
                   "exports and reports",
                   ConfidentialAnswer, PersonalMeta, ReusedText, ContactData);
