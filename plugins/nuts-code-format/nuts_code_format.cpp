// nuts-code-format: region lists that ask for "Name (Country), NUTS code" give a valid code and country for
// every region, checked against the NUTS version in force for the reporting period.
#include <algorithm>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "surveycheck/plugin.hpp"
#include "surveycheck/rulekit/countries.hpp"
#include "surveycheck/rulekit/nuts.hpp"
#include "surveycheck/rulekit/nuts_match.hpp"
#include "surveycheck/rulekit/regions.hpp"

namespace {

using surveycheck::Contribution;
using surveycheck::Location;
using surveycheck::Message;
using surveycheck::Options;
using surveycheck::Reporter;
using surveycheck::Rule;
using surveycheck::RuleInfo;
using surveycheck::Severity;
using surveycheck::Survey;
using surveycheck::Translation;
using surveycheck::rulekit::CountryForm;
using surveycheck::rulekit::LocatedRegion;
using surveycheck::rulekit::NutsCatalog;
using surveycheck::rulekit::RegionEntry;
namespace kit = surveycheck::rulekit;

// How to write a region; the hint of several rules (its French text is in each rule that uses it).
Message format_hint() {
    return Message{"format.hint",
                   "Write each region as \"Name (Country), NUTS code\", e.g. \"Lapland (FI), FI1D7\"."};
}

// The entries of the region lists that ask for NUTS codes.
std::vector<LocatedRegion> entries_of(const Survey& survey, const Contribution& contribution) {
    return kit::region_list_entries(survey, contribution, true);
}

// Where a finding about an entry points.
Location at(const LocatedRegion& region) { return Location(region.value, region.entry.offset); }

// What tells findings on one question apart: the entry's name, else its code, else its country.
std::string discriminator(const RegionEntry& entry) {
    return !entry.name.empty() ? entry.name : !entry.nuts_code.empty() ? entry.nuts_code : entry.country;
}

// "Finland (FI)" for a Eurostat code.
std::string country_label(std::string_view code) {
    const std::string_view name = kit::country_name(code);
    return name.empty() ? std::string(code) : std::string(name) + " (" + std::string(code) + ")";
}

// True when the code has NUTS syntax and a NUTS country prefix, so its content can be checked.
bool well_formed(std::string_view code) {
    return kit::is_nuts_syntax(code) && !kit::nuts_country(code).empty();
}

// The NUTS version in force for the contribution, and the reporting period it was chosen for (none: the
// default version, as the contribution gives no reporting period with a year).
struct VersionInForce {
    int version;
    std::optional<std::string> period;
};

VersionInForce version_in_force(const Survey& survey, const Contribution& contribution) {
    const std::string period = kit::reporting_period_text(survey, contribution);
    if (const auto year = kit::reporting_year(period)) return {kit::nuts_version_for_year(*year), period};
    return {kit::nuts_versions[2], std::nullopt};
}

// The catalog of the data folder for rules that only use it for suggestions: null when the lists are broken
// (unknown-code then fails to start with the error).
std::shared_ptr<const NutsCatalog> catalog_for_suggestions(const Options& options) {
    try {
        return NutsCatalog::shared(options.data_dir());
    } catch (const kit::NutsDataError&) {
        return nullptr;
    }
}

// The Eurostat code of the entry's stated country, empty when it states none or one surveycheck does not
// know.
std::string stated_country(const RegionEntry& entry) {
    const auto match = kit::resolve_country(entry.country);
    return match ? std::string(match->code) : std::string();
}

// The name of a region as readers expect it: NUTS 2016 writes levels 0 and 1 in capitals ("BRETAGNE"), so
// another version's name of the same code is taken when it has lower case.
std::string display_name(const NutsCatalog& catalog, const kit::NutsRegion& region) {
    const auto has_lower = [](const std::string& name) {
        return std::any_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    };
    if (has_lower(region.name)) return region.name;
    for (int version : kit::nuts_versions)
        if (const kit::NutsRegion* other = catalog.find(version, region.code);
            other && has_lower(other->name))
            return other->name;
    return region.name;
}

// "FRH0 (NUTS 2)"; "PT1A (NUTS 2, NUTS 2024)" for a region that is not in the version in force.
std::string suggestion_label(const kit::NameSuggestion& suggestion, int in_force) {
    std::string label = suggestion.region->code + " (NUTS " + std::to_string(suggestion.region->level);
    if (suggestion.version != in_force) label += ", NUTS " + std::to_string(suggestion.version);
    return label + ")";
}

class MissingCode final : public Rule {
public:
    static constexpr Translation translations[] = {
        {"fr", "title", "Région sans code NUTS"},
        {"fr", "missing-code", "Le code NUTS de la région « {region} » est absent."},
        {"fr", "missing-code.region",
         "Le code NUTS de la région « {region} » est absent ; le code Eurostat est {suggestion}."},
        {"fr", "missing-code.near",
         "Le code NUTS de la région « {region} » est absent ; le nom NUTS le plus proche est « {nuts_name} "
         "», "
         "code {suggestion}."},
        {"fr", "missing-code.country",
         "Le code NUTS de la région « {region} » est absent ; « {region} » est un pays, pas une région : son "
         "code est {suggestion}."},
        {"fr", "missing-code.city",
         "Le code NUTS de la région « {region} » est absent ; « {region} » est une ville, pas une région : "
         "elle "
         "se trouve dans « {nuts_name} », {suggestion}."},
        {"fr", "suggestion.hint", "Écrivez « {written} ({country}), {code} »."},
        {"fr", "country.hint",
         "Indiquez les régions de ce pays qui participent, sous la forme « Nom ({country}), code NUTS »."},
        {"fr", "format.hint",
         "Indiquez chaque région sous la forme « Nom (Pays), code NUTS », par exemple « Lapland (FI), FI1D7 "
         "»."},
        {"en", "group", "{count} regions without a NUTS code: {summary}"},
        {"fr", "group", "{count} régions sans code NUTS : {summary}"}};
    static constexpr RuleInfo info{
        "missing-code",
        "Region without a NUTS code",
        "A region of a list that asks for \"Name (Country), NUTS code\" has no NUTS code; the message gives "
        "Eurostat's code when the name designates a NUTS region, and says when it is a country or a city.",
        Severity::warning,
        "docs/rules/nuts-code-format.md#missing-code",
        {},
        translations};

