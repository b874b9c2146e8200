// The run, in process: files committed in input order whatever the threads, streamed exports one
// contribution at a time and forgotten when cut short, and every finding through one pipeline (waivers,
// translation, baseline) with what it did undone for a file that turns out unreadable.
#include "engine/run.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <random>
#include <thread>

#include "engine/host_rules.hpp"
#include "engine/ordered_commit.hpp"
#include "profile/builtin.hpp"
#include "profile/profile.hpp"

namespace {

using namespace surveycheck;
using namespace surveycheck::engine;
namespace fs = std::filesystem;

const std::string data_dir = std::string(SURVEYCHECK_SOURCE_DIR) + "/tests/data/";

TEST(OrderedCommitter, CommitsInIndexOrderWhateverOrderThreadsFinishIn) {
    std::vector<std::size_t> order(2000);
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), std::mt19937(7));
    std::vector<std::size_t> committed;
    OrderedCommitter<std::size_t> committer(0, 16, [&](std::size_t& value) { committed.push_back(value); });
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (std::size_t i; (i = next++) < order.size();) committer.done(order[i], order[i]);
        });
    }
    for (auto& thread : threads) thread.join();
    ASSERT_EQ(committed.size(), order.size());
    for (std::size_t i = 0; i < committed.size(); ++i) ASSERT_EQ(committed[i], i);
}

TEST(OrderedCommitter, StopsBeforeTheFirstFailedIndex) {
    std::vector<int> committed;
    OrderedCommitter<int> committer(1, 8, [&](int& value) { committed.push_back(value); });
    committer.done(2, 2);
    committer.done(4, 4);
    committer.stop_at(3);  // the third could not be read
    committer.done(1, 1);
    committer.done(5, 5);
    EXPECT_EQ(committed, (std::vector<int>{1, 2}));
    EXPECT_EQ(committer.stopped_at(), 3u);
}

// A host rule's finding with `fingerprint`.
Finding finding_of(const std::string& rule_id, const std::string& fingerprint) {
    for (const RunRule& rule : host_rules()) {
        if (rule.id == rule_id)
            return make_finding(rule, "message", "hint", {"export.xml", "c-1", {}, ""}, fingerprint);
    }
    ADD_FAILURE() << rule_id;
    return {};
}

class RunTest : public ::testing::Test {
protected:
    RunTest() : rules_({}, Selection{}), translator_("en", rules_) {
        EXPECT_TRUE(profile::load_profile_buffer(profile::builtin_profile_xml(), "<built-in>", profile_));
    }

    // A pipeline waiving surveycheck/unknown-question and knowing the finding fingerprinted "known".
    std::unique_ptr<FindingPipeline> pipeline(bool keep_copies = true) {
        Waiver waiver;
        waiver.rule = "surveycheck/unknown-question";
        waiver.justification = "accepted";
        waiver.expires = "2999-12-31";
        BaselineEntry known;
        known.fingerprint = "known";
        known.rule = "surveycheck/unknown-answer";
        return std::make_unique<FindingPipeline>(
            WaiverSet({waiver}, "2026-12-07"), translator_,
            std::make_unique<BaselineFilter>(std::vector<BaselineEntry>{known}), keep_copies);
    }

    RuleSet rules_;
    Translator translator_;
    profile::Profile profile_;
};

TEST_F(RunTest, PipelineWaivesThenKeepsACopyThenDropsWhatTheBaselineKnows) {
    auto run = pipeline();
    std::vector<Finding> findings = {finding_of("surveycheck/unknown-question", "a"),
                                     finding_of("surveycheck/unknown-answer", "known"),
                                     finding_of("surveycheck/unknown-answer", "new")};
    run->apply(findings);
    ASSERT_EQ(findings.size(), 2u);  // "known" is the baseline's
    EXPECT_TRUE(findings[0].suppressed);
    EXPECT_EQ(findings[1].fingerprint, "new");
    EXPECT_EQ(findings[1].baseline, BaselineState::new_finding);
    EXPECT_EQ(run->copies().size(), 3u) << "--write-baseline keeps what the baseline dropped too";
    EXPECT_EQ(run->baseline()->known(), 1u);
}

