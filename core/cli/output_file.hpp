// Writing reports without ever leaving a half-written file or overwriting an input.
#pragma once

#include <ext/stdio_filebuf.h>

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace surveycheck::cli {

// True when `output` names the same file as one of `inputs`.
bool is_one_of(const std::string& output, const std::vector<std::string>& inputs);

// Write `content` to `path` through a temporary file in the same folder and a rename; false with `error` set.
bool write_file_atomically(const std::string& path, const std::string& content, std::string& error);

// The same for content too large to hold: `write` streams it into the temporary file.
bool write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write,
                           std::string& error);

// A file written bit by bit into a temporary file next to `path`, put in place by commit(); removed when
// never committed, so a failed run leaves the earlier file as it was.
class AtomicFileWriter {
public:
    // Throws UsageError when the temporary file cannot be made.
    explicit AtomicFileWriter(const std::string& path);
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    // Where the content goes.
    std::ostream& stream() { return out_; }
    // The temporary file's descriptor, at the end of what stream() wrote once it is flushed.
    int fd() const { return fd_; }
    // Flush, sync and rename into place; false with `error` set (the temporary file removed).
    bool commit(std::string& error);

private:
    std::string path_;
    std::string temporary_;
    int fd_ = -1;
    std::unique_ptr<__gnu_cxx::stdio_filebuf<char>> buffer_;  // over a duplicate of fd_ (same offset)
    std::ostream out_{nullptr};
};

}  // namespace surveycheck::cli
