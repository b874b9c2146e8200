// Logs of a run (spdlog): level, file and text or JSON lines; progress only on a terminal.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include <sys/types.h>

namespace surveycheck::cli {

class ReadSet;

// Where and how to log.
struct LogOptions {
    std::string level = "warn";   // trace, debug, info, warn, error, off
    std::string file;             // empty: standard error
    std::string format = "text";  // text or json (one JSON object per line)
};

// Install the default logger. A log file holds its lines until open_log_file().
void setup_logging(const LogOptions& options);

// Open the log file, if any, refusing one the run reads; new files get `mode`. Throws UsageError.
void open_log_file(const ReadSet& reads, mode_t mode);

// True when a log file waits for open_log_file().
bool log_file_waiting();

// The log file's path, or empty when the log goes to standard error.
std::string log_file_path();

// Why the log file could not be written, or empty.
std::string log_file_error();

// "files done / total, contributions per second" on standard error, only when it is a terminal outside CI.
class Progress {
public:
    // `total` files; `enabled` false makes every call a no-op.
    Progress(std::size_t total, bool enabled);
    // One more file done with `contributions` contributions.
    void file_done(std::size_t contributions);
    // Clear the progress line.
    void finish();

private:
    std::size_t total_;
    std::size_t done_ = 0;
    std::size_t contributions_ = 0;
    bool enabled_;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_;
};

// True when standard error is a terminal and no CI variable is set.
bool interactive_stderr();

}  // namespace surveycheck::cli
