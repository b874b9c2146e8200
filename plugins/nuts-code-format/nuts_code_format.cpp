// nuts-code-format: region lists that ask for "Name (Country), NUTS code" give a valid code and country for
// every region, checked against the NUTS version in force for the reporting period.
#include <string>
#include <string_view>
#include <vector>

#include "surveycheck/plugin.hpp"
#include "surveycheck/rulekit/countries.hpp"
#include "surveycheck/rulekit/nuts.hpp"
#include "surveycheck/rulekit/regions.hpp"

namespace {

using surveycheck::Contribution;
using surveycheck::Location;
using surveycheck::Options;
using surveycheck::Reporter;
using surveycheck::Rule;
using surveycheck::RuleInfo;
using surveycheck::Severity;
using surveycheck::Survey;
using surveycheck::rulekit::CountryForm;
using surveycheck::rulekit::LocatedRegion;
using surveycheck::rulekit::NutsCatalog;
using surveycheck::rulekit::RegionEntry;
namespace kit = surveycheck::rulekit;

const char* const format_hint =
    "Write each region as \"Name (Country), NUTS code\", e.g. \"Lapland (FI), FI1D7\".";

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

// How a reader recognises the entry: "region \"Lapland\"".
std::string region_label(const RegionEntry& entry) { return "region \"" + discriminator(entry) + "\""; }

// "Finland (FI)" for a Eurostat code.
std::string country_label(std::string_view code) {
    const std::string_view name = kit::country_name(code);
    return name.empty() ? std::string(code) : std::string(name) + " (" + std::string(code) + ")";
}

// True when the code has NUTS syntax and a NUTS country prefix, so its content can be checked.
bool well_formed(std::string_view code) {
    return kit::is_nuts_syntax(code) && !kit::nuts_country(code).empty();
}

class MissingCode final : public Rule {
public:
    static constexpr RuleInfo info{
        "missing-code", "Region without a NUTS code",
        "A region of a list that asks for \"Name (Country), NUTS code\" has no NUTS code.", Severity::warning,
        "docs/rules/nuts-code-format.md#missing-code"};

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        for (const LocatedRegion& region : entries_of(survey, contribution)) {
            if (!region.entry.nuts_code.empty()) continue;
            reporter.report(at(region), "The NUTS code of " + region_label(region.entry) + " is missing.",
                            format_hint, discriminator(region.entry));
        }
    }
};

class CountryCode final : public Rule {
public:
    static constexpr RuleInfo info{
        "country-code", "Country not written as its 2-letter Eurostat code",
        "The country in parentheses is an abbreviation, an ISO code or a name instead of the 2-letter code "
        "Eurostat uses (EL for Greece, UK for the United Kingdom).",
        Severity::warning, "docs/rules/nuts-code-format.md#country-code"};

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        for (const LocatedRegion& region : entries_of(survey, contribution)) {
            const std::string& written = region.entry.country;
            if (written.empty()) continue;
            const auto match = kit::resolve_country(written);
            if (match && match->form == CountryForm::eurostat && written == match->code) continue;
            const std::string what = "The country \"" + written + "\" of " + region_label(region.entry);
            if (!match) {
                reporter.report(
                    at(region), what + " is not a country surveycheck knows.",
                    "Write the 2-letter Eurostat country code, e.g. FI for Finland, EL for Greece.",
                    discriminator(region.entry));
                continue;
            }
            const std::string code(match->code);
            const std::string why =
                match->form == CountryForm::iso_alpha2
                    ? " is the ISO code; Eurostat writes " + country_label(code) + "."
                    : " is not the 2-letter Eurostat code of " + country_label(code) + ".";
            reporter.report(at(region), what + why, written + " \u2192 " + code, discriminator(region.entry));
        }
    }
};

class Syntax final : public Rule {
public:
    static constexpr RuleInfo info{
        "syntax", "Not a NUTS code",
        "A region's code is not NUTS syntax: the 2-letter Eurostat country code followed by up to three "
        "upper-case letters or digits (FI1D7).",
        Severity::error, "docs/rules/nuts-code-format.md#syntax"};

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        for (const LocatedRegion& region : entries_of(survey, contribution)) {
            const std::string& code = region.entry.nuts_code;
            if (code.empty() || well_formed(code)) continue;
            std::string upper;
            for (char c : code) upper += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
            std::string why =
                "a NUTS code is the 2-letter country code followed by up to three letters or digits";
            std::string hint = format_hint;
            if (kit::is_nuts_syntax(upper) && !kit::nuts_country(upper).empty()) {
                why = "NUTS codes are written in upper case";
                hint = code + " \u2192 " + upper;
            } else if (kit::is_nuts_syntax(upper)) {
                const auto country = kit::resolve_country(upper.substr(0, 2));
                if (country && !kit::nuts_country(country->code).empty()) {
                    why = "the NUTS codes of " + country_label(country->code) + " start with " +
                          std::string(country->code);
                    hint = code + " \u2192 " + std::string(country->code) + upper.substr(2);
                } else {
                    why = upper.substr(0, 2) + " is not the country code of a NUTS country";
                }
            }
            reporter.report(
                at(region),
                "\"" + code + "\" (" + region_label(region.entry) + ") is not a NUTS code: " + why + ".",
                hint, discriminator(region.entry));
        }
    }
};

// The NUTS version in force for the contribution, and how it was chosen.
struct VersionInForce {
    int version;
    std::string reason;
};

