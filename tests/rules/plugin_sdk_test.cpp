// plugin.hpp: the SURVEYCHECK_PLUGIN export, typed options, the reporter and the exception wall, seen through
// the sc_plugin object a test plugin in this executable exports.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "surveycheck/plugin.hpp"
#include "surveycheck/testing/rule_runner.hpp"
#include "surveycheck/testing/survey_builder.hpp"

namespace {

namespace sc = surveycheck;
using sc::testing::ContributionBuilder;
using sc::testing::find_rule;
using sc::testing::run_rule;
using sc::testing::RunResult;
using sc::testing::SurveyBuilder;

// Reports one finding whose message shows the option values it was created with.
class Typed final : public sc::Rule {
public:
    static constexpr sc::OptionSpec specs[] = {{"label", sc::OptionType::string, "x", "a text"},
                                               {"limit", sc::OptionType::integer, "3", "a number"},
                                               {"strict", sc::OptionType::boolean, "false", "a switch"}};
    static constexpr sc::RuleInfo info{"typed", "Typed options", "", sc::Severity::info, "docs/typed.md",
                                       specs};

    explicit Typed(const sc::Options& options)
        : text_("label=" + options.string("label") + " limit=" + std::to_string(options.integer("limit")) +
                " strict=" + (options.boolean("strict") ? "true" : "false") +
                " data_dir=" + options.data_dir() + " audience=" + options.audience()) {}
    void check(const sc::Survey&, const sc::Contribution&, sc::Reporter& reporter) const override {
        reporter.report(sc::Location::whole_contribution(), text_);
    }

private:
    std::string text_;
};

// Throws from check: a std::exception with a message when the contribution id is "std", anything else
// otherwise.
class Throwing final : public sc::Rule {
public:
    static constexpr sc::RuleInfo info{"throwing", "Throws", "", sc::Severity::error, ""};
    void check(const sc::Survey&, const sc::Contribution& contribution, sc::Reporter&) const override {
        if (contribution.id() == "std") throw std::out_of_range("row 7 is out of range");
        throw 42;
    }
};

// Throws from its constructor.
class ThrowingCreate final : public sc::Rule {
public:
    static constexpr sc::RuleInfo info{"throwing-create", "Throws when created", "", sc::Severity::error, ""};
    ThrowingCreate() { throw std::runtime_error("reference list not found"); }
    void check(const sc::Survey&, const sc::Contribution&, sc::Reporter&) const override {}
};

// Reports at each kind of location, with and without a severity.
class Locations final : public sc::Rule {
public:
    static constexpr sc::RuleInfo info{"locations", "Locations", "", sc::Severity::warning, ""};
    void check(const sc::Survey& survey, const sc::Contribution& contribution,
               sc::Reporter& reporter) const override {
        sc::Question q = survey.question(0);
        sc::Value v = contribution.values_of(q)[0];
        reporter.report(q, "on the question", "a hint", "first");
        reporter.report(sc::Severity::error, v, "on the value");
        reporter.report(sc::Severity::info, {v, 4}, "inside the text");
    }
};

}  // namespace

SURVEYCHECK_PLUGIN("sdk-test", "0.1.0", "Rules that exercise plugin.hpp", Typed, Throwing, ThrowingCreate,
                   Locations);

namespace {

struct OneQuestion {
    SurveyBuilder s;
    ContributionBuilder c{s, "std"};
    OneQuestion() {
        s.question(SC_QUESTION_FREE_TEXT, "Name");
        c.text(0, "Jane Doe");
    }
    RunResult run(const char* id, std::vector<std::pair<std::string, std::string>> options = {},
                  std::size_t capacity = 256) {
        const sc_rule* rule = find_rule(surveycheck_plugin, id);
        if (rule == nullptr) throw std::logic_error(id);
        return run_rule(*rule, s.abi(), c.abi(), options, capacity);
    }
};

TEST(PluginExport, FillsThePluginObjectAndTheRuleTable) {
    EXPECT_EQ(surveycheck_plugin.struct_size, sizeof(sc_plugin));
    EXPECT_EQ(surveycheck_plugin.abi_major, SC_ABI_VERSION_MAJOR);
    EXPECT_EQ(surveycheck_plugin.abi_minor, SC_ABI_VERSION_MINOR);
    EXPECT_STREQ(surveycheck_plugin.name, "sdk-test");
    EXPECT_STREQ(surveycheck_plugin.version, "0.1.0");
    ASSERT_EQ(surveycheck_plugin.rule_count, 4u);
    const sc_rule& typed = surveycheck_plugin.rules[0];
    EXPECT_EQ(typed.struct_size, sizeof(sc_rule));
    EXPECT_STREQ(typed.id, "typed");
    EXPECT_STREQ(typed.title, "Typed options");
    EXPECT_STREQ(typed.docs_url, "docs/typed.md");
    EXPECT_EQ(typed.default_severity, static_cast<std::uint32_t>(SC_SEVERITY_INFO));
    ASSERT_EQ(typed.option_count, 3u);
    EXPECT_STREQ(typed.options[1].name, "limit");
    EXPECT_EQ(typed.options[1].type, static_cast<std::uint32_t>(SC_OPTION_INTEGER));
    EXPECT_STREQ(typed.options[1].default_value, "3");
    EXPECT_STREQ(typed.options[2].description, "a switch");
    EXPECT_EQ(surveycheck_plugin.rules[1].option_count, 0u);
    EXPECT_EQ(surveycheck_plugin.rules[1].options, nullptr);
}

TEST(PluginExport, EntrySymbolHasTheAbiName) { EXPECT_STREQ(SC_PLUGIN_ENTRY_NAME, "surveycheck_plugin"); }

TEST(Options, MissingOptionsTakeTheirDefaults) {
    OneQuestion f;
    RunResult r = f.run("typed");
    ASSERT_EQ(r.create_status, SC_STATUS_OK) << r.error;
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].message, "label=x limit=3 strict=false data_dir=/data audience=internal");
}

