// Rule kit: NUTS codes (syntax, level, extra-regio), the version in force for a year, and the code lists.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "surveycheck/rulekit/nuts_match.hpp"
#include "surveycheck/survey_view.hpp"

namespace surveycheck::rulekit {

// The NUTS versions the code lists cover, oldest first.
inline constexpr int nuts_versions[] = {2016, 2021, 2024};

// True when `code` is NUTS syntax: two upper-case letters, then 0 to 3 upper-case letters or digits.
bool is_nuts_syntax(std::string_view code);

// Level 0-3 of a code in NUTS syntax (its length minus 2), -1 otherwise.
int nuts_level(std::string_view code);

// True for an extra-regio code (`xxZ`, `xxZZ`, `xxZZZ`): territory outside every region.
bool is_extra_regio(std::string_view code);

// The NUTS version in force for reports of `year`: 2016 up to 2020, 2021 for 2021-2023, 2024 from 2024.
int nuts_version_for_year(int year);

// The year a reporting-period text ends in ("January - June 2020" gives 2020), if it names one.
std::optional<int> reporting_year(std::string_view period);

// The reporting-period answer of a contribution (choice label or text of the `reporting-period` question).
std::string reporting_period_text(const Survey& survey, const Contribution& contribution);

// One row of a NUTS code list.
struct NutsRegion {
    std::string code;
    int level = 0;
    std::string country;
    std::string name;
};

// A code list file that is there but cannot be read; the message names the file and line.
class NutsDataError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The NUTS 2016, 2021 and 2024 code lists of a data folder (`<data_dir>/nuts/nuts<version>.csv`).
class NutsCatalog {
public:
    // Load every list; throws NutsDataError for a malformed file. Missing folder or files: not available.
    explicit NutsCatalog(const std::string& data_dir);
    // The catalog of `data_dir`, loaded once while any rule of the plugin holds it (as the constructor).
    static std::shared_ptr<const NutsCatalog> shared(const std::string& data_dir);

    // True when all three lists were loaded.
    bool available() const { return missing_.empty(); }
    // Why the lists are not available (the files not found), empty when available.
    const std::string& missing() const { return missing_; }
    // The region `code` of NUTS `version`, or null.
    const NutsRegion* find(int version, std::string_view code) const;
    // The versions in which `code` exists, oldest first.
    std::vector<int> versions_with(std::string_view code) const;
    // Countries of the regions (any version) whose name, or one part of a bilingual name, normalises to
    // `name`'s normalised form (normalise_region_name).
    std::vector<std::string> countries_named(std::string_view name) const;
    // The region a written name designates in NUTS `version`, of Eurostat `country` when not empty
    // (NutsNameIndex::suggest).
    NameSuggestion suggest(std::string_view name, std::string_view country, int version) const;
    // True when `name` is, or is a near spelling of, a name of `code` in any version.
    bool is_name_of(std::string_view code, std::string_view name) const;

private:
    friend class NutsNameIndex;
    // The name index, built on first use: loading stays cheap for rules that never ask.
    const NutsNameIndex& names() const;

    std::map<int, std::vector<NutsRegion>> lists_;  // per version, sorted by code
    std::string missing_;
    mutable std::once_flag names_once_;
    mutable std::unique_ptr<const NutsNameIndex> names_;
    // The suggestions already made: lists repeat the same regions across contributions (at most 4096).
    mutable std::shared_mutex suggested_mutex_;
    mutable std::unordered_map<std::string, NameSuggestion> suggested_;
};

}  // namespace surveycheck::rulekit