VersionInForce version_in_force(const Survey& survey, const Contribution& contribution) {
    const std::string period = kit::reporting_period_text(survey, contribution);
    if (const auto year = kit::reporting_year(period))
        return {kit::nuts_version_for_year(*year), "in force for the reporting period \"" + period + "\""};
    return {kit::nuts_versions[2], "used because the contribution gives no reporting period with a year"};
}

// "2021 and 2024".
std::string version_list(const std::vector<int>& versions) {
    std::string out;
    for (std::size_t i = 0; i < versions.size(); ++i) {
        if (i > 0) out += i + 1 == versions.size() ? " and " : ", ";
        out += std::to_string(versions[i]);
    }
    return out;
}

class UnknownCode final : public Rule {
public:
    static constexpr RuleInfo info{
        "unknown-code", "NUTS code unknown in the version in force",
        "A well-formed code is not in the NUTS version in force for the reporting period (2016 up to 2020, "
        "2021 for 2021-2023, 2024 from 2024); the message says in which other version it exists, if any.",
        Severity::error, "docs/rules/nuts-code-format.md#unknown-code"};

    explicit UnknownCode(const Options& options) : catalog_(options.data_dir()) {}

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        if (!catalog_.available()) return;  // no-data says so, once per run
        const auto entries = entries_of(survey, contribution);
        if (entries.empty()) return;
        const VersionInForce in_force = version_in_force(survey, contribution);
        for (const LocatedRegion& region : entries) {
            const std::string& code = region.entry.nuts_code;
            if (!well_formed(code) || catalog_.find(in_force.version, code) != nullptr) continue;
            const std::vector<int> others = catalog_.versions_with(code);
            std::string message = code + " (" + region_label(region.entry) + ") is not a NUTS " +
                                  std::to_string(in_force.version) + " code, the version " + in_force.reason;
            message += others.empty() ? "; it is in no NUTS version (2016, 2021, 2024)."
                                      : "; it exists in NUTS " + version_list(others) + ".";
            reporter.report(at(region), message,
                            "Use the code of the region in NUTS " + std::to_string(in_force.version) +
                                " (https://ec.europa.eu/eurostat/web/nuts).",
                            discriminator(region.entry));
        }
    }

private:
    NutsCatalog catalog_;
};

class CountryMismatch final : public Rule {
public:
    static constexpr RuleInfo info{"country-mismatch", "NUTS code of another country",
                                   "A region's NUTS code belongs to another country than the one stated in "
                                   "parentheses.",
                                   Severity::error, "docs/rules/nuts-code-format.md#country-mismatch"};

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        for (const LocatedRegion& region : entries_of(survey, contribution)) {
            const std::string& code = region.entry.nuts_code;
            if (!well_formed(code) || region.entry.country.empty()) continue;
            const auto stated = kit::resolve_country(region.entry.country);
            const std::string_view of_code = kit::nuts_country(code);
            if (!stated || stated->code == of_code) continue;
            reporter.report(at(region),
                            code + " (" + region_label(region.entry) + ") is a code of " +
                                country_label(of_code) + ", but the stated country is \"" +
                                region.entry.country + "\" (" + country_label(stated->code) + ").",
                            "Correct the code or the country.", discriminator(region.entry));
        }
    }
};

class ExtraRegio final : public Rule {
public:
    static constexpr RuleInfo info{
        "extra-regio", "Extra-regio NUTS code",
        "A region's code is an extra-regio code (xxZ, xxZZ, xxZZZ): territory outside "
        "every region, almost certainly not a partner region.",
        Severity::warning, "docs/rules/nuts-code-format.md#extra-regio"};

    void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const override {
        for (const LocatedRegion& region : entries_of(survey, contribution)) {
            if (!kit::is_extra_regio(region.entry.nuts_code)) continue;
            reporter.report(at(region),
                            region.entry.nuts_code + " (" + region_label(region.entry) +
                                ") is an extra-regio code: territory outside every region (embassies, "
                                "continental shelf), not a region.",
                            "Use the code of the region itself.", discriminator(region.entry));
        }
    }
};

class NoData final : public Rule {
public:
    static constexpr RuleInfo info{
        "no-data", "NUTS code lists not available",
        "The NUTS code lists (nuts/nuts2016.csv, nuts2021.csv, nuts2024.csv in the data folder) are missing, "
        "so only the syntax of the codes was checked. Reported once per run.",
        Severity::info, "docs/rules/nuts-code-format.md#no-data"};

    explicit NoData(const Options& options) {
        try {
            missing_ = NutsCatalog(options.data_dir()).missing();
        } catch (const kit::NutsDataError&) {
            // The lists are there but broken: unknown-code fails to start with the error, which is louder.
        }
    }

    void check(const Survey& survey, const Contribution&, Reporter& reporter) const override {
        if (missing_.empty()) return;
        bool asks_for_nuts = false;
        for (const auto& question : survey.questions_with_role("region-list"))
            asks_for_nuts = asks_for_nuts || question.role_format("region-list") == "nuts";
        if (!asks_for_nuts) return;
        reporter.report(Location::whole_run(),
                        "The NUTS code lists are not available (" + missing_ +
                            "): only the syntax of NUTS codes was checked, not whether the codes exist.",
                        "Point --data-dir or SURVEYCHECK_DATA_DIR at the folder holding nuts/nuts2016.csv, "
                        "nuts/nuts2021.csv and nuts/nuts2024.csv.",
                        "no-data");
    }

private:
    std::string missing_;
};

}  // namespace

SURVEYCHECK_PLUGIN("nuts-code-format", "1.0.0",
                   "Region lists that ask for NUTS codes give a valid code and country for every region",
                   MissingCode, CountryCode, Syntax, UnknownCode, CountryMismatch, ExtraRegio, NoData);
