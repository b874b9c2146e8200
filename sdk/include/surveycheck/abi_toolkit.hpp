// The C-view toolkit: what code that reads, copies or builds the structures of abi.h needs to know about
// them, in one place for the plugin side (survey_view.hpp), the host (its engine and its worker protocol) and
// the test harness (testing/). Fields<T> walks a struct's data fields as abi.h lists them
// (SC_<STRUCT>_FIELDS), so code that copies or serialises a struct, like the worker protocol, follows abi.h
// without being edited.
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

// The data fields of ABI struct T, as a tuple of member pointers in declaration order: abi.h's
// SC_<STRUCT>_FIELDS list, so a field appended there reaches every walker of the struct
// (tests/rules/abi_toolkit_test.cpp checks that each list reaches its struct's end).
template <class T>
struct Fields;

// One member pointer of an SC_<STRUCT>_FIELDS list, as a one-element tuple after a comma.
#define SURVEYCHECK_ABI_MEMBER(field) , std::make_tuple(&Struct::field)
// Fields<type> from the list `fields`.
#define SURVEYCHECK_ABI_FIELDS(type, fields)                                                        \
    template <>                                                                                     \
    struct Fields<type> {                                                                           \
        using Struct = type;                                                                        \
        static constexpr auto list = std::tuple_cat(std::tuple<>() fields(SURVEYCHECK_ABI_MEMBER)); \
    };
SURVEYCHECK_ABI_FIELDS(sc_item, SC_ITEM_FIELDS)
SURVEYCHECK_ABI_FIELDS(sc_role, SC_ROLE_FIELDS)
SURVEYCHECK_ABI_FIELDS(sc_section, SC_SECTION_FIELDS)
SURVEYCHECK_ABI_FIELDS(sc_question, SC_QUESTION_FIELDS)
SURVEYCHECK_ABI_FIELDS(sc_survey, SC_SURVEY_FIELDS)
SURVEYCHECK_ABI_FIELDS(sc_attribute, SC_ATTRIBUTE_FIELDS)
SURVEYCHECK_ABI_FIELDS(sc_value, SC_VALUE_FIELDS)
SURVEYCHECK_ABI_FIELDS(sc_contribution, SC_CONTRIBUTION_FIELDS)
SURVEYCHECK_ABI_FIELDS(sc_message_arg, SC_MESSAGE_ARG_FIELDS)
SURVEYCHECK_ABI_FIELDS(sc_finding, SC_FINDING_FIELDS)
SURVEYCHECK_ABI_FIELDS(sc_option_value, SC_OPTION_VALUE_FIELDS)
#undef SURVEYCHECK_ABI_FIELDS
#undef SURVEYCHECK_ABI_MEMBER

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
