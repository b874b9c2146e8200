#include "cli/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli/interrupts.hpp"
#include "cli/run_setup.hpp"

namespace surveycheck::cli {

namespace fs = std::filesystem;

namespace {

std::string reason() { return std::strerror(errno); }

// What a path names, for the refusal of anything but a regular file, a character device or a FIFO.
std::string kind_of(const struct stat& info) {
    if (S_ISDIR(info.st_mode)) return "a folder";
    if (S_ISSOCK(info.st_mode)) return "a socket";
    if (S_ISBLK(info.st_mode)) return "a block device";
    return "not a regular file";
}

// The descriptor's content reaches the disk or the device; false with errno set.
bool sync(int fd) { return ::fsync(fd) == 0 || errno == EINVAL || errno == EROFS; }

}  // namespace

void ReadSet::add(const std::string& path, const std::string& what) {
    struct stat info {};
    if (path.empty() || path == "-" || ::stat(path.c_str(), &info) != 0 || S_ISDIR(info.st_mode)) return;
    files_.push_back(File{info.st_dev, info.st_ino, what});
}

void ReadSet::add_folder(const std::string& path, const std::string& what) {
    std::error_code ec;
    for (fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
        add(it->path().string(), what);
    }
}

std::string ReadSet::what_is(const std::string& path) const {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return {};
    for (const auto& file : files_) {
        if (file.device == info.st_dev && file.inode == info.st_ino) return file.what;
    }
    return {};
}

mode_t output_mode(bool confidential, const std::string& explicit_mode) {
    if (!explicit_mode.empty()) {
        const bool octal =
            explicit_mode.size() <= 4 && std::all_of(explicit_mode.begin(), explicit_mode.end(),
                                                     [](char c) { return c >= '0' && c <= '7'; });
        if (!octal)
            throw UsageError("--output-mode expects octal permission bits such as 600 or 0644, got '" +
                             explicit_mode + "'");
        return static_cast<mode_t>(std::stoul(explicit_mode, nullptr, 8) & 0777);
    }
    if (confidential) return 0600;
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return 0666 & ~mask;
}

OutputFile::OutputFile(std::string path, std::string target, bool through, mode_t mode)
    : path_(std::move(path)), target_(std::move(target)) {
    if (through) {
        fd_ = ::open(target_.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
        if (fd_ < 0) throw UsageError("cannot write " + path_ + ": " + reason());
    } else {
        const fs::path target_path(target_);
        const fs::path folder = target_path.has_parent_path() ? target_path.parent_path() : fs::path(".");
        temporary_ = (folder / ("." + target_path.filename().string() + ".XXXXXX")).string();
        {
            const InterruptsHeld held;  // no interrupt between the file's creation and its tracking
            fd_ = ::mkstemp(temporary_.data());
            if (fd_ >= 0) slot_ = track_temporary(temporary_);
        }
        if (fd_ < 0)
            throw UsageError("cannot create a temporary file in " + folder.string() + ": " + reason());
        if (slot_ < 0 || ::fchmod(fd_, mode) != 0) {
            discard();
            throw UsageError("cannot prepare " + path_ + ": too many outputs or " + reason());
        }
    }
    buffer_ = std::make_unique<DescriptorBuffer>(fd_, !temporary_.empty());
    out_.rdbuf(buffer_.get());
}

OutputFile::~OutputFile() { discard(); }

std::string OutputFile::folder() const {
    return temporary_.empty() ? std::string() : fs::path(temporary_).parent_path().string();
}

void OutputFile::discard() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (!temporary_.empty()) ::unlink(temporary_.c_str());
    untrack_temporary(slot_);
    slot_ = -1;
}

void OutputFile::finish() {
    out_.flush();
    errno = buffer_->error();
    if (!out_ || buffer_->error() != 0 || !sync(fd_)) {
        const std::string why = errno != 0 ? reason() : "write error";
        discard();
        throw UsageError("cannot write " + path_ + ": " + why);
    }
}

void OutputFile::put_in_place() {
    if (temporary_.empty()) {
        if (::close(fd_) != 0) {
            fd_ = -1;
            throw UsageError("cannot write " + path_ + ": " + reason());
        }
        fd_ = -1;
        return;
    }
    if (::close(std::exchange(fd_, -1)) != 0 || std::rename(temporary_.c_str(), target_.c_str()) != 0) {
        const std::string why = reason();
        discard();
        throw UsageError("cannot write " + path_ + ": " + why);
    }
    untrack_temporary(slot_);
    slot_ = -1;
    temporary_.clear();
}

OutputFiles::OutputFiles(ReadSet reads, mode_t mode) : reads_(std::move(reads)), mode_(mode) {}

OutputFiles::~OutputFiles() = default;

OutputFile& OutputFiles::open(const std::string& path, const std::string& what) {
    const std::string named = what + " " + path;
    struct stat info {};
    std::string target = path;  // made canonical below: a symbolic link's file is replaced, not the link
    bool through = false;
    if (::stat(path.c_str(), &info) == 0) {
        if (S_ISCHR(info.st_mode) || S_ISFIFO(info.st_mode)) {
            through = true;  // a device or a pipe is written to, never replaced
        } else if (!S_ISREG(info.st_mode)) {
            throw UsageError(named + ": " + kind_of(info) +
                             "; reports go to regular files, character devices or FIFOs");
        } else if (const std::string read = reads_.what_is(path); !read.empty()) {
            throw UsageError(named + " is " + read + "; refusing to overwrite it");
        }
    } else if (errno != ENOENT) {
        throw UsageError(named + ": " + reason());
    } else if (struct stat link{}; ::lstat(path.c_str(), &link) == 0) {
        throw UsageError(named + ": a symbolic link to nothing; refusing to write through it");
    }
    if (!through) {
        std::error_code ec;
        const std::string same_place = fs::weakly_canonical(target, ec).string();
        for (const auto& file : files_) {
            if (file->target_ == same_place)
                throw UsageError(named + ": another output of this run goes there");
        }
        if (!ec) target = same_place;
    }
    files_.push_back(std::unique_ptr<OutputFile>(new OutputFile(path, target, through, mode_)));
    return *files_.back();
}

void OutputFiles::commit() {
    for (auto& file : files_) file->finish();
    const InterruptsHeld held;
    for (auto& file : files_) file->put_in_place();
    files_.clear();
}

void write_output(const std::string& path, const std::string& what, std::string_view content,
                  const ReadSet& reads, mode_t mode) {
    OutputFiles outputs(reads, mode);
    outputs.open(path, what).stream().write(content.data(), static_cast<std::streamsize>(content.size()));
    outputs.commit();
}

namespace {

// std::cout's buffer: writes to descriptor 1 and keeps the first error (errno is gone by the time anyone
// asks).
DescriptorBuffer* standard_output = nullptr;

}  // namespace

void watch_standard_output() {
    // Never destroyed: std::cout is flushed after every static object's destructor, at its own.
    if (standard_output == nullptr) standard_output = new DescriptorBuffer(STDOUT_FILENO, false);
    std::cout.rdbuf(standard_output);
}

void flush_standard_output() {
    errno = 0;
    std::cout.flush();
    const bool failed = !std::cout || std::fflush(stdout) != 0 || std::ferror(stdout) ||
                        (standard_output && standard_output->error() != 0);
    if (!failed) return;
    const int error = standard_output && standard_output->error() != 0 ? standard_output->error() : errno;
    std::clearerr(stdout);
    std::cout.clear();
    throw UsageError(std::string("cannot write to standard output: ") +
                     (error != 0 ? std::strerror(error) : "write error"));
}

}  // namespace surveycheck::cli