    explicit MissingCode(const Options& options) : catalog_(catalog_for_suggestions(options)) {}

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        const auto entries = entries_of(survey, contribution);
        std::optional<VersionInForce> in_force;
        for (const LocatedRegion& region : entries) {
            if (!region.entry.nuts_code.empty()) continue;
            const std::string name = discriminator(region.entry);
            kit::NameSuggestion suggestion;
            if (catalog_ != nullptr && catalog_->available() && !region.entry.name.empty()) {
                if (!in_force) in_force = version_in_force(survey, contribution);
                suggestion =
                    catalog_->suggest(region.entry.name, stated_country(region.entry), in_force->version);
            }
            if (suggestion.region == nullptr) {
                reporter.report(at(region),
                                Message{"missing-code",
                                        "The NUTS code of region \"{region}\" is missing.",
                                        {{"region", name}, {"confidence", "none"}, {"label", name}}},
                                format_hint(), name);
                continue;
            }
            const bool named = suggestion.kind == kit::NameKind::region && suggestion.exact;
            // How sure the suggestion is: a NUTS region by its exact name, the nearest name, a country, a
            // city.
            const char* confidence = suggestion.kind == kit::NameKind::country ? "country"
                                     : suggestion.kind == kit::NameKind::city  ? "city"
                                     : named                                   ? "exact"
                                                                               : "near";
            const std::vector<surveycheck::Arg> args{
                {"region", name},
                {"confidence", confidence},
                {"label", name + " \u2192 " + suggestion.region->code},
                {"suggestion", suggestion_label(suggestion, in_force->version)},
                {"nuts_name", display_name(*catalog_, *suggestion.region)},
                {"code", suggestion.region->code},
                {"country", suggestion.region->country},
                {"written", named ? region.entry.name : display_name(*catalog_, *suggestion.region)}};
            const Message hint{"suggestion.hint", "Write \"{written} ({country}), {code}\".", args};
            if (suggestion.kind == kit::NameKind::country) {
                reporter.report(
                    at(region),
                    Message{
                        "missing-code.country",
                        "The NUTS code of region \"{region}\" is missing; \"{region}\" is a country, not a "
                        "region: its code is {suggestion}.",
                        args},
                    Message{"country.hint",
                            "List the regions of this country that take part, as \"Name ({country}), NUTS "
                            "code\".",
                            args},
                    name);
            } else if (suggestion.kind == kit::NameKind::city) {
                reporter.report(
                    at(region),
                    Message{"missing-code.city",
                            "The NUTS code of region \"{region}\" is missing; \"{region}\" is a city, "
                            "not a region: it lies in \"{nuts_name}\", {suggestion}.",
                            args},
                    hint, name);
            } else if (named) {
                reporter.report(at(region),
                                Message{"missing-code.region",
                                        "The NUTS code of region \"{region}\" is missing; Eurostat's code is "
                                        "{suggestion}.",
                                        args},
                                hint, name);
            } else {
                reporter.report(
                    at(region),
                    Message{"missing-code.near",
                            "The NUTS code of region \"{region}\" is missing; the nearest NUTS name is "
                            "\"{nuts_name}\", code {suggestion}.",
                            args},
                    hint, name);
            }
        }
    }

private:
    std::shared_ptr<const NutsCatalog> catalog_;  // null when the lists are broken: no suggestions
};

