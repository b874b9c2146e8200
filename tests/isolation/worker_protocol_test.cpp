// The worker protocol: the C views survive serialisation, and malformed payloads are refused, never trusted.
#include "host/isolation/worker_protocol.hpp"

#include "host/plugin_host.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace surveycheck::host;

using surveycheck::to_sc;
std::string text(sc_str s) { return std::string(surveycheck::view(s)); }
std::vector<char> bytes_of(const FrameWriter& out) { return {out.bytes().begin(), out.bytes().end()}; }

// A survey of two questions (the second with a role and two choices) in one section.
struct SampleSurvey {
    std::string uid = "u-1", alias = "s3", lang = "EN", title = "Regions", role = "region-list",
                nuts = "nuts";
    std::string a = "A", b = "B";
    sc_section section{sizeof(sc_section), to_sc(alias), to_sc(uid), to_sc(title), 1};
    sc_role roles[1] = {{sizeof(sc_role), to_sc(role), to_sc(nuts)}};
    sc_item choices[2] = {{sizeof(sc_item), to_sc(a), to_sc(a), to_sc(a)},
                          {sizeof(sc_item), to_sc(b), {}, to_sc(b)}};
    sc_question questions[2] = {};
    sc_survey survey{};
    SampleSurvey() {
        questions[0].struct_size = questions[1].struct_size = sizeof(sc_question);
        questions[0].section = SC_NONE;
        questions[1].section = 0;
        questions[1].kind = SC_QUESTION_SINGLE_CHOICE;
        questions[1].title = to_sc(title);
        questions[1].roles = roles;
        questions[1].role_count = 1;
        questions[1].choices = choices;
        questions[1].choice_count = 2;
        survey =
            sc_survey{sizeof(sc_survey), to_sc(uid), to_sc(alias), to_sc(lang), &section, 1, questions, 2};
    }
};

TEST(WorkerProtocol, SurveyRoundTripKeepsEveryField) {
    const SampleSurvey sample;
    FrameWriter out;
    write_survey(out, sample.survey);
    const auto image = SurveyImage::read(bytes_of(out), 0);
    ASSERT_TRUE(image);
    const sc_survey& survey = *image->get();
    EXPECT_EQ(text(survey.alias), "s3");
    ASSERT_EQ(survey.question_count, 2u);
    EXPECT_EQ(survey.questions[0].section, SC_NONE);
    EXPECT_EQ(survey.questions[0].choices, nullptr);
    const sc_question& q = survey.questions[1];
    EXPECT_EQ(q.kind, static_cast<std::uint32_t>(SC_QUESTION_SINGLE_CHOICE));
    EXPECT_EQ(text(survey.sections[q.section].key), "s3");
    EXPECT_EQ(survey.sections[0].confidential, 1u);
    ASSERT_EQ(q.role_count, 1u);
    EXPECT_EQ(text(q.roles[0].format), "nuts");
    ASSERT_EQ(q.choice_count, 2u);
    EXPECT_EQ(text(q.choices[1].title), "B");
    EXPECT_EQ(text(q.choices[1].bid), "");
}

TEST(WorkerProtocol, ContributionRoundTripKeepsValuesNotesAndIndexes) {
    const SampleSurvey sample;
    const std::string id = "c-7", name = "lang", lang = "EN", answer = "Lyon", aid = "B", why = "see annex";
    const sc_attribute attribute{sizeof(sc_attribute), to_sc(name), to_sc(lang)};
    const sc_value value{sizeof(sc_value), 1, SC_NONE, 1, to_sc(answer), 12, 3, to_sc(aid)};
    const sc_value note{sizeof(sc_value), 1, SC_NONE, SC_NONE, to_sc(why), 13, 1, {}};
    const std::uint32_t first[2] = {0, 0}, count[2] = {0, 1};
    const std::uint8_t shown[2] = {1, 0};
    const sc_contribution contribution{
        sizeof(sc_contribution), to_sc(id), &attribute, 1, &value, 1, first, count, shown, &note, 1};
    FrameWriter out;
    write_contribution(out, contribution, 2);
    const auto image = ContributionImage::read(bytes_of(out), 0, sample.survey);
    ASSERT_TRUE(image);
    const sc_contribution& back = *image->get();
    EXPECT_EQ(text(back.id), "c-7");
    EXPECT_EQ(text(back.attributes[0].value), "EN");
    ASSERT_EQ(back.value_count, 1u);
    EXPECT_EQ(text(back.values[0].text), "Lyon");
    EXPECT_EQ(back.values[0].choice, 1u);
    EXPECT_EQ(back.values[0].line, 12u);
    EXPECT_EQ(text(back.values[0].aid), "B");
    EXPECT_EQ(back.value_count_of[1], 1u);
    EXPECT_EQ(back.shown[1], 0u);
    ASSERT_EQ(back.note_count, 1u);
    EXPECT_EQ(text(back.notes[0].text), "see annex");
    EXPECT_EQ(back.notes[0].question, 1u);
    EXPECT_EQ(back.notes[0].line, 13u);
}

