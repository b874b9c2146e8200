#include "surveycheck/rulekit/nuts.hpp"
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace surveycheck::rulekit {
namespace {

namespace fs = std::filesystem;

const std::string data_dir = SURVEYCHECK_TEST_DATA_DIR;

// A data folder of the test's own with the three lists, `broken` holding `content`.
fs::path folder_with(const std::string& broken, const std::string& content) {
    const fs::path dir =
        fs::temp_directory_path() /
        ("surveycheck-nuts-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
         "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "nuts");
    for (const char* name : {"nuts2016.csv", "nuts2021.csv", "nuts2024.csv"})
        std::ofstream(dir / "nuts" / name, std::ios::binary)
            << (name == broken ? content : "code,level,country,name\nFI,0,FI,Suomi/Finland\n");
    return dir;
}

TEST(NutsSyntax, TwoUpperCaseLettersAndUpToThreeLevels) {
    for (const char* code : {"FI", "FI1", "FI1D", "FI1D7", "DEG", "EL30", "FIZZZ"})
        EXPECT_TRUE(is_nuts_syntax(code)) << code;
    for (const char* code : {"", "F", "fi1d7", "FI1D77", "1I", "FI-1", "FI 1", "F11"})
        EXPECT_FALSE(is_nuts_syntax(code)) << code;
}

TEST(NutsLevel, LengthMinusTwo) {
    EXPECT_EQ(nuts_level("FI"), 0);
    EXPECT_EQ(nuts_level("FI1"), 1);
    EXPECT_EQ(nuts_level("FI1D"), 2);
    EXPECT_EQ(nuts_level("FI1D7"), 3);
    EXPECT_EQ(nuts_level("fi1d7"), -1);
}

TEST(ExtraRegio, OnlyZAfterTheCountry) {
    for (const char* code : {"FIZ", "FIZZ", "FIZZZ"}) EXPECT_TRUE(is_extra_regio(code)) << code;
    for (const char* code : {"FI", "FI1Z", "FIZ1", "fiz", "ZZ"}) EXPECT_FALSE(is_extra_regio(code)) << code;
}

TEST(NutsVersionForYear, VersionInForce) {
    EXPECT_EQ(nuts_version_for_year(2019), 2016);
    EXPECT_EQ(nuts_version_for_year(2020), 2016);
    EXPECT_EQ(nuts_version_for_year(2021), 2021);
    EXPECT_EQ(nuts_version_for_year(2023), 2021);
    EXPECT_EQ(nuts_version_for_year(2024), 2024);
    EXPECT_EQ(nuts_version_for_year(2031), 2024);
}

TEST(ReportingYear, LastYearOfThePeriod) {
    EXPECT_EQ(reporting_year("January - June 2020"), 2020);
    EXPECT_EQ(reporting_year("July - December 2019"), 2019);
    EXPECT_EQ(reporting_year("July 2020 - June 2021"), 2021);
    EXPECT_EQ(reporting_year("2019/2020"), 2020);
    EXPECT_FALSE(reporting_year("first half"));
    EXPECT_FALSE(reporting_year("12345"));
    EXPECT_FALSE(reporting_year(""));
}

TEST(NutsCatalog, LoadsTheThreeVersions) {
    if (!fs::is_directory(data_dir + "/nuts")) GTEST_SKIP() << "no NUTS data in " << data_dir;
    const NutsCatalog catalog(data_dir);
    ASSERT_TRUE(catalog.available()) << catalog.missing();
    const NutsRegion* lapland = catalog.find(2016, "FI1D7");
    ASSERT_NE(lapland, nullptr);
    EXPECT_EQ(lapland->name, "Lappi");
    EXPECT_EQ(lapland->level, 3);
    EXPECT_EQ(lapland->country, "FI");
    EXPECT_EQ(catalog.versions_with("FI1D7"), (std::vector<int>{2016, 2021, 2024}));
    EXPECT_EQ(catalog.versions_with("UKN10"), (std::vector<int>{2016}));
    EXPECT_EQ(catalog.versions_with("PT19"), (std::vector<int>{2024}));
    EXPECT_TRUE(catalog.versions_with("FI1X9").empty());
    // "Armagh City, Banbridge and Craigavon" is quoted in the file.
    ASSERT_NE(catalog.find(2016, "UKN07"), nullptr);
    EXPECT_EQ(catalog.find(2016, "UKN07")->name, "Armagh City, Banbridge and Craigavon");
}

TEST(NutsCatalog, SharedCatalogIsLoadedOncePerFolderWhileHeld) {
    const auto first = NutsCatalog::shared(data_dir);
    const auto second = NutsCatalog::shared(data_dir);
    EXPECT_EQ(first.get(), second.get());
    EXPECT_NE(NutsCatalog::shared(data_dir + "/elsewhere").get(), first.get());
    EXPECT_EQ(first->available(), NutsCatalog(data_dir).available());
}

TEST(NutsCatalog, CountriesByRegionName) {
    if (!fs::is_directory(data_dir + "/nuts")) GTEST_SKIP() << "no NUTS data in " << data_dir;
    const NutsCatalog catalog(data_dir);
    EXPECT_EQ(catalog.countries_named("bretagne"), std::vector<std::string>{"FR"});
    EXPECT_EQ(catalog.countries_named("Th\xC3\xBCringen"), std::vector<std::string>{"DE"});
    EXPECT_TRUE(catalog.countries_named("South Netherlands").empty());
}

TEST(NutsCatalog, MissingFolderIsNotAvailableNotAnError) {
    const NutsCatalog catalog("/nonexistent/surveycheck-data");
    EXPECT_FALSE(catalog.available());
    EXPECT_NE(catalog.missing().find("/nonexistent/surveycheck-data/nuts/nuts2016.csv"), std::string::npos);
    EXPECT_FALSE(NutsCatalog("").available());
}

TEST(NutsCatalog, MissingFileIsNotAvailable) {
    const fs::path dir = folder_with("", "");
    fs::remove(dir / "nuts" / "nuts2021.csv");
    const NutsCatalog catalog(dir.string());
    EXPECT_FALSE(catalog.available());
    EXPECT_NE(catalog.missing().find("nuts2021.csv"), std::string::npos);
    EXPECT_EQ(catalog.missing().find("nuts2016.csv"), std::string::npos);
    fs::remove_all(dir);
}

TEST(NutsCatalog, MalformedRowNamesFileAndLine) {
    const fs::path dir =
        folder_with("nuts2021.csv", "code,level,country,name\nFI,0,FI,Suomi\nFI1,2,FI,Manner\n");
    try {
        NutsCatalog catalog(dir.string());
        ADD_FAILURE() << "no error for a wrong level";
    } catch (const NutsDataError& error) {
        EXPECT_NE(std::string(error.what()).find("nuts2021.csv:3: level"), std::string::npos) << error.what();
    }
    fs::remove_all(dir);
}

TEST(NutsCatalog, MalformedFilesAreErrors) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"code,name\nFI,Suomi\n", "nuts2016.csv:1: expected the header"},
        {"code,level,country,name\nFI,0,FI,\"Suomi\n", "nuts2016.csv:2: unbalanced"},
        {"code,level,country,name\nFI,0,FI\n", "nuts2016.csv:2: expected 4 fields"},
        {"code,level,country,name\nfi1,1,FI,x\n", "nuts2016.csv:2: \"fi1\" is not a NUTS code"},
        {"code,level,country,name\nFI1,1,SE,x\n", "nuts2016.csv:2: country"},
        {"code,level,country,name\nFI,0,FI,a\nFI,0,FI,b\n", "nuts2016.csv:3: code FI appears twice"},
        {"", "nuts2016.csv:1: the file is empty"},
    };
    for (const auto& [content, expected] : cases) {
        const fs::path dir = folder_with("nuts2016.csv", content);
        try {
            NutsCatalog catalog(dir.string());
            ADD_FAILURE() << "no error for " << content;
        } catch (const NutsDataError& error) {
            EXPECT_NE(std::string(error.what()).find(expected), std::string::npos) << error.what();
        }
        fs::remove_all(dir);
    }
}

}  // namespace
}  // namespace surveycheck::rulekit
