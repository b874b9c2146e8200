// eu13-justification: a partnership without regions from EU13 member states justifies it, and one with them
// describes their involvement, in the question with role `eu13-statement`.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "surveycheck/plugin.hpp"
#include "surveycheck/rulekit/answers.hpp"
#include "surveycheck/rulekit/countries.hpp"
#include "surveycheck/rulekit/nuts.hpp"
#include "surveycheck/rulekit/regions.hpp"

namespace {

using surveycheck::Contribution;
using surveycheck::Options;
using surveycheck::Question;
using surveycheck::Reporter;
using surveycheck::Rule;
using surveycheck::RuleInfo;
using surveycheck::Severity;
using surveycheck::Survey;
using surveycheck::rulekit::NutsCatalog;
using surveycheck::rulekit::RegionEntry;
namespace kit = surveycheck::rulekit;

// A region of the lists whose country could be resolved.
struct RegionCountry {
    std::string name;
    std::string code;
};

// The country of an entry: from its parenthesis, its NUTS code, its name being a country ("Slovenia"), or its
// name being the NUTS name of regions of one country only ("Bretagne"); empty when none.
std::string country_of(const RegionEntry& entry, const NutsCatalog& catalog) {
    if (const auto stated = kit::resolve_country(entry.country)) return std::string(stated->code);
    if (const std::string_view of_code = kit::nuts_country(entry.nuts_code); !of_code.empty())
        return std::string(of_code);
    if (const auto named = kit::resolve_country(entry.name)) return std::string(named->code);
    const std::vector<std::string> by_name = catalog.countries_named(entry.name);
    return by_name.size() == 1 ? by_name.front() : std::string();
}

// What the eu13-justification rules look at in one contribution.
struct Situation {
    std::optional<Question> statement;   // the question with role eu13-statement, if the profile has one
    bool statement_empty = false;        // unanswered or only a placeholder
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
    for (const auto& region : kit::region_list_entries(survey, contribution)) {
        std::string code = country_of(region.entry, catalog);
        if (code.empty()) continue;
        RegionCountry found{region.entry.name.empty() ? region.entry.nuts_code : region.entry.name, code};
        if (kit::is_eu13(code)) situation.eu13.push_back(found);
        situation.regions.push_back(std::move(found));
    }
    return situation;
}

// "South Transdanubia (Hungary), Upper Silesia (Poland)".
std::string region_list(const std::vector<RegionCountry>& regions) {
    std::string out;
    for (const RegionCountry& region : regions) {
        if (!out.empty()) out += ", ";
        out += region.name + " (" + std::string(kit::country_name(region.code)) + ")";
    }
    return out;
}

// "DE, FR and NL": the distinct countries of `regions`, in order of appearance.
std::string country_list(const std::vector<RegionCountry>& regions) {
    std::vector<std::string> codes;
    for (const RegionCountry& region : regions) {
        bool seen = false;
        for (const std::string& code : codes) seen = seen || code == region.code;
        if (!seen) codes.push_back(region.code);
    }
    std::string out;
    for (std::size_t i = 0; i < codes.size(); ++i) {
        if (i > 0) out += i + 1 == codes.size() ? " and " : ", ";
        out += codes[i];
    }
    return out;
}

// Base of the three rules: the NUTS lists (optional) to resolve region names without a country.
class Eu13Rule : public Rule {
public:
    explicit Eu13Rule(const Options& options) : catalog_(options.data_dir()) {}

protected:
    Situation situation(const Survey& survey, const Contribution& contribution) const {
        return situation_of(survey, contribution, catalog_);
    }

private:
    NutsCatalog catalog_;
};

class MissingJustification final : public Eu13Rule {
public:
    static constexpr RuleInfo info{
        "missing-justification", "No EU13 region and no justification",
        "No region of the region lists is in an EU13 member state (BG, HR, CY, CZ, EE, HU, LV, LT, MT, PL, "
        "RO, "
        "SK, SI), and the EU13 statement is empty or only a placeholder, although the form asks for a "
        "justification.",
        Severity::error, "docs/rules/eu13-justification.md#missing-justification"};
    using Eu13Rule::Eu13Rule;

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        const Situation s = situation(survey, contribution);
        if (!s.statement || !s.statement_empty || s.regions.empty() || !s.eu13.empty()) return;
        reporter.report(*s.statement,
                        "No region from an EU13 member state takes part (the regions listed are in " +
                            country_list(s.regions) +
                            "), and the justification the form asks for is missing.",
                        "Explain why no EU13 regions are involved, or list the EU13 regions that take part.");
    }
};

class Eu13Undescribed final : public Eu13Rule {
public:
    static constexpr RuleInfo info{
        "eu13-undescribed", "EU13 regions take part but their involvement is not described",
        "Regions from EU13 member states are in the region lists, but the EU13 statement is empty or only a "
        "placeholder.",
        Severity::warning, "docs/rules/eu13-justification.md#eu13-undescribed"};
    using Eu13Rule::Eu13Rule;

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        const Situation s = situation(survey, contribution);
        if (!s.statement || !s.statement_empty || s.eu13.empty()) return;
        reporter.report(*s.statement,
                        "Regions from EU13 member states take part \u2014 " + region_list(s.eu13) +
                            " \u2014 but their involvement is not described.",
                        "Describe their involvement, in particular in scoping, mapping and matchmaking.");
    }
};

class Undecided final : public Eu13Rule {
public:
    static constexpr RuleInfo info{
        "undecided", "EU13 involvement could not be decided",
        "The EU13 statement is empty and no country could be resolved from any region list, so the check "
        "cannot tell whether EU13 regions take part.",
        Severity::info, "docs/rules/eu13-justification.md#undecided"};
    using Eu13Rule::Eu13Rule;

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        const Situation s = situation(survey, contribution);
        if (!s.statement || !s.statement_empty || !s.regions.empty()) return;
        reporter.report(*s.statement,
                        "The EU13 statement is empty and no region list names a country this check can "
                        "resolve, so it could not decide whether EU13 regions take part.",
                        "Write regions as \"Name (Country), NUTS code\", e.g. \"Lapland (FI), FI1D7\", and "
                        "describe the involvement of EU13 regions or justify their absence.");
    }
};

}  // namespace

SURVEYCHECK_PLUGIN("eu13-justification", "1.0.0",
                   "Partnerships describe the involvement of EU13 regions, or justify their absence",
                   MissingJustification, Eu13Undescribed, Undecided);
