// util/text.hpp: string-view helpers.
#include "util/text.hpp"

#include <gtest/gtest.h>

namespace {

using surveycheck::util::trim;

TEST(Trim, DropsXmlWhiteSpaceAtBothEnds) {
    EXPECT_EQ(trim(" \t\r\n uid-1 \n"), "uid-1");
    EXPECT_EQ(trim("a b"), "a b");
}

TEST(Trim, KeepsOtherSpaceCharacters) {
    EXPECT_EQ(trim("\v x \f"), "\v x \f");
    EXPECT_EQ(trim("\xC2\xA0x"), "\xC2\xA0x");  // a no-break space is not XML white space
}

TEST(Trim, BlankTextBecomesEmpty) {
    EXPECT_EQ(trim(" \t\r\n"), "");
    EXPECT_EQ(trim(""), "");
}

}  // namespace
