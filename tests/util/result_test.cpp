// util::Result: ok by default, a failure with what and where, and how users see one.
#include "util/result.hpp"

#include <gtest/gtest.h>

namespace {

using surveycheck::util::describe;
using surveycheck::util::Result;

TEST(Result, DefaultIsSuccessWithoutDescription) {
    const Result result;
    EXPECT_TRUE(result);
    EXPECT_EQ(result.description, "");
    EXPECT_EQ(result.position.line, 0u);
    EXPECT_EQ(describe(result, "a.xml"), "a.xml");
}

TEST(Result, FailureKeepsWhatAndWhere) {
    const Result result = Result::failure("not well-formed XML", {3, 14});
    EXPECT_FALSE(result);
    EXPECT_EQ(result.description, "not well-formed XML");
    EXPECT_EQ(result.position.line, 3u);
    EXPECT_EQ(result.position.column, 14u);
    EXPECT_EQ(describe(result, "a.xml"), "a.xml:3:14: not well-formed XML");
}

TEST(Result, FailureOfTheWholeInputHasNoPosition) {
    const Result result = Result::failure("cannot read");
    EXPECT_FALSE(result);
    EXPECT_EQ(describe(result, "a.xml"), "a.xml: cannot read");
}

}  // namespace
