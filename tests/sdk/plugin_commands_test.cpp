// `surveycheck plugins` and `surveycheck new-plugin`, run as the real executable.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using PluginCommands = surveycheck::test::CliFixture;
using surveycheck::test::Outcome;
using surveycheck::test::read_file;

TEST_F(PluginCommands, PluginsListsBuiltInAndExtraPluginsWithAbiChecksumAndRules) {
    const Outcome result = run("plugins --format json --plugin-dir '" SURVEYCHECK_VALID_PLUGIN_DIR "'");
    ASSERT_EQ(result.code, 0) << result.err;
    const json listing = json::parse(result.out);
    EXPECT_EQ(listing["host_abi"], "1.1");
    const json* valid = nullptr;
    bool builtin_mandatory_fields = false;
    for (const auto& plugin : listing["plugins"]) {
        if (plugin["name"] == "fixture-valid") valid = &plugin;
        if (plugin["name"] == "mandatory-fields" && plugin["builtin"] == true)
            builtin_mandatory_fields = true;
    }
    EXPECT_TRUE(builtin_mandatory_fields);
    ASSERT_NE(valid, nullptr) << result.out;
    EXPECT_EQ((*valid)["status"], "loaded");
    EXPECT_EQ((*valid)["version"], "1.2.3");
    EXPECT_EQ((*valid)["abi"], "1.1");
    EXPECT_EQ((*valid)["builtin"], false);
    EXPECT_EQ((*valid)["sha256"].get<std::string>().size(), 64u);
    EXPECT_EQ((*valid)["rules"][0]["id"], "fixture-valid/first");
    EXPECT_EQ((*valid)["rules"][0]["default_severity"], "error");
    EXPECT_EQ((*valid)["rules"].size(), 2u);
}

TEST_F(PluginCommands, PluginsShowsWhyAPluginWasRefusedAndExitsIncomplete) {
    const Outcome result = run("plugins --no-builtin-plugins --plugin-dir '" SURVEYCHECK_ABI2_PLUGIN_DIR "'");
    EXPECT_EQ(result.code, 3) << result.err;
    EXPECT_NE(result.out.find("refused"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("ABI: 2.0"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("sha256: "), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("reason: " SURVEYCHECK_ABI2_PLUGIN_DIR), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("plugin built for ABI 2.0, this host speaks ABI 1.1"), std::string::npos);
}

TEST_F(PluginCommands, PluginsRefusesAMissingFolderAsUsageError) {
    const Outcome result = run("plugins --plugin-dir /nonexistent-plugin-folder");
    EXPECT_EQ(result.code, 2);
    EXPECT_NE(result.err.find("/nonexistent-plugin-folder: no such folder"), std::string::npos) << result.err;
}

TEST_F(PluginCommands, NewPluginWritesTheProjectWithItsNameFilledIn) {
    const Outcome result = run("new-plugin my-rules '" + (dir_ / "my-rules").string() + "'");
    ASSERT_EQ(result.code, 0) << result.err;
    for (const char* file : {"CMakeLists.txt", "README.md", "src/rules.cpp", "tests/rules_test.cpp",
                             "tests/rule_unit_test.cpp", "tests/data/export.xml", "tests/data/profile.xml"}) {
        EXPECT_TRUE(fs::is_regular_file(dir_ / "my-rules" / file)) << file;
    }
    const std::string cmake = read_file(dir_ / "my-rules" / "CMakeLists.txt");
    EXPECT_NE(cmake.find("surveycheck_add_plugin(my-rules SOURCES src/rules.cpp)"), std::string::npos);
    EXPECT_NE(cmake.find("find_package(SurveyCheck 0.1 REQUIRED)"), std::string::npos);
    EXPECT_EQ(cmake.find("{{"), std::string::npos);
    EXPECT_NE(read_file(dir_ / "my-rules" / "src/rules.cpp").find("SURVEYCHECK_PLUGIN(\"my-rules\""),
              std::string::npos);
}

TEST_F(PluginCommands, NewPluginRefusesANonEmptyFolderAndLeavesItAlone) {
    const std::string mine = write("notes.txt", "mine");
    const Outcome result = run("new-plugin my-rules '" + dir_.string() + "'");
    EXPECT_EQ(result.code, 2);
    EXPECT_NE(result.err.find("is not empty"), std::string::npos) << result.err;
    EXPECT_EQ(read_file(mine), "mine");
    EXPECT_FALSE(fs::exists(dir_ / "CMakeLists.txt"));
}

TEST_F(PluginCommands, NewPluginRefusesANameOutsideLowercaseDigitsAndDashes) {
    for (const char* name : {"MyRules", "my_rules", "my.rules"}) {
        const Outcome result = run(std::string("new-plugin ") + name + " '" + (dir_ / "p").string() + "'");
        EXPECT_EQ(result.code, 2) << name;
        EXPECT_NE(result.err.find("must use only a-z, 0-9 and '-'"), std::string::npos) << result.err;
        EXPECT_FALSE(fs::exists(dir_ / "p")) << name;
    }
}

TEST_F(PluginCommands, NewPluginRefusesTheHostsNameAndEveryBuiltInPluginName) {
    for (const char* name : {"surveycheck", "mandatory-fields", "report-consistency"}) {
        const Outcome result = run(std::string("new-plugin ") + name + " '" + (dir_ / "p").string() + "'");
        EXPECT_EQ(result.code, 2) << name;
        EXPECT_NE(result.err.find(std::string("plugin name \"") + name + "\" is reserved"), std::string::npos)
            << result.err;
        EXPECT_NE(result.err.find("choose a name of your own"), std::string::npos) << result.err;
        EXPECT_FALSE(fs::exists(dir_ / "p")) << name;
    }
}

TEST_F(PluginCommands, NewPluginTemplateStatesItsVersionOnce) {
    ASSERT_EQ(run("new-plugin my-rules '" + (dir_ / "my-rules").string() + "'").code, 0);
    const std::string cmake = read_file(dir_ / "my-rules" / "CMakeLists.txt");
    const std::string rules = read_file(dir_ / "my-rules" / "src/rules.cpp");
    EXPECT_NE(cmake.find("project(my-rules VERSION 0.1.0"), std::string::npos) << cmake;
    EXPECT_EQ(cmake.find("0.1.0"), cmake.rfind("0.1.0")) << "the version once, in project()";
    EXPECT_EQ(rules.find("0.1.0"), std::string::npos) << rules;
    EXPECT_NE(rules.find("SURVEYCHECK_PLUGIN(\"my-rules\", PLUGIN_VERSION,"), std::string::npos) << rules;
}

}  // namespace
