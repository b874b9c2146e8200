#include "report/spool.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace surveycheck::report {

Spool::Spool(const std::string& folder) {
    const std::string where = folder.empty() ? "." : folder;
    what_ = "the report's temporary file in " + where;
    std::string name = (std::filesystem::path(where) / ".surveycheck-spool.XXXXXX").string();
    fd_ = ::mkstemp(name.data());
    if (fd_ < 0) fail("create");
    ::unlink(name.c_str());  // gone with the process, whatever happens
}

Spool::~Spool() { ::close(fd_); }

void Spool::flush(bool large_only) {
    if (large_only && buffer.size() < spool_piece) return;
    for (std::size_t done = 0; done < buffer.size();) {
        const ssize_t n =
            ::pwrite(fd_, buffer.data() + done, buffer.size() - done, static_cast<off_t>(written_ + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail("write");
        done += static_cast<std::size_t>(n);
    }
    written_ += buffer.size();
    buffer.clear();
}

void Spool::cut(std::uint64_t size) {
    if (size >= written_) {
        buffer.resize(static_cast<std::size_t>(size - written_));
        return;
    }
    buffer.clear();
    written_ = size;
    if (::ftruncate(fd_, static_cast<off_t>(size)) != 0) fail("cut");
}

void Spool::copy(std::uint64_t from, std::uint64_t to, std::ostream& out, int out_fd) const {
    if (out_fd >= 0 && from < to) {
        out.flush();
        const int earlier = errno;  // what a failed write of `out` left, for its owner to report
        auto offset = static_cast<loff_t>(from);
        while (offset < static_cast<loff_t>(to)) {
            const ssize_t n = ::copy_file_range(
                fd_, &offset, out_fd, nullptr, static_cast<std::size_t>(static_cast<loff_t>(to) - offset), 0);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;  // not supported here (a device, say): copy the rest through `out`
        }
        errno = earlier;
        from = static_cast<std::uint64_t>(offset);
    }
    std::string chunk(static_cast<std::size_t>(std::min<std::uint64_t>(spool_piece, to - std::min(from, to))),
                      '\0');
    while (from < to) {
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), to - from));
        const ssize_t n = ::pread(fd_, chunk.data(), want, static_cast<off_t>(from));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail("read");
        out.write(chunk.data(), n);
        from += static_cast<std::uint64_t>(n);
    }
}

void Spool::drain(std::ostream& out, int out_fd) {
    flush(false);
    copy(0, size(), out, out_fd);
    cut(0);
}

void Spool::take(Spool& from) {
    flush(false);
    from.flush(false);
    auto in = loff_t{0};
    auto at = static_cast<loff_t>(written_);
    const auto end = static_cast<loff_t>(from.size());
    while (in < end) {
        const ssize_t n = ::copy_file_range(from.fd_, &in, fd_, &at, static_cast<std::size_t>(end - in), 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // not supported here: copy the rest through the buffer
    }
    written_ = static_cast<std::uint64_t>(at);
    for (std::uint64_t from_at = static_cast<std::uint64_t>(in); from_at < from.size();) {
        buffer.resize(static_cast<std::size_t>(std::min<std::uint64_t>(spool_piece, from.size() - from_at)));
        const ssize_t n = ::pread(from.fd_, buffer.data(), buffer.size(), static_cast<off_t>(from_at));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) from.fail("read");
        buffer.resize(static_cast<std::size_t>(n));
        from_at += static_cast<std::uint64_t>(n);
        flush(false);
    }
    from.cut(0);
}

void Spool::fail(const char* doing) const {
    throw SpoolError(std::string("cannot ") + doing + " " + what_ + ": " +
                     (errno != 0 ? std::strerror(errno) : "no space left"));
}

std::string default_spool_folder() {
    const char* tmp = std::getenv("TMPDIR");
    return tmp && *tmp ? tmp : "/tmp";
}

void flush_large(std::string& piece, std::ostream& out) {
    if (piece.size() < spool_piece) return;
    out << piece;
    piece.clear();
}

}  // namespace surveycheck::report
