#include "cli/output_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>

#include "cli/run_setup.hpp"

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

namespace {

// Put the finished temporary file `temporary` in place of `path`; false with `error` set (and no file left).
bool install(const std::string& temporary, const std::string& path, std::string& error) {
    ::chmod(temporary.c_str(), 0644);
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        error = "cannot rename " + temporary + " to " + path + ": " + std::strerror(errno);
        ::unlink(temporary.c_str());
        return false;
    }
    return true;
}

// A new temporary file next to `path`: its descriptor (-1 with `error` set) and name.
int create_temporary(const std::string& path, std::string& name, std::string& error) {
    const fs::path target(path);
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    name = (folder / ("." + target.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(name.data());
    if (fd < 0) error = "cannot create a temporary file in " + folder.string() + ": " + std::strerror(errno);
    return fd;
}

}  // namespace

bool write_file_atomically(const std::string& path, const std::string& content, std::string& error) {
    std::string pattern;
    const int fd = create_temporary(path, pattern, error);
    if (fd < 0) return false;
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
    return install(pattern, path, error);
}

bool write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write,
                           std::string& error) {
    AtomicFileWriter file(path);
    write(file.stream());
    return file.commit(error);
}

AtomicFileWriter::AtomicFileWriter(const std::string& path) : path_(path) {
    std::string error;
    fd_ = create_temporary(path, temporary_, error);
    if (fd_ < 0) throw UsageError(error);
    const int writer = ::dup(fd_);
    if (writer < 0) {
        const std::string reason = std::strerror(errno);
        ::close(fd_);
        ::unlink(temporary_.c_str());
        throw UsageError("cannot write " + temporary_ + ": " + reason);
    }
    buffer_ = std::make_unique<__gnu_cxx::stdio_filebuf<char>>(writer, std::ios::out | std::ios::binary,
                                                               std::size_t{1} << 16);
    out_.rdbuf(buffer_.get());
}

AtomicFileWriter::~AtomicFileWriter() {
    if (fd_ < 0) return;
    ::close(fd_);
    ::unlink(temporary_.c_str());
}

bool AtomicFileWriter::commit(std::string& error) {
    out_.flush();
    const bool written = static_cast<bool>(out_) && buffer_->close() != nullptr;
    const int fd = std::exchange(fd_, -1);
    const bool synced = written && ::fsync(fd) == 0;
    if (::close(fd) != 0 || !synced) {
        error = "cannot write " + temporary_ + ": " + std::strerror(errno);
        ::unlink(temporary_.c_str());
        return false;
    }
    return install(temporary_, path_, error);
}

}  // namespace surveycheck::cli
