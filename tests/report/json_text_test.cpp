// The JSON report's string writer gives nlohmann's bytes (the layout the schema tests and merge rely on),
// with C1 controls made inert, for any text: valid or invalid UTF-8, controls, quotes and backslashes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <random>
#include <string>
#include <vector>

#include "report/inert_json.hpp"
#include "report/json_text.hpp"

namespace surveycheck::report {
namespace {

std::string written(const std::string& text) {
    std::string out;
    append_json_string(out, text);
    return out;
}

std::string nlohmanns(const std::string& text) {
    return inert_json(
        nlohmann::ordered_json(text).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

TEST(JsonString, EscapesLikeNlohmannOnTypicalText) {
    for (const std::string& text : std::vector<std::string>{
             "", "plain", "quote \" and backslash \\", "tab\tnew\nline\r", std::string("nul\0byte", 8),
             "\x7f", "Auvergne-Rh\xc3\xb4ne-Alpes \xe2\x80\xa6", "C1 \xc2\x85 and \xc2\x9f, not \xc2\xa0",
             "invalid \xff here", "over-long \xc0\xaf", "surrogate \xed\xa0\x80", "cut \xe2\x80"}) {
        EXPECT_EQ(written(text), nlohmanns(text)) << text;
    }
}

TEST(JsonString, EscapesLikeNlohmannOnRandomBytes) {
    std::mt19937 random(20261127);
    // Bytes drawn mostly from the ones that matter: controls, quote, backslash, C2, continuations, ASCII.
    const std::string alphabet = std::string(
        "\x01\x1f\"\\\xc2\x80\x85\x9f\xa0\xc3\xe2\xf0\x9f\xff"
        "ab \n\t",
        20);
    for (int round = 0; round < 20000; ++round) {
        std::string text;
        const int length = static_cast<int>(random() % 40);
        for (int i = 0; i < length; ++i) {
            text +=
                random() % 4 == 0 ? static_cast<char>(random() % 256) : alphabet[random() % alphabet.size()];
        }
        ASSERT_EQ(written(text), nlohmanns(text)) << ::testing::PrintToString(text);
    }
}

TEST(JsonText, WritesNestedObjectsAndArraysAsNlohmannsIndentedDump) {
    // Names that need no escaping take the one-append path, the others (a quote, a control, non-ASCII, one
    // nested deeper than the indentation buffer) the general one: the bytes are the same.
    nlohmann::ordered_json expected;
    std::string out;
    JsonText json(out, 2);
    json.begin_object();
    json.member("rule", "plain");
    expected["rule"] = "plain";
    json.member("say \"hi\"", "quoted name");
    expected["say \"hi\""] = "quoted name";
    json.member("tab\tname", std::uint64_t{7});
    expected["tab\tname"] = 7;
    json.member("r\xc3\xa9gion", true);
    expected["r\xc3\xa9gion"] = true;
    json.key("deep");
    nlohmann::ordered_json* level = &expected["deep"];
    for (int depth = 0; depth < 40; ++depth) {
        json.begin_object();
        json.member("name", "value");
        (*level)["name"] = "value";
        json.key("list");
        json.begin_array();
        json.value("one");
        json.end_array();
        (*level)["list"] = nlohmann::ordered_json::array({"one"});
        json.key("next");
        level = &(*level)["next"];
    }
    json.begin_object();
    json.end_object();
    *level = nlohmann::ordered_json::object();
    for (int depth = 0; depth < 40; ++depth) json.end_object();
    json.end_object();
    EXPECT_EQ(out, expected.dump(2));
}

}  // namespace
}  // namespace surveycheck::report
