// Hostile exports through the real executable: each gives a clear error or finding naming the file and
// position, within bounded time and memory; never a crash, a hang or a file read outside the input.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "bounded_cli.hpp"
#include "hostile_files.hpp"

namespace {

using surveycheck::test::answer_set;
using surveycheck::test::BoundedOutcome;
using surveycheck::test::describe;
using surveycheck::test::export_with;
using surveycheck::test::findings_of;
using surveycheck::test::json;
using surveycheck::test::Limits;

class HostileInput : public surveycheck::test::BoundedCliFixture {
protected:
    // Validate `input` with the hostile-inputs profile into a JSON report; the run must end by itself.
    BoundedOutcome validate(const std::string& input, const Limits& limits = {},
                            const std::vector<std::string>& options = {}) {
        const std::string profile = write("profile.xml", surveycheck::test::hostile_profile);
        std::vector<std::string> args = {"validate", "--format", "json", "--profile", profile, input};
        args.insert(args.end(), options.begin(), options.end());
        BoundedOutcome result = run_bounded(args, limits);
        EXPECT_FALSE(result.timed_out) << describe(result);
        EXPECT_EQ(result.signal, 0) << describe(result);
        if (!result.out.empty()) report_ = json::parse(result.out);
        return result;
    }

    // Expect `input` refused as unreadable (exit 2), at `line`:`column`, with `words` in the reason.
    // `options` are added to the command line (e.g. to stream the export).
    void expect_unreadable(const std::string& input, int line, int column, const std::string& words,
                           const std::vector<std::string>& options = {}) {
        const BoundedOutcome result = validate(input, Limits{}, options);
        EXPECT_EQ(result.code, 3) << describe(result);
        const std::string where =
            input + ":" + std::to_string(line) + ":" + std::to_string(column) + ": error: ";
        EXPECT_NE(result.err.find(where), std::string::npos) << where << "\n" << result.err;
        EXPECT_NE(result.err.find(words), std::string::npos) << result.err;
        ASSERT_EQ(report_["files"].size(), 1u);
        EXPECT_EQ(report_["files"][0]["status"], "unreadable");
        EXPECT_EQ(report_["files"][0]["error"]["line"], line);
        EXPECT_EQ(report_["files"][0]["error"]["column"], column);
    }

