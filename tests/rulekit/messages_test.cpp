// Placeholders are filled the same way in plugins and in the host: each known {name} by its value, an unknown
// one left as written, "{{" and "}}" as single braces.
#include "surveycheck/rulekit/messages.hpp"

#include <gtest/gtest.h>

namespace surveycheck::rulekit {
namespace {

TEST(FormatMessage, FillsEveryKnownPlaceholderAndLeavesTheRest) {
    const std::vector<MessageArg> args = {{"region", "Bretagne"}, {"count", "3"}};
    EXPECT_EQ(format_message("The NUTS code of region \"{region}\" is missing.", args),
              "The NUTS code of region \"Bretagne\" is missing.");
    EXPECT_EQ(format_message("{count} regions; {count} again", args), "3 regions; 3 again");
    EXPECT_EQ(format_message("unknown {name} stays", args), "unknown {name} stays");
    EXPECT_EQ(format_message("{region}", args), "Bretagne");
    EXPECT_EQ(format_message("", args), "");
}

TEST(FormatMessage, DoubledBracesAreSingleBracesAndLoneOnesStay) {
    const std::vector<MessageArg> args = {{"x", "1"}};
    EXPECT_EQ(format_message("{{x}} is {x}", args), "{x} is 1");
    EXPECT_EQ(format_message("a } b { c", args), "a } b { c");
    EXPECT_EQ(format_message("open {x", args), "open {x");
    EXPECT_EQ(format_message("}}}", args), "}}");
    EXPECT_EQ(format_message("{{{x}}}", args), "{1}");
}

}  // namespace
}  // namespace surveycheck::rulekit
