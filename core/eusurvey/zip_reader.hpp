// Reads the XML exports out of a ZIP as EUSurvey delivers them (the XML next to uploaded files; result.xml).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eusurvey/reader.hpp"

namespace surveycheck::eusurvey {

// One XML member of a ZIP archive.
struct ZipMember {
    std::string name;   // the member's name inside the archive
    std::string bytes;  // its uncompressed content
};

// What a ZIP export holds: the exports at its root, read, and the uploaded files next to them, named only.
struct ZipExport {
    std::vector<ZipMember> exports;    // `*.xml` members at the archive's root, in archive order
    std::vector<std::string> uploads;  // every other member (in a folder, or not XML), never unpacked
};

// Limits that keep a hostile archive (ZIP bomb, thousands of members) from exhausting memory.
struct ZipLimits {
    std::uint64_t max_member_size = std::uint64_t{4} << 30;  // uncompressed bytes of one XML member
    std::uint64_t max_total_size = std::uint64_t{8} << 30;   // uncompressed bytes of all XML members
    std::uint64_t max_ratio = 1000;                          // uncompressed / compressed size of a member
    std::uint64_t max_members = 100000;                      // members in the archive
};

// True when `bytes` start like a ZIP archive.
bool looks_like_zip(const std::string& bytes);

// Read the ZIP at `path` as EUSurvey makes it: the UI puts Export<id>.xml at the root and uploads under
// <questionUid>/<fileUid>_<name>; the web service puts result.xml at the root and uploads in folders. Only
// `*.xml` members at the root are exports (any case); a member in a folder is an upload whatever its name.
// An archive without an export at its root is an error that lists what it holds.
ReadResult read_zip_export(const std::string& path, ZipExport& out, const ZipLimits& limits = {});

// The uploads of a ZIP export as attachments of `survey`'s questions: the first folder that is the uid of an
// element of the survey names the question; the file name loses EUSurvey's "<fileUid>_" prefix.
std::vector<Attachment> attachments_of(const std::vector<std::string>& uploads, const Survey& survey);

}  // namespace surveycheck::eusurvey
