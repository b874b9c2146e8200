#include "host/isolation/worker_protocol.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <mutex>
#include <type_traits>

#include "host/plugin_host.hpp"
#include "surveycheck/abi_toolkit.hpp"

namespace surveycheck::host {
namespace {

constexpr std::size_t header_size = 5;  // u32 length of the payload + u8 type

using abi::sized;

// Write the data fields of `s` (abi::Fields, in order); one past the struct_size its writer set as zero.
template <class T>
void write_fields(FrameWriter& out, const T& s) {
    abi::for_each_field<T>([&](auto member) {
        using Field = std::remove_reference_t<decltype(s.*member)>;
        out.field(abi::has_field(s, s.*member) ? s.*member : Field{});
    });
}

// Read what write_fields() wrote, into a T of this host's size.
template <class T>
T read_fields(FrameReader& in) {
    T s = sized<T>();
    abi::for_each_field<T>([&](auto member) { in.field(s.*member); });
    return s;
}

// The fewest bytes write_fields() writes for a T: four a field (a number, or a string's length).
template <class T>
constexpr std::size_t min_bytes() {
    return 4 * abi::field_count<T>();
}

// `count` elements of an array, with their data fields.
template <class T>
void write_array(FrameWriter& out, const T* elements, std::uint32_t count) {
    out.u32(elements ? count : 0);
    for (std::uint32_t i = 0; elements && i < count; ++i) write_fields(out, elements[i]);
}

// Read what write_array() wrote, appending the elements to `into`; returns how many.
template <class T>
std::uint32_t read_array(FrameReader& in, std::vector<T>& into) {
    const std::uint32_t count = in.count(min_bytes<T>());
    for (std::uint32_t i = 0; i < count && in.ok(); ++i) into.push_back(read_fields<T>(in));
    return count;
}

// Milliseconds left until `deadline`, -1 for "no deadline".
int poll_timeout(std::chrono::steady_clock::time_point deadline) {
    if (deadline == std::chrono::steady_clock::time_point::max()) return -1;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    return left.count() < 0 ? 0 : static_cast<int>(std::min<long long>(left.count() + 1, 1 << 30));
}

Receive read_exact(int fd, char* data, std::size_t size, std::chrono::steady_clock::time_point deadline) {
    std::size_t done = 0;
    while (done < size) {
        pollfd ready{fd, POLLIN, 0};
        const int polled = ::poll(&ready, 1, poll_timeout(deadline));
        if (polled < 0 && errno == EINTR) continue;
        if (polled < 0) return Receive::closed;
        if (polled == 0) return Receive::timed_out;
        const ssize_t got = ::read(fd, data + done, size - done);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return Receive::closed;
        done += static_cast<std::size_t>(got);
    }
    return Receive::ok;
}

}  // namespace

void FrameWriter::u32(std::uint32_t value) { bytes_.append(reinterpret_cast<const char*>(&value), 4); }

void FrameWriter::u64(std::uint64_t value) { bytes_.append(reinterpret_cast<const char*>(&value), 8); }

void FrameWriter::str(const char* data, std::size_t size) {
    u32(static_cast<std::uint32_t>(size));
    if (size > 0) bytes_.append(data, size);
}

bool FrameReader::take(std::size_t bytes) {
    if (!ok_ || size_ - offset_ < bytes) {
        ok_ = false;
        return false;
    }
    return true;
}

std::uint8_t FrameReader::u8() {
    if (!take(1)) return 0;
    return static_cast<std::uint8_t>(data_[offset_++]);
}

std::uint32_t FrameReader::u32() {
    std::uint32_t value = 0;
    if (!take(4)) return 0;
    std::memcpy(&value, data_ + offset_, 4);
    offset_ += 4;
    return value;
}

std::uint64_t FrameReader::u64() {
    std::uint64_t value = 0;
    if (!take(8)) return 0;
    std::memcpy(&value, data_ + offset_, 8);
    offset_ += 8;
    return value;
}

sc_str FrameReader::str() {
    const std::uint32_t size = u32();
    if (!take(size)) return sc_str{nullptr, 0};
    const sc_str view{size ? data_ + offset_ : nullptr, size};
    offset_ += size;
    return view;
}

std::uint32_t FrameReader::count(std::size_t min_bytes) {
    const std::uint32_t n = u32();
    if (ok_ && min_bytes > 0 && n > (size_ - offset_) / min_bytes) ok_ = false;
    return ok_ ? n : 0;
}

void write_start(FrameWriter& out, const StartRequest& request) {
    out.str(request.plugin_file);
    out.str(request.data_dir);
    out.str(request.audience);
    out.u32(request.cpu_seconds);
    out.u64(request.memory_mb);
    out.u32(static_cast<std::uint32_t>(request.rules.size()));
    for (const auto& rule : request.rules) {
        out.str(rule.id);
        out.u32(static_cast<std::uint32_t>(rule.options.size()));
        for (const auto& [name, value] : rule.options) {
            out.str(name);
            out.str(value);
        }
    }
}

bool read_start(FrameReader& in, StartRequest& request) {
    request.plugin_file = in.text();
    request.data_dir = in.text();
    request.audience = in.text();
    request.cpu_seconds = in.u32();
    request.memory_mb = in.u64();
    const std::uint32_t rules = in.count(8);
    for (std::uint32_t r = 0; r < rules && in.ok(); ++r) {
        WorkerRuleSpec rule;
        rule.id = in.text();
        const std::uint32_t options = in.count(8);
        for (std::uint32_t o = 0; o < options && in.ok(); ++o) {
            std::string name = in.text();
            rule.options.emplace_back(std::move(name), in.text());
        }
        request.rules.push_back(std::move(rule));
    }
    return in.ok() && in.at_end();
}

namespace {

// A NUL-terminated string of a plugin as a frame string (null as empty).
void put(FrameWriter& out, const char* text) { out.str(text ? text : "", text ? std::strlen(text) : 0); }

// The rule tables of plugins described by workers: metadata in host memory, kept for the life of the process
// like the libraries the host opens itself (LoadedRule and RunRule point into them). Leaked on purpose.
class DescribedRules {
public:
    static DescribedRules& instance() {
        static auto* rules = new DescribedRules();
        return *rules;
    }
    // A copy of `text` that never moves.
    const char* keep(std::string text) {
        const std::lock_guard<std::mutex> lock(mutex_);
        return strings_.emplace_back(std::move(text)).c_str();
    }
    // A rule of the process's life with `options` and `translations` behind it.
    const sc_rule* add(sc_rule rule, std::vector<sc_option_info> options,
                       std::vector<sc_translation> translations) {
        const std::lock_guard<std::mutex> lock(mutex_);
        rule.options = options.empty() ? nullptr : options_.emplace_back(std::move(options)).data();
        rule.translations =
            translations.empty() ? nullptr : translations_.emplace_back(std::move(translations)).data();
        return &rules_.emplace_back(rule);
    }

private:
    std::mutex mutex_;
    std::deque<std::string> strings_;
    std::deque<std::vector<sc_option_info>> options_;
    std::deque<std::vector<sc_translation>> translations_;
    std::deque<sc_rule> rules_;
};

}  // namespace

void write_description(FrameWriter& out, const std::string& refusal, const PluginRecord& record) {
    out.str(refusal);
    out.str(record.name);
    out.str(record.version);
    out.str(record.description);
    out.u32(record.abi_major);
    out.u32(record.abi_minor);
    out.u32(refusal.empty() ? static_cast<std::uint32_t>(record.rules.size()) : 0);
    for (std::size_t r = 0; refusal.empty() && r < record.rules.size(); ++r) {
        const sc_rule& rule = *record.rules[r].rule;
        put(out, rule.id);
        put(out, rule.title);
        put(out, rule.description);
        out.u32(rule.default_severity);
        put(out, rule.docs_url);
        out.u32(rule.options ? rule.option_count : 0);
        for (std::uint32_t o = 0; rule.options && o < rule.option_count; ++o) {
            const sc_option_info& option = option_at(rule, o);
            put(out, option.name);
            out.u32(option.type);
            put(out, option.default_value);
            put(out, option.description);
        }
        std::vector<const sc_translation*> translations;
        for (std::uint32_t t = 0; t < translation_count(rule); ++t) {
            const sc_translation& item = translation_at(rule, t);
            if (item.lang && item.key && item.text) translations.push_back(&item);
        }
        out.u32(static_cast<std::uint32_t>(translations.size()));
        for (const sc_translation* item : translations) {
            put(out, item->lang);
            put(out, item->key);
            put(out, item->text);
        }
    }
}

bool read_description(FrameReader& in, std::string& refusal, PluginRecord& record) {
    DescribedRules& kept = DescribedRules::instance();
    refusal = in.text();
    record.name = in.text();
    record.version = in.text();
    record.description = in.text();
    record.abi_major = static_cast<std::uint16_t>(in.u32());
    record.abi_minor = static_cast<std::uint16_t>(in.u32());
    const std::uint32_t rules = in.count(4 * 5 + 4 * 3);
    for (std::uint32_t r = 0; r < rules && in.ok(); ++r) {
        auto rule = sized<sc_rule>();
        const std::string id = in.text();
        rule.id = kept.keep(id);
        rule.title = kept.keep(in.text());
        rule.description = kept.keep(in.text());
        rule.default_severity = in.u32();
        rule.docs_url = kept.keep(in.text());
        std::vector<sc_option_info> options(in.count(4 * 4));
        for (auto& option : options) {
            option = sized<sc_option_info>();
            option.name = kept.keep(in.text());
            option.type = in.u32();
            option.default_value = kept.keep(in.text());
            option.description = kept.keep(in.text());
        }
        std::vector<sc_translation> translations(in.count(4 * 3));
        for (auto& translation : translations) {
            translation = sized<sc_translation>();
            translation.lang = kept.keep(in.text());
            translation.key = kept.keep(in.text());
            translation.text = kept.keep(in.text());
        }
        if (!in.ok()) break;
        rule.option_count = static_cast<std::uint32_t>(options.size());
        rule.translation_count = static_cast<std::uint32_t>(translations.size());
        LoadedRule loaded{record.name + "/" + id,
                          record.name,
                          record.file,
                          record.builtin,
                          kept.add(rule, std::move(options), std::move(translations)),
                          true};
        record.rules.push_back(std::move(loaded));
    }
    return in.ok() && in.at_end() && (!refusal.empty() || !record.rules.empty());
}

void write_survey(FrameWriter& out, const sc_survey& survey) {
    write_fields(out, survey);
    write_array(out, survey.sections, survey.section_count);
    out.u32(survey.questions ? survey.question_count : 0);
    for (std::uint32_t q = 0; survey.questions && q < survey.question_count; ++q) {
        const sc_question& question = survey.questions[q];
        write_fields(out, question);
        write_array(out, question.roles, question.role_count);
        write_array(out, question.choices, question.choice_count);
        write_array(out, question.rows, question.row_count);
        write_array(out, question.columns, question.column_count);
    }
}

std::unique_ptr<SurveyImage> SurveyImage::read(std::vector<char> payload, std::size_t offset) {
    auto image = std::unique_ptr<SurveyImage>(new SurveyImage());
    image->payload_ = std::move(payload);
    FrameReader in(image->payload_.data() + offset, image->payload_.size() - offset);
    sc_survey& survey = image->survey_;
    survey = read_fields<sc_survey>(in);
    read_array(in, image->sections_);
    // Items and roles are collected first and pointed to afterwards, once the vectors stop growing.
    struct Ranges {
        std::size_t roles, choices, rows, columns;
    };
    std::vector<Ranges> ranges;
    const std::uint32_t questions = in.count(min_bytes<sc_question>() + 4 * 4);
    for (std::uint32_t q = 0; q < questions && in.ok(); ++q) {
        sc_question question = read_fields<sc_question>(in);
        if (question.section != SC_NONE && question.section >= image->sections_.size()) return nullptr;
        Ranges range{image->roles_.size(), 0, 0, 0};
        question.role_count = read_array(in, image->roles_);
        range.choices = image->items_.size();
        question.choice_count = read_array(in, image->items_);
        range.rows = image->items_.size();
        question.row_count = read_array(in, image->items_);
        range.columns = image->items_.size();
        question.column_count = read_array(in, image->items_);
        image->questions_.push_back(question);
        ranges.push_back(range);
    }
    if (!in.ok() || !in.at_end()) return nullptr;
    for (std::size_t q = 0; q < image->questions_.size(); ++q) {
        sc_question& question = image->questions_[q];
        const Ranges& range = ranges[q];
        question.roles = question.role_count ? image->roles_.data() + range.roles : nullptr;
        question.choices = question.choice_count ? image->items_.data() + range.choices : nullptr;
        question.rows = question.row_count ? image->items_.data() + range.rows : nullptr;
        question.columns = question.column_count ? image->items_.data() + range.columns : nullptr;
    }
    survey.sections = image->sections_.empty() ? nullptr : image->sections_.data();
    survey.section_count = static_cast<std::uint32_t>(image->sections_.size());
    survey.questions = image->questions_.empty() ? nullptr : image->questions_.data();
    survey.question_count = static_cast<std::uint32_t>(image->questions_.size());
    return image;
}

namespace {

// Read a value or note that write_fields() wrote; false when it names no question of a survey of
// `question_count`.
bool read_value(FrameReader& in, sc_value& value, std::uint32_t question_count) {
    value = read_fields<sc_value>(in);
    return value.question < question_count;
}

}  // namespace

void write_contribution(FrameWriter& out, const sc_contribution& contribution, std::uint32_t question_count) {
    write_fields(out, contribution);
    write_array(out, contribution.attributes, contribution.attribute_count);
    write_array(out, contribution.values, contribution.value_count);
    out.u32(question_count);
    for (std::uint32_t q = 0; q < question_count; ++q) {
        out.u32(contribution.first_value[q]);
        out.u32(contribution.value_count_of[q]);
        out.u8(contribution.shown[q]);
    }
    write_array(out, contribution.notes, contribution.note_count);
}

std::unique_ptr<ContributionImage> ContributionImage::read(std::vector<char> payload, std::size_t offset,
                                                           const sc_survey& survey) {
    auto image = std::unique_ptr<ContributionImage>(new ContributionImage());
    image->payload_ = std::move(payload);
    FrameReader in(image->payload_.data() + offset, image->payload_.size() - offset);
    sc_contribution& contribution = image->contribution_;
    contribution = read_fields<sc_contribution>(in);
    read_array(in, image->attributes_);
    const std::uint32_t values = in.count(min_bytes<sc_value>());
    for (std::uint32_t v = 0; v < values && in.ok(); ++v) {
        sc_value value;
        if (!read_value(in, value, survey.question_count)) return nullptr;
        image->values_.push_back(value);
    }
    const std::uint32_t questions = in.count(9);
    if (questions != survey.question_count) return nullptr;
    for (std::uint32_t q = 0; q < questions && in.ok(); ++q) {
        const std::uint32_t first = in.u32();
        const std::uint32_t count = in.u32();
        if (first > values || count > values - first) return nullptr;
        image->first_value_.push_back(first);
        image->value_count_.push_back(count);
        image->shown_.push_back(in.u8());
    }
    const std::uint32_t notes = in.count(min_bytes<sc_value>());
    for (std::uint32_t n = 0; n < notes && in.ok(); ++n) {
        sc_value note;
        if (!read_value(in, note, survey.question_count)) return nullptr;
        image->notes_.push_back(note);
    }
    if (!in.ok() || !in.at_end()) return nullptr;
    contribution.attributes = image->attributes_.empty() ? nullptr : image->attributes_.data();
    contribution.attribute_count = static_cast<std::uint32_t>(image->attributes_.size());
    contribution.values = image->values_.empty() ? nullptr : image->values_.data();
    contribution.value_count = static_cast<std::uint32_t>(image->values_.size());
    contribution.first_value = image->first_value_.data();
    contribution.value_count_of = image->value_count_.data();
    contribution.shown = image->shown_.data();
    contribution.notes = image->notes_.empty() ? nullptr : image->notes_.data();
    contribution.note_count = static_cast<std::uint32_t>(image->notes_.size());
    return image;
}

void write_finding(FrameWriter& out, const sc_finding& finding) {
    write_fields(out, finding);
    const bool has_args = abi::has_field(finding, finding.arg_count) && finding.args != nullptr;
    write_array(out, has_args ? finding.args : nullptr, has_args ? finding.arg_count : 0);
}

bool read_finding(FrameReader& in, sc_finding& finding, std::vector<sc_message_arg>& args) {
    finding = read_fields<sc_finding>(in);
    args.clear();
    read_array(in, args);
    finding.args = args.empty() ? nullptr : args.data();
    finding.arg_count = static_cast<std::uint32_t>(args.size());
    return in.ok() && in.at_end();
}

bool send_frame(int fd, FrameType type, const std::string& payload) {
    if (payload.size() > max_frame_size) return false;
    std::string frame;
    frame.reserve(header_size + payload.size());
    const auto size = static_cast<std::uint32_t>(payload.size());
    frame.append(reinterpret_cast<const char*>(&size), 4);
    frame.push_back(static_cast<char>(type));
    frame += payload;
    std::size_t done = 0;
    while (done < frame.size()) {
        const ssize_t sent = ::send(fd, frame.data() + done, frame.size() - done, MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR) continue;
        if (sent <= 0) return false;
        done += static_cast<std::size_t>(sent);
    }
    return true;
}

Receive receive_frame(int fd, FrameType& type, std::vector<char>& payload,
                      std::chrono::steady_clock::time_point deadline) {
    char header[header_size];
    if (const Receive got = read_exact(fd, header, header_size, deadline); got != Receive::ok) return got;
    std::uint32_t size = 0;
    std::memcpy(&size, header, 4);
    if (size > max_frame_size) return Receive::malformed;
    type = static_cast<FrameType>(header[4]);
    payload.resize(size);
    return size == 0 ? Receive::ok : read_exact(fd, payload.data(), size, deadline);
}

}  // namespace surveycheck::host
