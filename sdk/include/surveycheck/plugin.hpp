// The plugin author's C++ layer over abi.h: rule metadata, typed options, a reporter and the export macro.
//
//     class Missing final : public surveycheck::Rule {
//     public:
//         static constexpr surveycheck::RuleInfo info{"missing", "Mandatory question unanswered", "",
//                                                     surveycheck::Severity::error,
//                                                     "docs/rules/x.md#missing"};
//         void check(const Survey& survey, const Contribution& c, Reporter& reporter) const override;
//     };
//     SURVEYCHECK_PLUGIN("my-plugin", "1.0.0", "What it checks", Missing)
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "surveycheck/abi.h"
#include "surveycheck/rulekit/messages.hpp"
#include "surveycheck/severity.hpp"
#include "surveycheck/survey_view.hpp"

namespace surveycheck {

// The value type of a rule option (mirrors sc_option_type).
enum class OptionType : std::uint32_t {
    string = SC_OPTION_STRING,
    integer = SC_OPTION_INTEGER,
    boolean = SC_OPTION_BOOLEAN
};

// Declaration of one rule option; `default_value` is the text form ("", "42", "true").
struct OptionSpec {
    const char* name;
    OptionType type;
    const char* default_value;
    const char* description;
};

// A constant list made from a `static constexpr T[]` array (option declarations, translations).
template <class T>
class StaticList {
public:
    constexpr StaticList() = default;
    template <std::size_t N>
    constexpr StaticList(const T (&items)[N]) : data_(items), size_(N) {}
    constexpr const T* begin() const { return data_; }
    constexpr const T* end() const { return data_ + size_; }
    constexpr std::size_t size() const { return size_; }
    constexpr const T& operator[](std::size_t i) const { return data_[i]; }

private:
    const T* data_ = nullptr;
    std::size_t size_ = 0;
};

// The option declarations of a rule.
using OptionList = StaticList<OptionSpec>;

// A rule's message in one language; `key` is a message id, a hint id, "title", or "group": the message of a
// grouped finding (all of one rule on one answer) with {count}, {title} and {summary}. Entries in "en" are
// the rule's English catalogue: with one, the host checks every translation against it when it loads the
// plugin.
struct Translation {
    const char* lang;  // BCP 47 tag: "en", "fr", "pt-BR"
    const char* key;   // kebab-case, e.g. "unanswered", "unanswered.hint", or "title"
    const char* text;  // with the same {name} placeholders as the English text
};

// The translations of a rule's messages.
using TranslationList = StaticList<Translation>;

// The value of one {name} placeholder of a message.
struct Arg {
    std::string_view name;
    std::string value;
};

// A message with a stable id: its English text with {name} placeholders, and their values.
class Message {
public:
    Message(std::string_view id, std::string_view text, std::vector<Arg> args = {})
        : id_(id), text_(text), args_(std::move(args)) {}
    // Message `id` with its English text from the "en" entries of `texts` (the id itself when it has none).
    Message(TranslationList texts, std::string_view id, std::vector<Arg> args = {})
        : id_(id), text_(id), args_(std::move(args)) {
        for (const Translation& entry : texts)
            if (std::string_view(entry.lang) == "en" && id == entry.key) text_ = entry.text;
    }
    // The stable id, e.g. "unanswered".
    std::string_view id() const { return id_; }
    // The English text with its placeholders filled in.
    std::string english() const;
    // The placeholder values.
    const std::vector<Arg>& args() const { return args_; }

private:
    std::string_view id_;
    std::string_view text_;
    std::vector<Arg> args_;
};

// Static metadata of a rule; declare it as `static constexpr RuleInfo info{...};` in the rule class.
struct RuleInfo {
    const char* id;           // check id inside the plugin, [a-z0-9-]+, e.g. "missing"
    const char* title;        // one line
    const char* description;  // a paragraph, may be empty
    Severity default_severity;
    const char* docs_url;  // link to the rule's page, may be relative to the project root
    OptionList options{};
    TranslationList translations{};  // the rule's messages in other languages
};

// An option value the rule cannot accept; `create` turns it into SC_STATUS_INVALID_OPTION.
class OptionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The options the host passed to a rule, checked against its declarations; missing ones take their default.
class Options {
public:
    // Read and check `config` against `specs`; throws OptionError naming the option and the bad value.
    Options(const sc_rule_config* config, OptionList specs) {
        for (const OptionSpec& spec : specs)
            values_.push_back({&spec, spec.default_value ? spec.default_value : ""});
        if (config != nullptr) {
            for (std::uint32_t i = 0; i < config->option_count; ++i) {
                const sc_option_value& given = abi::element(config->options, i);
                std::string_view name = view(given.name);
                Entry* entry = find(name);
                if (entry == nullptr) throw OptionError("unknown option \"" + std::string(name) + "\"");
                entry->text = std::string(view(given.value));
            }
            data_dir_ = std::string(view(config->data_dir));
            audience_ = std::string(view(config->audience));
        }
        for (const Entry& entry : values_) {
            if (entry.spec->type == OptionType::integer) parse_integer(entry);
            if (entry.spec->type == OptionType::boolean) parse_boolean(entry);
        }
    }

