#include "surveycheck/rulekit/regions.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace surveycheck::rulekit {
namespace {

// The names of `entries`, in order.
std::vector<std::string> names(const std::vector<RegionEntry>& entries) {
    std::vector<std::string> out;
    for (const auto& entry : entries) out.push_back(entry.name);
    return out;
}

// The text an entry covers.
std::string covered(std::string_view text, const RegionEntry& entry) {
    return std::string(text.substr(entry.offset, entry.length));
}

// The text of the answer to the question with bid `bid` in an export written on one line per element.
std::string answer_of(const std::string& path, const std::string& bid) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string xml = buffer.str();
    const std::size_t tag = xml.rfind("<Question ", xml.find("bid=\"" + bid + "\""));
    const std::size_t id = xml.find("id=\"", tag) + 4;
    const std::string uid = xml.substr(id, xml.find('"', id) - id);
    const std::string open = "<Answer qid=\"" + uid + "\">";
    const std::size_t start = xml.find(open);
    if (tag == std::string::npos || start == std::string::npos) return {};
    const std::size_t begin = start + open.size();
    return xml.substr(begin, xml.find("</Answer>", begin) - begin);
}

TEST(SplitRegions, OneEntryPerLineWithCountryAndCode) {
    const std::string text = "Berlin (DE), DE30\nIle-de-France (FR), FR10";
    const auto entries = split_regions(text);
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].name, "Berlin");
    EXPECT_EQ(entries[0].country, "DE");
    EXPECT_EQ(entries[0].nuts_code, "DE30");
    EXPECT_EQ(covered(text, entries[0]), "Berlin (DE), DE30");
    EXPECT_EQ(entries[1].name, "Ile-de-France");
    EXPECT_EQ(entries[1].offset, 18u);
    EXPECT_EQ(covered(text, entries[1]), "Ile-de-France (FR), FR10");
}

TEST(SplitRegions, SemicolonsAndCommasSeparateEntries) {
    EXPECT_EQ(names(split_regions("Bavaria; Saxony, Thuringia;")),
              (std::vector<std::string>{"Bavaria", "Saxony", "Thuringia"}));
}

TEST(SplitRegions, EntriesGluedAfterTheirParenthesis) {
    const std::string text = "Wallonia(BEL) Bretagne(FRA)";
    const auto entries = split_regions(text);
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].name, "Wallonia");
    EXPECT_EQ(entries[0].country, "BEL");
    EXPECT_EQ(covered(text, entries[0]), "Wallonia(BEL)");
    EXPECT_EQ(entries[1].name, "Bretagne");
    EXPECT_EQ(entries[1].country, "FRA");
    EXPECT_EQ(entries[1].offset, 14u);
}

TEST(SplitRegions, ParenthesisOnTheNextLineBelongsToTheName) {
    const std::string text = "Aragon \n(ESP) Oulu Region(FIN)";
    const auto entries = split_regions(text);
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].name, "Aragon");
    EXPECT_EQ(entries[0].country, "ESP");
    EXPECT_EQ(covered(text, entries[0]), "Aragon \n(ESP)");
    EXPECT_EQ(entries[1].name, "Oulu Region");
}

TEST(SplitRegions, CommaAfterAParenthesisBeforeANameSplits) {
    const auto entries = split_regions("Basque Country\n(ESP), NordRhein Westfalia(GER)");
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].name, "Basque Country");
    EXPECT_EQ(entries[0].country, "ESP");
    EXPECT_EQ(entries[0].nuts_code, "");
    EXPECT_EQ(entries[1].name, "NordRhein Westfalia");
    EXPECT_EQ(entries[1].country, "GER");
}

TEST(SplitRegions, CommaBeforeANutsCodeDoesNotSplit) {
    const std::string text = "Lapland (FI), FI1D7";
    const auto entries = split_regions(text);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].name, "Lapland");
    EXPECT_EQ(entries[0].country, "FI");
    EXPECT_EQ(entries[0].nuts_code, "FI1D7");
    EXPECT_EQ(entries[0].length, text.size());
}

TEST(SplitRegions, CodeWithoutParenthesis) {
    const auto comma = split_regions("Lapland, FI1D7; Uusimaa FI1B1");
    ASSERT_EQ(comma.size(), 2u);
    EXPECT_EQ(comma[0].name, "Lapland");
    EXPECT_EQ(comma[0].nuts_code, "FI1D7");
    EXPECT_EQ(comma[1].name, "Uusimaa");
    EXPECT_EQ(comma[1].nuts_code, "FI1B1");
}

TEST(SplitRegions, MistypedCodeIsStillTheCode) {
    const auto entries = split_regions("Lapland (FI), fi1d7\nAttica (GR) - GR30");
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].nuts_code, "fi1d7");
    EXPECT_EQ(entries[1].nuts_code, "GR30");
}

TEST(SplitRegions, UpperCaseNameAfterParenthesisIsNotACode) {
    const auto entries = split_regions("Bavaria (DE), NRW (DE)");
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].nuts_code, "");
    EXPECT_EQ(entries[1].name, "NRW");
}

