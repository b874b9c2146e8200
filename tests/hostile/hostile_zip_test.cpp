// Hostile ZIP exports: bombs (a high ratio, a huge declared size) are refused before they are unpacked, and a
// member name that climbs out of the archive is never a path on disk: it shows, escaped, in the report only.
#include <gtest/gtest.h>

#include <string>

#include "bounded_cli.hpp"
#include "hostile_files.hpp"

namespace {

namespace fs = std::filesystem;

using surveycheck::test::answer_set;
using surveycheck::test::BoundedOutcome;
using surveycheck::test::describe;
using surveycheck::test::export_with;
using surveycheck::test::json;
using surveycheck::test::Limits;
using surveycheck::test::ZipEntry;

class HostileZip : public surveycheck::test::BoundedCliFixture {
protected:
    BoundedOutcome validate(const std::string& input, const std::string& format = "json") {
        Limits limits;
        limits.seconds = 60;
        limits.address_space_mb = 1536;
        const std::string profile = write("profile.xml", surveycheck::test::hostile_profile);
        BoundedOutcome result =
            run_bounded({"validate", "--format", format, "--profile", profile, input}, limits);
        EXPECT_FALSE(result.timed_out) << describe(result);
        EXPECT_EQ(result.signal, 0) << describe(result);
        return result;
    }
};

TEST_F(HostileZip, HighRatioMemberIsRefusedBeforeItIsUnpacked) {
    // 200 MB of one repeated byte deflate to about 200 KB: more than 1000 times, a ZIP bomb.
    const std::string zip = (dir_ / "bomb.zip").string();
    std::string bomb = export_with(answer_set("c-1", "x"));
    bomb.insert(bomb.find("x</Answer>"), std::string(200u << 20, 'x'));
    surveycheck::test::write_zip(zip, {ZipEntry{"result.xml", bomb}});
    bomb.clear();
    bomb.shrink_to_fit();
    const BoundedOutcome result = validate(zip);
    EXPECT_EQ(result.code, 3) << describe(result);
    EXPECT_NE(result.err.find(zip + ":0:0: error: member result.xml expands"), std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("ZIP bomb"), std::string::npos) << result.err;
    EXPECT_LT(result.peak_rss_mb, surveycheck::test::memory_bound_mb(200)) << describe(result);
}

TEST_F(HostileZip, HugeDeclaredSizeIsRefusedWithoutAllocatingIt) {
    // Headers claiming 4 GB - 2 bytes unpacked for a 5 MB stored member: under every size limit, and a ratio
    // of 819, so only reading what is really there keeps memory bounded.
    const std::string zip = (dir_ / "liar.zip").string();
    std::string bytes = export_with(answer_set("c-1", std::string(5u << 20, 'y')));
    surveycheck::test::write_stored_zip(zip, "result.xml", bytes, 0xfffffffeu);
    const BoundedOutcome result = validate(zip);
    EXPECT_EQ(result.code, 3) << describe(result);
    EXPECT_NE(result.err.find(zip + ":0:0: error: "), std::string::npos) << result.err;
    EXPECT_LT(result.peak_rss_mb, surveycheck::test::memory_bound_mb(300)) << describe(result);
}

TEST_F(HostileZip, DeclaredSizeOverTheLimitIsRefused) {
    // A stored member whose headers claim 4 GB - 2 bytes but which holds 100: ratio far over the limit.
    const std::string zip = (dir_ / "claims.zip").string();
    surveycheck::test::write_stored_zip(zip, "result.xml", std::string(100, 'z'), 0xfffffffeu);
    const BoundedOutcome result = validate(zip);
    EXPECT_EQ(result.code, 3) << describe(result);
    EXPECT_NE(result.err.find("refusing what looks like a ZIP bomb"), std::string::npos) << result.err;
}

TEST_F(HostileZip, PathTraversalMemberIsNeverAPathOnDiskAndIsNamedOnlyInTheReport) {
    // Members in a folder are uploads, never exports: listed by name, never unpacked, never written.
    const std::string zip = (dir_ / "traversal.zip").string();
    const std::string escape_name = "../../../../tmp/surveycheck-escaped.xml";
    const std::string absolute_name = (dir_ / "absolute.xml").string();
    surveycheck::test::write_zip(zip, {ZipEntry{"result.xml", export_with(answer_set("c-root", "fine"))},
                                       ZipEntry{escape_name, export_with(answer_set("c-up", "fine"))},
                                       ZipEntry{absolute_name, export_with(answer_set("c-abs", "fine"))}});
    fs::remove("/tmp/surveycheck-escaped.xml");
    const BoundedOutcome result = validate(zip);
    EXPECT_EQ(result.code, 0) << describe(result);
    const json report = json::parse(result.out);
    ASSERT_EQ(report["files"].size(), 1u);
    EXPECT_EQ(report["files"][0]["path"], zip + "!/result.xml");
    EXPECT_EQ(report["files"][0]["contributions"][0]["id"], "c-root");
    ASSERT_EQ(report["files"][0]["attachments"].size(), 2u);
    EXPECT_EQ(report["files"][0]["attachments"][0]["member"], escape_name);
    EXPECT_EQ(report["files"][0]["attachments"][1]["member"], absolute_name);
    EXPECT_FALSE(fs::exists("/tmp/surveycheck-escaped.xml"));
    EXPECT_FALSE(fs::exists(absolute_name));
}

TEST_F(HostileZip, MemberNameWithTerminalEscapesIsShownInert) {
    const std::string zip = (dir_ / "names.zip").string();
    const std::string bytes = export_with(answer_set("c-1", "fine"));
    surveycheck::test::write_stored_zip(zip,
                                        "\x1b]8;;http:evil.example\x07"  // no '/': a member at the root
                                        "click\x1b]8;;\x07\x1b[31m.xml",
                                        bytes, static_cast<std::uint32_t>(bytes.size()));
    for (const char* format : {"text", "json", "sarif", "junit"}) {
        const BoundedOutcome result = validate(zip, format);
        EXPECT_EQ(result.code, 0) << format << ": " << describe(result);
        EXPECT_EQ(result.out.find('\x1b'), std::string::npos) << format << ":\n" << result.out;
        EXPECT_EQ(result.out.find('\x07'), std::string::npos) << format;
        EXPECT_EQ(result.err.find('\x1b'), std::string::npos) << format;
        EXPECT_NE(result.out.find("click"), std::string::npos) << format;
    }
}

TEST_F(HostileZip, ArchiveWithoutXmlMemberIsRefused) {
    const std::string zip = (dir_ / "uploads.zip").string();
    surveycheck::test::write_zip(zip, {ZipEntry{"q-1/f-1_photo.jpg", std::string(1000, '\xff')}});
    const BoundedOutcome result = validate(zip);
    EXPECT_EQ(result.code, 3) << describe(result);
    EXPECT_NE(result.err.find("holds no .xml export"), std::string::npos) << result.err;
}

TEST_F(HostileZip, TruncatedArchiveIsRefused) {
    const std::string zip = (dir_ / "whole.zip").string();
    surveycheck::test::write_zip(zip, {ZipEntry{"result.xml", export_with(answer_set("c-1", "fine"))}});
    const std::string bytes = surveycheck::test::read_file(zip);
    const std::string cut = write("cut.zip", bytes.substr(0, bytes.size() / 2));
    const BoundedOutcome result = validate(cut);
    EXPECT_EQ(result.code, 3) << describe(result);
    EXPECT_NE(result.err.find(cut + ":0:0: error: not a readable ZIP archive"), std::string::npos)
        << result.err;
}

}  // namespace
