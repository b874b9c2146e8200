// eu13-justification: a partnership without regions from EU13 member states justifies it, and one with them
// describes their involvement, in the question with role `eu13-statement`.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "surveycheck/plugin.hpp"
#include "surveycheck/rulekit/answers.hpp"
#include "surveycheck/rulekit/countries.hpp"
#include "surveycheck/rulekit/nuts.hpp"
#include "surveycheck/rulekit/region_countries.hpp"
#include "surveycheck/rulekit/regions.hpp"

namespace {

using surveycheck::Contribution;
using surveycheck::Message;
using surveycheck::Options;
using surveycheck::Question;
using surveycheck::Reporter;
using surveycheck::Rule;
using surveycheck::RuleInfo;
using surveycheck::Severity;
using surveycheck::Survey;
using surveycheck::Translation;
using surveycheck::rulekit::NutsCatalog;
namespace kit = surveycheck::rulekit;

// A region of the lists whose country could be resolved.
struct RegionCountry {
    std::string name;
    std::string code;
};

// What the eu13-justification rules look at in one contribution.
struct Situation {
    std::optional<Question> statement;  // the question with role eu13-statement, if the profile has one
    bool statement_empty = false;       // unanswered or only a placeholder
    // Only read when the statement is empty, as every rule reports nothing otherwise:
    std::vector<RegionCountry> regions;  // every region of every region list whose country is known
    std::vector<RegionCountry> eu13;     // those in an EU13 member state
};

Situation situation_of(const Survey& survey, const Contribution& contribution, const NutsCatalog& catalog) {
    Situation situation;
    const std::vector<Question> statements = survey.questions_with_role("eu13-statement");
    if (statements.empty()) return situation;
    situation.statement = statements.front();
    situation.statement_empty = !kit::is_answered(*situation.statement, contribution) ||
                                kit::is_placeholder_answer(*situation.statement, contribution);
    if (!situation.statement_empty) return situation;
    for (const auto& region : kit::region_list_entries(survey, contribution)) {
        std::string code = kit::region_country(region.entry, catalog);
        if (code.empty()) continue;
        RegionCountry found{region.entry.name.empty() ? region.entry.nuts_code : region.entry.name, code};
        if (kit::is_eu13(code)) situation.eu13.push_back(found);
        situation.regions.push_back(std::move(found));
    }
    return situation;
}

// "South Transdanubia (Hungary), Upper Silesia (Poland)", or with `by_code` "South Transdanubia (HU), ...".
std::string region_list(const std::vector<RegionCountry>& regions, bool by_code) {
    std::string out;
    for (const RegionCountry& region : regions) {
        if (!out.empty()) out += ", ";
        out +=
            region.name + " (" + (by_code ? region.code : std::string(kit::country_name(region.code))) + ")";
    }
    return out;
}

// "DE, FR and NL" with `last` = " and ": the distinct countries of `regions`, in order of appearance.
std::string country_list(const std::vector<RegionCountry>& regions, const char* last) {
    std::vector<std::string> codes;
    for (const RegionCountry& region : regions) {
        bool seen = false;
        for (const std::string& code : codes) seen = seen || code == region.code;
        if (!seen) codes.push_back(region.code);
    }
    std::string out;
    for (std::size_t i = 0; i < codes.size(); ++i) {
        if (i > 0) out += i + 1 == codes.size() ? last : ", ";
        out += codes[i];
    }
    return out;
}

// Base of the three rules: the NUTS lists (optional) to resolve region names without a country.
class Eu13Rule : public Rule {
public:
    explicit Eu13Rule(const Options& options) : catalog_(NutsCatalog::shared(options.data_dir())) {}

protected:
    Situation situation(const Survey& survey, const Contribution& contribution) const {
        return situation_of(survey, contribution, *catalog_);
    }

private:
    std::shared_ptr<const NutsCatalog> catalog_;  // one for the three rules
};

class MissingJustification final : public Eu13Rule {
public:
    static constexpr Translation translations[] = {
        {"fr", "title", "Aucune région de l'UE-13 et aucune justification"},
        {"fr", "no-eu13-region",
         "Aucune région d'un État membre de l'UE-13 ne participe (les régions indiquées se trouvent dans les "
         "pays suivants : {country_codes}), et la justification demandée par le formulaire est absente."},
        {"fr", "no-eu13-region.hint",
         "Expliquez pourquoi aucune région de l'UE-13 n'est associée, ou indiquez les régions de l'UE-13 qui "
         "participent."}};
    static constexpr RuleInfo info{
        "missing-justification",
        "No EU13 region and no justification",
        "No region of the region lists is in an EU13 member state (BG, HR, CY, CZ, EE, HU, LV, LT, MT, PL, "
        "RO, "
        "SK, SI), and the EU13 statement is empty or only a placeholder, although the form asks for a "
        "justification.",
        Severity::error,
        "docs/rules/eu13-justification.md#missing-justification",
        {},
        translations};
    using Eu13Rule::Eu13Rule;

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        const Situation s = situation(survey, contribution);
        if (!s.statement || !s.statement_empty || s.regions.empty() || !s.eu13.empty()) return;
        reporter.report(
            *s.statement,
            Message{"no-eu13-region",
                    "No region from an EU13 member state takes part (the regions listed are in "
                    "{countries}), and the justification the form asks for is missing.",
                    {{"countries", country_list(s.regions, " and ")},
                     {"country_codes", country_list(s.regions, ", ")}}},
            Message{"no-eu13-region.hint",
                    "Explain why no EU13 regions are involved, or list the EU13 regions that take "
                    "part."});
    }
};

