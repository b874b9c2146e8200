// Answer text is untrusted: markup and terminal control sequences in an export stay inert in every report
// format (text, JSON, JSON lines, SARIF, JUnit, HTML), whether they come through an answer, a title or an id.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>

#include "bounded_cli.hpp"
#include "hostile_files.hpp"

namespace {

using surveycheck::test::BoundedOutcome;
using surveycheck::test::describe;
using surveycheck::test::json;

// A profile whose region list asks for NUTS codes, so nuts-code-format quotes each entry it finds.
const char* const regions_profile = R"(<?xml version="1.0" encoding="UTF-8"?>
<profile id="escaping" title="Escaping" version="1">
  <question key="regions" requirement="recommended">
    <match bid="regions"/>
    <role name="region-list" format="nuts"/>
  </question>
</profile>
)";

// Written raw into the export: a script, an SGR colour, an OSC 8 hyperlink, a bell, the 8-bit CSI (U+009B).
const std::string script = "<script>alert(1)</script>";
const std::string sgr = "\x1b[31m";
const std::string hyperlink =
    "\x1b]8;;https://evil.example/\x07"
    "click\x1b]8;;\x07";
const std::string csi8 =
    "\xc2\x9b"
    "2J";

std::string hostile_export() {
    // XML-escaped twice: the parsed answer is HTML whose text is `script` (the region parser drops real tags
    // but decodes entities into the names it quotes), and the control bytes are literal.
    const std::string answer = "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt; Lapland " + sgr +
                               "red " + hyperlink + " Wallonia " + csi8 + " (BEL)";
    std::string text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    text += "<Results create=\"2025-03-14_09-05-33\"><Survey id=\"1\" uid=\"u-survey\" alias=\"escaping\">\n";
    text += "<Elements lang=\"EN\"><Question id=\"q-regions\" type=\"Free Text\" bid=\"regions\">";
    text += "Regions &lt;script&gt;alert(2)&lt;/script&gt; " + sgr + "</Question></Elements></Survey>\n";
    text += "<Answers>\n<AnswerSet id=\"c-" + sgr + "evil\" lang=\"EN\">";
    text += "<Answer qid=\"q-regions\">" + answer + "</Answer>";
    text += "<Answer qid=\"q-" + hyperlink + "\">x</Answer></AnswerSet>\n</Answers></Results>\n";
    return text;
}

class Escaping : public surveycheck::test::BoundedCliFixture {
protected:
    void SetUp() override {
        BoundedCliFixture::SetUp();
        profile_ = write("profile.xml", regions_profile);
        input_ = write("hostile.xml", hostile_export());
    }

    // Run one format into a file and return what it wrote; the run must succeed with findings (exit 0).
    std::string report(const std::string& format, const std::vector<std::string>& extra = {}) {
        const std::string path = (dir_ / ("report." + format)).string();
        std::vector<std::string> args = {"validate", "--profile", profile_, "--format", format + ":" + path};
        args.insert(args.end(), extra.begin(), extra.end());
        args.push_back(input_);
        const BoundedOutcome result = run_bounded(args);
        EXPECT_EQ(result.code, 0) << format << ": " << describe(result);
        expect_inert(result.err, format + " stderr");
        return surveycheck::test::read_file(path);
    }

    // No byte of `text` can drive a terminal: no C0 control but line break and tab, no DEL, no C1 control.
    static void expect_inert(const std::string& text, const std::string& what) {
        for (std::size_t i = 0; i < text.size(); ++i) {
            const auto c = static_cast<unsigned char>(text[i]);
            const bool c0 = (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f;
            const bool c1 = c == 0xc2 && i + 1 < text.size() &&
                            static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                            static_cast<unsigned char>(text[i + 1]) <= 0x9f;
            ASSERT_FALSE(c0 || c1) << what << ": control byte " << static_cast<int>(c) << " at " << i
                                   << " in\n"
                                   << text.substr(i < 200 ? 0 : i - 200, 400);
        }
    }

    std::string profile_;
    std::string input_;
};

TEST_F(Escaping, TextReportShowsControlSequencesAsEscapesEvenInColour) {
    for (const char* colour : {"never", "always"}) {
        std::string text = report("text", {"--color", colour});
        // In colour, the report's own SGR codes are the only escapes: remove them, then nothing may remain.
        for (const char* own : {"\x1b[1;31m", "\x1b[1;33m", "\x1b[1;36m", "\x1b[1m", "\x1b[0m"}) {
            for (auto at = text.find(own); at != std::string::npos; at = text.find(own))
                text.erase(at, std::strlen(own));
        }
        expect_inert(text, std::string("text --color ") + colour);
        EXPECT_NE(text.find("c-\\x1b[31mevil"), std::string::npos) << text;
        EXPECT_NE(text.find("\\x1b]8;;https://evil.example/\\x07"), std::string::npos) << text;
        EXPECT_NE(text.find("\\u009b2J"), std::string::npos) << text;
    }
}

TEST_F(Escaping, JsonReportKeepsTheTextExactButEscaped) {
    const std::string text = report("json");
    expect_inert(text, "json");
    const json parsed = json::parse(text);
    EXPECT_EQ(parsed["files"][0]["contributions"][0]["id"], "c-" + sgr + "evil");
    bool quoted = false;
    for (const auto& finding : parsed["findings"]) {
        EXPECT_EQ(finding["contribution"], "c-" + sgr + "evil");
        const std::string message = finding["message"];
        if (finding["rule"] == "nuts-code-format/missing-code" &&
            message.find("Wallonia") != std::string::npos) {
            quoted = true;
        }
    }
    EXPECT_TRUE(quoted) << parsed["findings"].dump(2);
}

TEST_F(Escaping, JsonLinesStayOneFindingPerLine) {
    const std::string text = report("jsonl");
    expect_inert(text, "jsonl");
    std::istringstream lines(text);
    std::size_t count = 0;
    for (std::string line; std::getline(lines, line); ++count) {
        EXPECT_TRUE(json::accept(line)) << line;
    }
    EXPECT_GT(count, 2u);
}

TEST_F(Escaping, SarifLogKeepsTheTextExactButEscaped) {
    const std::string text = report("sarif");
    expect_inert(text, "sarif");
    const json log = json::parse(text);
    bool found = false;
    for (const auto& result : log["runs"][0]["results"]) {
        if (result["message"]["text"].get<std::string>().find(sgr) != std::string::npos) found = true;
    }
    EXPECT_TRUE(found) << "the unknown qid is quoted in a message";
}

TEST_F(Escaping, JunitReportIsWellFormedXmlWithTheScriptAsText) {
    const std::string text = report("junit");
    expect_inert(text, "junit");
    EXPECT_EQ(text.find(script), std::string::npos);
    EXPECT_EQ(text.find("<script"), std::string::npos);
    EXPECT_NE(text.find("&lt;script&gt;"), std::string::npos) << text;
    const std::string check = "xmllint --noout '" + (dir_ / "report.junit").string() + "'";
    EXPECT_EQ(std::system(check.c_str()), 0);
}

TEST_F(Escaping, HtmlPageCarriesTheScriptAsTextOnly) {
    const std::string text = report("html");
    expect_inert(text, "html");
    EXPECT_EQ(text.find("<script>alert"), std::string::npos);
    EXPECT_NE(text.find("&lt;script&gt;alert"), std::string::npos)
        << "the region parser quotes `<script>alert`";
    EXPECT_EQ(text.find("https://evil.example/\x07"), std::string::npos);
}

}  // namespace
