// The C-view toolkit: what code that reads, copies or builds the structures of abi.h needs to know about
// them, in one place for the plugin side (survey_view.hpp), the host (its engine and its worker protocol) and
// the test harness (testing/). Each struct's data fields are listed once here (Fields<T>), so code that walks
// them, like the worker protocol, follows abi.h without being edited.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "surveycheck/abi.h"
#include "surveycheck/sc_str.hpp"

namespace surveycheck::abi {

// The data fields (uint32_t and sc_str members, in declaration order) of ABI struct T; struct_size, array
// pointers and their counts are not data fields. Specialised for every struct that crosses in both
// directions; a field appended to abi.h is appended here too (tests/rules/abi_toolkit_test.cpp checks it).
template <class T>
struct Fields;

template <>
struct Fields<sc_item> {
    static constexpr auto list = std::make_tuple(&sc_item::uid, &sc_item::bid, &sc_item::title);
};
template <>
struct Fields<sc_role> {
    static constexpr auto list = std::make_tuple(&sc_role::name, &sc_role::format);
};
template <>
struct Fields<sc_section> {
    static constexpr auto list =
        std::make_tuple(&sc_section::key, &sc_section::uid, &sc_section::title, &sc_section::confidential);
};
template <>
struct Fields<sc_question> {
    static constexpr auto list =
        std::make_tuple(&sc_question::kind, &sc_question::requirement, &sc_question::section,
                        &sc_question::dependent, &sc_question::key, &sc_question::uid, &sc_question::bid,
                        &sc_question::title, &sc_question::type, &sc_question::confidential);
};
template <>
struct Fields<sc_survey> {
    static constexpr auto list = std::make_tuple(&sc_survey::uid, &sc_survey::alias, &sc_survey::lang);
};
template <>
struct Fields<sc_attribute> {
    static constexpr auto list = std::make_tuple(&sc_attribute::name, &sc_attribute::value);
};
template <>
struct Fields<sc_value> {
    static constexpr auto list =
        std::make_tuple(&sc_value::question, &sc_value::row, &sc_value::choice, &sc_value::text,
                        &sc_value::line, &sc_value::column, &sc_value::aid);
};
template <>
struct Fields<sc_contribution> {
    static constexpr auto list = std::make_tuple(&sc_contribution::id);
};
template <>
struct Fields<sc_message_arg> {
    static constexpr auto list = std::make_tuple(&sc_message_arg::name, &sc_message_arg::value);
};
template <>
struct Fields<sc_finding> {
    static constexpr auto list = std::make_tuple(
        &sc_finding::severity, &sc_finding::question, &sc_finding::value, &sc_finding::text_offset,
        &sc_finding::message, &sc_finding::hint, &sc_finding::discriminator, &sc_finding::scope,
        &sc_finding::flags, &sc_finding::message_id, &sc_finding::hint_id);
};
template <>
struct Fields<sc_option_value> {
    static constexpr auto list = std::make_tuple(&sc_option_value::name, &sc_option_value::value);
};

// Calls `visit(member)` with a pointer to each data field of T, in order.
template <class T, class Visit>
void for_each_field(Visit&& visit) {
    std::apply([&](auto... member) { (visit(member), ...); }, Fields<T>::list);
}

// Number of data fields of T.
template <class T>
constexpr std::size_t field_count() {
    return std::tuple_size<decltype(Fields<T>::list)>::value;
}

// A T with struct_size set to this SDK's size and every other field zero.
template <class T>
T sized() {
    T value{};
    value.struct_size = sizeof(T);
    return value;
}

// True when `field` of `s` lies inside the struct_size its writer set (fields appended by a newer minor).
template <class T, class Field>
bool has_field(const T& s, const Field& field) {
    const auto end =
        static_cast<std::size_t>(reinterpret_cast<const char*>(&field) - reinterpret_cast<const char*>(&s)) +
        sizeof(Field);
    return s.struct_size >= end;
}

// Element `index` of an array the other side wrote; the stride is the element's struct_size, so a newer
// writer's longer structs and an older one's shorter ones work (read appended fields only through has_field).
template <class T>
const T& element(const T* base, std::uint32_t index) {
    const std::size_t stride = base->struct_size != 0 ? base->struct_size : sizeof(T);
    return *reinterpret_cast<const T*>(reinterpret_cast<const char*>(base) + stride * index);
}

// An sc_rule_config over options (NAME, VALUE), a data folder and an audience, which must outlive it.
class RuleConfig {
public:
    RuleConfig(const std::vector<std::pair<std::string, std::string>>& options, std::string_view data_dir,
               std::string_view audience) {
        for (const auto& [name, value] : options) {
            sc_option_value option = sized<sc_option_value>();
            option.name = to_sc(name);
            option.value = to_sc(value);
            values_.push_back(option);
        }
        config_ = sized<sc_rule_config>();
        config_.options = values_.data();
        config_.option_count = static_cast<std::uint32_t>(values_.size());
        config_.data_dir = to_sc(data_dir);
        config_.audience = to_sc(audience);
    }
    RuleConfig(const RuleConfig&) = delete;
    RuleConfig& operator=(const RuleConfig&) = delete;
    // The config to pass to sc_rule.create.
    const sc_rule_config* get() const { return &config_; }

private:
    std::vector<sc_option_value> values_;
    sc_rule_config config_{};
};

}  // namespace surveycheck::abi
