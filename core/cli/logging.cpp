#include "cli/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

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

void open_log_file(const ReadSet& reads, mode_t mode) {
    if (log_file) log_file->open(reads, mode);
}

bool log_file_waiting() { return log_file && !log_file->opened(); }

std::string log_file_path() { return log_file ? log_file->path() : std::string(); }

std::string log_file_error() { return log_file ? log_file->error() : std::string(); }

bool interactive_stderr() {
    const char* ci = std::getenv("CI");
    return ::isatty(STDERR_FILENO) && !(ci && *ci);
}

Progress::Progress(std::size_t total, bool enabled)
    : total_(total), enabled_(enabled), start_(std::chrono::steady_clock::now()), last_(start_) {}

void Progress::file_done(std::size_t contributions) {
    ++done_;
    contributions_ += contributions;
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (done_ != total_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    std::fprintf(stderr, "\r\x1b[K%zu/%zu files, %zu contributions, %.0f contributions/s", done_, total_,
                 contributions_, seconds > 0 ? contributions_ / seconds : 0.0);
    std::fflush(stderr);
}

void Progress::finish() {
    if (!enabled_) return;
    std::fprintf(stderr, "\r\x1b[K");
    std::fflush(stderr);
}

}  // namespace surveycheck::cli