class CountryCode final : public Rule {
public:
    static constexpr Translation translations[] = {
        {"fr", "title", "Pays non indiqué par son code Eurostat à deux lettres"},
        {"fr", "unknown-country",
         "Le pays « {country} » de la région « {region} » n'est pas un pays connu de surveycheck."},
        {"fr", "unknown-country.hint",
         "Indiquez le code pays Eurostat à deux lettres, par exemple FI pour la Finlande, EL pour la Grèce."},
        {"fr", "iso-code",
         "Le pays « {country} » de la région « {region} » est indiqué par son code ISO ; Eurostat écrit "
         "{country_label}."},
        {"fr", "not-eurostat-code",
         "Le pays « {country} » de la région « {region} » n'est pas indiqué par le code Eurostat à deux "
         "lettres de {country_label}."},
        {"fr", "replace.hint", "Remplacez « {country} » par {code}."},
        {"en", "group", "{count} countries not written as their Eurostat code: {summary}"},
        {"fr", "group", "{count} pays non indiqués par leur code Eurostat : {summary}"}};
    static constexpr RuleInfo info{
        "country-code",
        "Country not written as its 2-letter Eurostat code",
        "The country in parentheses is an abbreviation, an ISO code or a name instead of the 2-letter code "
        "Eurostat uses (EL for Greece, UK for the United Kingdom).",
        Severity::warning,
        "docs/rules/nuts-code-format.md#country-code",
        {},
        translations};

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        for (const LocatedRegion& region : entries_of(survey, contribution)) {
            const std::string& written = region.entry.country;
            if (written.empty()) continue;
            const auto match = kit::resolve_country(written);
            if (match && match->form == CountryForm::eurostat && written == match->code) continue;
            if (!match) {
                reporter.report(
                    at(region),
                    Message{"unknown-country",
                            "The country \"{country}\" of region \"{region}\" is not a country "
                            "surveycheck knows.",
                            {{"country", written},
                             {"region", discriminator(region.entry)},
                             {"nuts_code", region.entry.nuts_code},
                             {"label", written + " \u2192 ?"}}},
                    Message{"unknown-country.hint",
                            "Write the 2-letter Eurostat country code, e.g. FI for Finland, EL for "
                            "Greece."},
                    discriminator(region.entry));
                continue;
            }
            const std::string code(match->code);
            const std::vector<surveycheck::Arg> args{{"country", written},
                                                     {"region", discriminator(region.entry)},
                                                     {"code", code},
                                                     {"country_label", country_label(code)},
                                                     {"nuts_code", region.entry.nuts_code},
                                                     {"label", written + " \u2192 " + code}};
            const Message message =
                match->form == CountryForm::iso_alpha2
                    ? Message{"iso-code",
                              "The country \"{country}\" of region \"{region}\" is the ISO code; Eurostat "
                              "writes {country_label}.",
                              args}
                    : Message{"not-eurostat-code",
                              "The country \"{country}\" of region \"{region}\" is not the 2-letter Eurostat "
                              "code of {country_label}.",
                              args};
            reporter.report(at(region), message, Message{"replace.hint", "{country} \u2192 {code}", args},
                            discriminator(region.entry));
        }
    }
};

