// An unnamed temporary file that a report's body waits in until the totals that precede it are known.
#pragma once

#include <cstdint>
#include <ostream>
#include <stdexcept>
#include <string>

namespace surveycheck::report {

// A temporary file of a report cannot be made, written or read (the disk is full, say).
class SpoolError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Text appended in pieces to an unnamed temporary file, cut back or copied out; gone with the process.
class Spool {
public:
    // Make the file in `folder` (empty: the current one); throws SpoolError when it cannot.
    explicit Spool(const std::string& folder);
    ~Spool();
    Spool(const Spool&) = delete;
    Spool& operator=(const Spool&) = delete;

    // Text is appended here, then flushed.
    std::string buffer;
    // Bytes appended so far.
    std::uint64_t size() const { return written_ + buffer.size(); }
    // Write the buffer to the file (with `large_only`, only once it is large).
    void flush(bool large_only);
    // Forget everything after the first `size` bytes.
    void cut(std::uint64_t size);
    // Copy bytes [from, to) into `out` (after flush()); in the kernel when `out_fd` (>= 0) is `out`'s
    // descriptor and the file systems allow it.
    void copy(std::uint64_t from, std::uint64_t to, std::ostream& out, int out_fd) const;
    // Flush, copy everything into `out` and start empty again.
    void drain(std::ostream& out, int out_fd);
    // Append everything `from` holds (in the kernel when the file systems allow it); `from` starts empty
    // again.
    void take(Spool& from);
    // The file itself, for a writer that writes and reads it directly (size() does not count what it wrote).
    int fd() const { return fd_; }

private:
    [[noreturn]] void fail(const char* doing) const;

    int fd_ = -1;
    std::string what_;  // for messages
    std::uint64_t written_ = 0;
};

// Bytes of text gathered before they are written out: a large report is never held whole.
constexpr std::size_t spool_piece = std::size_t{1} << 20;

// The folder where a report's temporary files go when it has none of its own: TMPDIR, else /tmp.
std::string default_spool_folder();

// Write `piece` to `out` once it is spool_piece long, and empty it.
void flush_large(std::string& piece, std::ostream& out);

}  // namespace surveycheck::report
