// SHA-256 against the FIPS 180-4 example vectors, and of a file.
#include "util/sha256.hpp"
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

using surveycheck::util::sha256_file;
using surveycheck::util::sha256_hex;

TEST(Sha256, EmptyInput) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, OneBlockMessage) {
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, MessageWhosePaddingNeedsASecondBlock) {
    EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, FileOfAMillionBytesReadInChunks) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("surveycheck-sha256-million-a-" + std::to_string(::getpid()) + ".bin");
    std::ofstream(path, std::ios::binary) << std::string(1000000, 'a');
    std::string hex;
    const auto read = sha256_file(path.string(), hex);
    ASSERT_TRUE(read) << read.description;
    EXPECT_EQ(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    std::filesystem::remove(path);
}

TEST(Sha256, MissingFileIsAFailureNamedByItsPath) {
    std::string hex;
    const auto read = sha256_file("/nonexistent/plugin.so", hex);
    EXPECT_FALSE(read);
    const std::string shown = surveycheck::util::describe(read, "/nonexistent/plugin.so");
    EXPECT_NE(shown.find("/nonexistent/plugin.so: cannot read"), std::string::npos) << shown;
}

}  // namespace