class Syntax final : public Rule {
public:
    static constexpr Translation translations[] = {
        {"fr", "title", "Pas un code NUTS"},
        {"fr", "not-nuts",
         "« {code} » (région « {region} ») n'est pas un code NUTS : un code NUTS se compose du code pays à "
         "deux lettres suivi d'au plus trois lettres ou chiffres."},
        {"fr", "lower-case",
         "« {code} » (région « {region} ») n'est pas un code NUTS : les codes NUTS s'écrivent en "
         "majuscules."},
        {"fr", "country-prefix",
         "« {code} » (région « {region} ») n'est pas un code NUTS : les codes NUTS de {country_label} "
         "commencent par {prefix}."},
        {"fr", "not-nuts-country",
         "« {code} » (région « {region} ») n'est pas un code NUTS : {prefix} n'est le code d'aucun pays de "
         "la nomenclature NUTS."},
        {"fr", "format.hint",
         "Indiquez chaque région sous la forme « Nom (Pays), code NUTS », par exemple « Lapland (FI), FI1D7 "
         "»."},
        {"fr", "correction.hint", "Remplacez « {code} » par {correction}."}};
    static constexpr RuleInfo info{
        "syntax",
        "Not a NUTS code",
        "A region's code is not NUTS syntax: the 2-letter Eurostat country code followed by up to three "
        "upper-case letters or digits (FI1D7).",
        Severity::error,
        "docs/rules/nuts-code-format.md#syntax",
        {},
        translations};

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        for (const LocatedRegion& region : entries_of(survey, contribution)) {
            const std::string& code = region.entry.nuts_code;
            if (code.empty() || well_formed(code)) continue;
            std::string upper;
            for (char c : code) upper += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
            std::vector<surveycheck::Arg> args{{"code", code}, {"region", discriminator(region.entry)}};
            // Why the code is not NUTS syntax: the message's id and English text.
            struct {
                const char* id;
                const char* text;
            } why{"not-nuts",
                  "\"{code}\" (region \"{region}\") is not a NUTS code: a NUTS code is the 2-letter country "
                  "code followed by up to three letters or digits."};
            bool corrected = false;
            if (kit::is_nuts_syntax(upper) && !kit::nuts_country(upper).empty()) {
                why = {"lower-case",
                       "\"{code}\" (region \"{region}\") is not a NUTS code: NUTS codes are written in upper "
                       "case."};
                args.push_back({"correction", upper});
                corrected = true;
            } else if (kit::is_nuts_syntax(upper)) {
                const auto country = kit::resolve_country(upper.substr(0, 2));
                if (country && !kit::nuts_country(country->code).empty()) {
                    why = {"country-prefix",
                           "\"{code}\" (region \"{region}\") is not a NUTS code: the NUTS codes of "
                           "{country_label} "
                           "start with {prefix}."};
                    args.push_back({"country_label", country_label(country->code)});
                    args.push_back({"prefix", std::string(country->code)});
                    args.push_back({"correction", std::string(country->code) + upper.substr(2)});
                    corrected = true;
                } else {
                    why = {"not-nuts-country",
                           "\"{code}\" (region \"{region}\") is not a NUTS code: {prefix} is not the country "
                           "code of a NUTS country."};
                    args.push_back({"prefix", upper.substr(0, 2)});
                }
            }
            const Message hint =
                corrected ? Message{"correction.hint", "{code} \u2192 {correction}", args} : format_hint();
            reporter.report(at(region), Message{why.id, why.text, args}, hint, discriminator(region.entry));
        }
    }
};

// "2021 and 2024" with `last` = " and ", "2021, 2024" with `last` = ", ".
std::string version_list(const std::vector<int>& versions, const char* last) {
    std::string out;
    for (std::size_t i = 0; i < versions.size(); ++i) {
        if (i > 0) out += i + 1 == versions.size() ? last : ", ";
        out += std::to_string(versions[i]);
    }
    return out;
}

