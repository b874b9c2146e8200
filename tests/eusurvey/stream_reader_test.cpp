#include "eusurvey/stream_reader.hpp"
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "read_helper.hpp"

namespace surveycheck::eusurvey {
namespace {

using testing::read_ok;
using testing::results;

// What streaming an export gave: the Survey part, every contribution with the source it was read from.
struct Streamed {
    ReadResult open;
    bool complete = false;
    Export head;
    std::vector<AnswerSet> sets;
    std::vector<std::shared_ptr<const SourceText>> sources;
    ReadResult end;  // the first slice that did not parse, else the stream's own verdict
};

Streamed stream(const std::string& xml) {
    const auto path =
        std::filesystem::temp_directory_path() /
        ("stream-reader-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
         "-" + std::to_string(::getpid()) + ".xml");
    std::ofstream(path, std::ios::binary) << xml;
    Streamed out;
    StreamReader reader;
    out.open = reader.open(path.string(), out.head);
    out.complete = reader.complete();
    AnswerSetSlice slice;
    while (out.open && reader.next(slice)) {
        AnswerSet set;
        const ReadResult read = read_slice(slice, out.head.survey, set);
        if (!read) {
            out.end = read;
            break;
        }
        out.sets.push_back(std::move(set));
        out.sources.push_back(slice.source);
    }
    if (out.end) out.end = reader.error();
    std::filesystem::remove(path);
    return out;
}

bool same(Position a, Position b) { return a.line == b.line && a.column == b.column; }

// Contributions whose text makes a naive scanner cut in the wrong place, on several lines with CR LF, UTF-8
// and a byte-order mark.
const std::string tricky =
    "\xEF\xBB\xBF" + results("<Question id=\"q1\" type=\"FreeTextQuestion\">Title é</Question>",
                             "<AnswerSet id=\"a&gt;1\" list=\"1\" lang=\"EN\" note=\"x > y\">\r\n"
                             "  <Answer qid=\"q1\"><![CDATA[</AnswerSet> is text here, <b>too</b>]]> and "
                             "ünïcödé\r\nline two</Answer>\r\n"
                             "</AnswerSet><!-- <AnswerSet id=\"commented\"> --><?pi <AnswerSet?>\n"
                             "<AnswerSet id='two' lang='EN'><Answer qid=\"q1\">caf&#233; &amp; "
                             "\xE2\x82\xAC</Answer><Other/></AnswerSet>\r"
                             "<AnswerSet id=\"three\"/>\n");

TEST(StreamReader, CutsEachAnswerSetWhereTheWholeFileReaderSeesIt) {
    const Export whole = read_ok(tricky);
    const Streamed streamed = stream(tricky);
    ASSERT_TRUE(streamed.open) << streamed.open.description;
    ASSERT_FALSE(streamed.complete);
    ASSERT_TRUE(streamed.end) << streamed.end.position.line << ":" << streamed.end.position.column << " "
                              << streamed.end.description;
    ASSERT_EQ(streamed.sets.size(), 3u);
    ASSERT_EQ(whole.answer_sets.size(), 3u);
    EXPECT_EQ(streamed.head.survey.alias, "test");
    EXPECT_EQ(streamed.head.survey.questionnaires.at(0).elements.at(0).title, "Title é");
    for (std::size_t i = 0; i < 3; ++i) {
        const AnswerSet& a = whole.answer_sets[i];
        const AnswerSet& b = streamed.sets[i];
        EXPECT_EQ(a.index, b.index);
        EXPECT_EQ(a.block, b.block);
        EXPECT_EQ(a.number, b.number);
        EXPECT_EQ(a.attributes, b.attributes);
        EXPECT_TRUE(same(a.position, b.position)) << i << ": " << b.position.line << ":" << b.position.column;
        ASSERT_EQ(a.answers.size(), b.answers.size());
        for (std::size_t j = 0; j < a.answers.size(); ++j) {
            EXPECT_EQ(a.answers[j].text, b.answers[j].text);
            EXPECT_EQ(a.answers[j].child_index, b.answers[j].child_index);
            EXPECT_TRUE(same(a.answers[j].position, b.answers[j].position));
            // Every character of the text maps to the same line and column.
            for (std::size_t k = 0; k < a.answers[j].text.size(); ++k) {
                EXPECT_TRUE(same(whole.source->position_in_text(a.answers[j].text_offset, k),
                                 streamed.sources[i]->position_in_text(b.answers[j].text_offset, k)))
                    << "answer set " << i << ", answer " << j << ", byte " << k;
            }
        }
    }
    EXPECT_EQ(streamed.sets[0].attribute("note"), "x > y");
    EXPECT_EQ(streamed.sets[1].position.line, 6u);  // after three line ends in the first set and one after it
}

TEST(StreamReader, KeepsPositionsPastTheReadChunk) {
    // Several MiB so the reader refills its buffer mid-contribution; positions must not drift across refills.
    std::string sets;
    const std::string text(3000, 'x');
    for (int i = 0; i < 3000; ++i) {
        sets += "<AnswerSet id=\"s" + std::to_string(i) + "\">\n<Answer qid=\"q1\">" + text +
                " é</Answer></AnswerSet>";
    }
    const std::string xml = results("<Question id=\"q1\">Q</Question>", sets);
    const Export whole = read_ok(xml);
    const Streamed streamed = stream(xml);
    ASSERT_TRUE(streamed.end) << streamed.end.description;
    ASSERT_EQ(streamed.sets.size(), whole.answer_sets.size());
    for (std::size_t i = 0; i < whole.answer_sets.size(); ++i) {
        const Position a = whole.answer_sets[i].answers.at(0).position;
        const Position b = streamed.sets[i].answers.at(0).position;
        ASSERT_TRUE(same(a, b)) << i << ": " << a.line << ":" << a.column << " vs " << b.line << ":"
                                << b.column;
    }
}

// Compares every contribution and answer position of the streamed export with the whole-file reader's.
void expect_same_positions(const std::string& xml) {
    const Export whole = read_ok(xml);
    const Streamed streamed = stream(xml);
    ASSERT_TRUE(streamed.end) << streamed.end.description;
    ASSERT_EQ(streamed.sets.size(), whole.answer_sets.size());
    for (std::size_t i = 0; i < whole.answer_sets.size(); ++i) {
        const AnswerSet& a = whole.answer_sets[i];
        const AnswerSet& b = streamed.sets[i];
        EXPECT_TRUE(same(a.position, b.position))
            << "set " << i << ": " << a.position.line << ":" << a.position.column << " vs " << b.position.line
            << ":" << b.position.column;
        ASSERT_EQ(a.answers.size(), b.answers.size());
        for (std::size_t j = 0; j < a.answers.size(); ++j) {
            EXPECT_TRUE(same(a.answers[j].position, b.answers[j].position))
                << "set " << i << ", answer " << j;
        }
    }
}

TEST(StreamReader, CountsCrLfLoneCrAndMultibyteCharactersBeforeEachContribution) {
    // Line ends of every kind and one- to four-byte characters right before, between and inside
    // contributions, with runs longer than the sixteen bytes the reader looks at in one go.
    const std::string wide = "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";  // é € 😀
    std::string sets = "\r\n" + wide + "<!-- " + wide + wide + wide + " -->\r";
    for (int i = 0; i < 40; ++i) {
        const std::string id = std::to_string(i);
        sets += "<AnswerSet id=\"" + id + "\" note='" + wide + "\"" + wide + "&gt; >'>" +
                (i % 3 == 0 ? "\r" : "") + "<Answer qid=\"q1\">" + wide + "\r\n" + wide + "\r" +
                std::string(i, 'x') + "</Answer>" + (i % 2 == 0 ? "\n" : "\r\n") +
                "<Answer qid=\"q1\" aid=\"" + std::string(i, 'a') + "\"/>" + "</AnswerSet>" +
                (i % 4 == 0   ? "\r"
                 : i % 4 == 1 ? "\n"
                 : i % 4 == 2 ? "\r\n"
                              : wide);
    }
    expect_same_positions(results("<Question id=\"q1\">" + wide + "\r\n</Question>\r" + wide + "\r\n", sets));
}

TEST(StreamReader, KeepsColumnsOnAVeryLongLineOfMultibyteText) {
    // One line of several MiB, as EUSurvey writes it: the column count crosses refills and buffer moves.
    std::string sets;
    std::string text;
    for (int i = 0; i < 500; ++i) text += "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80 ";
    for (int i = 0; i < 1500; ++i) {
        sets += "<AnswerSet id=\"s" + std::to_string(i) + "\"><Answer qid=\"q1\">" + text.substr(i % 7 * 10) +
                "</Answer></AnswerSet>";
    }
    expect_same_positions(results("<Question id=\"q1\">Q</Question>", sets));
}

TEST(StreamReader, ReportsAMalformedContributionAtItsFilePosition) {
    const std::string xml =
        results("<Question id=\"q1\">Q</Question>",
                "<AnswerSet id=\"ok\"/>\n<AnswerSet id=\"bad\">\n<Answer qid=\"q1\">x</Answr>"
                "</AnswerSet>");
    Export whole;
    const ReadResult expected = read_export_buffer(xml, "inline.xml", whole);
    ASSERT_FALSE(expected);
    const Streamed streamed = stream(xml);
    ASSERT_FALSE(streamed.end);
    EXPECT_EQ(streamed.end.status, ReadStatus::not_well_formed);
    EXPECT_EQ(streamed.end.position.line, 4u);  // the line of </Answr>, as the whole-file reader says
    EXPECT_EQ(streamed.end.position.line, expected.position.line);
    EXPECT_EQ(streamed.sets.size(), 1u);
}

TEST(StreamReader, ReadsAQuoteInATagNameAsPartOfTheName) {
    // Not a quoted value: the tag ends at its '>', and the error is where the whole-file reader says.
    for (const std::string bad : {"<Ans\"wer qid=\"q1\">x</Ans\"wer>", "<Answer' qid='q1'>x</Answer'>"}) {
        const std::string xml =
            results("<Question id=\"q1\">Q</Question>",
                    "<AnswerSet id=\"ok\"><Answer qid=\"q1\">fine</Answer></AnswerSet>\r\n"
                    "<AnswerSet id=\"bad\" lang=\"EN\">\n" +
                        bad + "</AnswerSet>");
        Export whole;
        const ReadResult expected = read_export_buffer(xml, "inline.xml", whole);
        ASSERT_FALSE(expected) << bad;
        const Streamed streamed = stream(xml);
        ASSERT_FALSE(streamed.end) << bad;
        EXPECT_EQ(streamed.end.status, expected.status) << bad;
        EXPECT_TRUE(same(streamed.end.position, expected.position))
            << bad << ": " << streamed.end.position.line << ":" << streamed.end.position.column << " vs "
            << expected.position.line << ":" << expected.position.column;
        EXPECT_EQ(streamed.sets.size(), 1u) << bad;
    }
}

TEST(StreamReader, ReportsATruncatedExportWithoutCrashing) {
    const std::string xml =
        results("<Question id=\"q1\">Q</Question>", "<AnswerSet id=\"a\"><Answer qid=\"q1\">x");
    const std::string truncated = xml.substr(0, xml.find("</Answers>"));
    const Streamed streamed = stream(truncated);
    ASSERT_TRUE(streamed.open);
    EXPECT_FALSE(streamed.end);
    EXPECT_EQ(streamed.end.status, ReadStatus::not_well_formed);
    EXPECT_GT(streamed.end.position.line, 0u);
}

TEST(StreamReader, ReportsGarbageAfterTheRootAtItsPosition) {
    const std::string xml =
        results("<Question id=\"q1\">Q</Question>", "<AnswerSet id=\"a\"/>") + "\n<Again/>";
    Export whole;
    const ReadResult expected = read_export_buffer(xml, "inline.xml", whole);
    const Streamed streamed = stream(xml);
    ASSERT_FALSE(streamed.end);
    EXPECT_EQ(streamed.end.description, expected.description);
    EXPECT_TRUE(same(streamed.end.position, expected.position))
        << streamed.end.position.line << ":" << streamed.end.position.column;
}

TEST(StreamReader, ChecksOtherElementsBetweenContributions) {
    const std::string good = results("<Question id=\"q1\">Q</Question>",
                                     "<AnswerSet id=\"a\"/><Note>n</Note><AnswerSet id=\"b\"/>");
    const Streamed read = stream(good);
    ASSERT_TRUE(read.end) << read.end.description;
    ASSERT_EQ(read.sets.size(), 2u);
    EXPECT_EQ(read.sets[1].index, 2u);  // the XPath index counts AnswerSet elements only

    const std::string bad = results("<Question id=\"q1\">Q</Question>",
                                    "<AnswerSet id=\"a\"/><Note>n</Nope><AnswerSet id=\"b\"/>");
    const Streamed broken = stream(bad);
    EXPECT_FALSE(broken.end);
    EXPECT_EQ(broken.end.status, ReadStatus::not_well_formed);
}

TEST(StreamReader, CutsTheContributionsOfEveryAnswersBlock) {
    // An empty block first, then two blocks with contributions, a comment and white space between them.
    const std::string xml =
        results("<Question id=\"q1\">Q</Question>",
                "</Answers>\n<Answers></Answers><Answers><AnswerSet id=\"a\"/><AnswerSet id=\"b\">"
                "<Answer qid=\"q1\">x</Answer></AnswerSet></Answers>\n<!-- next -->\n<Answers>\n"
                "<AnswerSet id=\"c\"><Answer qid=\"q1\">y</Answer></AnswerSet>");
    const Export whole = read_ok(xml);
    const Streamed streamed = stream(xml);
    ASSERT_TRUE(streamed.open) << streamed.open.description;
    ASSERT_FALSE(streamed.complete);
    ASSERT_TRUE(streamed.end) << streamed.end.description;
    ASSERT_EQ(whole.answer_sets.size(), 3u);
    ASSERT_EQ(streamed.sets.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        const AnswerSet& a = whole.answer_sets[i];
        const AnswerSet& b = streamed.sets[i];
        EXPECT_EQ(b.contribution_id(), a.contribution_id()) << i;
        EXPECT_EQ(b.xpath(), a.xpath()) << i;
        EXPECT_EQ(b.number, i + 1);
        EXPECT_TRUE(same(a.position, b.position)) << i;
        ASSERT_EQ(a.answers.size(), b.answers.size());
    }
    EXPECT_EQ(streamed.sets[0].xpath(), "/Results/Answers[3]/AnswerSet[1]");
    EXPECT_EQ(streamed.sets[2].xpath(), "/Results/Answers[4]/AnswerSet[1]");
    EXPECT_EQ(streamed.sets[2].answers.at(0).text, "y");
}

TEST(StreamReader, ReportsAMisplacedEndTagBetweenAnswersBlocks) {
    const std::string xml = results("<Question id=\"q1\">Q</Question>",
                                    "<AnswerSet id=\"a\"/></Answers></Survey><Answers><AnswerSet id=\"b\"/>");
    Export whole;
    const ReadResult expected = read_export_buffer(xml, "inline.xml", whole);
    const Streamed streamed = stream(xml);
    ASSERT_FALSE(expected);
    EXPECT_FALSE(streamed.end);
    EXPECT_EQ(streamed.end.status, ReadStatus::not_well_formed);
    EXPECT_TRUE(same(streamed.end.position, expected.position))
        << streamed.end.position.line << ":" << streamed.end.position.column << " vs "
        << expected.position.line << ":" << expected.position.column;
}

TEST(StreamReader, UndoesPathBDoubleEscapingLikeTheWholeFileReader) {
    const std::string xml = results(
        "<TableTitle id=\"t\">T</TableTitle><TableQuestion id=\"t-row\">Row</TableQuestion>"
        "<TableAnswer id=\"t-col\">Col</TableAnswer><Question id=\"free\">Free</Question>",
        "<AnswerSet id=\"a\"><Answer qid=\"t-row\" aid=\"t-col\">R&amp;amp;D</Answer>"
        "<Answer qid=\"free\">R&amp;amp;D</Answer></AnswerSet>");
    const Streamed streamed = stream(xml);
    ASSERT_EQ(streamed.sets.size(), 1u);
    EXPECT_EQ(streamed.sets[0].answers.at(0).text, "R&D");
    EXPECT_EQ(streamed.sets[0].answers.at(1).text, "R&amp;D");
    EXPECT_EQ(read_ok(xml).answer_sets.at(0).answers.at(0).text, "R&D");
}

TEST(StreamReader, ReadsTheWholeFileWhenTheSurveyFollowsTheAnswers) {
    const std::string xml =
        "<Results><Answers><AnswerSet id=\"a\" lang=\"EN\"/></Answers><Survey alias=\"late\"><Elements "
        "lang=\"EN\"><Question id=\"q1\">Q</Question></Elements></Survey></Results>";
    const Streamed streamed = stream(xml);
    ASSERT_TRUE(streamed.open) << streamed.open.description;
    EXPECT_TRUE(streamed.complete);
    EXPECT_EQ(streamed.head.survey.alias, "late");
    EXPECT_EQ(streamed.head.answer_sets.size(), 1u);
}

TEST(StreamReader, ReportsAMissingSurveyPartLikeTheWholeFileReader) {
    const std::string xml = "<Results><Answers><AnswerSet id=\"a\"/></Answers></Results>";
    Export whole;
    const ReadResult expected = read_export_buffer(xml, "inline.xml", whole);
    const Streamed streamed = stream(xml);
    EXPECT_EQ(streamed.open.status, expected.status);
    EXPECT_EQ(streamed.open.description, expected.description);
}

}  // namespace
}  // namespace surveycheck::eusurvey
