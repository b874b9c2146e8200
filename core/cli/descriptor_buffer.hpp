// A stream buffer that writes to a file descriptor and remembers why a write failed.
#pragma once

#include <sys/types.h>

#include <streambuf>

namespace surveycheck::cli {

// Writes what a std::ostream puts into it to a descriptor it does not own, 64 KiB at a time. On a regular
// file it also starts the disk's writeback of every few MiB written, so that the fsync at the end of a run
// waits for the last few MiB only, not for the whole report.
class DescriptorBuffer : public std::streambuf {
public:
    // Write to `fd`; `start_writeback` only for a regular file (a device or FIFO has no writeback to start).
    DescriptorBuffer(int fd, bool start_writeback);
    // The errno of the first write that failed, or 0.
    int error() const { return error_; }

protected:
    int overflow(int c) override;
    int sync() override;

private:
    bool drain();

    int fd_;
    bool start_writeback_;
    off_t written_ = 0;    // bytes written to fd_ by this buffer
    off_t writeback_ = 0;  // where the writeback started last ends
    int error_ = 0;
    char buffer_[1 << 16];
};

}  // namespace surveycheck::cli
