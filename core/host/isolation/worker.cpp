#include "host/isolation/worker.hpp"

#include <sys/resource.h>
#include <sys/time.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <deque>
#include <exception>
#include <memory>
#include <utility>

#include "host/isolation/worker_protocol.hpp"
#include "host/plugin_host.hpp"
#include "surveycheck/abi_toolkit.hpp"

namespace surveycheck::host {
namespace {

// Exit codes of a worker that gives up; the host reports them as protocol errors.
constexpr int exit_protocol = 90;

int fail(const char* what) {
    std::fprintf(stderr, "surveycheck worker: %s\n", what);
    return exit_protocol;
}

// A rule created in this worker.
struct CreatedRule {
    const sc_rule* rule = nullptr;
    void* instance = nullptr;
};

// The sink a rule reports into: each finding goes to the host at once.
struct Stream {
    int channel;
};

void emit(void* context, const sc_finding* finding) {
    const auto& stream = *static_cast<Stream*>(context);
    if (finding == nullptr) return;
    const auto discriminator_end = offsetof(sc_finding, discriminator) + sizeof(sc_str);
    if (finding->struct_size < discriminator_end) return;  // the host drops such findings too
    FrameWriter out;
    write_finding(out, *finding);
    if (!send_frame(stream.channel, FrameType::finding, out.bytes())) _exit(exit_protocol);
}

void limit_memory(std::uint64_t megabytes) {
    if (megabytes == 0 || built_with_address_sanitizer) return;
    rlimit limit{};
    limit.rlim_cur = limit.rlim_max = static_cast<rlim_t>(megabytes) << 20;
    if (::setrlimit(RLIMIT_AS, &limit) != 0) std::perror("surveycheck worker: setrlimit(RLIMIT_AS)");
}

// Allow `seconds` more CPU time than used so far; the kernel sends SIGXCPU past it.
void limit_cpu(std::uint32_t seconds) {
    if (seconds == 0) return;
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    const rlim_t used = static_cast<rlim_t>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec);
    rlimit limit{};
    ::getrlimit(RLIMIT_CPU, &limit);
    limit.rlim_cur = used + seconds + 1;
    if (limit.rlim_max != RLIM_INFINITY && limit.rlim_cur > limit.rlim_max) limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_CPU, &limit);
}

class Worker {
public:
    explicit Worker(int channel) : channel_(channel) {}

    int run() {
        FrameType type{};
        std::vector<char> payload;
        if (receive_frame(channel_, type, payload) != Receive::ok ||
            (type != FrameType::start && type != FrameType::describe)) {
            return fail("expected a start frame");
        }
        FrameReader in(payload.data(), payload.size());
        if (!read_start(in, start_)) return fail("malformed start frame");
        limit_memory(start_.memory_mb);
        if (type == FrameType::describe) return describe();
        if (std::string error = create_rules(); !error.empty()) {
            return send_frame(channel_, FrameType::start_failed, error) ? 2 : exit_protocol;
        }
        if (!send_frame(channel_, FrameType::ready, {})) return exit_protocol;
        for (;;) {
            const Receive got = receive_frame(channel_, type, payload);
            if (got == Receive::closed) return 0;
            if (got != Receive::ok) return fail("malformed frame");
            if (type == FrameType::survey) {
                if (!keep_survey(std::move(payload))) return fail("malformed survey frame");
            } else if (type == FrameType::check) {
                if (const int code = check(std::move(payload)); code != 0) return code;
            } else {
                return fail("unexpected frame");
            }
        }
    }

private:
    // Tell the host that plugin code runs from now on (`rule`: the index of the rule created, or none while
    // loading), under a fresh CPU limit; false when the host is gone.
    bool announce(FrameType stage, std::uint32_t rule = 0) {
        limit_cpu(start_.cpu_seconds);
        FrameWriter out;
        if (stage == FrameType::creating) out.u32(rule);
        return send_frame(channel_, stage, out.bytes());
    }

    int describe() {
        if (!announce(FrameType::loading)) return exit_protocol;
        PluginRecord record;
        record.file = start_.plugin_file;
        const std::string refusal = open_plugin(start_.plugin_file, record);
        FrameWriter out;
        write_description(out, refusal, record);
        return send_frame(channel_, FrameType::described, out.bytes()) ? 0 : exit_protocol;
    }

