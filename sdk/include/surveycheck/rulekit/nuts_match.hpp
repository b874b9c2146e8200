// Rule kit: NUTS codes suggested from region names as people write them (case, accents, umlauts written
// out, hyphens, bilingual names, misspellings), and names told apart from countries and cities.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace surveycheck::rulekit {

class NutsCatalog;
struct NutsRegion;

// What a written region name turned out to be.
enum class NameKind {
    none,     // no NUTS name matches, or more than one region does equally well
    region,   // a NUTS region
    country,  // a country ("Ireland", "Slovenia"): `region` is its NUTS 0 region when the list has one
    city      // a capital or big city ("Copenhagen"): `region` is the NUTS 3 region it lies in
};

// A NUTS region suggested for a written name.
struct NameSuggestion {
    NameKind kind = NameKind::none;
    const NutsRegion* region = nullptr;  // in `version`; null for `none`
    int version = 0;                     // the version in force when the region exists there
    bool exact = false;                  // the normalised name is a NUTS name; else a near spelling
    // 1 for the normalised name itself, 0.9 once generic words ("Prov.", "län") are dropped, below 0.8 for
    // a near spelling (less the more edits per letter).
    double confidence = 0;
};

// Suggestions at or above this confidence are sure enough to call a given code wrong.
inline constexpr double confident_suggestion = 0.6;

// `name` as names are compared: fold_for_matching, then 'ß' as "ss", apostrophes dropped, commas and
// parentheses as spaces. With `umlauts_written_out`, "ä" "ö" "ü" become "ae" "oe" "ue" first.
std::string normalise_region_name(std::string_view name, bool umlauts_written_out = false);

// Edits (insertions, deletions, substitutions, swaps of neighbours) between `a` and `b`; `limit` + 1 once
// the distance is known to exceed `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

// The edits a near spelling of a normalised name of `length` bytes may have: none below 5 letters, then 1,
// 2 from 8, and one per 5 letters from 12 (at most 4).
std::size_t allowed_edits(std::size_t length);

// The NUTS names of a catalog, indexed by normalised name and, per country, by trigram. NutsCatalog builds
// it on first use.
class NutsNameIndex {
public:
    explicit NutsNameIndex(const NutsCatalog& catalog);

    // The region `name` designates in NUTS `version` (or, when it is there only, in a neighbouring
    // version); with a Eurostat `country` code, only regions of that country.
    NameSuggestion suggest(std::string_view name, std::string_view country, int version) const;
    // True when `name` is, or is a near spelling of, a name `code` has in any version.
    bool is_name_of(std::string_view code, std::string_view name) const;
    // Countries of the regions (any version) whose name, or one part of a bilingual name, is `name`.
    std::vector<std::string> countries_named(std::string_view name) const;

private:
    struct Hit {
        const NutsRegion* region;
        int version;
    };
    struct Key {
        std::string text;
        std::uint32_t country;  // index into countries_
        bool core;              // generic words dropped
        bool whole;             // the whole name or one part of a bilingual name
        std::vector<Hit> hits;
    };
    struct Country {
        std::string code;
        std::uint32_t first_key = 0;  // keys_ of this country: [first_key, end_key)
        std::uint32_t end_key = 0;
    };

    // The region of the best hit of `keys`: in `version` or the nearest, then NUTS 2, 1, 3, 0 (with
    // `smallest`: 3, 2, 1, 0); none when two unrelated regions are equally good.
    NameSuggestion best_of(const std::vector<const Key*>& keys, int version, bool exact, double confidence,
                           bool smallest = false) const;
    NameSuggestion city(std::string_view normalised, std::string_view country, int version) const;
    NameSuggestion near_spelling(const std::string& normalised, std::string_view country, int version) const;
    void near_in_country(const std::string& normalised, const Country& country, std::size_t& best,
                         std::vector<const Key*>& found) const;

    // The trigram postings of one country's keys (index into countries_), built on its first near spelling.
    const std::unordered_map<std::uint32_t, std::vector<std::uint32_t>>& trigrams_of(
        std::size_t country) const;

    const NutsCatalog& catalog_;
    std::vector<Country> countries_;
    std::vector<Key> keys_;
    std::unordered_map<std::string, std::vector<std::uint32_t>> by_text_;  // normalised text -> keys
    std::unordered_map<std::string, std::string> country_names_;           // normalised -> code
    std::unique_ptr<std::once_flag[]> trigrams_built_;                     // one per country
    mutable std::vector<std::unordered_map<std::uint32_t, std::vector<std::uint32_t>>> by_trigram_;
};

}  // namespace surveycheck::rulekit