// The unknown-code message: one id for each of "in force for the period" or "default", "in no version" or
// "in other versions".
Message unknown_code_message(const VersionInForce& in_force, bool elsewhere,
                             std::vector<surveycheck::Arg> args) {
    if (in_force.period) {
        if (elsewhere)
            return Message{
                "not-in-period-version",
                "{code} (region \"{region}\") is not a NUTS {version} code, the version in force for "
                "the reporting period \"{period}\"; it exists in NUTS {versions}.",
                std::move(args)};
        return Message{
            "not-in-any-version",
            "{code} (region \"{region}\") is not a NUTS {version} code, the version in force for the "
            "reporting period \"{period}\"; it is in no NUTS version (2016, 2021, 2024).",
            std::move(args)};
    }
    if (elsewhere)
        return Message{
            "not-in-default-version",
            "{code} (region \"{region}\") is not a NUTS {version} code, the version used because the "
            "contribution gives no reporting period with a year; it exists in NUTS {versions}.",
            std::move(args)};
    return Message{
        "not-in-any-version-default",
        "{code} (region \"{region}\") is not a NUTS {version} code, the version used because the "
        "contribution gives no reporting period with a year; it is in no NUTS version (2016, 2021, "
        "2024).",
        std::move(args)};
}

class UnknownCode final : public Rule {
public:
    static constexpr Translation translations[] = {
        {"fr", "title", "Code NUTS inconnu dans la version en vigueur"},
        {"fr", "not-in-period-version",
         "{code} (région « {region} ») n'est pas un code NUTS {version}, la version en vigueur pour la "
         "période de référence « {period} » ; il existe dans NUTS {years}."},
        {"fr", "not-in-any-version",
         "{code} (région « {region} ») n'est pas un code NUTS {version}, la version en vigueur pour la "
         "période de référence « {period} » ; il ne figure dans aucune version NUTS (2016, 2021, 2024)."},
        {"fr", "not-in-default-version",
         "{code} (région « {region} ») n'est pas un code NUTS {version}, la version retenue faute de période "
         "de référence comportant une année dans la contribution ; il existe dans NUTS {years}."},
        {"fr", "not-in-any-version-default",
         "{code} (région « {region} ») n'est pas un code NUTS {version}, la version retenue faute de période "
         "de référence comportant une année dans la contribution ; il ne figure dans aucune version NUTS "
         "(2016, 2021, 2024)."},
        {"fr", "unknown-code.hint",
         "Utilisez le code de la région dans NUTS {version} (https://ec.europa.eu/eurostat/web/nuts)."},
        {"fr", "unknown-code.suggestion.hint",
         "D'après son nom, le code de la région dans NUTS {version} est {suggestion}."}};
    static constexpr RuleInfo info{
        "unknown-code",
        "NUTS code unknown in the version in force",
        "A well-formed code is not in the NUTS version in force for the reporting period (2016 up to 2020, "
        "2021 for 2021-2023, 2024 from 2024); the message says in which other version it exists, if any.",
        Severity::error,
        "docs/rules/nuts-code-format.md#unknown-code",
        {},
        translations};

    explicit UnknownCode(const Options& options) : catalog_(NutsCatalog::shared(options.data_dir())) {}

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        if (!catalog_->available()) return;  // no-data failed to start: the run is incomplete
        const auto entries = entries_of(survey, contribution);
        if (entries.empty()) return;
        const VersionInForce in_force = version_in_force(survey, contribution);
        for (const LocatedRegion& region : entries) {
            const std::string& code = region.entry.nuts_code;
            if (!well_formed(code) || catalog_->find(in_force.version, code) != nullptr) continue;
            const std::vector<int> others = catalog_->versions_with(code);
            std::vector<surveycheck::Arg> args{{"code", code},
                                               {"region", discriminator(region.entry)},
                                               {"version", std::to_string(in_force.version)},
                                               {"period", in_force.period.value_or("")},
                                               {"versions", version_list(others, " and ")},
                                               {"years", version_list(others, ", ")}};
            const kit::NameSuggestion suggestion =
                region.entry.name.empty()
                    ? kit::NameSuggestion{}
                    : catalog_->suggest(region.entry.name, kit::nuts_country(code), in_force.version);
            const bool suggested = suggestion.region != nullptr &&
                                   suggestion.kind != kit::NameKind::country &&
                                   suggestion.version == in_force.version;
            if (suggested) args.push_back({"suggestion", suggestion_label(suggestion, in_force.version)});
            const Message hint =
                suggested ? Message{"unknown-code.suggestion.hint",
                                    "By its name, the region's code in NUTS {version} is {suggestion}.", args}
                          : Message{"unknown-code.hint",
                                    "Use the code of the region in NUTS {version} "
                                    "(https://ec.europa.eu/eurostat/web/nuts).",
                                    args};
            reporter.report(at(region), unknown_code_message(in_force, !others.empty(), std::move(args)),
                            hint, discriminator(region.entry));
        }
    }

