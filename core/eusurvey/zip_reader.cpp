#include "eusurvey/zip_reader.hpp"

#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace surveycheck::eusurvey {
namespace {

// True for a member in a folder of the archive (EUSurvey writes '/'; a backslash is taken as one too).
bool in_folder(const std::string& name) { return name.find_first_of("/\\") != std::string::npos; }

bool is_xml_name(const std::string& name) {
    if (name.size() < 4 || name.back() == '/') return false;
    std::string suffix = name.substr(name.size() - 4);
    for (char& c : suffix) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return suffix == ".xml";
}

// A member name as reports may show it: control characters (terminal escapes) written as \xNN.
std::string shown_name(const char* raw) {
    std::string name;
    for (const char* c = raw; c && *c; ++c) {
        const auto byte = static_cast<unsigned char>(*c);
        if (byte < 0x20 || byte == 0x7f) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
            name += escaped;
        } else {
            name += *c;
        }
    }
    return name;
}

struct ArchiveCloser {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct FileCloser {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};

// The error for an archive without an export at its root: what it holds instead, the first few named.
ReadResult no_export(const std::vector<std::string>& uploads) {
    constexpr std::size_t shown = 10;
    std::string held;
    for (std::size_t i = 0; i < uploads.size() && i < shown; ++i) held += (i == 0 ? "" : ", ") + uploads[i];
    if (uploads.size() > shown) held += " and " + std::to_string(uploads.size() - shown) + " more";
    return ReadResult::failure(
        ReadStatus::missing_survey,
        "the ZIP archive holds no .xml export at its root (EUSurvey puts Export<id>.xml or result.xml "
        "there); " +
            (uploads.empty() ? std::string("it is empty") : "it holds " + held));
}

// The part of `name` after its last folder.
std::string base_name(const std::string& name) {
    const std::size_t slash = name.find_last_of("/\\");
    return slash == std::string::npos ? name : name.substr(slash + 1);
}

// `file` without the "<fileUid>_" EUSurvey puts before an uploaded file's name (a uid: hex digits and '-').
std::string without_file_uid(const std::string& file) {
    const std::size_t underscore = file.find('_');
    if (underscore == std::string::npos || underscore < 8 || underscore + 1 == file.size()) return file;
    const bool uid = file.find_first_not_of("0123456789abcdefABCDEF-") >= underscore;
    return uid ? file.substr(underscore + 1) : file;
}

// Unpack member `index` (its `stat` read) within the limits.
ReadResult read_member(zip_t* archive, zip_int64_t index, const zip_stat_t& stat, const std::string& name,
                       const ZipLimits& limits, std::uint64_t& total, ZipMember& member) {
    if (stat.size > limits.max_member_size) {
        return ReadResult::failure(ReadStatus::not_well_formed,
                                   "member " + name + " would unpack to " + std::to_string(stat.size) +
                                       " bytes, over the limit of " + std::to_string(limits.max_member_size));
    }
    if (stat.comp_size > 0 && stat.size / stat.comp_size > limits.max_ratio) {
        return ReadResult::failure(ReadStatus::not_well_formed,
                                   "member " + name + " expands " +
                                       std::to_string(stat.size / stat.comp_size) +
                                       " times; refusing what looks like a ZIP bomb");
    }
    total += stat.size;
    if (total > limits.max_total_size) {
        return ReadResult::failure(
            ReadStatus::not_well_formed,
            "the XML members would unpack to more than " + std::to_string(limits.max_total_size) + " bytes");
    }
    std::unique_ptr<zip_file_t, FileCloser> file(
        zip_fopen_index(archive, static_cast<zip_uint64_t>(index), 0));
    if (!file) {
        return ReadResult::failure(ReadStatus::io_error,
                                   "cannot open member " + name + ": " + zip_strerror(archive));
    }
    member.name = name;
    // Grown as bytes really come, never sized by the header: a lying header must not allocate.
    char chunk[1 << 16];
    while (member.bytes.size() < stat.size) {
        const zip_uint64_t want = std::min<zip_uint64_t>(sizeof chunk, stat.size - member.bytes.size());
        const zip_int64_t n = zip_fread(file.get(), chunk, want);
        if (n <= 0) {
            return ReadResult::failure(
                ReadStatus::not_well_formed,
                "cannot unpack member " + name + ": " +
                    (n < 0 ? zip_file_strerror(file.get())
                           : "it ends after " + std::to_string(member.bytes.size()) + " of the " +
                                 std::to_string(stat.size) + " bytes its header claims"));
        }
        member.bytes.append(chunk, static_cast<std::size_t>(n));
    }
    return {};
}

}  // namespace

bool looks_like_zip(const std::string& bytes) {
    return bytes.size() >= 4 && bytes.compare(0, 4, "PK\x03\x04") == 0;
}

ReadResult read_zip_export(const std::string& path, ZipExport& out, const ZipLimits& limits) {
    int error_code = 0;
    std::unique_ptr<zip_t, ArchiveCloser> archive(
        zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error_code));
    if (!archive) {
        zip_error_t error;
        zip_error_init_with_code(&error, error_code);
        const std::string text = zip_error_strerror(&error);
        zip_error_fini(&error);
        const ReadStatus status =
            error_code == ZIP_ER_NOENT ? ReadStatus::file_not_found : ReadStatus::not_well_formed;
        return ReadResult::failure(status, "not a readable ZIP archive: " + text);
    }
    const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
    if (count < 0 || static_cast<std::uint64_t>(count) > limits.max_members) {
        return ReadResult::failure(ReadStatus::not_well_formed, "the ZIP archive has " +
                                                                    std::to_string(count) +
                                                                    " members, more than the limit of " +
                                                                    std::to_string(limits.max_members));
    }
    std::uint64_t total = 0;
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), 0, &stat) != 0) {
            return ReadResult::failure(
                ReadStatus::not_well_formed,
                "cannot read member " + std::to_string(i) + ": " + zip_strerror(archive.get()));
        }
        const std::string raw = stat.name ? stat.name : "";
        const std::string name = shown_name(stat.name);
        if (!raw.empty() && raw.back() == '/') continue;  // a folder entry
        if (in_folder(raw) || !is_xml_name(name)) {
            out.uploads.push_back(name);  // uploaded with the contributions; listed, never unpacked
            continue;
        }
        ZipMember member;
        if (ReadResult read = read_member(archive.get(), i, stat, name, limits, total, member); !read) {
            return read;
        }
        out.exports.push_back(std::move(member));
    }
    if (out.exports.empty()) return no_export(out.uploads);
    return {};
}

std::vector<Attachment> attachments_of(const std::vector<std::string>& uploads, const Survey& survey) {
    auto is_uid = [&](const std::string& folder) {
        return std::any_of(survey.questionnaires.begin(), survey.questionnaires.end(),
                           [&](const Questionnaire& q) { return q.element_by_uid.count(folder) > 0; });
    };
    std::vector<Attachment> attachments;
    for (const auto& upload : uploads) {
        Attachment attachment;
        attachment.member = upload;
        attachment.file_name = without_file_uid(base_name(upload));
        for (std::size_t start = 0, end; (end = upload.find_first_of("/\\", start)) != std::string::npos;
             start = end + 1) {
            const std::string folder = upload.substr(start, end - start);
            if (is_uid(folder)) {
                attachment.question_uid = folder;
                break;
            }
        }
        attachments.push_back(std::move(attachment));
    }
    return attachments;
}

}  // namespace surveycheck::eusurvey
