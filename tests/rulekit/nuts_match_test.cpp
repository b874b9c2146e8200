#include "surveycheck/rulekit/nuts_match.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "surveycheck/rulekit/nuts.hpp"

namespace surveycheck::rulekit {
namespace {

const std::string data_dir = SURVEYCHECK_TEST_DATA_DIR;

// "FRH0 2 exact" for a suggestion, "country IE", "city DK011", or "none".
std::string describe(const NameSuggestion& s) {
    if (s.kind == NameKind::none) return "none";
    const std::string code = s.region != nullptr ? s.region->code : "-";
    if (s.kind == NameKind::country) return "country " + code;
    if (s.kind == NameKind::city) return "city " + code;
    return code + " " + std::to_string(s.region->level) + (s.exact ? " exact" : " near");
}

class NutsMatch : public ::testing::Test {
protected:
    static void SetUpTestSuite() { catalog_ = NutsCatalog::shared(data_dir); }
    static void TearDownTestSuite() { catalog_.reset(); }
    void SetUp() override {
        if (!catalog_->available()) GTEST_SKIP() << "no NUTS lists in " << data_dir;
    }
    std::string suggest(const std::string& name, const std::string& country, int version = 2016) {
        return describe(catalog_->suggest(name, country, version));
    }
    static std::shared_ptr<const NutsCatalog> catalog_;
};
std::shared_ptr<const NutsCatalog> NutsMatch::catalog_;

TEST(NormaliseRegionName, CaseAccentsHyphensApostrophesAndSharpS) {
    EXPECT_EQ(normalise_region_name("Baden-W\xC3\xBCrttemberg"), "baden wurttemberg");
    EXPECT_EQ(normalise_region_name("Baden-W\xC3\xBCrttemberg", true), "baden wuerttemberg");
    EXPECT_EQ(normalise_region_name("Gro\xC3\x9F"
                                    "britannien"),
              "grossbritannien");
    EXPECT_EQ(normalise_region_name("Provence-Alpes-C\xC3\xB4te d\xE2\x80\x99"
                                    "Azur"),
              "provence alpes cote dazur");
    EXPECT_EQ(normalise_region_name("Baden-Baden, Stadtkreis"), "baden baden stadtkreis");
}

TEST(EditDistance, CountsEditsAndStopsAboveTheLimit) {
    EXPECT_EQ(edit_distance("catalonia", "cataluna", 3), 2u);
    EXPECT_EQ(edit_distance("wurrtemberg", "wurttemberg", 3), 1u);
    EXPECT_EQ(edit_distance("abcd", "abdc", 3), 1u);  // a swap of neighbours is one edit
    EXPECT_EQ(edit_distance("bretagne", "lombardia", 2), 3u);
    EXPECT_EQ(edit_distance("", "abc", 5), 3u);
}

TEST(AllowedEdits, ScaleWithTheLength) {
    EXPECT_EQ(allowed_edits(4), 0u);
    EXPECT_EQ(allowed_edits(6), 1u);
    EXPECT_EQ(allowed_edits(9), 2u);
    EXPECT_EQ(allowed_edits(17), 3u);
    EXPECT_EQ(allowed_edits(60), 4u);
}

TEST_F(NutsMatch, NormalisedNamesResolveExactlyAtNuts2First) {
    EXPECT_EQ(suggest("Bretagne", "FR"), "FRH0 2 exact");  // FRH "BRETAGNE" is NUTS 1
    EXPECT_EQ(suggest("BRETAGNE", ""), "FRH0 2 exact");
    EXPECT_EQ(suggest("Grand Est", "FR"), "FRF 1 exact");
    EXPECT_EQ(suggest("Th\xC3\xBCringen", "DE"), "DEG0 2 exact");
    EXPECT_EQ(suggest("Thueringen", "DE"), "DEG0 2 exact");  // umlaut written out
    EXPECT_EQ(suggest("thuringen", "DE"), "DEG0 2 exact");
    EXPECT_EQ(suggest("Occitanie", "FR"), "FRJ 1 exact");
    EXPECT_EQ(suggest("Emilia-Romagna", "IT"), "ITH5 2 exact");
}

TEST_F(NutsMatch, VersionInForceAndItsNeighbours) {
    EXPECT_EQ(suggest("Occitanie", "FR", 2024), "FRJ 1 exact");
    EXPECT_EQ(catalog_->suggest("Grande Lisboa", "PT", 2024).version, 2024);
    // Only in NUTS 2024: suggested from there for a 2016 report.
    const NameSuggestion lisboa = catalog_->suggest("Grande Lisboa", "PT", 2016);
    EXPECT_EQ(describe(lisboa), "PT1A 2 exact");
    EXPECT_EQ(lisboa.version, 2024);
}

TEST_F(NutsMatch, BilingualNamesMatchEitherPart) {
    EXPECT_EQ(suggest("Brussels Hoofdstedelijk Gewest", "BE"), "BE10 2 exact");
    EXPECT_EQ(suggest("R\xC3\xA9gion de Bruxelles-Capitale", ""), "BE10 2 exact");
}

TEST_F(NutsMatch, GenericWordsDropped) {
    // ES22 "Comunidad Foral de Navarra" (NUTS 2) before ES220 "Navarra" (NUTS 3).
    const NameSuggestion navarra = catalog_->suggest("Navarra", "ES", 2016);
    EXPECT_EQ(describe(navarra), "ES22 2 exact");
    EXPECT_DOUBLE_EQ(navarra.confidence, 0.9);
    EXPECT_DOUBLE_EQ(catalog_->suggest("Navarra", "ES", 2016).confidence, 0.9);
    EXPECT_DOUBLE_EQ(catalog_->suggest("Bretagne", "FR", 2016).confidence, 1.0);
    EXPECT_EQ(suggest("Prov. Antwerpen", "BE"), "BE21 2 exact");
    EXPECT_EQ(suggest("Antwerpen", "BE"), "BE21 2 exact");
}

TEST_F(NutsMatch, MisspellingsGetTheNearestName) {
    EXPECT_EQ(suggest("Baden-W\xC3\xBCrrtemberg", "DE"), "DE1 1 near");
    EXPECT_EQ(suggest("Vastra G\xC3\xB6taland", "SE"), "SE232 3 near");  // "Västra Götalands län"
    EXPECT_EQ(suggest("NordRhein Westfalia", "DE"), "DEA 1 near");
    EXPECT_EQ(suggest("Catalonia", "ES"), "ES51 2 near");
    const NameSuggestion near = catalog_->suggest("Baden-W\xC3\xBCrrtemberg", "DE", 2016);
    EXPECT_LT(near.confidence, 0.8);
    EXPECT_GE(near.confidence, confident_suggestion);
}

TEST_F(NutsMatch, CountriesAndCities) {
    EXPECT_EQ(suggest("Ireland", "IE"), "country IE");
    EXPECT_EQ(suggest("Slovenia", ""), "country SI");
    EXPECT_EQ(suggest("Luxembourg", "BE"), "BE34 2 exact");  // the Belgian province, not the country
    EXPECT_EQ(suggest("Copenhagen", "DK"), "city DK011");
    EXPECT_EQ(suggest("Helsinki", "FI"), "city FI1B1");
}

TEST_F(NutsMatch, UnsureGivesNone) {
    EXPECT_EQ(suggest("Oulu Region", "FI"), "none");
    EXPECT_EQ(suggest("Limburg", ""), "none");  // "Prov. Limburg (BE)" and "Limburg (NL)"
    EXPECT_EQ(suggest("Limburg", "NL"), "NL42 2 exact");
    EXPECT_EQ(suggest("Bretagne", "DE"), "none");
    EXPECT_EQ(suggest("Kent", "FR"), "none");
    EXPECT_EQ(suggest("", "FR"), "none");
}

TEST_F(NutsMatch, NamesOfACode) {
    EXPECT_TRUE(catalog_->is_name_of("ES51",
                                     "Catalu\xC3\xB1"
                                     "a"));
    EXPECT_TRUE(catalog_->is_name_of("ES51", "Catalonia"));
    EXPECT_FALSE(catalog_->is_name_of("ES30", "Catalonia"));
    EXPECT_TRUE(catalog_->is_name_of("ES30", "Madrid"));
    EXPECT_FALSE(catalog_->is_name_of("XX99", "Madrid"));
}

}  // namespace
}  // namespace surveycheck::rulekit
