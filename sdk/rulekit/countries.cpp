#include "surveycheck/rulekit/countries.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>

namespace surveycheck::rulekit {
namespace {

// One country: Eurostat code, English name, ISO 3166 codes, other abbreviations and names ('|'-separated),
// and whether NUTS (or Eurostat's NUTS-like statistical regions) gives it codes.
struct CountryRow {
    const char* code;
    const char* english;
    const char* iso2;
    const char* iso3;
    // Abbreviations people write besides the ISO codes. Sources: IOC country codes (GER, DEN, NED, POR, GRE,
    // SUI, SLO, CRO, BUL, LAT, KOS), the pre-2008 IOC/ISO code ROM, FIFA's home nations (ENG, SCO, WAL, NIR),
    // and common informal ones (IRE for Ireland, HOL for Holland, SP for Spain, CZR for the Czech Republic).
    const char* abbreviations;
    // English alternatives, national names in Latin script, and Eurostat's Latin transliterations.
    const char* names;
    bool has_nuts;
};

constexpr std::array<CountryRow, 45> countries{{
    {"AT", "Austria", "AT", "AUT", "", "Österreich", true},
    {"BE", "Belgium", "BE", "BEL", "", "Belgique|België|Belgien", true},
    {"BG", "Bulgaria", "BG", "BGR", "BUL", "Balgariya|Balgarija", true},
    {"HR", "Croatia", "HR", "HRV", "CRO", "Hrvatska", true},
    {"CY", "Cyprus", "CY", "CYP", "", "Kypros|Kýpros|Kıbrıs", true},
    {"CZ", "Czechia", "CZ", "CZE", "CZR", "Czech Republic|Česko|Česká republika", true},
    {"DK", "Denmark", "DK", "DNK", "DEN", "Danmark", true},
    {"EE", "Estonia", "EE", "EST", "", "Eesti", true},
    {"FI", "Finland", "FI", "FIN", "", "Suomi", true},
    {"FR", "France", "FR", "FRA", "", "", true},
    {"DE", "Germany", "DE", "DEU", "GER", "Deutschland", true},
    {"EL", "Greece", "GR", "GRC", "GRE", "Hellas|Ellada|Elláda|Hellenic Republic", true},
    {"HU", "Hungary", "HU", "HUN", "", "Magyarország", true},
    {"IE", "Ireland", "IE", "IRL", "IRE", "Éire|Eire|Republic of Ireland", true},
    {"IT", "Italy", "IT", "ITA", "", "Italia", true},
    {"LV", "Latvia", "LV", "LVA", "LAT", "Latvija", true},
    {"LT", "Lithuania", "LT", "LTU", "", "Lietuva", true},
    {"LU", "Luxembourg", "LU", "LUX", "", "Lëtzebuerg|Luxemburg", true},
    {"MT", "Malta", "MT", "MLT", "", "", true},
    {"NL", "Netherlands", "NL", "NLD", "NED|HOL", "The Netherlands|Holland|Nederland|Pays-Bas", true},
    {"PL", "Poland", "PL", "POL", "", "Polska", true},
    {"PT", "Portugal", "PT", "PRT", "POR", "", true},
    {"RO", "Romania", "RO", "ROU", "ROM", "România", true},
    {"SK", "Slovakia", "SK", "SVK", "", "Slovensko|Slovak Republic", true},
    {"SI", "Slovenia", "SI", "SVN", "SLO", "Slovenija", true},
    {"ES", "Spain", "ES", "ESP", "SP", "España", true},
    {"SE", "Sweden", "SE", "SWE", "", "Sverige", true},
    {"UK", "United Kingdom", "GB", "GBR", "ENG|SCO|WAL|NIR",
     "Great Britain|Britain|England|Scotland|Wales|Northern Ireland", true},
    {"IS", "Iceland", "IS", "ISL", "", "Ísland", true},
    {"LI", "Liechtenstein", "LI", "LIE", "", "", true},
    {"NO", "Norway", "NO", "NOR", "", "Norge|Noreg", true},
    {"CH", "Switzerland", "CH", "CHE", "SUI", "Schweiz|Suisse|Svizzera|Svizra", true},
    {"ME", "Montenegro", "ME", "MNE", "", "Crna Gora", true},
    {"MK", "North Macedonia", "MK", "MKD", "", "Macedonia|Severna Makedonija|Makedonija", true},
    {"AL", "Albania", "AL", "ALB", "", "Shqipëria|Shqiperia", true},
    {"RS", "Serbia", "RS", "SRB", "", "Srbija", true},
    {"TR", "Türkiye", "TR", "TUR", "", "Turkey|Turkiye", true},
    {"XK", "Kosovo", "XK", "XKX", "KOS", "Kosovë|Kosova", true},
    {"BA", "Bosnia and Herzegovina", "BA", "BIH", "", "Bosnia|Bosnia-Herzegovina|Bosna i Hercegovina", false},
    {"MD", "Moldova", "MD", "MDA", "", "Republic of Moldova", false},
    {"UA", "Ukraine", "UA", "UKR", "", "Ukraina|Ukrayina", false},
    {"GE", "Georgia", "GE", "GEO", "", "Sakartvelo", false},
    {"AM", "Armenia", "AM", "ARM", "", "Hayastan", false},
    {"IL", "Israel", "IL", "ISR", "", "", false},
    {"FO", "Faroe Islands", "FO", "FRO", "", "Føroyar", false},
}};

constexpr std::array<const char*, 13> eu13{"BG", "HR", "CY", "CZ", "EE", "HU", "LV",
                                           "LT", "MT", "PL", "RO", "SK", "SI"};

// Lower-case ASCII letter for U+00C0..U+017F ('\0' when none), and for Romanian U+0218..U+021B.
char ascii_base(std::uint32_t cp) {
    static constexpr const char latin1[] =  // U+00C0..U+00FF
        "aaaaaaaceeeeiiii"
        "dnooooo ouuuuyts"
        "aaaaaaaceeeeiiii"
        "dnooooo ouuuuyty";
    static constexpr const char extended_a[] =  // U+0100..U+017F
        "aaaaaaccccccccdd"
        "ddeeeeeeeeeegggg"
        "gggghhhhiiiiiiii"
        "iiiijjkkklllllll"
        "lllnnnnnnnnnoooo"
        "oooorrrrrrssssss"
        "ssttttttuuuuuuuu"
        "uuuuwwyyyzzzzzzs";
    if (cp >= 0xC0 && cp <= 0xFF) return latin1[cp - 0xC0];
    if (cp >= 0x100 && cp <= 0x17F) return extended_a[cp - 0x100];
    if (cp >= 0x218 && cp <= 0x21B) return cp < 0x21A ? 's' : 't';
    return '\0';
}

// Decode one UTF-8 sequence at `i` (advancing it); invalid bytes decode as themselves.
std::uint32_t decode(std::string_view text, std::size_t& i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
    if (extra == 0 || i + extra >= text.size()) {
        ++i;
        return lead;
    }
    std::uint32_t cp = lead & (0x3F >> extra);
    for (std::size_t k = 1; k <= extra; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            ++i;
            return lead;
        }
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    i += extra + 1;
    return cp;
}

// True when every Eurostat code of the table is two upper-case letters (find_code compares two bytes).
constexpr bool codes_are_two_letters() {
    for (const CountryRow& row : countries) {
        const char* code = row.code;
        if (!(code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z' && code[2] == '\0'))
            return false;
    }
    return true;
}
static_assert(codes_are_two_letters(), "a Eurostat code of the table is not two upper-case letters");

const CountryRow* find_code(std::string_view code) {
    if (code.size() != 2) return nullptr;
    for (const CountryRow& row : countries)
        if (code[0] == row.code[0] && code[1] == row.code[1]) return &row;
    return nullptr;
}

// Every text resolve_country knows, folded, with its match. Filled in the order resolve_country promises
// (Eurostat codes, ISO alpha-2, ISO alpha-3, abbreviations, names; rows in table order): the first one wins.
const std::unordered_map<std::string, CountryMatch>& known_texts() {
    static const std::unordered_map<std::string, CountryMatch> texts = [] {
        std::unordered_map<std::string, CountryMatch> known;
        const auto add = [&](std::string_view text, const CountryRow& row, CountryForm form) {
            std::string folded = fold_for_matching(text);
            if (!folded.empty()) known.emplace(std::move(folded), CountryMatch{row.code, form});
        };
        const auto add_list = [&](std::string_view list, const CountryRow& row, CountryForm form) {
            while (!list.empty()) {
                const std::size_t bar = list.find('|');
                add(list.substr(0, bar), row, form);
                list = bar == std::string_view::npos ? std::string_view() : list.substr(bar + 1);
            }
        };
        for (const CountryRow& row : countries) add(row.code, row, CountryForm::eurostat);
        for (const CountryRow& row : countries) add(row.iso2, row, CountryForm::iso_alpha2);
        for (const CountryRow& row : countries) add(row.iso3, row, CountryForm::iso_alpha3);
        for (const CountryRow& row : countries) add_list(row.abbreviations, row, CountryForm::abbreviation);
        for (const CountryRow& row : countries) {
            add(row.english, row, CountryForm::name);
            add_list(row.names, row, CountryForm::name);
        }
        return known;
    }();
    return texts;
}

}  // namespace

std::string fold_for_matching(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        // ASCII, most of any text, needs no decoding.
        const auto byte = static_cast<unsigned char>(text[i]);
        const std::uint32_t cp = byte < 0x80 ? (++i, byte) : decode(text, i);
        if (cp == '.') continue;
        const bool blank = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == '-' ||
                           cp == '_' || cp == '/';
        if (blank) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        if (cp < 0x80) {
            out += (cp >= 'A' && cp <= 'Z') ? static_cast<char>(cp - 'A' + 'a') : static_cast<char>(cp);
        } else if (cp == 0x131) {  // dotless i
            out += 'i';
        } else if (char base = ascii_base(cp); base != '\0' && base != ' ') {
            out += base;
        } else {
            out.append(text.substr(start, i - start));
        }
    }
    return out;
}

std::optional<CountryMatch> resolve_country(std::string_view text) {
    const std::string folded = fold_for_matching(text);
    if (folded.empty()) return std::nullopt;
    const auto& known = known_texts();
    const auto found = known.find(folded);
    if (found == known.end()) return std::nullopt;
    return found->second;
}

std::string_view nuts_country(std::string_view nuts_code) {
    if (nuts_code.size() < 2) return {};
    const CountryRow* row = find_code(nuts_code.substr(0, 2));
    return row != nullptr && row->has_nuts ? std::string_view(row->code) : std::string_view();
}

std::string_view country_name(std::string_view code) {
    const CountryRow* row = find_code(code);
    return row != nullptr ? std::string_view(row->english) : std::string_view();
}

bool is_eu13(std::string_view code) {
    for (const char* member : eu13)
        if (code == member) return true;
    return false;
}

}  // namespace surveycheck::rulekit
