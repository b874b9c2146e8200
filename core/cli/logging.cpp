#include "cli/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "cli/log_file_sink.hpp"
#include "cli/run_setup.hpp"

namespace surveycheck::cli {
namespace {

// `%*` in a pattern: the log message as a JSON string (quoted and escaped).
class JsonMessageFlag : public spdlog::custom_flag_formatter {
public:
    void format(const spdlog::details::log_msg& message, const std::tm&,
                spdlog::memory_buf_t& dest) override {
        const std::string quoted = nlohmann::json(std::string(message.payload.data(), message.payload.size()))
                                       .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        dest.append(quoted.data(), quoted.data() + quoted.size());
    }
    std::unique_ptr<custom_flag_formatter> clone() const override {
        return std::make_unique<JsonMessageFlag>();
    }
};

std::shared_ptr<LogFileSink> log_file;  // the --log-file sink, when there is one

}  // namespace

void setup_logging(const LogOptions& options) {
    spdlog::sink_ptr sink;
    if (options.file.empty()) {
        sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    } else {
        log_file = std::make_shared<LogFileSink>(options.file);
        sink = log_file;
    }
    auto logger = std::make_shared<spdlog::logger>("surveycheck", sink);
    if (options.format == "json") {
        auto formatter = std::make_unique<spdlog::pattern_formatter>();
        formatter->add_flag<JsonMessageFlag>('*').set_pattern(
            R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l","logger":"%n","message":%*})");
        logger->set_formatter(std::move(formatter));
    } else {
        logger->set_pattern("surveycheck: %l: %v");
    }
    logger->set_level(spdlog::level::from_str(options.level));
    logger->flush_on(spdlog::level::trace);
    spdlog::set_default_logger(logger);
}

void open_log_file(const ReadSet& reads, mode_t mode, bool hold) {
    if (log_file) log_file->open(reads, mode, hold);
}

void release_log_file() {
    if (log_file) log_file->release();
}

bool log_file_waiting() { return log_file && !log_file->opened(); }

std::string log_file_path() { return log_file ? log_file->path() : std::string(); }

bool logging_to_file() { return log_file != nullptr; }

std::string log_file_error() { return log_file ? log_file->error() : std::string(); }

bool interactive_stderr() {
    const char* ci = std::getenv("CI");
    return ::isatty(STDERR_FILENO) && !(ci && *ci);
}

Progress::Progress(std::size_t total, Mode mode, std::chrono::milliseconds interval)
    : total_(total),
      mode_(mode),
      interval_(interval),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {
    if (mode_ == Mode::heartbeat) heartbeat_ = std::thread([this] { beat(); });
}

Progress::~Progress() { finish(); }

void Progress::contribution_done(const std::string& file) {
    const std::lock_guard<std::mutex> lock(mutex_);
    ++contributions_;
    if (file_ != file) file_ = file;
}

void Progress::file_done(const std::string& file, std::size_t contributions, std::size_t streamed) {
    std::unique_lock<std::mutex> lock(mutex_);
    ++done_;
    contributions_ += contributions - std::min(contributions, streamed);
    file_ = file;
    if (mode_ != Mode::terminal) return;
    const auto now = std::chrono::steady_clock::now();
    if (done_ != total_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    std::fprintf(stderr, "\r\x1b[K%zu/%zu files, %zu contributions, %.0f contributions/s", done_, total_,
                 contributions_, seconds > 0 ? contributions_ / seconds : 0.0);
    std::fflush(stderr);
}

void Progress::beat() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stop_.wait_for(lock, interval_, [this] { return stopping_; })) {
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        char line[512];
        std::snprintf(line, sizeof line, "%zu/%zu files done, %zu contributions checked in %.1f s; at %s",
                      done_, total_, contributions_, seconds,
                      file_.empty() ? "the first file" : file_.c_str());
        lock.unlock();
        // Not through the logger's level: a heartbeat is what an operator watching stderr or the log needs.
        if (!logging_to_file()) {
            std::fprintf(stderr, "surveycheck: %s\n", line);
            std::fflush(stderr);
        } else {
            spdlog::default_logger()->log(spdlog::level::info, "progress: {}", line);
        }
        lock.lock();
    }
}

void Progress::finish() {
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
    }
    stop_.notify_all();
    if (heartbeat_.joinable()) heartbeat_.join();
    if (mode_ != Mode::terminal) return;
    std::fprintf(stderr, "\r\x1b[K");
    std::fflush(stderr);
}

}  // namespace surveycheck::cli