TEST(WorkerProtocol, ContributionPointingPastItsValuesIsRefused) {
    const SampleSurvey sample;
    const std::string id = "c-8";
    const std::uint32_t first[2] = {0, 0}, count[2] = {0, 5};  // five values claimed, none sent
    const std::uint8_t shown[2] = {1, 1};
    const sc_contribution contribution{
        sizeof(sc_contribution), to_sc(id), nullptr, 0, nullptr, 0, first, count, shown, nullptr, 0};
    FrameWriter out;
    write_contribution(out, contribution, 2);
    EXPECT_FALSE(ContributionImage::read(bytes_of(out), 0, sample.survey));
}

TEST(WorkerProtocol, TruncatedSurveyIsRefused) {
    const SampleSurvey sample;
    FrameWriter out;
    write_survey(out, sample.survey);
    std::vector<char> bytes = bytes_of(out);
    bytes.resize(bytes.size() - 3);
    EXPECT_FALSE(SurveyImage::read(bytes, 0));
}

TEST(WorkerProtocol, HugeCountIsRefusedBeforeAnythingIsAllocated) {
    FrameWriter out;
    out.str(std::string("u"));
    out.str(std::string("a"));
    out.str(std::string("EN"));
    out.u32(0xFFFFFFFFu);  // sections
    EXPECT_FALSE(SurveyImage::read(bytes_of(out), 0));
}

TEST(WorkerProtocol, FindingOfAnOlderAbiGetsDefaultScopeAndFlags) {
    const std::string message = "m";
    sc_finding finding{};
    finding.struct_size = offsetof(sc_finding, scope);  // a plugin built before scope and flags existed
    finding.severity = SC_SEVERITY_ERROR;
    finding.question = 2;
    finding.value = SC_NONE;
    finding.text_offset = SC_NONE;
    finding.message = to_sc(message);
    finding.scope = 77;  // beyond its struct_size: never read
    FrameWriter out;
    write_finding(out, finding);
    FrameReader in(out.bytes().data(), out.bytes().size());
    sc_finding back{};
    std::vector<sc_message_arg> args;
    ASSERT_TRUE(read_finding(in, back, args));
    EXPECT_EQ(back.struct_size, sizeof(sc_finding));
    EXPECT_EQ(back.arg_count, 0u);
    EXPECT_EQ(text(back.message_id), "");
    EXPECT_EQ(back.question, 2u);
    EXPECT_EQ(text(back.message), "m");
    EXPECT_EQ(back.scope, static_cast<std::uint32_t>(SC_SCOPE_CONTRIBUTION));
    EXPECT_EQ(back.flags, 0u);
}

TEST(WorkerProtocol, FindingMessageIdsAndArgsCrossTheWorkerBoundary) {
    const std::string message = "Question Q is empty";
    const std::string id = "unanswered";
    const std::string hint_id = "unanswered.hint";
    const std::string name = "question";
    const std::string value = "Q";
    const sc_message_arg arg{sizeof(sc_message_arg), to_sc(name), to_sc(value)};
    sc_finding finding{};
    finding.struct_size = sizeof(sc_finding);
    finding.question = SC_NONE;
    finding.value = SC_NONE;
    finding.text_offset = SC_NONE;
    finding.message = to_sc(message);
    finding.message_id = to_sc(id);
    finding.hint_id = to_sc(hint_id);
    finding.args = &arg;
    finding.arg_count = 1;
    FrameWriter out;
    write_finding(out, finding);
    FrameReader in(out.bytes().data(), out.bytes().size());
    sc_finding back{};
    std::vector<sc_message_arg> args;
    ASSERT_TRUE(read_finding(in, back, args));
    EXPECT_EQ(text(back.message_id), "unanswered");
    EXPECT_EQ(text(back.hint_id), "unanswered.hint");
    ASSERT_EQ(back.arg_count, 1u);
    EXPECT_EQ(text(back.args[0].name), "question");
    EXPECT_EQ(text(back.args[0].value), "Q");
}

