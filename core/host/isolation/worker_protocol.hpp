// The frames host and worker exchange over their socket: length-prefixed, typed, with the C views serialised.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "surveycheck/abi.h"
#include "surveycheck/sc_str.hpp"

namespace surveycheck::host {

struct PluginRecord;

// Limits of every call into a worker: loading a plugin, creating each rule, each check.
struct WorkerLimits {
    std::chrono::milliseconds timeout{10000};  // wall-clock deadline of one call
    std::uint64_t memory_mb = 2048;            // address space of a worker, 0 for no limit
};

// What a frame carries.
enum class FrameType : std::uint8_t {
    start = 'S',         // host: plugin file, rules to create, data dir, audience, limits
    describe = 'M',      // host: load the plugin file of a start request and describe it, then end
    loading = 'L',       // worker: about to load the plugin (its code runs from here on)
    creating = 'N',      // worker: about to create rule u32 (index into the start request's rules)
    described = 'P',     // worker: the plugin's record and rule table (write_description)
    ready = 'R',         // worker: every rule was created
    start_failed = 'E',  // worker: a rule could not be created (text)
    survey = 'Q',        // host: a questionnaire (key + sc_survey), sent once per worker
    check = 'C',         // host: run one rule on one contribution
    finding = 'F',       // worker: one finding of the running check
    done = 'D',          // worker: the check returned (status + error text)
    exception = 'X'      // worker: a C++ exception left check; the worker exits after sending it
};

// Largest frame either side accepts; anything bigger is a protocol error.
constexpr std::uint32_t max_frame_size = 256u << 20;

// True in an AddressSanitizer build: its shadow memory rules out RLIMIT_AS, and its SIGSEGV handler is turned
// off in workers so that a crash stays a signal the supervisor can name.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool built_with_address_sanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool built_with_address_sanitizer = true;
#else
constexpr bool built_with_address_sanitizer = false;
#endif
#else
constexpr bool built_with_address_sanitizer = false;
#endif

// How many questionnaires a worker keeps (oldest dropped first); the host mirrors it to know what to resend.
constexpr std::size_t worker_survey_cache = 16;

// One rule the worker creates, with its options.
struct WorkerRuleSpec {
    std::string id;  // full id "<plugin>/<check>"
    std::vector<std::pair<std::string, std::string>> options;
};

// The start frame's content.
struct StartRequest {
    std::string plugin_file;
    std::vector<WorkerRuleSpec> rules;
    std::string data_dir;
    std::string audience;
    std::uint32_t cpu_seconds = 0;  // CPU limit per check call, 0 for none
    std::uint64_t memory_mb = 0;    // address-space limit of the worker, 0 for none
};

// Appends typed values to a frame payload.
class FrameWriter {
public:
    // Append an unsigned 8-, 32- or 64-bit value.
    void u8(std::uint8_t value) { bytes_.push_back(static_cast<char>(value)); }
    void u32(std::uint32_t value);
    void u64(std::uint64_t value);
    // Append a length-prefixed byte string.
    void str(const char* data, std::size_t size);
    void str(sc_str text) { str(text.data, text.data ? text.size : 0); }
    void str(const std::string& text) { str(text.data(), text.size()); }
    // Append an ABI data field: a number or a string.
    void field(std::uint32_t value) { u32(value); }
    void field(sc_str text) { str(text); }
    // The payload written so far.
    const std::string& bytes() const { return bytes_; }

private:
    std::string bytes_;
};

// Reads typed values from a payload; any read past its end marks it bad and yields zeros.
class FrameReader {
public:
    FrameReader(const char* data, std::size_t size) : data_(data), size_(size) {}
    std::uint8_t u8();
    std::uint32_t u32();
    std::uint64_t u64();
    // A view of the next length-prefixed string, pointing into the payload.
    sc_str str();
    std::string text() { return std::string(view(str())); }
    // Read an ABI data field: a number or a string.
    void field(std::uint32_t& value) { value = u32(); }
    void field(sc_str& text) { text = str(); }
    // A count of elements that each take at least `min_bytes`, bad when the payload cannot hold them.
    std::uint32_t count(std::size_t min_bytes);
    // False once a read went past the end.
    bool ok() const { return ok_; }
    // True when every byte was read.
    bool at_end() const { return offset_ == size_; }

private:
    bool take(std::size_t bytes);
    const char* data_;
    std::size_t size_;
    std::size_t offset_ = 0;
    bool ok_ = true;
};

// Serialise the start request.
void write_start(FrameWriter& out, const StartRequest& request);
// Read a start request; false when the payload is malformed.
bool read_start(FrameReader& in, StartRequest& request);

// Serialise what opening a plugin gave: why it was refused (empty when loaded), its record and rule table.
void write_description(FrameWriter& out, const std::string& refusal, const PluginRecord& record);
// Read a description into `record` (file and builtin kept), its rules as metadata without code that stays
// valid for the life of the process; false when malformed.
bool read_description(FrameReader& in, std::string& refusal, PluginRecord& record);

// Serialise an sc_survey (sections, questions with roles and items).
void write_survey(FrameWriter& out, const sc_survey& survey);
// Serialise an sc_contribution of a survey with `question_count` questions.
void write_contribution(FrameWriter& out, const sc_contribution& contribution, std::uint32_t question_count);
// Serialise one finding (every sc_finding field; fields beyond its struct_size as their defaults).
void write_finding(FrameWriter& out, const sc_finding& finding);
// Read one finding; its strings point into the reader's payload.
bool read_finding(FrameReader& in, sc_finding& finding, std::vector<sc_message_arg>& args);

// An sc_survey rebuilt from a frame; owns the frame's bytes its strings point into.
class SurveyImage {
public:
    // Rebuild from `payload` (positioned after any header the caller read); null when malformed.
    static std::unique_ptr<SurveyImage> read(std::vector<char> payload, std::size_t offset);
    const sc_survey* get() const { return &survey_; }

private:
    std::vector<char> payload_;
    std::vector<sc_section> sections_;
    std::vector<sc_question> questions_;
    std::vector<sc_role> roles_;
    std::vector<sc_item> items_;
    sc_survey survey_{};
};

// An sc_contribution rebuilt from a frame for a known survey; owns the bytes its strings point into.
class ContributionImage {
public:
    // Rebuild from `in` for `survey`; null when malformed or inconsistent with the survey.
    static std::unique_ptr<ContributionImage> read(std::vector<char> payload, std::size_t offset,
                                                   const sc_survey& survey);
    const sc_contribution* get() const { return &contribution_; }

private:
    std::vector<char> payload_;
    std::vector<sc_attribute> attributes_;
    std::vector<sc_value> values_;
    std::vector<std::uint32_t> first_value_;
    std::vector<std::uint32_t> value_count_;
    std::vector<std::uint8_t> shown_;
    std::vector<sc_value> notes_;
    sc_contribution contribution_{};
};

// Send one frame on `fd`; false when the peer is gone.
bool send_frame(int fd, FrameType type, const std::string& payload);
// How receiving a frame ended.
enum class Receive { ok, closed, timed_out, malformed };
// Receive one frame from `fd`, waiting until `deadline` at most.
Receive receive_frame(
    int fd, FrameType& type, std::vector<char>& payload,
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max());

}  // namespace surveycheck::host