    json report_;
};

TEST_F(HostileInput, EmptyFileIsRefusedAsEmpty) {
    expect_unreadable(write("empty.xml", ""), 0, 0, "the file is empty");
}

TEST_F(HostileInput, WhiteSpaceOnlyFileIsRefusedAsEmpty) {
    expect_unreadable(write("blank.xml", "\n  \t\n"), 0, 0, "the file is empty");
}

TEST_F(HostileInput, TruncatedExportIsRefusedWhereItEnds) {
    const std::string whole = export_with(answer_set("c-1", "fine"));
    // Cut inside the <Survey start tag, after "ali" (columns 69 to 71 of line 2): the input ends at
    // column 72.
    const std::string cut = whole.substr(0, whole.find("alias=") + 3);
    expect_unreadable(write("truncated.xml", cut), 2, 72, "not well-formed");
}

TEST_F(HostileInput, PlainTextIsRefusedAsNotXml) {
    expect_unreadable(write("notes.xml", "Partnership report, final version\n"), 2, 1,
                      "No document element found");
}

TEST_F(HostileInput, BinaryGarbageIsRefusedAtItsFirstInvalidByte) {
    std::mt19937 random(6);
    std::string garbage(64 * 1024, '\0');
    for (auto& byte : garbage) byte = static_cast<char>(random() & 0xff);
    garbage[0] = '<';  // looks like markup for a moment
    // The generator is fixed, so is the first byte that is not UTF-8: the second, 0xC9.
    expect_unreadable(write("garbage.xml", garbage), 1, 2, "invalid UTF-8 (byte 0xC9)");
}

TEST_F(HostileInput, InvalidUtf8IsRefusedAtTheFirstBadByte) {
    // "\xc3(" is a lead byte without its continuation. Line 5 is <AnswerSet ...> (30 characters), <Answer
    // ...> (21) and "Fran": the bad byte is column 56.
    const std::string input = write("latin1.xml", export_with(answer_set("c-1", "Fran\xc3(ois M\xfcller")));
    expect_unreadable(input, 5, 56, "invalid UTF-8 (byte 0xC3)");
}

TEST_F(HostileInput, OverlongUtf8IsRefused) {
    // "\xc0\xaf" is an over-long '/', the classic way to smuggle a path separator past a check: column 54.
    expect_unreadable(write("overlong.xml", export_with(answer_set("c-1",
                                                                   "..\xc0\xaf"
                                                                   "etc"))),
                      5, 54, "invalid UTF-8 (byte 0xC0)");
}

TEST_F(HostileInput, Utf16WithBomIsRefusedNamingTheEncoding) {
    std::string utf16 = "\xff\xfe";
    for (const char c : export_with(answer_set("c-1", "fine"))) {
        utf16 += c;
        utf16 += '\0';
    }
    expect_unreadable(write("utf16.xml", utf16), 0, 0, "UTF-16");
}

TEST_F(HostileInput, Utf16WithoutBomIsRefusedNamingTheEncodingAndByteOrder) {
    std::string little;
    std::string big;
    for (const char c : export_with(answer_set("c-1", "fine"))) {
        little += std::string{c, '\0'};
        big += std::string{'\0', c};
    }
    expect_unreadable(write("utf16le.xml", little), 0, 0,
                      "UTF-16 (little-endian, without a byte-order mark)");
    expect_unreadable(write("utf16be.xml", big), 0, 0, "UTF-16 (big-endian, without a byte-order mark)");
}

TEST_F(HostileInput, NulByteIsRefusedWhereItIsWholeAndStreamed) {
    // Line 5: <AnswerSet ...> (30 characters), <Answer ...> (21) and "ab": the NUL is column 54.
    const std::string input = write("nul.xml", export_with(answer_set("c-1", std::string("ab\0cd", 5))));
    expect_unreadable(input, 5, 54, "a NUL byte (0x00), which XML does not allow");
    expect_unreadable(input, 5, 54, "a NUL byte (0x00), which XML does not allow",
                      {"--stream-threshold", "1"});
}

TEST_F(HostileInput, NulCharacterReferenceInAContributionIdIsRefusedNotCut) {
    // `<AnswerSet id="c-` is 17 characters: the reference starts at column 18.
    const std::string input = write("nul-ref.xml", export_with(answer_set("c-&#0;secret", "fine")));
    const std::string reason = "the character reference \"&#0;\" stands for U+0000 (NUL)";
    expect_unreadable(input, 5, 18, reason);
    expect_unreadable(input, 5, 18, reason, {"--stream-threshold", "1"});
    expect_unreadable(write("surrogate.xml", export_with(answer_set("c-1", "a&#xD800;b"))), 5, 53,
                      "stands for a UTF-16 surrogate");
}

TEST_F(HostileInput, BillionLaughsIsRefusedWithoutExpandingAnything) {
    std::string doctype = "<!DOCTYPE Results [\n <!ENTITY lol0 \"lol\">\n";
    for (int i = 1; i <= 9; ++i) {
        doctype += " <!ENTITY lol" + std::to_string(i) + " \"";
        for (int k = 0; k < 10; ++k) doctype += "&lol" + std::to_string(i - 1) + ";";
        doctype += "\">\n";
    }
    doctype += "]>\n";
    std::string text = export_with(answer_set("c-1", "&lol9;"));
    text.insert(text.find('\n') + 1, doctype);
    Limits limits;
    limits.seconds = 20;
    limits.address_space_mb = 1024;
    const std::string input = write("laughs.xml", text);
    const BoundedOutcome result = validate(input, limits);
    EXPECT_EQ(result.code, 3) << describe(result);
    EXPECT_NE(result.err.find(input + ":2:1: error: "), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("declares entities"), std::string::npos) << result.err;
    EXPECT_EQ(result.out.find("lollollol"), std::string::npos);
}

TEST_F(HostileInput, ExternalEntityIsNeverRead) {
    const std::string marker = "MARKER-7f3a91-outside-the-input";
    const std::string secret = write("secret.txt", marker + "\n");
    std::string text = export_with(answer_set("c-1", "&xxe;"));
    text.insert(text.find('\n') + 1,
                "<!DOCTYPE Results [ <!ENTITY xxe SYSTEM \"file://" + secret + "\"> ]>\n");
    const std::string input = write("xxe.xml", text);
    const BoundedOutcome json_run = validate(input);
    EXPECT_EQ(json_run.code, 3) << describe(json_run);
    EXPECT_NE(json_run.err.find(input + ":2:1: error: "), std::string::npos) << json_run.err;
    for (const char* format : {"text", "json", "sarif", "junit"}) {
        const BoundedOutcome result = run_bounded({"validate", "--format", format, input});
        EXPECT_EQ(result.out.find(marker), std::string::npos) << format;
        EXPECT_EQ(result.err.find(marker), std::string::npos) << format;
    }
}

TEST_F(HostileInput, ExternalDtdIsNeverReadAndTheExportIsChecked) {
    const std::string marker = "MARKER-c41d07-outside-the-input";
    const std::string dtd = write("outside.dtd", "<!ENTITY inside \"" + marker + "\">\n");
    std::string text = export_with(answer_set("c-1", "plain answer"));
    text.insert(text.find('\n') + 1, "<!DOCTYPE Results SYSTEM \"file://" + dtd + "\">\n");
    const BoundedOutcome result = validate(write("dtd.xml", text));
    EXPECT_EQ(result.code, 0) << describe(result);
    EXPECT_EQ(result.out.find(marker), std::string::npos);
    EXPECT_EQ(report_["files"][0]["contributions"][0]["id"], "c-1");
}

TEST_F(HostileInput, HundredThousandNestedElementsInAnAnswerAreRead) {
    const BoundedOutcome result =
        validate(write("nested.xml", surveycheck::test::nested_elements_export(100000)));
    EXPECT_EQ(result.code, 0) << describe(result);
    EXPECT_EQ(report_["files"][0]["status"], "checked");
    EXPECT_EQ(report_["files"][0]["contributions"][0]["id"], "c-deep");
}

TEST_F(HostileInput, HundredThousandNestedCellsInTheQuestionnaireAreRead) {
    // Complex-table cells may hold elements; nothing in the grammar stops them nesting without end.
    std::string cells;
    for (int i = 0; i < 100000; ++i) cells += "<Cell id=\"x\" type=\"FreeText\" row=\"1\" column=\"1\">";
    for (int i = 0; i < 100000; ++i) cells += "</Cell>";
    std::string text = export_with(answer_set("c-1", "fine"));
    text.insert(text.find("</Elements>"), cells);
    const BoundedOutcome result = validate(write("cells.xml", text));
    EXPECT_EQ(result.code, 0) << describe(result);
    EXPECT_EQ(report_["files"][0]["status"], "checked");
}

// Line and column (1-based, ASCII) of the first `needle` in `text`.
std::pair<int, int> line_and_column(const std::string& text, const std::string& needle) {
    const std::size_t at = text.find(needle);
    const std::size_t line_start = text.rfind('\n', at) + 1;  // npos + 1 == 0 on the first line
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
    return {static_cast<int>(line), static_cast<int>(at - line_start + 1)};
}

TEST_F(HostileInput, ThousandAttributesAreRead) {
    const BoundedOutcome result =
        validate(write("attributes.xml", surveycheck::test::many_attributes_export(998)));
    EXPECT_EQ(result.code, 0) << describe(result);
    EXPECT_EQ(report_["files"][0]["contributions"][0]["id"], "c-wide");
}

TEST_F(HostileInput, ElementWithFarTooManyAttributesIsRefusedWhereItStarts) {
    const std::string text = surveycheck::test::many_attributes_export(5000);
    const auto [line, column] = line_and_column(text, "<AnswerSet");
    expect_unreadable(write("attributes.xml", text), line, column, "more than 1000 attributes");
}

TEST_F(HostileInput, MillionsOfAttributesStreamedAreRefusedInBoundedMemory) {
    // 2,000,000 attributes (about 30 MB: read streamed): refused before the parser builds a node for each,
    // which would take about 10 times the file.
    const std::string text = surveycheck::test::many_attributes_export(2000000);
    const auto [line, column] = line_and_column(text, "<AnswerSet");
    const std::string input = write("attributes.xml", text);
    const std::uint64_t file_mb = text.size() >> 20;
    const BoundedOutcome result = validate(input);
    EXPECT_EQ(result.code, 3) << describe(result);
    EXPECT_NE(
        result.err.find(input + ":" + std::to_string(line) + ":" + std::to_string(column) + ": error: "),
        std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("more than 1000 attributes"), std::string::npos) << result.err;
    EXPECT_LT(result.peak_rss_mb, surveycheck::test::memory_bound_mb(2 * file_mb + 64)) << describe(result);
}

TEST_F(HostileInput, WrongRootIsRefusedNamingIt) {
    expect_unreadable(write("translation.xml", "<?xml version=\"1.0\"?>\n<SurveyTranslation lang=\"EN\"/>\n"),
                      2, 1, "root element is <SurveyTranslation>");
}

TEST_F(HostileInput, DuplicateAnswerSetIdIsAFindingAtTheSecondContribution) {
    const std::string input = write(
        "twice.xml",
        export_with(answer_set("c-7", "first") + answer_set("c-8", "other") + answer_set("c-7", "second")));
    const BoundedOutcome result = validate(input);
    EXPECT_EQ(result.code, 0) << describe(result);
    const auto duplicates = findings_of(report_, "surveycheck/duplicate-contribution");
    ASSERT_EQ(duplicates.size(), 1u) << report_.dump(2);
    EXPECT_EQ(duplicates[0]["severity"], "warning");
    EXPECT_EQ(duplicates[0]["contribution"], "c-7");
    EXPECT_EQ(duplicates[0]["line"], 7);
    EXPECT_EQ(duplicates[0]["xpath"], "/Results/Answers/AnswerSet[3]");
    EXPECT_NE(duplicates[0]["message"].get<std::string>().find("line 5"), std::string::npos);
    // Both contributions are still checked and listed.
    EXPECT_EQ(report_["files"][0]["contributions"].size(), 3u);
}

TEST_F(HostileInput, TenThousandAnswersToUnknownQuestionsAreFindingsNotACrash) {
    std::string answers = "<AnswerSet id=\"c-1\" lang=\"EN\">";
    for (int i = 0; i < 10000; ++i) answers += "<Answer qid=\"gone-" + std::to_string(i) + "\">x</Answer>";
    answers += "</AnswerSet>\n";
    const BoundedOutcome result = validate(write("unknown.xml", export_with(answers)));
    EXPECT_EQ(result.code, 0) << describe(result);
    const auto unknown = findings_of(report_, "surveycheck/unknown-question");
    ASSERT_EQ(unknown.size(), 10000u);
    EXPECT_EQ(unknown[9999]["xpath"], "/Results/Answers/AnswerSet[1]/Answer[10000]");
    EXPECT_NE(unknown[0]["message"].get<std::string>().find("gone-0"), std::string::npos);
}

}  // namespace