TEST(SplitRegions, EarlierParenthesisBelongsToTheName) {
    const auto entries = split_regions("Provence-Alpes-C\xC3\xB4te d'Azur (Sud) (FRA)");
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].name, "Provence-Alpes-C\xC3\xB4te d'Azur (Sud)");
    EXPECT_EQ(entries[0].country, "FRA");
}

TEST(SplitRegions, BulletsAndStrayPunctuationAreNotEntries) {
    EXPECT_EQ(names(split_regions("- Berlin (DE)\n* Prague (CZ)\n\xE2\x80\xA2 Vienna (AT)")),
              (std::vector<std::string>{"Berlin", "Prague", "Vienna"}));
    EXPECT_TRUE(split_regions(" . ; , \n").empty());
    EXPECT_TRUE(split_regions("").empty());
}

TEST(SplitRegions, UnclosedParenthesisEndsAtTheLine) {
    const auto entries = split_regions("Lapland (FI\nBerlin (DE)");
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].country, "FI");
    EXPECT_EQ(entries[1].name, "Berlin");
}

// "name|country|code" of each entry, to write the expected entries next to the input.
std::vector<std::string> parsed(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& entry : split_regions(text))
        out.push_back(entry.name + "|" + entry.country + "|" + entry.nuts_code);
    return out;
}

using Entries = std::vector<std::string>;

TEST(SplitRegions, DashesAndSlashBeforeTheCode) {
    EXPECT_EQ(parsed("Catalonia (ES) \xE2\x80\x93 ES51"), Entries{"Catalonia|ES|ES51"});  // en dash
    EXPECT_EQ(parsed("Catalonia (ES) \xE2\x80\x94 ES51"), Entries{"Catalonia|ES|ES51"});  // em dash
    EXPECT_EQ(parsed("Catalonia (ES) / ES51"), Entries{"Catalonia|ES|ES51"});
    EXPECT_EQ(parsed("Catalonia (ES) | ES51"), Entries{"Catalonia|ES|ES51"});
    EXPECT_EQ(parsed("Catalonia \xE2\x80\x93 ES51\nAragon / ES24"),
              (Entries{"Catalonia||ES51", "Aragon||ES24"}));
}

TEST(SplitRegions, LabelBeforeTheCode) {
    EXPECT_EQ(parsed("Catalonia (ES), NUTS ES51"), Entries{"Catalonia|ES|ES51"});
    EXPECT_EQ(parsed("Catalonia (ES), NUTS2: ES51"), Entries{"Catalonia|ES|ES51"});
    EXPECT_EQ(parsed("Catalonia (ES) NUTS 2 code: ES51"), Entries{"Catalonia|ES|ES51"});
    EXPECT_EQ(parsed("Catalonia (ES) - nuts-2 - ES51"), Entries{"Catalonia|ES|ES51"});
    EXPECT_EQ(parsed("Catalonia NUTS2: ES51; Aragon, NUTS ES24"),
              (Entries{"Catalonia||ES51", "Aragon||ES24"}));
    EXPECT_EQ(parsed("NUTS ES51"), Entries{"||ES51"});
    EXPECT_EQ(parsed("Nutsford (UK)"), Entries{"Nutsford|UK|"});  // a name, not a label
}

TEST(SplitRegions, CodeInsideTheParenthesis) {
    EXPECT_EQ(parsed("Catalonia (ES51)"), Entries{"Catalonia||ES51"});
    EXPECT_EQ(parsed("Catalonia (ES, ES51) Aragon (ES - ES24)"),
              (Entries{"Catalonia|ES|ES51", "Aragon|ES|ES24"}));
    EXPECT_EQ(parsed("Nordrhein-Westfalen (DEA)"),
              Entries{"Nordrhein-Westfalen||DEA"});  // a code, not a country
    EXPECT_EQ(parsed("Bretagne (FRA) Lapland (FI) Oulu (XYZ)"),
              (Entries{"Bretagne|FRA|", "Lapland|FI|", "Oulu|XYZ|"}));  // countries, even unknown ones
}

TEST(SplitRegions, HtmlInTheAnswer) {
    EXPECT_EQ(parsed("<p>Catalonia (ES), ES51</p><p>Upper Silesia (PL)</p>"),
              (Entries{"Catalonia|ES|ES51", "Upper Silesia|PL|"}));
    EXPECT_EQ(parsed("Catalonia (ES), ES51</p><p>Upper Silesia"),
              (Entries{"Catalonia|ES|ES51", "Upper Silesia||"}));
    EXPECT_EQ(parsed("Catalonia ES51<br>Aragon<br/>Navarra"),
              (Entries{"Catalonia||ES51", "Aragon||", "Navarra||"}));
    EXPECT_EQ(parsed("<ul><li>Bretagne (FR)</li><li>Grand Est (FR)</li></ul>"),
              (Entries{"Bretagne|FR|", "Grand Est|FR|"}));
    EXPECT_EQ(parsed("<b>Baden-W&uuml;rttemberg</b>&nbsp;(DE), DE1"),
              Entries{"Baden-W\xC3\xBCrttemberg|DE|DE1"});
    EXPECT_EQ(parsed("a < b (DE)"), Entries{"a < b|DE|"});  // not a tag
}