private:
    std::shared_ptr<const NutsCatalog> catalog_;  // shared with no-data
};

class CountryMismatch final : public Rule {
public:
    static constexpr Translation translations[] = {
        {"fr", "title", "Code NUTS d'un autre pays"},
        {"fr", "country-mismatch",
         "{code} (région « {region} ») est un code NUTS de {code_country_label}, mais le pays indiqué est "
         "« {stated} » ({stated_country_label})."},
        {"fr", "country-mismatch.hint", "Corrigez le code ou le pays."}};
    static constexpr RuleInfo info{"country-mismatch",
                                   "NUTS code of another country",
                                   "A region's NUTS code belongs to another country than the one stated in "
                                   "parentheses.",
                                   Severity::error,
                                   "docs/rules/nuts-code-format.md#country-mismatch",
                                   {},
                                   translations};

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        for (const LocatedRegion& region : entries_of(survey, contribution)) {
            const std::string& code = region.entry.nuts_code;
            if (!well_formed(code) || region.entry.country.empty()) continue;
            const auto stated = kit::resolve_country(region.entry.country);
            const std::string_view of_code = kit::nuts_country(code);
            if (!stated || stated->code == of_code) continue;
            reporter.report(
                at(region),
                Message{"country-mismatch",
                        "{code} (region \"{region}\") is a code of {code_country_label}, but the stated "
                        "country is \"{stated}\" ({stated_country_label}).",
                        {{"code", code},
                         {"region", discriminator(region.entry)},
                         {"code_country", std::string(of_code)},
                         {"code_country_label", country_label(of_code)},
                         {"stated", region.entry.country},
                         {"stated_country", std::string(stated->code)},
                         {"stated_country_label", country_label(stated->code)}}},
                Message{"country-mismatch.hint", "Correct the code or the country."},
                discriminator(region.entry));
        }
    }
};

class CodeMismatch final : public Rule {
public:
    static constexpr Translation translations[] = {
        {"fr", "title", "Code NUTS d'une autre région"},
        {"fr", "code-mismatch",
         "{code} est le code de « {code_name} », pas de « {region} » ; d'après son nom, la région est "
         "« {nuts_name} », {suggestion}."},
        {"fr", "code-mismatch.hint", "Remplacez {code} par {suggested_code}, ou corrigez le nom."}};
    static constexpr RuleInfo info{
        "code-mismatch",
        "NUTS code of another region",
        "A region's valid NUTS code designates another region: the name matches a NUTS region surely (same "
        "country, one region only) and is not a name, or a near spelling of a name, of the given code.",
        Severity::warning,
        "docs/rules/nuts-code-format.md#code-mismatch",
        {},
        translations};

    explicit CodeMismatch(const Options& options) : catalog_(catalog_for_suggestions(options)) {}

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        if (catalog_ == nullptr || !catalog_->available()) return;
        const auto entries = entries_of(survey, contribution);
        std::optional<VersionInForce> in_force;
        for (const LocatedRegion& region : entries) {
            const std::string& code = region.entry.nuts_code;
            if (!well_formed(code) || region.entry.name.empty()) continue;
            const std::string_view country = kit::nuts_country(code);
            const std::string stated = stated_country(region.entry);
            if (!stated.empty() && stated != country) continue;  // country-mismatch says so
            if (!in_force) in_force = version_in_force(survey, contribution);
            const kit::NutsRegion* given = catalog_->find(in_force->version, code);
            for (int version : kit::nuts_versions)
                if (given == nullptr) given = catalog_->find(version, code);
            if (given == nullptr) continue;  // unknown-code says so
            const kit::NameSuggestion suggestion =
                catalog_->suggest(region.entry.name, country, in_force->version);
            if (suggestion.kind != kit::NameKind::region || suggestion.confidence < kit::confident_suggestion)
                continue;
            const std::string& suggested = suggestion.region->code;
            // The same region, or one containing the other (FRH and FRH0): not a mismatch.
            if (suggested.compare(0, code.size(), code) == 0 ||
                code.compare(0, suggested.size(), suggested) == 0)
                continue;
            if (catalog_->is_name_of(code, region.entry.name)) continue;
            const std::vector<surveycheck::Arg> args{
                {"code", code},
                {"code_name", given->name},
                {"region", discriminator(region.entry)},
                {"nuts_name", suggestion.region->name},
                {"suggestion", suggestion_label(suggestion, in_force->version)},
                {"suggested_code", suggested}};
            reporter.report(
                at(region),
                Message{"code-mismatch",
                        "{code} is the code of \"{code_name}\", not of \"{region}\"; by its name, the "
                        "region is \"{nuts_name}\", {suggestion}.",
                        args},
                Message{"code-mismatch.hint", "Replace {code} with {suggested_code}, or correct the name.",
                        args},
                discriminator(region.entry));
        }
    }

