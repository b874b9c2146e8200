#include "host/plugin_host.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using surveycheck::host::builtin_plugin_dir;
using surveycheck::host::LoadedRule;
using surveycheck::host::PluginHost;
using surveycheck::host::PluginRecord;

namespace {

const std::string host_abi =
    std::to_string(SC_ABI_VERSION_MAJOR) + "." + std::to_string(SC_ABI_VERSION_MINOR);

// Loads one file into a fresh host and returns its only record.
PluginRecord load_one(const std::string& path) {
    PluginHost host;
    host.load_file(path, false);
    EXPECT_EQ(host.plugins().size(), 1u);
    return host.plugins().empty() ? PluginRecord{} : host.plugins().front();
}

// True when `text` contains `part`; the failure message shows both.
testing::AssertionResult contains(const std::string& text, const std::string& part) {
    if (text.find(part) != std::string::npos) {
        return testing::AssertionSuccess();
    }
    return testing::AssertionFailure() << "\"" << text << "\" does not contain \"" << part << "\"";
}

std::vector<std::string> rule_ids(const std::vector<LoadedRule>& rules) {
    std::vector<std::string> ids;
    for (const auto& rule : rules) {
        ids.push_back(rule.id);
    }
    return ids;
}

// A folder of its own under the system temp folder, removed at the end of the test.
class TempDir {
public:
    TempDir() : path_(fs::temp_directory_path() / ("plugin_host_test_" + std::to_string(::getpid()))) {
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

}  // namespace

TEST(PluginHost, LoadsValidPluginWithItsRulesInDeclarationOrder) {
    PluginHost host;
    host.load_file(SURVEYCHECK_FIXTURE_VALID, true);

    ASSERT_EQ(host.plugins().size(), 1u);
    const PluginRecord& record = host.plugins().front();
    EXPECT_TRUE(record.loaded);
    EXPECT_EQ(record.error, "");
    EXPECT_EQ(record.file, SURVEYCHECK_FIXTURE_VALID);
    EXPECT_TRUE(record.builtin);
    EXPECT_EQ(record.name, "fixture-valid");
    EXPECT_EQ(record.version, "1.2.3");
    EXPECT_EQ(record.description, "Two rules, one of which always reports");
    EXPECT_EQ(record.abi_major, SC_ABI_VERSION_MAJOR);
    EXPECT_EQ(record.abi_minor, SC_ABI_VERSION_MINOR);
    EXPECT_FALSE(host.has_refusals());

    const auto rules = host.rules();
    EXPECT_EQ(rule_ids(rules), (std::vector<std::string>{"fixture-valid/first", "fixture-valid/second"}));
    ASSERT_EQ(rules.size(), 2u);
    EXPECT_EQ(rules[0].plugin_name, "fixture-valid");
    EXPECT_EQ(rules[0].file, SURVEYCHECK_FIXTURE_VALID);
    EXPECT_TRUE(rules[0].builtin);
    ASSERT_NE(rules[0].rule, nullptr);
    EXPECT_STREQ(rules[0].rule->id, "first");
    EXPECT_EQ(rules[0].rule->default_severity, SC_SEVERITY_ERROR);
    EXPECT_STREQ(rules[1].rule->id, "second");
}

TEST(PluginHost, RuleOfLoadedPluginReportsItsFindingThroughTheSink) {
    PluginHost host;
    host.load_file(SURVEYCHECK_FIXTURE_VALID, false);
    const auto rules = host.rules();
    ASSERT_EQ(rules.size(), 2u);

    std::vector<std::string> messages;
    sc_sink sink{&messages, [](void* context, const sc_finding* finding) {
                     static_cast<std::vector<std::string>*>(context)->emplace_back(finding->message.data,
                                                                                   finding->message.size);
                 }};
    char error_text[128] = "";
    sc_error_buffer error{error_text, sizeof(error_text)};
    sc_rule_config config{};
    config.struct_size = sizeof(config);
    sc_survey survey{};
    survey.struct_size = sizeof(survey);
    sc_contribution contribution{};
    contribution.struct_size = sizeof(contribution);

    for (const auto& loaded : rules) {
        void* instance = nullptr;
        ASSERT_EQ(loaded.rule->create(&config, &instance, error), SC_STATUS_OK);
        EXPECT_EQ(loaded.rule->check(instance, &survey, &contribution, sink, error), SC_STATUS_OK);
        loaded.rule->destroy(instance);
    }
    EXPECT_EQ(messages, std::vector<std::string>{"fixture finding"});  // from "first" only
}

TEST(PluginHost, RefusesPluginBuiltForAnotherMajorNamingFileAndBothVersions) {
    const PluginRecord record = load_one(SURVEYCHECK_FIXTURE_ABI_MAJOR_2);
    EXPECT_FALSE(record.loaded);
    EXPECT_EQ(record.error, std::string(SURVEYCHECK_FIXTURE_ABI_MAJOR_2) +
                                ": plugin built for ABI 2.0, this host speaks ABI " + host_abi);
    EXPECT_EQ(record.abi_major, 2);
    EXPECT_EQ(record.abi_minor, 0);
    EXPECT_EQ(record.name, "");  // nothing past the version is read from a foreign ABI
    EXPECT_TRUE(record.rules.empty());
}

TEST(PluginHost, RefusesPluginBuiltForANewerMinorNamingFileAndBothVersions) {
    const PluginRecord record = load_one(SURVEYCHECK_FIXTURE_ABI_MINOR_99);
    EXPECT_FALSE(record.loaded);
    EXPECT_EQ(record.error, std::string(SURVEYCHECK_FIXTURE_ABI_MINOR_99) +
                                ": plugin built for ABI 1.99, this host speaks ABI " + host_abi);
    EXPECT_EQ(record.abi_major, 1);
    EXPECT_EQ(record.abi_minor, 99);
    EXPECT_TRUE(record.rules.empty());
}

TEST(PluginHost, AcceptsPluginBuiltForAnOlderOrEqualMinor) {
    const PluginRecord record = load_one(SURVEYCHECK_FIXTURE_ABI_MINOR_0);
    EXPECT_TRUE(record.loaded) << record.error;
    EXPECT_EQ(record.abi_major, 1);
    EXPECT_EQ(record.abi_minor, 0);
    EXPECT_EQ(rule_ids(record.rules), std::vector<std::string>{"fixture-abi-minor-0/only"});
}

TEST(PluginHost, StepsThroughRulesByTheirOwnStructSize) {
    // Each sc_rule of this plugin is 24 bytes longer than the host's; a sizeof(sc_rule) stride finds no id.
    const PluginRecord record = load_one(SURVEYCHECK_FIXTURE_RULE_STRIDE);
    ASSERT_TRUE(record.loaded) << record.error;
    EXPECT_EQ(
        rule_ids(record.rules),
        (std::vector<std::string>{"fixture-stride/first", "fixture-stride/second", "fixture-stride/third"}));
    EXPECT_STREQ(record.rules[2].rule->title, "Third");
}

TEST(PluginHost, RefusesSharedObjectWithoutEntrySymbolWithLoaderText) {
    const PluginRecord record = load_one(SURVEYCHECK_FIXTURE_NO_ENTRY);
    EXPECT_FALSE(record.loaded);
    EXPECT_EQ(
        record.error.rfind(std::string(SURVEYCHECK_FIXTURE_NO_ENTRY) + ": not a surveycheck plugin: ", 0), 0u)
        << record.error;
    EXPECT_TRUE(contains(record.error, "undefined symbol: surveycheck_plugin"));  // dlerror's text
    EXPECT_EQ(record.abi_major, 0);
}

TEST(PluginHost, RefusesTextFileNamedSoWithLoaderText) {
    const PluginRecord record = load_one(SURVEYCHECK_FIXTURE_NOT_A_PLUGIN);
    EXPECT_FALSE(record.loaded);
    EXPECT_EQ(record.error.rfind(std::string(SURVEYCHECK_FIXTURE_NOT_A_PLUGIN) + ": cannot load: ", 0), 0u)
        << record.error;
    EXPECT_TRUE(contains(record.error, "invalid ELF header"));  // dlerror's text
}

TEST(PluginHost, RefusesMissingFileWithLoaderText) {
    const std::string missing = std::string(SURVEYCHECK_FIXTURE_VALID) + ".gone.so";
    const PluginRecord record = load_one(missing);
    EXPECT_FALSE(record.loaded);
    EXPECT_TRUE(contains(record.error, missing + ": cannot load: "));
    EXPECT_TRUE(contains(record.error, "No such file or directory"));
}

TEST(PluginHost, RefusesEntryWhoseStructSizeIsTooSmallForTheFieldsRead) {
    const PluginRecord record = load_one(SURVEYCHECK_FIXTURE_TRUNCATED_ENTRY);
    EXPECT_FALSE(record.loaded);
    // struct_size = offsetof(sc_plugin, rules) = 32 on LP64; the host reads through rule_count (44).
    EXPECT_EQ(record.error, std::string(SURVEYCHECK_FIXTURE_TRUNCATED_ENTRY) + ": sc_plugin struct_size " +
                                std::to_string(offsetof(sc_plugin, rules)) + ", ABI " + host_abi +
                                " needs at least " +
                                std::to_string(offsetof(sc_plugin, rule_count) + sizeof(std::uint32_t)));
    EXPECT_EQ(record.name, "");
}

TEST(PluginHost, RefusesPluginNameOutsideLowercaseDigitsAndDashes) {
    const PluginRecord record = load_one(SURVEYCHECK_FIXTURE_BAD_PLUGIN_NAME);  // name "Fixture_Bad"
    EXPECT_FALSE(record.loaded);
    EXPECT_EQ(record.error, std::string(SURVEYCHECK_FIXTURE_BAD_PLUGIN_NAME) +
                                ": plugin name \"Fixture_Bad\" is not [a-z0-9-]+");
}

TEST(PluginHost, RefusesRuleIdOutsideLowercaseDigitsAndDashes) {
    const PluginRecord record = load_one(SURVEYCHECK_FIXTURE_BAD_RULE_ID);  // rules "ok", "Not Ok"
    EXPECT_FALSE(record.loaded);
    EXPECT_EQ(record.error, std::string(SURVEYCHECK_FIXTURE_BAD_RULE_ID) +
                                ": rule 1 has id \"Not Ok\", expected [a-z0-9-]+");
    EXPECT_TRUE(record.rules.empty());  // the valid "ok" is not half-loaded
}

TEST(PluginHost, RefusesRuleWithoutCheckFunction) {
    const PluginRecord record = load_one(SURVEYCHECK_FIXTURE_NULL_CHECK);
    EXPECT_FALSE(record.loaded);
    EXPECT_EQ(record.error, std::string(SURVEYCHECK_FIXTURE_NULL_CHECK) +
                                ": rule \"no-check\" lacks one of create, check, destroy");
}

TEST(PluginHost, RefusesDuplicateRuleIdsInsideOnePlugin) {
    const PluginRecord record = load_one(SURVEYCHECK_FIXTURE_DUPLICATE_RULE_IDS);  // rules "same", "same"
    EXPECT_FALSE(record.loaded);
    EXPECT_EQ(record.error, std::string(SURVEYCHECK_FIXTURE_DUPLICATE_RULE_IDS) +
                                ": rule id \"same\" appears more than once");
    EXPECT_TRUE(record.rules.empty());
}

TEST(PluginHost, TwoPluginsWithOneNameAreBothRefusedNamingBothFiles) {
    PluginHost host;
    host.load_file(SURVEYCHECK_FIXTURE_VALID, false);
    host.load_file(SURVEYCHECK_FIXTURE_REUSES_RULE_ID, false);  // also called fixture-valid

    ASSERT_EQ(host.plugins().size(), 2u);
    const std::string both = "plugin name \"fixture-valid\" is used by both " +
                             std::string(SURVEYCHECK_FIXTURE_VALID) + " and " +
                             SURVEYCHECK_FIXTURE_REUSES_RULE_ID + "; rename one of them";
    EXPECT_FALSE(host.plugins()[0].loaded);
    EXPECT_EQ(host.plugins()[0].error, std::string(SURVEYCHECK_FIXTURE_VALID) + ": " + both);
    EXPECT_FALSE(host.plugins()[1].loaded);
    EXPECT_EQ(host.plugins()[1].error, std::string(SURVEYCHECK_FIXTURE_REUSES_RULE_ID) + ": " + both);
    EXPECT_TRUE(host.has_refusals());
    EXPECT_TRUE(host.rules().empty()) << "fail closed: the run never picks one of the two";
}

TEST(PluginHost, ReservesSurveycheckAndEveryBuiltInPluginName) {
    for (const char* name : {"surveycheck", "mandatory-fields", "nuts-code-format", "eu13-justification",
                             "confidentiality-separation", "report-consistency"}) {
        EXPECT_NE(surveycheck::host::reserved_name_reason(name), "") << name;
    }
    EXPECT_EQ(surveycheck::host::reserved_name_reason("my-rules"), "");
}

TEST(PluginHost, RefusesAThirdPartyPluginWithAReservedNameNamingItsFile) {
    const PluginRecord host_name = load_one(SURVEYCHECK_FIXTURE_NAMED_SURVEYCHECK);
    EXPECT_FALSE(host_name.loaded);
    EXPECT_EQ(host_name.error, std::string(SURVEYCHECK_FIXTURE_NAMED_SURVEYCHECK) +
                                   ": plugin name \"surveycheck\" is reserved for the host's own rules "
                                   "(surveycheck/...); a third-party plugin needs a name of its own");
    const PluginRecord builtin_name = load_one(SURVEYCHECK_FIXTURE_NAMED_BUILTIN);
    EXPECT_FALSE(builtin_name.loaded);
    EXPECT_TRUE(contains(builtin_name.error, std::string(SURVEYCHECK_FIXTURE_NAMED_BUILTIN) +
                                                 ": plugin name \"mandatory-fields\" is reserved"));
}

TEST(PluginHost, LoadsAReservedNameFromTheBuiltInFolder) {
    PluginHost host;
    host.load_file(SURVEYCHECK_FIXTURE_NAMED_BUILTIN, true);
    ASSERT_EQ(host.plugins().size(), 1u);
    EXPECT_TRUE(host.plugins()[0].loaded) << host.plugins()[0].error;
}

TEST(PluginHost, RefusesAPluginWhoseTranslationHasOtherPlaceholdersNamingPluginRuleAndKey) {
    const PluginRecord record = load_one(SURVEYCHECK_FIXTURE_BAD_TRANSLATION);
    EXPECT_FALSE(record.loaded);
    EXPECT_EQ(record.error, std::string(SURVEYCHECK_FIXTURE_BAD_TRANSLATION) +
                                ": rule fixture-bad-translation/values: translation \"fr\" \"refused\": uses "
                                "the placeholders {valeur} where the English text has {value}");
    EXPECT_TRUE(record.rules.empty());
}

TEST(PluginHost, RefusedPluginsLeaveOtherPluginsLoaded) {
    PluginHost host;
    host.load_file(SURVEYCHECK_FIXTURE_ABI_MAJOR_2, false);
    host.load_file(SURVEYCHECK_FIXTURE_NOT_A_PLUGIN, false);
    host.load_file(SURVEYCHECK_FIXTURE_VALID, false);

    ASSERT_EQ(host.plugins().size(), 3u);
    EXPECT_TRUE(host.has_refusals());
    EXPECT_EQ(rule_ids(host.rules()),
              (std::vector<std::string>{"fixture-valid/first", "fixture-valid/second"}));
}

TEST(PluginHost, LoadsEveryRegularSoFileOfAFolderSortedByFileName) {
    TempDir dir;
    // Created out of name order; only regular *.so files directly inside count.
    fs::copy_file(SURVEYCHECK_FIXTURE_ABI_MINOR_0, dir.path() / "c-minor-zero.so");
    fs::copy_file(SURVEYCHECK_FIXTURE_NOT_A_PLUGIN, dir.path() / "b-not-a-plugin.so");
    fs::copy_file(SURVEYCHECK_FIXTURE_VALID, dir.path() / "a-valid.so");
    std::ofstream(dir.path() / "readme.txt") << "not a plugin, not looked at\n";
    fs::create_directories(dir.path() / "folder.so");
    fs::create_directories(dir.path() / "nested");
    fs::copy_file(SURVEYCHECK_FIXTURE_ABI_MAJOR_2, dir.path() / "nested" / "d-nested.so");

    PluginHost host;
    host.load_directory(dir.path().string(), true);

    const auto& records = host.plugins();
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[0].file, (dir.path() / "a-valid.so").string());
    EXPECT_TRUE(records[0].loaded);
    EXPECT_TRUE(records[0].builtin);
    EXPECT_EQ(records[1].file, (dir.path() / "b-not-a-plugin.so").string());
    EXPECT_FALSE(records[1].loaded);
    EXPECT_TRUE(contains(records[1].error, "invalid ELF header"));
    EXPECT_EQ(records[2].file, (dir.path() / "c-minor-zero.so").string());
    EXPECT_TRUE(records[2].loaded);
    EXPECT_EQ(rule_ids(host.rules()), (std::vector<std::string>{"fixture-valid/first", "fixture-valid/second",
                                                                "fixture-abi-minor-0/only"}));
}

TEST(PluginHost, MissingFolderGivesAnErrorRecordNamingTheFolder) {
    const std::string missing = std::string(SURVEYCHECK_FIXTURE_VALID) + ".no-such-folder";
    PluginHost host;
    host.load_directory(missing, false);

    ASSERT_EQ(host.plugins().size(), 1u);
    const PluginRecord& record = host.plugins().front();
    EXPECT_EQ(record.file, missing);
    EXPECT_FALSE(record.loaded);
    EXPECT_EQ(record.error, missing + ": cannot read plugin folder: No such file or directory");
    EXPECT_TRUE(host.has_refusals());
    EXPECT_TRUE(host.rules().empty());
}

TEST(PluginHost, FileGivenAsFolderGivesAnErrorRecordNamingIt) {
    PluginHost host;
    host.load_directory(SURVEYCHECK_FIXTURE_VALID, false);

    ASSERT_EQ(host.plugins().size(), 1u);
    EXPECT_EQ(host.plugins().front().error,
              std::string(SURVEYCHECK_FIXTURE_VALID) + ": cannot read plugin folder: Not a directory");
}

TEST(PluginHost, LoadingTheSameFileTwiceIsANoOp) {
    const fs::path valid = SURVEYCHECK_FIXTURE_VALID;
    // The same file spelled another way: through "..", the way a second --plugin-dir might reach it.
    const fs::path same = valid.parent_path() / ".." / valid.parent_path().filename() / valid.filename();

    PluginHost host;
    host.load_file(valid.string(), false);
    host.load_file(valid.string(), false);
    host.load_file(same.string(), false);
    host.load_directory(valid.parent_path().string(), false);

    ASSERT_EQ(host.plugins().size(), 1u);
    EXPECT_EQ(host.plugins().front().file, valid.string());
    EXPECT_FALSE(host.has_refusals());
    EXPECT_EQ(rule_ids(host.rules()),
              (std::vector<std::string>{"fixture-valid/first", "fixture-valid/second"}));
}

TEST(PluginHost, RuleStaysUsableAfterItsHostIsDestroyed) {
    std::vector<LoadedRule> rules;
    {
        PluginHost host;
        host.load_file(SURVEYCHECK_FIXTURE_VALID, false);
        rules = host.rules();
    }
    ASSERT_EQ(rules.size(), 2u);
    EXPECT_STREQ(rules[1].rule->title, "Fixture rule second");  // the library was not unloaded
}

TEST(PluginHost, BuiltinPluginDirIsLibSurveycheckPluginsNextToTheExecutablesFolder) {
    const fs::path exe = fs::read_symlink("/proc/self/exe");
    const fs::path expected = exe.parent_path().parent_path() / "lib" / "surveycheck" / "plugins";
    EXPECT_EQ(builtin_plugin_dir(), expected.string());
}
