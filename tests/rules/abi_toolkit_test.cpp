// surveycheck/abi_toolkit.hpp: every ABI struct's field list covers the struct to its last byte, so a field
// appended to abi.h and not to its list fails here; and the helpers read and build structs by struct_size.
#include "surveycheck/abi_toolkit.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace {

namespace abi = surveycheck::abi;

// The end of the last byte of any of `s`'s data fields (abi::Fields) or of `others` (its arrays and counts).
template <class T, class... Others>
std::size_t end_of_fields(const T& s, Others... others) {
    const auto end = [&](const auto& field) {
        return static_cast<std::size_t>(reinterpret_cast<const char*>(&field) -
                                        reinterpret_cast<const char*>(&s)) +
               sizeof(field);
    };
    std::size_t last = sizeof(s.struct_size);
    abi::for_each_field<T>([&](auto member) { last = std::max(last, end(s.*member)); });
    ((last = std::max(last, end(s.*others))), ...);
    return last;
}

// True when the listed fields reach the end of T (up to its trailing padding).
template <class T, class... Others>
bool covers(Others... others) {
    const T s{};
    const std::size_t last = end_of_fields(s, others...);
    return (last + alignof(T) - 1) / alignof(T) * alignof(T) == sizeof(T);
}

TEST(AbiToolkit, FieldListsReachTheEndOfEveryStruct) {
    EXPECT_TRUE(covers<sc_item>());
    EXPECT_TRUE(covers<sc_role>());
    EXPECT_TRUE(covers<sc_section>());
    EXPECT_TRUE((covers<sc_question>(&sc_question::roles, &sc_question::role_count, &sc_question::choices,
                                     &sc_question::choice_count, &sc_question::rows, &sc_question::row_count,
                                     &sc_question::columns, &sc_question::column_count)));
    EXPECT_TRUE((covers<sc_survey>(&sc_survey::sections, &sc_survey::section_count, &sc_survey::questions,
                                   &sc_survey::question_count)));
    EXPECT_TRUE(covers<sc_attribute>());
    EXPECT_TRUE(covers<sc_value>());
    EXPECT_TRUE((covers<sc_contribution>(
        &sc_contribution::attributes, &sc_contribution::attribute_count, &sc_contribution::values,
        &sc_contribution::value_count, &sc_contribution::first_value, &sc_contribution::value_count_of,
        &sc_contribution::shown, &sc_contribution::notes, &sc_contribution::note_count)));
    EXPECT_TRUE(covers<sc_message_arg>());
    EXPECT_TRUE((covers<sc_finding>(&sc_finding::args, &sc_finding::arg_count)));
    EXPECT_TRUE(covers<sc_option_value>());
}

TEST(AbiToolkit, ListThatStopsShortOfTheStructsEndIsCaught) {
    // As when abi.h grows and the list does not: sc_finding's list without its trailing args and count.
    EXPECT_FALSE(covers<sc_finding>());
    EXPECT_FALSE((covers<sc_finding>(&sc_finding::args)));
}

TEST(AbiToolkit, HasFieldFollowsTheWritersStructSize) {
    sc_value value = abi::sized<sc_value>();
    EXPECT_EQ(value.struct_size, sizeof(sc_value));
    EXPECT_TRUE(abi::has_field(value, value.aid));
    value.struct_size = static_cast<std::uint32_t>(offsetof(sc_value, aid));  // a 1.0 writer
    EXPECT_FALSE(abi::has_field(value, value.aid));
    EXPECT_TRUE(abi::has_field(value, value.column));
}

TEST(AbiToolkit, ElementStepsByTheWritersStructSize) {
    struct Longer {
        sc_item item;
        std::uint64_t appended;  // a field of a newer minor
    };
    Longer items[2] = {};
    for (Longer& l : items) l.item.struct_size = sizeof(Longer);
    const std::string second = "second";
    items[1].item.uid = surveycheck::to_sc(second);
    EXPECT_EQ(surveycheck::view(abi::element(&items[0].item, 1).uid), "second");
}

TEST(AbiToolkit, RuleConfigPointsAtItsOptionsDataFolderAndAudience) {
    const std::vector<std::pair<std::string, std::string>> options{{"min-words", "5"}, {"strict", "true"}};
    const abi::RuleConfig config(options, "/data", "public");
    const sc_rule_config* c = config.get();
    EXPECT_EQ(c->struct_size, sizeof(sc_rule_config));
    ASSERT_EQ(c->option_count, 2u);
    EXPECT_EQ(c->options[0].struct_size, sizeof(sc_option_value));
    EXPECT_EQ(surveycheck::view(c->options[1].name), "strict");
    EXPECT_EQ(surveycheck::view(c->options[0].value), "5");
    EXPECT_EQ(surveycheck::view(c->data_dir), "/data");
    EXPECT_EQ(surveycheck::view(c->audience), "public");
}

}  // namespace