TEST(WorkerProtocol, StartRequestRoundTrip) {
    StartRequest request;
    request.plugin_file = "/p/x.so";
    request.rules = {{"x/a", {{"trigger", "*"}}}, {"x/b", {}}};
    request.data_dir = "/data";
    request.audience = "public";
    request.cpu_seconds = 2;
    request.memory_mb = 256;
    FrameWriter out;
    write_start(out, request);
    FrameReader in(out.bytes().data(), out.bytes().size());
    StartRequest back;
    ASSERT_TRUE(read_start(in, back));
    EXPECT_EQ(back.plugin_file, "/p/x.so");
    ASSERT_EQ(back.rules.size(), 2u);
    EXPECT_EQ(back.rules[0].options[0].second, "*");
    EXPECT_EQ(back.audience, "public");
    EXPECT_EQ(back.memory_mb, 256u);
}

TEST(WorkerProtocol, DescriptionRoundTripGivesTheRuleTableWithoutCode) {
    static const sc_option_info options[] = {
        {sizeof(sc_option_info), "trigger", SC_OPTION_STRING, "bad", "when to misbehave"}};
    static const sc_translation translations[] = {{sizeof(sc_translation), "fr", "title", "Titre"},
                                                  {sizeof(sc_translation), "fr", nullptr, "dropped"}};
    sc_rule rule{};
    rule.struct_size = sizeof(sc_rule);
    rule.id = "a";
    rule.title = "Title";
    rule.description = nullptr;
    rule.default_severity = SC_SEVERITY_WARNING;
    rule.docs_url = "docs/a.md";
    rule.options = options;
    rule.option_count = 1;
    rule.translations = translations;
    rule.translation_count = 2;
    PluginRecord record;
    record.file = "/p/x.so";
    record.name = "x";
    record.version = "1.2.3";
    record.abi_major = 1;
    record.abi_minor = 1;
    record.rules.push_back(LoadedRule{"x/a", "x", "/p/x.so", false, &rule});
    FrameWriter out;
    write_description(out, "", record);

    FrameReader in(out.bytes().data(), out.bytes().size());
    PluginRecord back;
    back.file = "/q/x.so";
    std::string refusal = "not read";
    ASSERT_TRUE(read_description(in, refusal, back));
    EXPECT_EQ(refusal, "");
    EXPECT_EQ(back.version, "1.2.3");
    EXPECT_EQ(back.abi_minor, 1u);
    ASSERT_EQ(back.rules.size(), 1u);
    const LoadedRule& loaded = back.rules[0];
    EXPECT_EQ(loaded.id, "x/a");
    EXPECT_EQ(loaded.file, "/q/x.so");
    EXPECT_TRUE(loaded.in_worker);
    EXPECT_STREQ(loaded.rule->title, "Title");
    EXPECT_STREQ(loaded.rule->description, "");
    EXPECT_EQ(loaded.rule->default_severity, std::uint32_t{SC_SEVERITY_WARNING});
    ASSERT_EQ(loaded.rule->option_count, 1u);
    EXPECT_STREQ(loaded.rule->options[0].default_value, "bad");
    ASSERT_EQ(loaded.rule->translation_count, 1u) << "the incomplete translation is left out";
    EXPECT_STREQ(loaded.rule->translations[0].text, "Titre");
    EXPECT_EQ(loaded.rule->create, nullptr);
    EXPECT_EQ(loaded.rule->check, nullptr);
}

TEST(WorkerProtocol, RefusalDescriptionCarriesNoRules) {
    PluginRecord record;
    record.abi_major = 2;
    FrameWriter out;
    write_description(out, "plugin built for ABI 2.0", record);
    FrameReader in(out.bytes().data(), out.bytes().size());
    PluginRecord back;
    std::string refusal;
    ASSERT_TRUE(read_description(in, refusal, back));
    EXPECT_EQ(refusal, "plugin built for ABI 2.0");
    EXPECT_EQ(back.abi_major, 2u);
    EXPECT_TRUE(back.rules.empty());
}

}  // namespace
