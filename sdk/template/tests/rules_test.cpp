// Tests of the {{name}} rules, end to end: each runs the built plugin on an XML export with a form profile,
// exactly as `surveycheck validate` does (test_runner.hpp).
#include <gtest/gtest.h>
#include <surveycheck/test_runner.hpp>
#include <surveycheck/testing.hpp>

namespace {

using surveycheck::testing::findings_are;
using surveycheck::testing::Plugin;
using surveycheck::testing::RunOptions;
using surveycheck::testing::Xml;

const Plugin& plugin() {
    static const Plugin loaded(PLUGIN_MODULE);
    return loaded;
}

// The fixture form: a summary and a comment, both free text (tests/data/profile.xml gives their keys).
RunOptions fixture_profile() {
    RunOptions options;
    options.profile = Xml::file(TEST_DATA "/profile.xml");
    return options;
}

TEST(ShortAnswer, OneWordSummaryIsReportedAtItsLine) {
    // tests/data/export.xml line 10: <Answer qid="q-summary">Fine.</Answer>
    const auto found = plugin().run("short-answer", Xml::file(TEST_DATA "/export.xml"), fixture_profile());
    EXPECT_TRUE(findings_are(found, {{"{{name}}/short-answer", "warning", "summary", 10}}));
}

TEST(ShortAnswer, MinWordsOptionRaisesTheBar) {
    RunOptions options = fixture_profile();
    options.options = {{"min-words", "6"}};
    const auto found = plugin().run("short-answer", Xml::file(TEST_DATA "/export.xml"), options);
    // The comment (line 11) has five words: too short now, too.
    EXPECT_TRUE(findings_are(
        found, {{"short-answer", "warning", "summary", 10}, {"short-answer", "warning", "comment", 11}}));
}

TEST(ShortAnswer, FullSentencesAreNotReported) {
    const auto found = plugin().run("short-answer", Xml::text(R"(<?xml version="1.0" encoding="UTF-8"?>
<Results create="2025-01-01_00-00-00"><Survey id="1" uid="u-survey" alias="fixture">
<Elements lang="EN">
<Question id="q-summary" type="Free Text" bid="summary">Summary</Question>
</Elements></Survey>
<Answers><AnswerSet id="c-2" list="2" lang="EN">
<Answer qid="q-summary">The partnership met twice and agreed a work plan.</Answer>
</AnswerSet></Answers></Results>
)"),
                                    fixture_profile());
    EXPECT_TRUE(findings_are(found, {}));
}

}  // namespace