private:
    std::shared_ptr<const NutsCatalog> catalog_;
};

class ExtraRegio final : public Rule {
public:
    static constexpr Translation translations[] = {
        {"fr", "title", "Code NUTS extra-regio"},
        {"fr", "extra-regio",
         "{code} (région « {region} ») est un code extra-regio : il désigne un territoire situé hors de "
         "toute région (ambassades, plateau continental), pas une région."},
        {"fr", "extra-regio.hint", "Utilisez le code de la région elle-même."}};
    static constexpr RuleInfo info{
        "extra-regio",
        "Extra-regio NUTS code",
        "A region's code is an extra-regio code (xxZ, xxZZ, xxZZZ): territory outside "
        "every region, almost certainly not a partner region.",
        Severity::warning,
        "docs/rules/nuts-code-format.md#extra-regio",
        {},
        translations};

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        for (const LocatedRegion& region : entries_of(survey, contribution)) {
            if (!kit::is_extra_regio(region.entry.nuts_code)) continue;
            reporter.report(
                at(region),
                Message{"extra-regio",
                        "{code} (region \"{region}\") is an extra-regio code: territory outside every "
                        "region (embassies, continental shelf), not a region.",
                        {{"code", region.entry.nuts_code}, {"region", discriminator(region.entry)}}},
                Message{"extra-regio.hint", "Use the code of the region itself."},
                discriminator(region.entry));
        }
    }
};

// Fails to start when the NUTS code lists are missing, so that a run that could check only the syntax of the
// codes is incomplete (exit 3), never a pass; disabling it accepts a syntax-only check.
class NoData final : public Rule {
public:
    static constexpr Translation translations[] = {{"fr", "title", "Listes des codes NUTS indisponibles"}};
    static constexpr RuleInfo info{
        "no-data",
        "NUTS code lists not available",
        "Fails to start when the NUTS code lists (nuts/nuts2016.csv, nuts2021.csv, nuts2024.csv in the data "
        "folder) are missing: only the syntax of the codes could be checked, so the run is incomplete. "
        "Disable "
        "this rule to accept a check of the syntax alone.",
        Severity::error,
        "docs/rules/nuts-code-format.md#no-data",
        {},
        translations};

    explicit NoData(const Options& options) {
        std::shared_ptr<const NutsCatalog> catalog;
        try {
            catalog = NutsCatalog::shared(options.data_dir());
        } catch (const kit::NutsDataError&) {
            return;  // the lists are there but broken: unknown-code fails to start with the error, which is
                     // louder
        }
        if (catalog->available()) return;
        throw std::runtime_error(
            "the NUTS code lists are not available (" + catalog->missing() +
            "): only the syntax of NUTS codes could be checked, not whether the codes exist. Point "
            "--data-dir or "
            "SURVEYCHECK_DATA_DIR at the folder holding nuts/nuts2016.csv, nuts/nuts2021.csv and "
            "nuts/nuts2024.csv, or --disable nuts-code-format/no-data to accept a check of the syntax alone");
    }

    void check(const Survey&, const Contribution&, Reporter&) const override {}
};

}  // namespace

SURVEYCHECK_PLUGIN("nuts-code-format", "1.0.0",
                   "Region lists that ask for NUTS codes give a valid code and country for every region",
                   MissingCode, CountryCode, Syntax, UnknownCode, CountryMismatch, CodeMismatch, ExtraRegio,
                   NoData);
