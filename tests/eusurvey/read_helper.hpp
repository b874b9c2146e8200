// Test helper: reads an inline export and fails the test when it is not read.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "eusurvey/reader.hpp"

namespace surveycheck::eusurvey::testing {

// The XML declaration and root every inline export in these tests starts with.
inline std::string results(const std::string& elements, const std::string& answer_sets) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Results create=\"2025-03-14_09-05-33\">"
           "<Survey id=\"1\" uid=\"su\" alias=\"test\"><Elements lang=\"EN\">" +
           elements + "</Elements></Survey><Answers>" + answer_sets + "</Answers></Results>";
}

inline Export read_ok(const std::string& xml) {
    Export out;
    const ReadResult result = read_export_buffer(xml, "inline.xml", out);
    EXPECT_TRUE(result) << result.position.line << ":" << result.position.column << ": "
                        << result.description;
    return out;
}

inline Export read_fixture(const std::string& name) {
    Export out;
    const ReadResult result = read_export_file(std::string(SURVEYCHECK_TEST_DATA) + "/eusurvey/" + name, out);
    EXPECT_TRUE(result) << name << ":" << result.position.line << ":" << result.position.column << ": "
                        << result.description;
    return out;
}

}  // namespace surveycheck::eusurvey::testing
