// util::base64 on RFC 4648's test vectors (section 10), and on a SHA-256 digest as a CSP hash source takes
// it.
#include "util/base64.hpp"

#include <gtest/gtest.h>

#include "util/sha256.hpp"

namespace {

using surveycheck::util::base64;

TEST(Base64, Rfc4648VectorsWithTheirPadding) {
    EXPECT_EQ(base64(""), "");
    EXPECT_EQ(base64("f"), "Zg==");
    EXPECT_EQ(base64("fo"), "Zm8=");
    EXPECT_EQ(base64("foo"), "Zm9v");
    EXPECT_EQ(base64("foob"), "Zm9vYg==");
    EXPECT_EQ(base64("fooba"), "Zm9vYmE=");
    EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
}

TEST(Base64, HighBytesUseTheWholeAlphabet) { EXPECT_EQ(base64(std::string("\xfb\xff\xbf", 3)), "+/+/"); }

TEST(Base64, Sha256DigestOfNothingAsACspSourceQuotesIt) {
    // The well-known 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' of the empty string.
    EXPECT_EQ(base64(surveycheck::util::sha256_digest("")), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
}

}  // namespace