    // Value of string option `name`.
    const std::string& string(std::string_view name) const { return get(name, OptionType::string).text; }
    // Value of integer option `name`.
    long long integer(std::string_view name) const { return parse_integer(get(name, OptionType::integer)); }
    // Value of boolean option `name` (true/false, yes/no, on/off, 1/0).
    bool boolean(std::string_view name) const { return parse_boolean(get(name, OptionType::boolean)); }
    // Reference data folder (NUTS lists, member states), empty when none was given.
    const std::string& data_dir() const { return data_dir_; }
    // "internal" or "public" (empty when the host said nothing).
    const std::string& audience() const { return audience_; }

private:
    struct Entry {
        const OptionSpec* spec;
        std::string text;
    };

    Entry* find(std::string_view name) {
        for (Entry& entry : values_)
            if (name == entry.spec->name) return &entry;
        return nullptr;
    }
    const Entry& get(std::string_view name, OptionType type) const {
        for (const Entry& entry : values_)
            if (name == entry.spec->name && entry.spec->type == type) return entry;
        throw std::logic_error("the rule reads option \"" + std::string(name) +
                               "\" it did not declare with that type");
    }
    static OptionError bad_value(const Entry& entry, const char* expected) {
        return OptionError("option \"" + std::string(entry.spec->name) + "\": \"" + entry.text +
                           "\" is not " + expected);
    }
    static long long parse_integer(const Entry& entry) {
        std::string_view text = entry.text;
        if (!text.empty() && text.front() == '+') text.remove_prefix(1);
        long long value = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || ec != std::errc() || end != text.data() + text.size())
            throw bad_value(entry, "an integer");
        return value;
    }
    static bool parse_boolean(const Entry& entry) {
        std::string lower;
        for (char c : entry.text) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        if (lower == "true" || lower == "yes" || lower == "on" || lower == "1") return true;
        if (lower == "false" || lower == "no" || lower == "off" || lower == "0") return false;
        throw bad_value(entry, "a boolean (true or false)");
    }

    std::vector<Entry> values_;
    std::string data_dir_;
    std::string audience_;
};

// Where a finding points: a question, a value, a byte offset in a value's text, or the whole contribution.
class Location {
public:
    Location(const Question& question) : question_(question.index()) {}
    Location(const Value& value) : question_(value.question()), value_(value.index()) {}
    Location(const Value& value, std::size_t text_offset)
        : question_(value.question()),
          value_(value.index()),
          offset_(static_cast<std::uint32_t>(text_offset)) {}
    // The contribution as a whole (no question).
    static Location whole_contribution() { return Location(); }
    // The whole run: the host reports it once, however many contributions and files (e.g. missing data).
    static Location whole_run() {
        Location location;
        location.scope_ = SC_SCOPE_RUN;
        return location;
    }
    // The same place, but the host never quotes the answer next to the finding (it may hold confidential
    // text).
    Location without_excerpt() const {
        Location location = *this;
        location.flags_ |= SC_FINDING_NO_EXCERPT;
        return location;
    }

private:
    Location() = default;
    friend class Reporter;
    std::uint32_t question_ = none;
    std::uint32_t value_ = none;
    std::uint32_t offset_ = none;
    std::uint32_t scope_ = SC_SCOPE_CONTRIBUTION;
    std::uint32_t flags_ = 0;
};

