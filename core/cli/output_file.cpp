#include "cli/output_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace surveycheck::cli {

namespace fs = std::filesystem;

bool is_one_of(const std::string& output, const std::vector<std::string>& inputs) {
    std::error_code ec;
    if (!fs::exists(output, ec)) return false;
    for (const auto& input : inputs) {
        if (fs::equivalent(output, input, ec)) return true;
    }
    return false;
}

bool write_file_atomically(const std::string& path, const std::string& content, std::string& error) {
    const fs::path target(path);
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string pattern = (folder / ("." + target.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
        error = "cannot create a temporary file in " + folder.string() + ": " + std::strerror(errno);
        return false;
    }
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            error = "cannot write " + pattern + ": " + std::strerror(errno);
            ::close(fd);
            ::unlink(pattern.c_str());
            return false;
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        error = "cannot write " + pattern + ": " + std::strerror(errno);
        ::unlink(pattern.c_str());
        return false;
    }
    ::chmod(pattern.c_str(), 0644);
    if (std::rename(pattern.c_str(), path.c_str()) != 0) {
        error = "cannot rename " + pattern + " to " + path + ": " + std::strerror(errno);
        ::unlink(pattern.c_str());
        return false;
    }
    return true;
}

}  // namespace surveycheck::cli
