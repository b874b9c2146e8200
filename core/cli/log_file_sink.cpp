#include "cli/log_file_sink.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "cli/output_file.hpp"
#include "cli/run_setup.hpp"

namespace surveycheck::cli {

LogFileSink::LogFileSink(std::string path) : path_(std::move(path)) {}

LogFileSink::~LogFileSink() {
    if (fd_ >= 0) ::close(fd_);
}

void LogFileSink::open(const ReadSet& reads, mode_t mode, bool hold) {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (opened_) return;
    opened_ = true;
    const std::string named = "--log-file " + path_;
    struct stat info {};
    if (::stat(path_.c_str(), &info) == 0) {
        if (!S_ISREG(info.st_mode) && !S_ISCHR(info.st_mode) && !S_ISFIFO(info.st_mode)) {
            throw UsageError(named + ": not a regular file, character device or FIFO");
        }
        if (const std::string read = reads.what_is(path_); S_ISREG(info.st_mode) && !read.empty()) {
            throw UsageError(named + " is " + read + "; refusing to log into it");
        }
    }
    // Appended to, as logs are; created with the run's mode when new.
    constexpr int flags = O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC;
    fd_ = ::open(path_.c_str(), flags | O_CREAT | O_EXCL, mode);
    if (fd_ >= 0) {
        ::fchmod(fd_, mode);  // exactly the mode chosen, whatever the umask took away
    } else if (errno == EEXIST) {
        fd_ = ::open(path_.c_str(), flags);
    }
    if (fd_ < 0) throw UsageError(named + ": " + std::strerror(errno));
    holding_ = hold;
    if (holding_) return;
    std::string waiting;
    waiting.swap(waiting_);
    write(waiting.data(), waiting.size());
}

void LogFileSink::release() {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (!holding_) return;
    holding_ = false;
    std::string waiting;
    waiting.swap(waiting_);
    write(waiting.data(), waiting.size());
}

bool LogFileSink::opened() {
    const std::lock_guard<std::mutex> lock(mutex_);
    return opened_;
}

std::string LogFileSink::error() {
    const std::lock_guard<std::mutex> lock(mutex_);
    return error_;
}

void LogFileSink::sink_it_(const spdlog::details::log_msg& message) {
    spdlog::memory_buf_t line;
    formatter_->format(message, line);
    if (!opened_ || holding_) {
        waiting_.append(line.data(), line.size());
        return;
    }
    write(line.data(), line.size());
}

void LogFileSink::flush_() {}

void LogFileSink::write(const char* data, std::size_t size) {
    while (fd_ >= 0 && size > 0 && error_.empty()) {
        const ssize_t n = ::write(fd_, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            error_ = "cannot write the log to " + path_ + ": " + std::strerror(errno);
            return;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
}

}  // namespace surveycheck::cli
