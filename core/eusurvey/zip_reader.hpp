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

// Limits that keep a hostile archive (ZIP bomb, thousands of members) from exhausting memory.
struct ZipLimits {
    std::uint64_t max_member_size = std::uint64_t{4} << 30;  // uncompressed bytes of one XML member
    std::uint64_t max_total_size = std::uint64_t{8} << 30;   // uncompressed bytes of all XML members
    std::uint64_t max_ratio = 1000;                          // uncompressed / compressed size of a member
    std::uint64_t max_members = 100000;                      // members in the archive
};

// True when `bytes` start like a ZIP archive.
bool looks_like_zip(const std::string& bytes);

// Extract every `*.xml` member (any folder, any case) of the ZIP at `path`, in archive order.
ReadResult read_zip_members(const std::string& path, std::vector<ZipMember>& out,
                            const ZipLimits& limits = {});

}  // namespace surveycheck::eusurvey