TEST(SplitRegions, HtmlEntryPointsIntoTheAnswer) {
    const std::string text = "<p>Catalonia (ES), ES51</p><p>Upper Silesia</p>";
    const auto entries = split_regions(text);
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(covered(text, entries[0]), "Catalonia (ES), ES51");
    EXPECT_EQ(covered(text, entries[1]), "Upper Silesia");
}

TEST(SplitRegions, SemicolonsNewlinesAndBullets) {
    EXPECT_EQ(parsed("Catalonia (ES), ES51;Aragon (ES), ES24\r\nNavarra (ES)"),
              (Entries{"Catalonia|ES|ES51", "Aragon|ES|ES24", "Navarra|ES|"}));
    EXPECT_EQ(parsed("\xE2\x80\xA2 Catalonia (ES)\n\xE2\x80\xA2\tAragon (ES)\n\xC2\xB7 Navarra (ES)"),
              (Entries{"Catalonia|ES|", "Aragon|ES|", "Navarra|ES|"}));
    EXPECT_EQ(parsed("- Catalonia (ES), ES51\n* Aragon (ES)\n\xE2\x80\x93 Navarra (ES)"),
              (Entries{"Catalonia|ES|ES51", "Aragon|ES|", "Navarra|ES|"}));
    EXPECT_EQ(parsed("1. Catalonia (ES), ES51\n2) Aragon (ES)\n10. Navarra (ES)"),
              (Entries{"Catalonia|ES|ES51", "Aragon|ES|", "Navarra|ES|"}));
    EXPECT_EQ(parsed("<ol><li>1. Bretagne (FR)</li></ol>"), Entries{"Bretagne|FR|"});
}

TEST(SplitRegions, HostileInputStaysLinear) {
    // Runs of '<', '(' and labels: each look-ahead stops at the next character of its kind.
    std::string text;
    for (int i = 0; i < 20000; ++i) text += "<(NUTS ";
    const auto entries = split_regions(text);
    for (const auto& entry : entries) EXPECT_LE(entry.offset + entry.length, text.size());
    EXPECT_FALSE(entries.empty());
}

TEST(SplitRegions, SeedReportParticipatingRegions) {
    const std::string text = answer_of(std::string(SURVEYCHECK_SOURCE_DIR) + "/examples/s3-seed-report.xml",
                                       "participating_regions");
    ASSERT_FALSE(text.empty());
    const auto entries = split_regions(text);
    EXPECT_EQ(names(entries), (std::vector<std::string>{"Baden-W\xC3\xBCrrtemberg",
                                                        "East Netherlands",
                                                        "South Netherlands",
                                                        "Wallonia",
                                                        "Bretagne",
                                                        "Th\xC3\xBCringen",
                                                        "Vastra G\xC3\xB6taland",
                                                        "Catalonia",
                                                        "Flanders",
                                                        "Sud/PACA",
                                                        "Grand Est",
                                                        "Piedmont",
                                                        "Copenhagen",
                                                        "South Denmark",
                                                        "Navarra",
                                                        "Tuscany",
                                                        "Helsinki",
                                                        "Aragon",
                                                        "Oulu Region",
                                                        "South Transdanubia",
                                                        "Upper Silesia",
                                                        "Slovenia",
                                                        "Basque Country",
                                                        "NordRhein Westfalia",
                                                        "Emilia-Romagna",
                                                        "Ireland",
                                                        "Occitanie",
                                                        "Lombardy"}));
    for (const auto& entry : entries) {
        EXPECT_FALSE(entry.country.empty()) << entry.name;
        EXPECT_EQ(entry.nuts_code, "") << entry.name;
        const std::string span = covered(text, entry);
        EXPECT_EQ(span.front(), entry.name.front()) << span;
        EXPECT_EQ(span.back(), ')') << span;
    }
    EXPECT_EQ(entries[17].country, "ESP");
    EXPECT_EQ(covered(text, entries[17]), "Aragon \n(ESP)");
    EXPECT_EQ(entries[21].country, "SLO");
}

TEST(SplitRegions, CleanReportParticipatingRegions) {
    const std::string text = answer_of(std::string(SURVEYCHECK_SOURCE_DIR) + "/examples/s3-clean-report.xml",
                                       "participating_regions");
    const auto entries = split_regions(text);
    ASSERT_EQ(entries.size(), 12u);
    for (const auto& entry : entries) {
        EXPECT_EQ(entry.country.size(), 2u) << entry.name;
        EXPECT_EQ(entry.nuts_code.substr(0, 2), entry.country) << entry.name;
    }
    EXPECT_EQ(entries[7].name, "Attica");
    EXPECT_EQ(entries[7].nuts_code, "EL30");
}

}  // namespace
}  // namespace surveycheck::rulekit