    std::string create_rules() {
        if (!announce(FrameType::loading)) return "the host is gone";
        host_.load_file(start_.plugin_file, false);
        const PluginRecord& record = host_.plugins().back();
        if (!record.loaded) return record.error;
        for (std::uint32_t index = 0; index < start_.rules.size(); ++index) {
            const WorkerRuleSpec& spec = start_.rules[index];
            const LoadedRule* found = nullptr;
            for (const auto& rule : record.rules) {
                if (rule.id == spec.id) found = &rule;
            }
            if (found == nullptr) return "rule " + spec.id + " is not in " + start_.plugin_file;
            const abi::RuleConfig config(spec.options, start_.data_dir, start_.audience);
            std::array<char, 1024> message{};
            CreatedRule created{found->rule, nullptr};
            if (!announce(FrameType::creating, index)) return "the host is gone";
            if (found->rule->create(config.get(), &created.instance,
                                    sc_error_buffer{message.data(), message.size()}) != SC_STATUS_OK) {
                message.back() = '\0';
                return "rule " + spec.id + " (" + start_.plugin_file + ") could not start: " + message.data();
            }
            rules_.push_back(created);
        }
        return {};
    }

    bool keep_survey(std::vector<char> payload) {
        FrameReader in(payload.data(), payload.size());
        const std::uint64_t key = in.u64();
        if (!in.ok()) return false;
        auto image = SurveyImage::read(std::move(payload), 8);
        if (!image) return false;
        surveys_.emplace_back(key, std::move(image));
        if (surveys_.size() > worker_survey_cache) surveys_.pop_front();
        return true;
    }

    const SurveyImage* survey(std::uint64_t key) const {
        for (const auto& [known, image] : surveys_) {
            if (known == key) return image.get();
        }
        return nullptr;
    }

    int check(std::vector<char> payload) {
        FrameReader in(payload.data(), payload.size());
        const std::uint64_t survey_key = in.u64();
        const std::uint32_t rule = in.u32();
        const std::uint64_t contribution_key = in.u64();
        const std::uint8_t has_contribution = in.u8();
        const SurveyImage* image = survey(survey_key);
        if (!in.ok() || image == nullptr || rule >= rules_.size()) return fail("malformed check frame");
        if (has_contribution) {
            contribution_ = ContributionImage::read(std::move(payload), 21, *image->get());
            contribution_key_ = contribution_key;
            if (!contribution_) return fail("malformed contribution");
        } else if (!contribution_ || contribution_key_ != contribution_key) {
            return fail("check of a contribution the worker does not hold");
        }

        Stream stream{channel_};
        std::array<char, 1024> message{};
        int status = SC_STATUS_OK;
        limit_cpu(start_.cpu_seconds);
        try {
            status = rules_[rule].rule->check(rules_[rule].instance, image->get(), contribution_->get(),
                                              sc_sink{&stream, &emit},
                                              sc_error_buffer{message.data(), message.size()});
        } catch (const std::exception& error) {
            // The plugin broke the ABI; its state cannot be trusted, so this worker ends after saying what.
            send_frame(channel_, FrameType::exception, error.what());
            return 3;
        } catch (...) {
            send_frame(channel_, FrameType::exception, "an exception that is not a std::exception");
            return 3;
        }
        message.back() = '\0';
        FrameWriter out;
        out.u32(static_cast<std::uint32_t>(status));
        out.str(std::string(status == SC_STATUS_OK ? "" : message.data()));
        return send_frame(channel_, FrameType::done, out.bytes()) ? 0 : exit_protocol;
    }

    int channel_;
    StartRequest start_;
    PluginHost host_;
    std::vector<CreatedRule> rules_;
    std::deque<std::pair<std::uint64_t, std::unique_ptr<SurveyImage>>> surveys_;
    std::unique_ptr<ContributionImage> contribution_;
    std::uint64_t contribution_key_ = 0;
};

}  // namespace

int run_worker(int channel) { return Worker(channel).run(); }

}  // namespace surveycheck::host
