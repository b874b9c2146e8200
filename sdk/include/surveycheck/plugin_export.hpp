// The machinery behind SURVEYCHECK_PLUGIN: the sc_rule table, the C thunks and the exception wall.
// Included by plugin.hpp; a plugin author only writes the macro.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <string_view>
#include <type_traits>

#include "surveycheck/abi.h"
#include "surveycheck/plugin.hpp"

#if defined(_WIN32)
#define SURVEYCHECK_EXPORT __declspec(dllexport)
#else
#define SURVEYCHECK_EXPORT __attribute__((visibility("default")))
#endif

namespace surveycheck::detail {

// True when `name` is a non-empty [a-z0-9-]+ identifier.
constexpr bool valid_id(const char* name) {
    if (name == nullptr || *name == '\0') return false;
    for (; *name != '\0'; ++name)
        if (!((*name >= 'a' && *name <= 'z') || (*name >= '0' && *name <= '9') || *name == '-')) return false;
    return true;
}

constexpr bool same_text(const char* a, const char* b) {
    while (*a != '\0' && *a == *b) ++a, ++b;
    return *a == *b;
}

// True when no two of `ids` are equal.
template <std::size_t N>
constexpr bool all_distinct(const std::array<const char*, N>& ids) {
    for (std::size_t i = 0; i < N; ++i)
        for (std::size_t j = i + 1; j < N; ++j)
            if (same_text(ids[i], ids[j])) return false;
    return true;
}

// Copy `message` into the host's error buffer, truncated and NUL-terminated.
inline void write_error(sc_error_buffer error, std::string_view message) noexcept {
    if (error.data == nullptr || error.capacity == 0) return;
    std::size_t n = message.size() < error.capacity - 1 ? message.size() : error.capacity - 1;
    std::memcpy(error.data, message.data(), n);
    error.data[n] = '\0';
}

template <class R>
int create_rule(const sc_rule_config* config, void** instance, sc_error_buffer error) noexcept {
    try {
        if (instance == nullptr)
            throw std::invalid_argument("create called without a place for the instance");
        *instance = nullptr;
        Options options(config, R::info.options);
        if constexpr (std::is_constructible_v<R, const Options&>)
            *instance = static_cast<Rule*>(new R(options));
        else
            *instance = static_cast<Rule*>(new R());
        return SC_STATUS_OK;
    } catch (const OptionError& e) {
        write_error(error, e.what());
        return SC_STATUS_INVALID_OPTION;
    } catch (const std::exception& e) {
        write_error(error, e.what());
        return SC_STATUS_FAILED;
    } catch (...) {
        write_error(error, "unknown exception while creating the rule");
        return SC_STATUS_FAILED;
    }
}

inline int check_rule(void* instance, const sc_survey* survey, const sc_contribution* contribution,
                      sc_sink sink, sc_error_buffer error) noexcept {
    try {
        if (instance == nullptr || survey == nullptr || contribution == nullptr)
            throw std::invalid_argument("check called without an instance, a survey or a contribution");
        Reporter reporter(sink);
        static_cast<const Rule*>(instance)->check(Survey(survey), Contribution(contribution), reporter);
        return SC_STATUS_OK;
    } catch (const std::exception& e) {
        write_error(error, e.what());
        return SC_STATUS_FAILED;
    } catch (...) {
        write_error(error, "unknown exception while checking");
        return SC_STATUS_FAILED;
    }
}

inline void destroy_rule(void* instance) noexcept { delete static_cast<Rule*>(instance); }

// The constant sc_rule entry of rule class R.
template <class R>
struct RuleExport {
    static_assert(std::is_base_of_v<Rule, R>,
                  "SURVEYCHECK_PLUGIN: a rule must derive from surveycheck::Rule");
    static_assert(valid_id(R::info.id), "SURVEYCHECK_PLUGIN: a rule id must match [a-z0-9-]+");
    static_assert(std::is_constructible_v<R, const Options&> || std::is_default_constructible_v<R>,
                  "SURVEYCHECK_PLUGIN: a rule needs a constructor taking `const Options&` or none");

    static constexpr std::size_t option_count = R::info.options.size();

    static constexpr std::array<sc_option_info, option_count> make_options() {
        std::array<sc_option_info, option_count> out{};
        for (std::size_t i = 0; i < option_count; ++i) {
            const OptionSpec& spec = R::info.options[i];
            out[i] = sc_option_info{sizeof(sc_option_info), spec.name, static_cast<std::uint32_t>(spec.type),
                                    spec.default_value ? spec.default_value : "",
                                    spec.description ? spec.description : ""};
        }
        return out;
    }
    static constexpr std::array<sc_option_info, option_count> options = make_options();

    static constexpr std::size_t translation_count = R::info.translations.size();

    static constexpr std::array<sc_translation, translation_count> make_translations() {
        std::array<sc_translation, translation_count> out{};
        for (std::size_t i = 0; i < translation_count; ++i) {
            const Translation& t = R::info.translations[i];
            out[i] = sc_translation{sizeof(sc_translation), t.lang, t.key, t.text};
        }
        return out;
    }
    static constexpr std::array<sc_translation, translation_count> translations = make_translations();

    static constexpr sc_rule entry() {
        return sc_rule{sizeof(sc_rule),
                       R::info.id,
                       R::info.title ? R::info.title : "",
                       R::info.description ? R::info.description : "",
                       static_cast<std::uint32_t>(R::info.default_severity),
                       R::info.docs_url ? R::info.docs_url : "",
                       option_count ? options.data() : nullptr,
                       static_cast<std::uint32_t>(option_count),
                       &create_rule<R>,
                       &check_rule,
                       &destroy_rule,
                       translation_count ? translations.data() : nullptr,
                       static_cast<std::uint32_t>(translation_count)};
    }
};

// The constant rule table of a plugin.
template <class... Rs>
struct PluginExport {
    static_assert(sizeof...(Rs) > 0, "SURVEYCHECK_PLUGIN: a plugin needs at least one rule");
    static_assert(all_distinct(std::array<const char*, sizeof...(Rs)>{Rs::info.id...}),
                  "SURVEYCHECK_PLUGIN: two rules share an id");
    static constexpr std::array<sc_rule, sizeof...(Rs)> rules{RuleExport<Rs>::entry()...};
};

}  // namespace surveycheck::detail

// Define and export the plugin's entry object: name ([a-z0-9-]+), version, one-line description, rule
// classes.
#define SURVEYCHECK_PLUGIN(name, version, description, ...)             \
    static_assert(::surveycheck::detail::valid_id(name),                \
                  "SURVEYCHECK_PLUGIN: the plugin name must match "     \
                  "[a-z0-9-]+");                                        \
    extern "C" SURVEYCHECK_EXPORT const sc_plugin surveycheck_plugin;   \
    const sc_plugin surveycheck_plugin = {                              \
        sizeof(sc_plugin),                                              \
        SC_ABI_VERSION_MAJOR,                                           \
        SC_ABI_VERSION_MINOR,                                           \
        name,                                                           \
        version,                                                        \
        description,                                                    \
        ::surveycheck::detail::PluginExport<__VA_ARGS__>::rules.data(), \
        static_cast<std::uint32_t>(::surveycheck::detail::PluginExport<__VA_ARGS__>::rules.size())}
