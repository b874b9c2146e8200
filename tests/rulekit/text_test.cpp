#include "surveycheck/rulekit/text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace surveycheck::rulekit {
namespace {

TEST(HtmlToText, DropsInlineTags) {
    EXPECT_EQ(html_to_text("About <b>you</b> and <a href=\"x>y\">them</a>"), "About you and them");
}

TEST(HtmlToText, BlockTagsAndBreaksBecomeLineBreaks) {
    EXPECT_EQ(html_to_text("<p>First</p><p>Second</p>"), "First\nSecond");
    EXPECT_EQ(html_to_text("one<br>two<br/>three<BR />four"), "one\ntwo\nthree\nfour");
    EXPECT_EQ(html_to_text("a<br><br>b"), "a\n\nb");
    EXPECT_EQ(html_to_text("<ul>\n  <li>Energy</li>\n  <li>Health</li>\n</ul>"), "Energy\nHealth");
    EXPECT_EQ(html_to_text("<div>x</div><div>y</div>"), "x\ny");
}

TEST(HtmlToText, CollapsesSourceWhiteSpaceInsideHtml) {
    EXPECT_EQ(html_to_text("<p>Your\n   name</p>"), "Your name");
}

TEST(HtmlToText, DecodesNamedAndNumericEntities) {
    EXPECT_EQ(html_to_text("R&amp;D &lt;b&gt; &quot;q&quot; &apos;s"), "R&D <b> \"q\" 's");
    EXPECT_EQ(html_to_text("<p>a&nbsp;b</p>"), "a\u00A0b");
    EXPECT_EQ(html_to_text("caf&eacute; &#233; &#xE9; &#X20AC; &euro;"),
              "caf\u00E9 \u00E9 \u00E9 \u20AC \u20AC");
    EXPECT_EQ(html_to_text("&#0; &#xD800;"), "\uFFFD \uFFFD");  // not characters
}

TEST(HtmlToText, KeepsUnknownEntitiesAndLoneAmpersands) {
    EXPECT_EQ(html_to_text("Tom & Jerry &unknown; &#zz;"), "Tom & Jerry &unknown; &#zz;");
}

TEST(HtmlToText, PlainTextWithoutTagsIsKeptAsTyped) {
    EXPECT_EQ(html_to_text("line one\n  line two"), "line one\n  line two");
    EXPECT_EQ(html_to_text(""), "");
}

TEST(HtmlToText, LessThanThatIsNotATagStaysText) {
    EXPECT_EQ(html_to_text("a < b"), "a < b");
    EXPECT_EQ(html_to_text("x<3 and y>2"), "x<3 and y>2");
    EXPECT_EQ(html_to_text("<p>a < b</p>"), "a < b");
    EXPECT_EQ(html_to_text("budget <500"), "budget <500");
}

TEST(HtmlToText, DropsCommentsScriptsAndStyles) {
    EXPECT_EQ(html_to_text("a<!-- <p>hidden</p> -->b<script>x < y</script><style>p{}</style>c"), "abc");
}

TEST(HtmlToText, TableCellsAreSeparatedBySpaces) {
    EXPECT_EQ(html_to_text("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"), "a b\nc");
}

TEST(CollapseWhitespace, CollapsesRunsAndTrims) {
    EXPECT_EQ(collapse_whitespace("  a \t\n b\r\n"), "a b");
    EXPECT_EQ(collapse_whitespace("a\u00A0\u00A0b\u00A0"), "a b");  // non-breaking spaces too
    EXPECT_EQ(collapse_whitespace(" \n "), "");
    EXPECT_EQ(collapse_whitespace("\u00E9t\u00E9"), "\u00E9t\u00E9");  // other UTF-8 untouched
}

TEST(ToLowerAscii, LowersOnlyAscii) {
    EXPECT_EQ(to_lower_ascii("N/A \u00C9t\u00C9 TBD"), "n/a \u00C9t\u00C9 tbd");
}

TEST(IsBlank, WhiteSpaceAndEmptyHtmlAreBlank) {
    EXPECT_TRUE(is_blank(""));
    EXPECT_TRUE(is_blank("  \n\t"));
    EXPECT_TRUE(is_blank("<p>&nbsp;</p>"));
    EXPECT_TRUE(is_blank("<p><br></p>"));
    EXPECT_TRUE(is_blank("\u00A0"));
    EXPECT_FALSE(is_blank("."));
    EXPECT_FALSE(is_blank("<p>0</p>"));
}

TEST(IsBlank, TextBeforeOrAfterMarkupIsNotBlank) {
    EXPECT_FALSE(is_blank(" a<p></p>"));
    EXPECT_FALSE(is_blank("<p></p>a"));
    EXPECT_FALSE(is_blank("&amp;"));
    EXPECT_TRUE(is_blank(" \u00A0<br> &nbsp; "));
}

TEST(IsPlaceholder, RecognisesPlaceholdersInAnyCase) {
    for (const char* text : {".", "-", "--", "n/a", "N/A", "na", "NA", "none", "None", "NONE", "tbd", "TBD",
                             "xxx", "XXX", "...", "/", "n.a.", "\u2014", "\u2026"}) {
        EXPECT_TRUE(is_placeholder(text)) << text;
    }
}

TEST(IsPlaceholder, PlaceholderSurroundedByWhiteSpaceOrEmptyHtml) {
    EXPECT_TRUE(is_placeholder("  n/a \n"));
    EXPECT_TRUE(is_placeholder("<p>.</p>"));
    EXPECT_TRUE(is_placeholder("<p>&nbsp;</p>"));
    EXPECT_TRUE(is_placeholder("<p>&nbsp;TBD&nbsp;</p>"));
}

TEST(IsPlaceholder, MarkupAfterThePlaceholderIsReadAsHtml) {
    EXPECT_TRUE(is_placeholder("n/a<br>"));
    EXPECT_TRUE(is_placeholder("xx<b>x</b>"));
    EXPECT_TRUE(is_placeholder("N/A&nbsp;"));
    EXPECT_TRUE(is_placeholder("n&#47;a"));
    EXPECT_FALSE(is_placeholder("n/a <b>yet</b>"));
    EXPECT_FALSE(is_placeholder("n/a < 3"));
}

TEST(IsPlaceholder, LongPlaceholdersAndLongAnswers) {
    EXPECT_TRUE(is_placeholder(std::string(500, 'x')));
    EXPECT_TRUE(is_placeholder(" " + std::string(500, '.') + " "));
    EXPECT_FALSE(is_placeholder(std::string(500, 'x') + " " + std::string(500, 'x')));
    EXPECT_FALSE(is_placeholder("... \u00A0..."));
    EXPECT_FALSE(is_placeholder("The partnership met " + std::string(1000, 'a') + " <p>n/a</p>"));
}

TEST(IsPlaceholder, EnglishAndFrenchPlaceholderPhrases) {
    for (const char* text : {"TBC",
                             "tbc.",
                             "To be completed",
                             "to be confirmed",
                             "To be defined.",
                             "See above",
                             "see above!",
                             "as above",
                             "idem",
                             "Not applicable",
                             "<p>To be completed</p>",
                             "Lorem ipsum",
                             "Lorem ipsum dolor sit amet, consectetur adipiscing elit",
                             "\u00C0 compl\u00E9ter",
                             "a completer",
                             "\u00E0 d\u00E9finir",
                             "Voir ci-dessus",
                             "voir ci-dessus.",
                             "cf. ci-dessus",
                             "N\u00E9ant",
                             "sans objet",
                             "Non applicable"}) {
        EXPECT_TRUE(is_placeholder(text)) << text;
    }
    EXPECT_TRUE(is_placeholder("Lorem ipsum " + std::string(500, 'a')));
}

TEST(IsPlaceholder, SentencesWithPlaceholderWordsAreNot) {
    for (const char* text : {"To be completed by the lead region in June", "see above for the three areas",
                             "The plenary is to be confirmed", "Voir ci-dessus : Upper Silesia participe",
                             "Idempotent", "TBC by March"}) {
        EXPECT_FALSE(is_placeholder(text)) << text;
    }
    EXPECT_FALSE(is_placeholder(std::string(300, 'a') + " see above"));
}

TEST(IsPlaceholder, BlankTextIsAPlaceholder) {
    EXPECT_TRUE(is_placeholder(""));
    EXPECT_TRUE(is_placeholder("   "));
}

TEST(IsPlaceholder, RealAnswersAreNot) {
    for (const char* text : {"No", "no", "Yes", "0", "none of the partners joined", "N/A yet, see annex",
                             "Andalusia", "x", "-5", "n"}) {
        EXPECT_FALSE(is_placeholder(text)) << text;
    }
}

}  // namespace
}  // namespace surveycheck::rulekit