TEST_F(RunTest, PipelineRestoredToACheckpointForgetsWhatCameAfter) {
    auto run = pipeline();
    const auto before = run->checkpoint();
    std::vector<Finding> findings = {finding_of("surveycheck/unknown-question", "a"),
                                     finding_of("surveycheck/unknown-answer", "known")};
    run->apply(findings);
    run->restore(before);
    EXPECT_TRUE(run->copies().empty());
    EXPECT_EQ(run->baseline()->known(), 0u);
    std::vector<Finding> run_findings;
    run->finish_run(run_findings, rules_);
    ASSERT_EQ(run_findings.size(), 1u) << "the waiver matched nothing that was kept";
    EXPECT_EQ(run_findings[0].rule, "surveycheck/waiver-unused");
}

// What a run sent, as text: "c" per contribution, "drop", and "end PATH status streamed".
class RecordingOutput final : public RunOutput {
public:
    void contribution(const ContributionSummary&, const std::vector<Finding>& findings) override {
        events.push_back("c");
        findings_seen += findings.size();
    }
    void end_file(FileResult& file, std::size_t streamed) override {
        events.push_back("end " + fs::path(file.path).filename().string() + " " +
                         file_status_name(file.status) + " " + std::to_string(streamed));
        findings_seen += file.findings.size();
    }
    void drop_file() override { events.push_back("drop"); }

    std::vector<std::string> events;
    std::size_t findings_seen = 0;
};

TEST_F(RunTest, FilesAreCommittedInInputOrderOnEveryNumberOfThreads) {
    std::ifstream in(data_dir + "s3/s3-seed-pretty.xml", std::ios::binary);
    const std::string stdin_bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::vector<RunInput> inputs = {
        {data_dir + "eusurvey/every-element-kind.xml", ""},
        {data_dir + "no-such-export.xml", ""},
        {"-", ""},
        {data_dir + "s3/s3-two-languages.xml", ""},
        {data_dir + "s3/s3-seed-pretty.xml", "a symbolic link out of its folder"}};
    const Engine engine(rules_, profile_, "internal", nullptr);
    for (const unsigned jobs : {1u, 2u, 4u}) {
        auto run = pipeline();
        RecordingOutput output;
        run_inputs(inputs, engine, *run, {jobs, 0, &stdin_bytes}, output);
        EXPECT_EQ(output.events,
                  (std::vector<std::string>{"end every-element-kind.xml checked 0",
                                            "end no-such-export.xml unreadable 0", "end - checked 0",
                                            "end s3-two-languages.xml checked 0",
                                            "end s3-seed-pretty.xml unreadable 0"}))
            << jobs << " jobs";
        EXPECT_GT(output.findings_seen, 0u);
        EXPECT_EQ(run->copies().size(), output.findings_seen) << "every finding went through the pipeline";
    }
}

TEST_F(RunTest, StreamedExportSendsEachContributionThenItsEnd) {
    auto run = pipeline();
    RecordingOutput output;
    const Engine engine(rules_, profile_, "internal", nullptr);
    run_inputs({{data_dir + "s3/s3-two-languages.xml", ""}}, engine, *run, {2, 1, nullptr}, output);
    ASSERT_GE(output.events.size(), 3u);
    const std::size_t contributions = output.events.size() - 1;
    for (std::size_t i = 0; i < contributions; ++i) EXPECT_EQ(output.events[i], "c");
    EXPECT_EQ(output.events.back(), "end s3-two-languages.xml checked " + std::to_string(contributions));
}

TEST_F(RunTest, StreamedExportCutShortIsDroppedAndItsFindingsForgotten) {
    std::ifstream in(data_dir + "s3/s3-two-languages.xml", std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t second = text.find("<AnswerSet", text.find("<AnswerSet") + 1);
    ASSERT_NE(second, std::string::npos);
    const fs::path cut =
        fs::temp_directory_path() / ("surveycheck-run-cut-" + std::to_string(::getpid()) + ".xml");
    std::ofstream(cut, std::ios::binary) << text.substr(0, second + 40);
    auto run = pipeline();
    RecordingOutput output;
    const Engine engine(rules_, profile_, "internal", nullptr);
    run_inputs({{cut.string(), ""}}, engine, *run, {1, 1, nullptr}, output);
    fs::remove(cut);
    ASSERT_FALSE(output.events.empty());
    EXPECT_NE(std::find(output.events.begin(), output.events.end(), "drop"), output.events.end());
    EXPECT_EQ(output.events.back(), "end " + cut.filename().string() + " unreadable 0");
    EXPECT_TRUE(run->copies().empty()) << "the findings of its first contribution were forgotten";
}

}  // namespace
