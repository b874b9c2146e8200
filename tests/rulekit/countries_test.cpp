#include "surveycheck/rulekit/countries.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace surveycheck::rulekit {
namespace {

// The Eurostat code `text` resolves to ("" when none).
std::string code_of(std::string_view text) {
    const auto match = resolve_country(text);
    return match ? std::string(match->code) : std::string();
}

// The form `text` was written in; fails the test when it does not resolve.
CountryForm form_of(std::string_view text) {
    const auto match = resolve_country(text);
    EXPECT_TRUE(match) << text;
    return match ? match->form : CountryForm::name;
}

TEST(ResolveCountry, EurostatCodesInAnyCase) {
    EXPECT_EQ(code_of("EL"), "EL");
    EXPECT_EQ(code_of("uk"), "UK");
    EXPECT_EQ(code_of(" fi "), "FI");
    EXPECT_EQ(form_of("EL"), CountryForm::eurostat);
}

TEST(ResolveCountry, IsoAlpha2BecomesEurostat) {
    EXPECT_EQ(code_of("GR"), "EL");
    EXPECT_EQ(code_of("GB"), "UK");
    EXPECT_EQ(form_of("GR"), CountryForm::iso_alpha2);
}

TEST(ResolveCountry, IsoAlpha3) {
    EXPECT_EQ(code_of("DEU"), "DE");
    EXPECT_EQ(code_of("GRC"), "EL");
    EXPECT_EQ(code_of("GBR"), "UK");
    EXPECT_EQ(code_of("SVN"), "SI");
    EXPECT_EQ(code_of("SVK"), "SK");
    EXPECT_EQ(code_of("hun"), "HU");
    EXPECT_EQ(form_of("ESP"), CountryForm::iso_alpha3);
}

TEST(ResolveCountry, AbbreviationsPeopleWrite) {
    EXPECT_EQ(code_of("GER"), "DE");
    EXPECT_EQ(code_of("DEN"), "DK");
    EXPECT_EQ(code_of("SLO"), "SI");
    EXPECT_EQ(code_of("NED"), "NL");
    EXPECT_EQ(code_of("POR"), "PT");
    EXPECT_EQ(code_of("GRE"), "EL");
    EXPECT_EQ(code_of("SUI"), "CH");
    EXPECT_EQ(code_of("IRE"), "IE");
    EXPECT_EQ(code_of("CRO"), "HR");
    EXPECT_EQ(code_of("BUL"), "BG");
    EXPECT_EQ(code_of("ROM"), "RO");
    EXPECT_EQ(form_of("GER"), CountryForm::abbreviation);
}

TEST(ResolveCountry, EnglishAndNationalNamesIgnoringCaseAndDiacritics) {
    EXPECT_EQ(code_of("Germany"), "DE");
    EXPECT_EQ(code_of("Deutschland"), "DE");
    EXPECT_EQ(code_of("Espa\xC3\xB1"
                      "a"),
              "ES");
    EXPECT_EQ(code_of("espana"), "ES");
    EXPECT_EQ(code_of("Polska"), "PL");
    EXPECT_EQ(code_of("MAGYARORSZ\xC3\x81G"), "HU");
    EXPECT_EQ(code_of("\xC3\x96sterreich"), "AT");
    EXPECT_EQ(code_of("\xC4\x8C"
                      "esko"),
              "CZ");
    EXPECT_EQ(code_of("Czech Republic"), "CZ");
    EXPECT_EQ(code_of("the Netherlands"), "NL");
    EXPECT_EQ(code_of("United Kingdom"), "UK");
    EXPECT_EQ(code_of("Rom\xC3\xA2nia"), "RO");
    EXPECT_EQ(code_of("Bosnia-Herzegovina"), "BA");
    EXPECT_EQ(form_of("Greece"), CountryForm::name);
}

TEST(ResolveCountry, UnknownTextResolvesToNothing) {
    EXPECT_EQ(code_of(""), "");
    EXPECT_EQ(code_of("XYZ"), "");
    EXPECT_EQ(code_of("Atlantis"), "");
    EXPECT_EQ(code_of("US"), "");
}

TEST(ResolveCountry, EveryCountryPeopleListHasItsCodeAndName) {
    for (const char* code :
         {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "EL", "HU", "IE",
          "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "UK",
          "CH", "NO", "IS", "LI", "RS", "TR", "UA", "ME", "MK", "AL", "BA", "MD", "XK"}) {
        EXPECT_EQ(code_of(code), code);
        EXPECT_FALSE(country_name(code).empty()) << code;
        EXPECT_EQ(code_of(country_name(code)), code) << country_name(code);
    }
}

TEST(NutsCountry, PrefixOfANutsCode) {
    EXPECT_EQ(nuts_country("FI1D7"), "FI");
    EXPECT_EQ(nuts_country("EL30"), "EL");
    EXPECT_EQ(nuts_country("UKC1"), "UK");
    EXPECT_EQ(nuts_country("GR30"), "");  // Greece's NUTS codes start with EL
    EXPECT_EQ(nuts_country("UA1"), "");   // no NUTS codes for Ukraine
    EXPECT_EQ(nuts_country("F"), "");
}

TEST(IsEu13, TheThirteenStatesThatJoinedFrom2004) {
    for (const char* code : {"BG", "HR", "CY", "CZ", "EE", "HU", "LV", "LT", "MT", "PL", "RO", "SK", "SI"})
        EXPECT_TRUE(is_eu13(code)) << code;
    for (const char* code : {"DE", "EL", "UK", "AT", "FI", "SE", "CH", "RS", "UA", ""})
        EXPECT_FALSE(is_eu13(code)) << code;
}

TEST(IsEu13, AgreesWithTheDataFolderMemberStates) {
    const std::filesystem::path csv =
        std::filesystem::path(SURVEYCHECK_TEST_DATA_DIR) / "eu-member-states.csv";
    std::ifstream in(csv);
    if (!in) GTEST_SKIP() << csv << " not available";
    std::string line;
    std::getline(in, line);
    ASSERT_EQ(line, "code,name,eu13,accession_year");
    int rows = 0;
    while (std::getline(in, line)) {
        const std::size_t a = line.find(',');
        const std::size_t b = line.find(',', a + 1);
        const std::size_t c = line.find(',', b + 1);
        const std::string code = line.substr(0, a);
        const std::string name = line.substr(a + 1, b - a - 1);
        EXPECT_EQ(is_eu13(code), line.substr(b + 1, c - b - 1) == "true") << line;
        EXPECT_EQ(code_of(name), code) << line;
        ++rows;
    }
    EXPECT_EQ(rows, 27);
}

TEST(FoldForMatching, LowerCaseWithoutDiacriticsDotsAndHyphens) {
    EXPECT_EQ(fold_for_matching("  Baden-W\xC3\xBCrttemberg "), "baden wurttemberg");
    EXPECT_EQ(fold_for_matching("U.K."), "uk");
    EXPECT_EQ(fold_for_matching("\xC5\x81\xC3\xB3\x64\xC5\xBA"), "lodz");
    EXPECT_EQ(fold_for_matching("Suomi/Finland"), "suomi finland");
}

}  // namespace
}  // namespace surveycheck::rulekit