// Sends findings to the host; each finding is copied before `report` returns.
class Reporter {
public:
    explicit Reporter(sc_sink sink) : sink_(sink) {}
    // Report a finding at `where` with the rule's default severity.
    void report(Location where, std::string_view message, std::string_view hint = {},
                std::string_view discriminator = {}) {
        report(Severity::rule_default, where, message, hint, discriminator);
    }
    // Report a finding at `where` with `severity`; the discriminator tells findings on one question apart.
    void report(Severity severity, Location where, std::string_view message, std::string_view hint = {},
                std::string_view discriminator = {}) {
        emit(make_finding(severity, where, message, hint, discriminator));
    }
    // Report a finding whose message and hint have ids, so the host can show the rule's translations.
    void report(Location where, const Message& message, const Message& hint,
                std::string_view discriminator = {}) {
        report(Severity::rule_default, where, message, hint, discriminator);
    }
    // Report a finding with `severity` whose message and hint have ids.
    void report(Severity severity, Location where, const Message& message, const Message& hint,
                std::string_view discriminator = {}) {
        const std::string text = message.english();
        const std::string hint_text = hint.english();
        std::vector<sc_message_arg> args;
        for (const auto* list : {&message.args(), &hint.args()}) {
            for (const Arg& arg : *list) {
                args.push_back(sc_message_arg{sizeof(sc_message_arg), to_sc(arg.name), to_sc(arg.value)});
            }
        }
        sc_finding finding = make_finding(severity, where, text, hint_text, discriminator);
        finding.message_id = to_sc(message.id());
        finding.hint_id = to_sc(hint.id());
        finding.args = args.data();
        finding.arg_count = static_cast<std::uint32_t>(args.size());
        emit(finding);
    }
    // Number of findings reported so far.
    std::size_t count() const { return count_; }

private:
    static sc_finding make_finding(Severity severity, const Location& where, std::string_view message,
                                   std::string_view hint, std::string_view discriminator) {
        sc_finding finding{};
        finding.struct_size = sizeof(sc_finding);
        finding.severity = static_cast<std::uint32_t>(severity);
        finding.question = where.question_;
        finding.value = where.value_;
        finding.text_offset = where.offset_;
        finding.message = to_sc(message);
        finding.hint = to_sc(hint);
        finding.discriminator = to_sc(discriminator);
        finding.scope = where.scope_;
        finding.flags = where.flags_;
        return finding;
    }
    void emit(const sc_finding& finding) {
        if (sink_.emit != nullptr) sink_.emit(sink_.context, &finding);
        ++count_;
    }

    sc_sink sink_;
    std::size_t count_ = 0;
};

// Base of every rule: a pure function of (survey, contribution, options) to findings.
// A rule class has `static constexpr RuleInfo info` and a constructor taking `const Options&` or none.
class Rule {
public:
    virtual ~Rule() = default;
    // Check one contribution; may run on several threads at once, so keep it const and free of I/O.
    virtual void check(const Survey& survey, const Contribution& contribution, Reporter& reporter) const = 0;
};

inline std::string Message::english() const {
    std::vector<rulekit::MessageArg> args;
    for (const Arg& arg : args_) args.push_back(rulekit::MessageArg{arg.name, arg.value});
    return rulekit::format_message(text_, args);
}

}  // namespace surveycheck

#include "surveycheck/plugin_export.hpp"
