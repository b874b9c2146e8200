// The --log-file sink: holds its lines until the run knows what it reads, then appends to the file.
#pragma once

#include <spdlog/sinks/base_sink.h>
#include <sys/types.h>

#include <mutex>
#include <string>

namespace surveycheck::cli {

class ReadSet;

// Lines wait in memory until open(); then they, and all later ones, are appended to the file.
class LogFileSink : public spdlog::sinks::base_sink<std::mutex> {
public:
    // The log file at `path`, not opened yet.
    explicit LogFileSink(std::string path);
    ~LogFileSink() override;
    // Check that the run does not read the file, open it (created with `mode`) and write what waited, unless
    // `hold`: then lines wait until release(). Throws UsageError. Later calls do nothing.
    void open(const ReadSet& reads, mode_t mode, bool hold = false);
    // Write what waited and every later line (after an open() that held them).
    void release();
    // True once open() was called.
    bool opened();
    // The file's path.
    const std::string& path() const { return path_; }
    // Why a line could not be written, or empty.
    std::string error();

protected:
    void sink_it_(const spdlog::details::log_msg& message) override;
    void flush_() override;

private:
    void write(const char* data, std::size_t size);  // with the mutex held

    std::string path_;
    int fd_ = -1;
    bool opened_ = false;
    bool holding_ = false;  // opened, lines still waiting for release()
    std::string waiting_;   // lines logged before open()
    std::string error_;
};

}  // namespace surveycheck::cli