class Eu13Undescribed final : public Eu13Rule {
public:
    static constexpr Translation translations[] = {
        {"fr", "title", "Des régions de l'UE-13 participent, mais leur participation n'est pas décrite"},
        {"fr", "undescribed",
         "Des régions d'États membres de l'UE-13 participent \u2014 {regions_by_code} \u2014 mais leur "
         "participation n'est pas décrite."},
        {"fr", "undescribed.hint",
         "Décrivez leur participation, en particulier au cadrage, à la cartographie et à la mise en relation "
         "des partenaires."}};
    static constexpr RuleInfo info{
        "eu13-undescribed",
        "EU13 regions take part but their involvement is not described",
        "Regions from EU13 member states are in the region lists, but the EU13 statement is empty or only a "
        "placeholder.",
        Severity::warning,
        "docs/rules/eu13-justification.md#eu13-undescribed",
        {},
        translations};
    using Eu13Rule::Eu13Rule;

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        const Situation s = situation(survey, contribution);
        if (!s.statement || !s.statement_empty || s.eu13.empty()) return;
        reporter.report(
            *s.statement,
            Message{
                "undescribed",
                "Regions from EU13 member states take part \u2014 {regions} \u2014 but their "
                "involvement is not described.",
                {{"regions", region_list(s.eu13, false)}, {"regions_by_code", region_list(s.eu13, true)}}},
            Message{"undescribed.hint",
                    "Describe their involvement, in particular in scoping, mapping and matchmaking."});
    }
};

class Undecided final : public Eu13Rule {
public:
    static constexpr Translation translations[] = {
        {"fr", "title", "Impossible de déterminer la participation de l'UE-13"},
        {"fr", "undecided",
         "La déclaration relative à l'UE-13 est vide et aucune liste de régions ne nomme un pays que cette "
         "vérification sait reconnaître : elle n'a donc pas pu déterminer si des régions de l'UE-13 "
         "participent."},
        {"fr", "undecided.hint",
         "Indiquez les régions sous la forme « Nom (Pays), code NUTS », par exemple « Lapland (FI), FI1D7 », "
         "et décrivez la participation des régions de l'UE-13 ou justifiez leur absence."}};
    static constexpr RuleInfo info{
        "undecided",
        "EU13 involvement could not be decided",
        "The EU13 statement is empty and no country could be resolved from any region list, so the check "
        "cannot tell whether EU13 regions take part.",
        Severity::info,
        "docs/rules/eu13-justification.md#undecided",
        {},
        translations};
    using Eu13Rule::Eu13Rule;

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        const Situation s = situation(survey, contribution);
        if (!s.statement || !s.statement_empty || !s.regions.empty()) return;
        reporter.report(
            *s.statement,
            Message{"undecided",
                    "The EU13 statement is empty and no region list names a country this check can "
                    "resolve, so it could not decide whether EU13 regions take part."},
            Message{"undecided.hint",
                    "Write regions as \"Name (Country), NUTS code\", e.g. \"Lapland (FI), FI1D7\", "
                    "and describe the involvement of EU13 regions or justify their absence."});
    }
};

}  // namespace

SURVEYCHECK_PLUGIN("eu13-justification", "1.0.0",
                   "Partnerships describe the involvement of EU13 regions, or justify their absence",
                   MissingJustification, Eu13Undescribed, Undecided);
