// region-consistency: every leading region of a partnership is also one of its participating regions.
#include <surveycheck/plugin.hpp>
#include <surveycheck/rulekit/countries.hpp>
#include <surveycheck/rulekit/regions.hpp>

#include <optional>
#include <set>
#include <string>

namespace {

using surveycheck::Contribution;
using surveycheck::Location;
using surveycheck::Question;
using surveycheck::Reporter;
using surveycheck::Survey;
namespace rulekit = surveycheck::rulekit;

// The folded names of every region listed in the answers to `question`.
std::set<std::string> listed_names(const Question& question, const Contribution& contribution) {
    std::set<std::string> names;
    for (auto value : contribution.values_of(question)) {
        for (const auto& entry : rulekit::split_regions(value.text())) {
            names.insert(rulekit::fold_for_matching(entry.name));
        }
    }
    return names;
}

// A leading region that the participating regions do not list (compared without case, accents, hyphens).
class LeadingNotParticipating final : public surveycheck::Rule {
public:
    static constexpr surveycheck::OptionSpec option_specs[] = {
        {"leading", surveycheck::OptionType::string, "leading_regions", "profile key of the leading regions"},
        {"participating", surveycheck::OptionType::string, "participating_regions",
         "profile key of the participating regions"}};
    // The rule's title and messages in French: the host shows them with `validate --lang fr`.
    static constexpr surveycheck::Translation translations[] = {
        {"fr", "title", "Région chef de file absente des régions participantes"},
        {"fr", "not-participating",
         "La région chef de file « {region} » ne figure pas parmi les régions participantes."},
        {"fr", "not-participating.hint",
         "Ajoutez-la aux régions participantes, ou corrigez son nom dans l'une des listes."}};
    static constexpr surveycheck::RuleInfo info{
        "leading-not-participating",
        "Leading region missing from the participating regions",
        "A region named as a leading region is not among the participating regions. Names are compared "
        "without case, accents, hyphens and the country in parentheses. Nothing is reported while either "
        "list is empty.",
        surveycheck::Severity::warning,
        "",
        option_specs,
        translations};

    explicit LeadingNotParticipating(const surveycheck::Options& options)
        : leading_key_(options.string("leading")), participating_key_(options.string("participating")) {}

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        const std::optional<Question> leading = survey.question_by_key(leading_key_);
        const std::optional<Question> participating = survey.question_by_key(participating_key_);
        if (!leading || !participating) return;
        const std::set<std::string> participants = listed_names(*participating, contribution);
        if (participants.empty()) return;
        for (auto value : contribution.values_of(*leading)) {
            for (const auto& entry : rulekit::split_regions(value.text())) {
                const std::string folded = rulekit::fold_for_matching(entry.name);
                if (folded.empty() || participants.count(folded)) continue;
                // A message with a stable id, its English text and the value of each {placeholder}.
                reporter.report(
                    Location(value, entry.offset),
                    surveycheck::Message{"not-participating",
                                         "Leading region \"{region}\" is not among the participating "
                                         "regions.",
                                         {{"region", entry.name}}},
                    surveycheck::Message{"not-participating.hint",
                                         "Add it to the participating regions, or correct its name in "
                                         "one of the lists."},
                    folded);
            }
        }
    }

private:
    std::string leading_key_;
    std::string participating_key_;
};

}  // namespace

SURVEYCHECK_PLUGIN("region-consistency", "1.0.0", "Leading regions are also participating regions",
                   LeadingNotParticipating);
