#include "cli/descriptor_buffer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace surveycheck::cli {

namespace {

// Writeback is started for every this many bytes written: large enough to be one request to the disk,
// small enough that a report of tens of MiB is mostly on disk when the run asks for fsync.
constexpr off_t writeback_step = off_t{8} << 20;

}  // namespace

DescriptorBuffer::DescriptorBuffer(int fd, bool start_writeback)
    : fd_(fd), start_writeback_(start_writeback) {
    setp(buffer_, buffer_ + sizeof buffer_);
}

int DescriptorBuffer::overflow(int c) {
    if (!drain()) return traits_type::eof();
    if (c != traits_type::eof()) sputc(static_cast<char>(c));
    return traits_type::not_eof(c);
}

int DescriptorBuffer::sync() { return drain() ? 0 : -1; }

bool DescriptorBuffer::drain() {
    const char* data = pbase();
    std::size_t size = static_cast<std::size_t>(pptr() - pbase());
    while (size > 0 && error_ == 0) {
        const ssize_t n = ::write(fd_, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) error_ = n < 0 ? errno : EIO;
        if (n > 0) {
            data += n;
            size -= static_cast<std::size_t>(n);
            written_ += n;
        }
    }
    setp(buffer_, buffer_ + sizeof buffer_);
#ifdef SYNC_FILE_RANGE_WRITE
    // Only a hint to the kernel: should it fail, fsync still does all the work at the end.
    if (start_writeback_ && written_ - writeback_ >= writeback_step) {
        (void)::sync_file_range(fd_, writeback_, written_ - writeback_, SYNC_FILE_RANGE_WRITE);
        writeback_ = written_;
    }
#endif
    return error_ == 0;
}

}  // namespace surveycheck::cli