TEST(Options, GivenValuesAreParsedByType) {
    OneQuestion f;
    RunResult r = f.run("typed", {{"label", "hello"}, {"limit", "-12"}, {"strict", "YES"}});
    ASSERT_EQ(r.create_status, SC_STATUS_OK) << r.error;
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].message, "label=hello limit=-12 strict=true data_dir=/data audience=internal");
    r = f.run("typed", {{"limit", "+7"}, {"strict", "off"}});
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].message, "label=x limit=7 strict=false data_dir=/data audience=internal");
}

TEST(Options, BadIntegerIsInvalidOptionNamingOptionAndValue) {
    OneQuestion f;
    for (const char* bad : {"abc", "12abc", "", " 12", "99999999999999999999999"}) {
        RunResult r = f.run("typed", {{"limit", bad}});
        EXPECT_EQ(r.create_status, SC_STATUS_INVALID_OPTION) << bad;
        EXPECT_EQ(r.error, std::string("option \"limit\": \"") + bad + "\" is not an integer");
    }
}

TEST(Options, BadBooleanIsInvalidOptionNamingOptionAndValue) {
    OneQuestion f;
    RunResult r = f.run("typed", {{"strict", "maybe"}});
    EXPECT_EQ(r.create_status, SC_STATUS_INVALID_OPTION);
    EXPECT_EQ(r.error, "option \"strict\": \"maybe\" is not a boolean (true or false)");
}

TEST(Options, UndeclaredOptionIsInvalidOption) {
    OneQuestion f;
    RunResult r = f.run("typed", {{"colour", "red"}});
    EXPECT_EQ(r.create_status, SC_STATUS_INVALID_OPTION);
    EXPECT_EQ(r.error, "unknown option \"colour\"");
}

TEST(ExceptionWall, StdExceptionInCheckFailsWithItsMessage) {
    OneQuestion f;  // contribution id "std"
    RunResult r = f.run("throwing");
    EXPECT_EQ(r.check_status, SC_STATUS_FAILED);
    EXPECT_EQ(r.error, "row 7 is out of range");
}

TEST(ExceptionWall, NonStdExceptionInCheckFails) {
    SurveyBuilder s;
    s.question(SC_QUESTION_FREE_TEXT, "Name");
    ContributionBuilder c(s, "other");
    RunResult r = run_rule(*find_rule(surveycheck_plugin, "throwing"), s.abi(), c.abi());
    EXPECT_EQ(r.check_status, SC_STATUS_FAILED);
    EXPECT_EQ(r.error, "unknown exception while checking");
}

TEST(ExceptionWall, ExceptionInConstructorFailsCreate) {
    OneQuestion f;
    RunResult r = f.run("throwing-create");
    EXPECT_EQ(r.create_status, SC_STATUS_FAILED);
    EXPECT_EQ(r.error, "reference list not found");
}

TEST(ExceptionWall, ErrorMessageIsTruncatedToTheBuffer) {
    OneQuestion f;
    RunResult r = f.run("throwing", {}, 8);
    EXPECT_EQ(r.check_status, SC_STATUS_FAILED);
    EXPECT_EQ(r.error, "row 7 i");  // 7 bytes and the NUL
}

TEST(ExceptionWall, NullArgumentsFailInsteadOfCrashing) {
    const sc_rule& rule = *find_rule(surveycheck_plugin, "locations");
    char buffer[128] = {};
    EXPECT_EQ(rule.check(nullptr, nullptr, nullptr, sc_sink{}, {buffer, sizeof buffer}), SC_STATUS_FAILED);
    EXPECT_NE(std::string(buffer).find("without an instance"), std::string::npos);
    EXPECT_EQ(rule.create(nullptr, nullptr, {buffer, sizeof buffer}), SC_STATUS_FAILED);
}

TEST(Reporter, FillsQuestionValueOffsetAndSeverity) {
    OneQuestion f;
    RunResult r = f.run("locations");
    ASSERT_EQ(r.check_status, SC_STATUS_OK) << r.error;
    ASSERT_EQ(r.findings.size(), 3u);
    const auto& q = r.findings[0];
    EXPECT_EQ(q.severity, static_cast<std::uint32_t>(SC_SEVERITY_DEFAULT));
    EXPECT_EQ(q.question, 0u);
    EXPECT_EQ(q.value, SC_NONE);
    EXPECT_EQ(q.text_offset, SC_NONE);
    EXPECT_EQ(q.message, "on the question");
    EXPECT_EQ(q.hint, "a hint");
    EXPECT_EQ(q.discriminator, "first");
    const auto& v = r.findings[1];
    EXPECT_EQ(v.severity, static_cast<std::uint32_t>(SC_SEVERITY_ERROR));
    EXPECT_EQ(v.question, 0u);
    EXPECT_EQ(v.value, 0u);
    EXPECT_EQ(v.text_offset, SC_NONE);
    const auto& t = r.findings[2];
    EXPECT_EQ(t.severity, static_cast<std::uint32_t>(SC_SEVERITY_INFO));
    EXPECT_EQ(t.value, 0u);
    EXPECT_EQ(t.text_offset, 4u);
}

TEST(Reporter, WholeContributionFindingHasNoQuestion) {
    OneQuestion f;
    RunResult r = f.run("typed");
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].question, SC_NONE);
    EXPECT_EQ(r.findings[0].value, SC_NONE);
}

}  // namespace
