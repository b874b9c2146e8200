#include "eusurvey/model.hpp"

#include <gtest/gtest.h>

#include <string>

namespace surveycheck::eusurvey {
namespace {

testing::AssertionResult at(Position got, std::uint32_t line, std::uint32_t column) {
    if (got.line == line && got.column == column) {
        return testing::AssertionSuccess();
    }
    return testing::AssertionFailure()
           << "got " << got.line << ":" << got.column << ", expected " << line << ":" << column;
}

TEST(SourceText, PositionOfCountsLinesAndColumnsFromOne) {
    const SourceText source("ab\ncd\n\nef");
    EXPECT_TRUE(at(source.position_of(0), 1, 1));
    EXPECT_TRUE(at(source.position_of(1), 1, 2));
    EXPECT_TRUE(at(source.position_of(2), 1, 3));  // the newline itself
    EXPECT_TRUE(at(source.position_of(3), 2, 1));
    EXPECT_TRUE(at(source.position_of(7), 4, 1));
    EXPECT_TRUE(at(source.position_of(9), 4, 3));    // end of the buffer
    EXPECT_TRUE(at(source.position_of(500), 4, 3));  // past the end: clamped
}

TEST(SourceText, ColumnsCountUtf8CodePoints) {
    const SourceText source("<a>\xC3\xA9t\xC3\xA9 \xE2\x82\xAC<b>");  // <a>été €<b>
    EXPECT_TRUE(at(source.position_of(std::string(source.bytes()).find("<b>")), 1, 9));
}

TEST(SourceText, ColumnsStayRightFarIntoALongSingleLine) {
    // A real export is one line after the declaration; columns there run into the millions.
    std::string line = "<?xml version=\"1.0\"?>\n";
    for (int i = 0; i < 5000; ++i) {
        line += "<a>\xC3\xA9</a>";  // 9 bytes, 8 code points
    }
    const SourceText source(line);
    const std::size_t last = line.rfind("<a>");
    EXPECT_TRUE(at(source.position_of(last), 2, 4999 * 8 + 1));
    EXPECT_TRUE(at(source.position_of(line.size()), 2, 5000 * 8 + 1));
    // 12288 - 22 = 12266 bytes into line 2: 1362 whole "<a>é</a>" (8 code points each), then "<a>é</a" (7).
    EXPECT_TRUE(at(source.position_of(4096 * 3), 2, 1362 * 8 + 7 + 1));
}

TEST(SourceText, ColumnsCountMultibyteCharactersAcrossCheckpoints) {
    // Every offset of a long line of one- to four-byte characters, against a count byte by byte.
    std::string line = "\r\n";
    for (int i = 0; i < 2000; ++i) {
        line += i % 5 == 0 ? "a" : i % 5 == 1 ? "\xC3\xA9" : i % 5 == 2 ? "\xE2\x82\xAC" : "\xF0\x9F\x98\x80";
    }
    const SourceText source(line);
    std::uint32_t column = 1;
    for (std::size_t offset = 2; offset < line.size(); ++offset) {
        ASSERT_TRUE(at(source.position_of(offset), 2, column)) << "offset " << offset;
        if ((static_cast<unsigned char>(line[offset]) & 0xC0) != 0x80) ++column;
    }
}

TEST(SourceText, SliceColumnsStartAtItsBase) {
    // A piece of a file: the synthetic prefix is not counted, the first line continues the base column.
    const SourceText source("<R>\xC3\xA9\xC3\xA9x\ry", 3, Position{7, 40});
    EXPECT_TRUE(at(source.position_of(3), 7, 40));
    EXPECT_TRUE(at(source.position_of(7), 7, 42));  // x
    EXPECT_TRUE(at(source.position_of(9), 8, 1));   // y, after a lone CR
}

TEST(SourceText, CrLfAndLoneCrEndALine) {
    const SourceText source("a\r\nb\rc");
    EXPECT_TRUE(at(source.position_of(3), 2, 1));  // b
    EXPECT_TRUE(at(source.position_of(5), 3, 1));  // c
}

TEST(SourceText, ByteOrderMarkIsNotAColumn) {
    const SourceText source("\xEF\xBB\xBFxy");
    EXPECT_TRUE(at(source.position_of(4), 1, 2));  // y
}

TEST(SourceText, PositionInTextDecodesEntities) {
    //                    0123456789012345678901
    const SourceText source("<A>R&amp;D &lt;x&#233;y</A>");
    // Decoded text: "R&D <xéy"; é is two bytes.
    EXPECT_TRUE(at(source.position_in_text(3, 0), 1, 4));    // R
    EXPECT_TRUE(at(source.position_in_text(3, 2), 1, 10));   // D, after &amp;
    EXPECT_TRUE(at(source.position_in_text(3, 4), 1, 12));   // <, written &lt;
    EXPECT_TRUE(at(source.position_in_text(3, 5), 1, 16));   // x
    EXPECT_TRUE(at(source.position_in_text(3, 6), 1, 17));   // é, written &#233;
    EXPECT_TRUE(at(source.position_in_text(3, 8), 1, 23));   // y
    EXPECT_TRUE(at(source.position_in_text(3, 7), 1, 17));   // inside é: the reference's start
    EXPECT_TRUE(at(source.position_in_text(3, 99), 1, 24));  // past the text: where it ends
}

TEST(SourceText, PositionInTextReadsCrLfAsOneLineBreak) {
    const SourceText source("<A>one\r\ntwo &#x41;B</A>");
    // Decoded: "one\ntwo AB"
    EXPECT_TRUE(at(source.position_in_text(3, 4), 2, 1));   // t
    EXPECT_TRUE(at(source.position_in_text(3, 9), 2, 11));  // B after &#x41;
}

TEST(SourceText, UnknownEntityIsLiteralText) {
    const SourceText source("<A>&xxe;z</A>");
    EXPECT_TRUE(at(source.position_in_text(3, 5), 1, 9));  // z: "&xxe;" stays five characters
}

TEST(AnswerSet, AttributeIsEmptyWhenAbsent) {
    AnswerSet set;
    set.attributes = {{"list", "9"}, {"lang", "EN"}};
    EXPECT_EQ(set.attribute("lang"), "EN");
    EXPECT_EQ(set.attribute("user"), "");
    EXPECT_EQ(set.contribution_id(), "9");
    set.attributes.insert(set.attributes.begin(), {"id", "c-1"});
    EXPECT_EQ(set.contribution_id(), "c-1");
}

TEST(AnswerSet, AnonymousIdGivesWayToListThenToPosition) {
    AnswerSet set;
    set.number = 3;
    set.attributes = {{"id", "Anonymous"}, {"list", "90210"}, {"user", "Anonymous"}};
    EXPECT_EQ(set.contribution_id(), "90210");  // every contribution of an anonymous survey has that id
    set.attributes = {{"id", "anonymous"}, {"list", ""}};
    EXPECT_EQ(set.contribution_id(), "#3");  // neither tells it apart: its place in the export does
    set.attributes = {{"id", " "}};
    EXPECT_EQ(set.contribution_id(), "#3");
    set.attributes = {{"id", "Anonymous-7"}, {"list", "1"}};
    EXPECT_EQ(set.contribution_id(), "Anonymous-7");  // only the exact word is EUSurvey's placeholder
}

TEST(AnswerSet, XPathNamesItsAnswersBlockFromTheSecondOn) {
    AnswerSet set;
    set.index = 4;
    EXPECT_EQ(set.xpath(), "/Results/Answers/AnswerSet[4]");
    set.block = 2;
    set.index = 1;
    EXPECT_EQ(set.xpath(), "/Results/Answers[2]/AnswerSet[1]");
}

}  // namespace
}  // namespace surveycheck::eusurvey
