// Reading JSON in pieces: members and elements are found by a byte scan that strings (brackets, escaped
// quotes) cannot mislead, keys are decoded, and syntax errors are nlohmann's own.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report/json_pieces.hpp"

namespace {

namespace report = surveycheck::report;
using nlohmann::json;

TEST(JsonPieces, StringsWithBracketsAndEscapedQuotesDoNotEndAValue) {
    const std::string text = R"( {"a": ["]", "\"}", {"b": "[{"}], "c\u0041": 1 , "d": "x\\"} )";
    const auto bytes = report::text_bytes(text);
    const report::JsonPieces doc(*bytes);
    const auto members = doc.members(doc.root());
    ASSERT_EQ(members.size(), 3u);
    EXPECT_EQ(doc.parse(members.at("a")), json::parse(R"(["]", "\"}", {"b": "[{"}])"));
    EXPECT_EQ(doc.text(members.at("cA")), "1");
    EXPECT_EQ(doc.parse(members.at("d")), "x\\");
}

TEST(JsonPieces, ElementsComeOneAtATimeAndAreCounted) {
    const std::string text = R"([ {"x": [1, 2]}, "two" ,3, [], null ])";
    const auto bytes = report::text_bytes(text);
    const report::JsonPieces doc(*bytes);
    auto elements = doc.elements(doc.root());
    std::vector<json> seen;
    for (report::JsonPiece piece; elements.next(piece);) seen.push_back(doc.parse(piece));
    EXPECT_EQ(json(seen), json::parse(text));
    EXPECT_EQ(elements.count(), 5u);
    report::JsonPiece after;
    EXPECT_FALSE(elements.next(after));
}

TEST(JsonPieces, DuplicateKeyKeepsItsLastValueAsNlohmannDoes) {
    const std::string text = R"({"k": 1, "k": 2})";
    const auto bytes = report::text_bytes(text);
    const report::JsonPieces doc(*bytes);
    EXPECT_EQ(doc.parse(doc.members(doc.root()).at("k")), json::parse(text)["k"]);
}

TEST(JsonPieces, BigMembersAreLeftOutAsEmptyArrays) {
    const std::string text = R"({"small": {"a": 1}, "big": [1, 2, 3], "odd": {"b": 2}})";
    const auto bytes = report::text_bytes(text);
    const report::JsonPieces doc(*bytes);
    const json light = doc.parse_except<json>(doc.members(doc.root()), {"big", "odd"});
    EXPECT_EQ(light, json::parse(R"({"small": {"a": 1}, "big": [], "odd": null})"));
}

TEST(JsonPieces, SyntaxErrorIsTheOneParseThrows) {
    const std::string text = R"({"files": [1, 2,], "findings": []})";
    std::string thrown;
    try {
        ADD_FAILURE() << json::parse(text);
    } catch (const json::parse_error& error) {
        thrown = error.what();
    }
    const auto bytes = report::text_bytes(text);
    const report::JsonSyntax syntax = report::check_syntax(*bytes);
    EXPECT_EQ(syntax.error, thrown);
    EXPECT_TRUE(syntax.top_keys.empty());
}

TEST(JsonPieces, TopLevelKeysOfAnObjectAreListed) {
    const std::string text = R"({"runs": [{"version": 1}], "version": "2.1.0"})";
    const auto bytes = report::text_bytes(text);
    const report::JsonSyntax syntax = report::check_syntax(*bytes);
    EXPECT_TRUE(syntax.error.empty());
    EXPECT_EQ(syntax.top_keys, (std::vector<std::string>{"runs", "version"}));
}

TEST(JsonPieces, DocumentCutShortIsAnErrorNotAHang) {
    const std::string text = R"({"a": ["open", {"b": "no end)";
    const auto bytes = report::text_bytes(text);
    const report::JsonPieces doc(*bytes);
    EXPECT_THROW(doc.members(doc.root()), report::JsonPieceError);
}

}  // namespace
