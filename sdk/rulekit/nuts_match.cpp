#include "surveycheck/rulekit/nuts_match.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <numeric>

#include "surveycheck/rulekit/countries.hpp"
#include "surveycheck/rulekit/nuts.hpp"

namespace surveycheck::rulekit {
namespace {

// Words that say what kind of area a name is rather than which one ("Prov. Antwerpen", "Västra Götalands
// län", "Comunidad Foral de Navarra", "Grad Zagreb"), normalised.
constexpr std::array<std::string_view, 33> generic_words{
    "prov",      "province",   "provincia",  "provinz",   "arr",        "arrondissement",
    "lan",       "county",     "region",     "regione",   "regiao",     "comunidad",
    "comunitat", "foral",      "autonoma",   "de",        "del",        "di",
    "do",        "da",         "of",         "the",       "la",         "le",
    "miasto",    "kreisfreie", "stadt",      "landkreis", "stadtkreis", "kreis",
    "grad",      "kraj",       "wojewodztwo"};

// Capitals and big cities people write in English for their region, with the NUTS 3 names of the area they
// lie in ('|': the names of the versions, any of which may be in a list). NUTS 3 names often are city names
// already ("Paris", "Budapest", "Hamburg") and match as regions; this list covers the English names that
// match no NUTS name. Kept small on purpose: capitals of the member states and the seed report's cities.
struct CityRow {
    const char* english;
    const char* country;
    const char* nuts_names;
};
constexpr std::array<CityRow, 26> cities{{
    {"Copenhagen", "DK", "Byen København"},
    {"Helsinki", "FI", "Helsinki-Uusimaa"},
    {"Stockholm", "SE", "Stockholms län"},
    {"Vienna", "AT", "Wien"},
    {"Prague", "CZ", "Hlavní město Praha"},
    {"Warsaw", "PL", "Miasto Warszawa"},
    {"Bratislava", "SK", "Bratislavský kraj"},
    {"Ljubljana", "SI", "Osrednjeslovenska"},
    {"Zagreb", "HR", "Grad Zagreb"},
    {"Bucharest", "RO", "Bucureşti"},
    {"Sofia", "BG", "Sofia (stolitsa)"},
    {"Athens", "EL", "Kentrikos Tomeas Athinon"},
    {"Lisbon", "PT", "Área Metropolitana de Lisboa|Grande Lisboa"},
    {"Rome", "IT", "Roma"},
    {"Milan", "IT", "Milano"},
    {"Turin", "IT", "Torino"},
    {"Naples", "IT", "Napoli"},
    {"Munich", "DE", "München, Kreisfreie Stadt"},
    {"Cologne", "DE", "Köln, Kreisfreie Stadt"},
    {"Brussels", "BE", "Arr. de Bruxelles-Capitale/Arr. Brussel-Hoofdstad"},
    {"Amsterdam", "NL", "Groot-Amsterdam"},
    {"The Hague", "NL", "Agglomeratie ’s-Gravenhage"},
    {"Seville", "ES", "Sevilla"},
    {"Tallinn", "EE", "Põhja-Eesti"},
    {"Vilnius", "LT", "Vilniaus apskritis"},
    {"Nicosia", "CY", "Kypros"},
}};

// `normalised` without generic words; empty when nothing else is left.
std::string core_of(std::string_view normalised) {
    std::string out;
    while (!normalised.empty()) {
        const std::size_t space = normalised.find(' ');
        const std::string_view word = normalised.substr(0, space);
        normalised = space == std::string_view::npos ? std::string_view() : normalised.substr(space + 1);
        if (std::find(generic_words.begin(), generic_words.end(), word) != generic_words.end()) continue;
        if (!out.empty()) out += ' ';
        out.append(word);
    }
    return out;
}

// The parts of a NUTS name people may write alone: each side of a bilingual name ("Belgique/België"), the
// name before a comma ("Baden-Baden, Stadtkreis") and the name without the country Eurostat adds to tell
// namesakes apart ("Limburg (NL)").
std::vector<std::string_view> parts_of(std::string_view name) {
    std::vector<std::string_view> parts;
    const std::size_t n = name.size();
    if (n > 5 && name.compare(n - 5, 2, " (") == 0 && name[n - 1] == ')' && name[n - 3] >= 'A' &&
        name[n - 3] <= 'Z' && name[n - 2] >= 'A' && name[n - 2] <= 'Z')
        parts.push_back(name.substr(0, n - 5));
    if (const std::size_t comma = name.find(','); comma != std::string_view::npos)
        parts.push_back(name.substr(0, comma));
    if (name.find('/') == std::string_view::npos) return parts;
    while (!name.empty()) {
        const std::size_t slash = name.find('/');
        parts.push_back(name.substr(0, slash));
        name = slash == std::string_view::npos ? std::string_view() : name.substr(slash + 1);
    }
    return parts;
}

// The distinct trigrams of `text` padded with two '\1' at each end, as 24-bit numbers.
std::vector<std::uint32_t> trigrams(std::string_view text) {
    std::string padded = "\1\1";
    padded.append(text);
    padded += "\1\1";
    std::vector<std::uint32_t> out;
    out.reserve(padded.size());
    for (std::size_t i = 0; i + 3 <= padded.size(); ++i)
        out.push_back(static_cast<std::uint32_t>(static_cast<unsigned char>(padded[i])) << 16 |
                      static_cast<std::uint32_t>(static_cast<unsigned char>(padded[i + 1])) << 8 |
                      static_cast<unsigned char>(padded[i + 2]));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// Rank of a level among equally good matches: NUTS 2 (the regions of the S3 partnerships), then 1, 3, 0.
int level_rank(int level) {
    static constexpr std::array<int, 4> rank{3, 1, 0, 2};
    return level >= 0 && level <= 3 ? rank[static_cast<std::size_t>(level)] : 4;
}

// How far NUTS `version` is from the version `wanted`: 0 for the same, then the nearest, older first.
int version_distance(int version, int wanted) { return std::abs(version - wanted) * 2 + (version > wanted); }

}  // namespace

std::string normalise_region_name(std::string_view name, bool umlauts_written_out) {
    std::string prepared;
    prepared.reserve(name.size() + 4);
    for (std::size_t i = 0; i < name.size(); ++i) {
        const std::string_view rest = name.substr(i);
        const auto starts = [&](std::string_view s) { return rest.substr(0, s.size()) == s; };
        const char c = name[i];
        if (c == '\'' || c == '`') continue;
        if (c == ',' || c == '(' || c == ')') {
            prepared += ' ';
        } else if (starts("\xC3\x9F")) {  // ß
            prepared += "ss";
            ++i;
        } else if (starts("\xE2\x80\x99") || starts("\xE2\x80\x98")) {  // ’ ‘
            i += 2;
        } else if (umlauts_written_out && (starts("\xC3\xA4") || starts("\xC3\x84"))) {
            prepared += "ae";
            ++i;
        } else if (umlauts_written_out && (starts("\xC3\xB6") || starts("\xC3\x96"))) {
            prepared += "oe";
            ++i;
        } else if (umlauts_written_out && (starts("\xC3\xBC") || starts("\xC3\x9C"))) {
            prepared += "ue";
            ++i;
        } else {
            prepared += c;
        }
    }
    return fold_for_matching(prepared);
}

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    if (a.size() > b.size()) std::swap(a, b);
    if (b.size() - a.size() > limit) return limit + 1;
    // Three rows of the optimal string alignment table, over the shorter string.
    std::vector<std::size_t> before(a.size() + 1);
    std::vector<std::size_t> previous(a.size() + 1);
    std::vector<std::size_t> current(a.size() + 1);
    std::iota(previous.begin(), previous.end(), std::size_t{0});
    for (std::size_t j = 1; j <= b.size(); ++j) {
        current[0] = j;
        std::size_t row_min = current[0];
        for (std::size_t i = 1; i <= a.size(); ++i) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            std::size_t best = std::min({previous[i] + 1, current[i - 1] + 1, previous[i - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                best = std::min(best, before[i - 2] + 1);
            current[i] = best;
            row_min = std::min(row_min, best);
        }
        if (row_min > limit) return limit + 1;
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return std::min(previous[a.size()], limit + 1);
}

std::size_t allowed_edits(std::size_t length) {
    if (length < 5) return 0;
    if (length < 8) return 1;
    if (length < 12) return 2;
    return std::min<std::size_t>(length / 5, 4);
}

NutsNameIndex::NutsNameIndex(const NutsCatalog& catalog) : catalog_(catalog) {
    // Keys grouped by country (so a country's keys are one range), deduplicated across versions: a name the
    // country had in an earlier version adds its region to the keys made then.
    std::vector<std::pair<std::string, std::vector<Hit>>> by_country;
    std::unordered_map<std::string, std::size_t> country_slot;
    for (const auto& [version, list] : catalog.lists_)
        for (const NutsRegion& region : list) {
            const auto [slot, added] = country_slot.try_emplace(region.country, by_country.size());
            if (added) by_country.emplace_back(region.country, std::vector<Hit>{});
            by_country[slot->second].second.push_back(Hit{&region, version});
        }
    std::unordered_map<std::string, std::uint32_t> key_of;                  // text + kind, in one country
    std::unordered_map<std::string_view, std::vector<std::uint32_t>> made;  // raw name -> its keys
    for (std::size_t c = 0; c < by_country.size(); ++c) {
        Country country{by_country[c].first, static_cast<std::uint32_t>(keys_.size()), 0};
        key_of.clear();
        made.clear();
        for (const Hit& hit : by_country[c].second) {
            const NutsRegion* region = hit.region;
            // Not a structured binding: C++17 lambdas (clang's, for the fuzz build) cannot capture one.
            const auto emplaced = made.try_emplace(region->name);
            const auto known = emplaced.first;
            if (emplaced.second) {
                const auto add = [&](std::string text, bool core, bool whole) {
                    if (text.size() < 2) return;
                    const auto [slot, added] = key_of.try_emplace(text + (core ? "\1" : "\2"),
                                                                  static_cast<std::uint32_t>(keys_.size()));
                    if (added)
                        keys_.push_back(Key{std::move(text), static_cast<std::uint32_t>(c), core, whole, {}});
                    if (std::find(known->second.begin(), known->second.end(), slot->second) ==
                        known->second.end())
                        known->second.push_back(slot->second);
                };
                const std::string_view raw = region->name;
                const bool umlauts = raw.find("\xC3\xA4") != raw.npos || raw.find("\xC3\xB6") != raw.npos ||
                                     raw.find("\xC3\xBC") != raw.npos || raw.find("\xC3\x84") != raw.npos ||
                                     raw.find("\xC3\x96") != raw.npos || raw.find("\xC3\x9C") != raw.npos;
                std::vector<std::string_view> names{raw};
                for (std::string_view part : parts_of(raw)) names.push_back(part);
                for (std::string_view name : names) {
                    const bool whole = name.size() == raw.size() || raw.find('/') != std::string_view::npos;
                    for (bool written_out : {false, true}) {
                        if (written_out && !umlauts) continue;
                        std::string text = normalise_region_name(name, written_out);
                        std::string core = core_of(text);
                        if (core.size() >= 4 && core != text) add(std::move(core), true, false);
                        add(std::move(text), false, whole);
                    }
                    if (region->level == 0)
                        country_names_.try_emplace(normalise_region_name(name), region->country);
                }
            }
            for (std::uint32_t id : known->second) {
                std::vector<Hit>& hits = keys_[id].hits;
                if (hits.empty() || hits.back().region != region) hits.push_back(hit);
            }
        }
        country.end_key = static_cast<std::uint32_t>(keys_.size());
        countries_.push_back(std::move(country));
        if (const std::string_view english = country_name(by_country[c].first); !english.empty())
            country_names_.try_emplace(normalise_region_name(english), by_country[c].first);
    }
    by_text_.reserve(keys_.size());
    for (std::uint32_t id = 0; id < keys_.size(); ++id) by_text_[keys_[id].text].push_back(id);
    trigrams_built_ = std::make_unique<std::once_flag[]>(countries_.size());
    by_trigram_.resize(countries_.size());
}

const std::unordered_map<std::uint32_t, std::vector<std::uint32_t>>& NutsNameIndex::trigrams_of(
    std::size_t country) const {
    // Built for the countries near spellings are looked for in only.
    std::call_once(trigrams_built_[country], [&] {
        auto& postings = by_trigram_[country];
        for (std::uint32_t id = countries_[country].first_key; id < countries_[country].end_key; ++id)
            for (std::uint32_t gram : trigrams(keys_[id].text)) postings[gram].push_back(id);
    });
    return by_trigram_[country];
}

NameSuggestion NutsNameIndex::best_of(const std::vector<const Key*>& keys, int version, bool exact,
                                      double confidence, bool smallest) const {
    const Hit* best = nullptr;
    const auto rank = [&](const Hit& hit) {
        return smallest ? 3 - hit.region->level : level_rank(hit.region->level);
    };
    const auto better = [&](const Hit& a, const Hit& b) {
        const int va = version_distance(a.version, version);
        const int vb = version_distance(b.version, version);
        return va != vb ? va < vb : rank(a) < rank(b);
    };
    for (const Key* key : keys)
        for (const Hit& hit : key->hits)
            if (best == nullptr || better(hit, *best)) best = &hit;
    if (best == nullptr) return {};
    // Two different regions equally good, in different countries or not one another's part: unsure.
    for (const Key* key : keys)
        for (const Hit& hit : key->hits)
            if (!better(*best, hit) && hit.region->code != best->region->code &&
                hit.region->code.compare(0, best->region->code.size(), best->region->code) != 0 &&
                best->region->code.compare(0, hit.region->code.size(), hit.region->code) != 0)
                return {};
    NameSuggestion suggestion{NameKind::region, best->region, best->version, exact, confidence};
    if (const NutsRegion* in_force = catalog_.find(version, best->region->code)) {
        suggestion.region = in_force;  // the same code in the version in force
        suggestion.version = version;
    }
    return suggestion;
}

NameSuggestion NutsNameIndex::city(std::string_view normalised, std::string_view country, int version) const {
    for (const CityRow& row : cities) {
        if (!country.empty() && country != row.country) continue;
        if (normalise_region_name(row.english) != normalised) continue;
        std::vector<const Key*> keys;
        std::string_view names = row.nuts_names;
        while (!names.empty()) {
            const std::size_t bar = names.find('|');
            const auto found = by_text_.find(normalise_region_name(names.substr(0, bar)));
            names = bar == std::string_view::npos ? std::string_view() : names.substr(bar + 1);
            if (found == by_text_.end()) continue;
            for (std::uint32_t id : found->second)
                if (countries_[keys_[id].country].code == row.country) keys.push_back(&keys_[id]);
        }
        NameSuggestion suggestion = best_of(keys, version, true, 0.9, true);
        suggestion.kind = NameKind::city;
        return suggestion;
    }
    return {};
}

void NutsNameIndex::near_in_country(const std::string& normalised, const Country& country, std::size_t& best,
                                    std::vector<const Key*>& found) const {
    const std::size_t limit = allowed_edits(normalised.size());
    const std::vector<std::uint32_t> grams = trigrams(normalised);
    // Each edit removes at most three trigrams: names sharing fewer cannot be near.
    const std::size_t need = grams.size() > 3 * limit ? grams.size() - 3 * limit : 1;
    std::vector<std::uint8_t> shared(country.end_key - country.first_key);
    const auto& by_trigram = trigrams_of(static_cast<std::size_t>(&country - countries_.data()));
    for (std::uint32_t gram : grams) {
        const auto postings = by_trigram.find(gram);
        if (postings == by_trigram.end()) continue;
        for (std::uint32_t id : postings->second)
            if (shared[id - country.first_key] < 255) ++shared[id - country.first_key];
    }
    for (std::uint32_t id = country.first_key; id < country.end_key; ++id) {
        if (shared[id - country.first_key] < need) continue;
        const Key& key = keys_[id];
        const std::size_t distance = edit_distance(normalised, key.text, std::min(limit, best));
        if (distance > limit || distance > best) continue;
        if (distance < best) found.clear();
        best = distance;
        found.push_back(&key);
    }
}

NameSuggestion NutsNameIndex::near_spelling(const std::string& normalised, std::string_view country,
                                            int version) const {
    if (allowed_edits(normalised.size()) == 0) return {};
    std::size_t best = allowed_edits(normalised.size()) + 1;
    std::vector<const Key*> found;
    for (const Country& candidate : countries_)
        if (country.empty() || candidate.code == country) near_in_country(normalised, candidate, best, found);
    if (found.empty()) return {};
    const double per_letter = static_cast<double>(best) / static_cast<double>(normalised.size());
    return best_of(found, version, false, 0.8 * (1.0 - per_letter));
}

NameSuggestion NutsNameIndex::suggest(std::string_view name, std::string_view country, int version) const {
    const std::string normalised = normalise_region_name(name);
    if (normalised.size() < 2) return {};
    if (const auto named = country_names_.find(normalised); named != country_names_.end()) {
        if (country.empty() || country == named->second) {
            NameSuggestion suggestion{NameKind::country, nullptr, version, true, 1.0};
            for (int candidate : nuts_versions)
                if (suggestion.region == nullptr ||
                    version_distance(candidate, version) < version_distance(suggestion.version, version))
                    if (const NutsRegion* region = catalog_.find(candidate, named->second)) {
                        suggestion.region = region;
                        suggestion.version = candidate;
                    }
            return suggestion;
        }
    }
    const auto exact = [&](const std::string& text, bool core_keys) {
        std::vector<const Key*> keys;
        if (const auto found = by_text_.find(text); found != by_text_.end())
            for (std::uint32_t id : found->second) {
                const Key& key = keys_[id];
                if ((country.empty() || countries_[key.country].code == country) && (core_keys || !key.core))
                    keys.push_back(&key);
            }
        return keys;
    };
    // The name itself, and without generic words ("Navarra": ES220 "Navarra", ES22 "Comunidad Foral de
    // Navarra"), weighed together so that NUTS 2 comes first; the confidence says which one was chosen.
    std::vector<const Key*> keys = exact(normalised, false);
    const std::size_t whole_keys = keys.size();
    if (const std::string core = core_of(normalised); core.size() >= 4) {
        for (const Key* key : exact(core, true))
            if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    }
    if (!keys.empty()) {
        NameSuggestion found = best_of(keys, version, true, 0.9);
        for (std::size_t k = 0; k < whole_keys && found.region != nullptr; ++k)
            for (const Hit& hit : keys[k]->hits)
                if (hit.region->code == found.region->code) found.confidence = 1.0;
        return found;
    }
    if (NameSuggestion found = city(normalised, country, version); found.kind != NameKind::none) return found;
    return near_spelling(normalised, country, version);
}

bool NutsNameIndex::is_name_of(std::string_view code, std::string_view name) const {
    const std::string normalised = normalise_region_name(name);
    const std::string core = core_of(normalised);
    for (int version : nuts_versions) {
        const NutsRegion* region = catalog_.find(version, code);
        if (region == nullptr) continue;
        std::vector<std::string_view> names{region->name};
        for (std::string_view part : parts_of(region->name)) names.push_back(part);
        for (std::string_view written : names)
            for (bool umlauts : {false, true}) {
                const std::string text = normalise_region_name(written, umlauts);
                for (const std::string& candidate : {text, core_of(text)}) {
                    for (const std::string& query : {normalised, core}) {
                        if (query.empty() || candidate.empty()) continue;
                        if (edit_distance(query, candidate, allowed_edits(query.size())) <=
                            allowed_edits(query.size()))
                            return true;
                    }
                }
            }
    }
    return false;
}

std::vector<std::string> NutsNameIndex::countries_named(std::string_view name) const {
    std::vector<std::string> found;
    const auto keys = by_text_.find(normalise_region_name(name));
    if (keys == by_text_.end()) return found;
    for (std::uint32_t id : keys->second) {
        const Key& key = keys_[id];
        const std::string& code = countries_[key.country].code;
        if (key.whole && std::find(found.begin(), found.end(), code) == found.end()) found.push_back(code);
    }
    return found;
}

}  // namespace surveycheck::rulekit
