// Logs of a run (spdlog): level, file and text or JSON lines; progress only on a terminal.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

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

// Open the log file, if any, refusing one the run reads; new files get `mode`; lines keep waiting when
// `hold`. Throws UsageError.
void open_log_file(const ReadSet& reads, mode_t mode, bool hold = false);

// Write the lines an open_log_file() held, and every later one: no output of the run is the log file.
void release_log_file();

// True when a log file waits for open_log_file().
bool log_file_waiting();

// The log file's path, or empty when the log goes to standard error.
std::string log_file_path();

// True when the log goes to a file (--log-file): what the per-contribution log records ask, without a copy.
bool logging_to_file();

// Why the log file could not be written, or empty.
std::string log_file_error();

// How far a run is. On a terminal outside CI: "files done / total, contributions per second" on one line of
// standard error, rewritten. Elsewhere (cron, CI, a log file): a heartbeat record at least every 10 seconds
// naming the file being read and the contributions checked, so a long export never looks like a hang.
class Progress {
public:
    // How progress shows: a line rewritten on a terminal, heartbeat records, or not at all.
    enum class Mode { terminal, heartbeat, off };
    // `total` files, shown as `mode`; `interval` between heartbeats.
    Progress(std::size_t total, Mode mode, std::chrono::milliseconds interval = std::chrono::seconds(10));
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;
    // One more contribution of `file` checked (streamed exports report each).
    void contribution_done(const std::string& file);
    // One more file done with `contributions` contributions, `streamed` of them already counted.
    void file_done(const std::string& file, std::size_t contributions, std::size_t streamed);
    // Clear the progress line, stop the heartbeat.
    void finish();

private:
    void beat();  // the heartbeat thread

    std::size_t total_;
    Mode mode_;
    std::chrono::milliseconds interval_;
    std::mutex mutex_;  // guards what follows, read by the heartbeat thread
    std::condition_variable stop_;
    bool stopping_ = false;
    std::size_t done_ = 0;
    std::size_t contributions_ = 0;
    std::string file_;  // the file last heard of
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_;
    std::thread heartbeat_;
};

// True when standard error is a terminal and no CI variable is set.
bool interactive_stderr();

}  // namespace surveycheck::cli
