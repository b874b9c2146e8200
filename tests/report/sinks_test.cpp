// The format registry and the sinks' streaming contract: a file sent one contribution at a time, or dropped,
// writes the bytes the whole report would.
#include <gtest/gtest.h>

#include <cstdlib>

#include <fstream>
#include <set>
#include <sstream>

#include "report/sinks.hpp"
#include "report/spool.hpp"
#include "sample_report.hpp"

namespace surveycheck::report {
namespace {

// JUnit stamps its suites with the time of writing (to the second): the reports compared here are written
// moments apart, so they are given one fixed time.
const bool fixed_time = ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1) == 0;

std::string write_whole(const SinkFormat& format, const RunReport& report) {
    std::ostringstream out;
    SinkTarget target{&out, -1, default_spool_folder(), false, false};
    const auto sink = format.make(target);
    write_through(*sink, report);
    return out.str();
}

TEST(Sinks, RegistryNamesEachFormatOnceWithAFactoryAndExtension) {
    std::set<std::string> names;
    for (const auto& format : sink_formats()) {
        EXPECT_TRUE(names.insert(format.name).second) << format.name;
        EXPECT_NE(format.make, nullptr) << format.name;
        EXPECT_EQ(format.extension.front(), '.') << format.name;
        EXPECT_FALSE(format.description.empty()) << format.name;
        EXPECT_EQ(find_sink_format(format.name), &format);
    }
    EXPECT_EQ(find_sink_format("yaml"), nullptr);
    EXPECT_EQ(sink_format_names(), "text, json, jsonl, sarif, junit or html");
}

TEST(Sinks, DocsListEveryFormatOfTheRegistry) {
    std::ifstream in(std::string(SURVEYCHECK_SOURCE_DIR) + "/docs/formats.md");
    std::stringstream docs;
    docs << in.rdbuf();
    std::string table = "| format | extension | what it is |\n|---|---|---|\n";
    for (const auto& format : sink_formats()) {
        table += "| `" + format.name + "` | `" + format.extension + "` | " + format.description + " |\n";
    }
    EXPECT_NE(docs.str().find(table), std::string::npos) << "docs/formats.md should list:\n" << table;
}

// A run as validate sends it: contributions one at a time with their findings, then each file's own.
void send_streamed(Sink& sink, const RunReport& report, bool with_dropped_file) {
    RunReport rest;
    rest.tool_version = report.tool_version;
    rest.rules = report.rules;
    rest.fail_on = report.fail_on;
    sink.begin(rest);
    rest.released = report.released;
    for (const auto& file : report.files) {
        if (with_dropped_file) {  // an export that turned out unreadable halfway: nothing of it may remain
            sink.contribution(test::contribution("gone", "Gone", "2020", 3),
                              {test::full_finding("gone.xml", "gone", "mandatory-fields/missing",
                                                  engine::Severity::error, "ffff")});
            sink.drop_file();
        }
        std::vector<engine::Finding> own;
        std::size_t next = 0;
        for (const auto& contribution : file.contributions) {
            std::vector<engine::Finding> findings;
            while (next < file.findings.size() && file.findings[next].contribution == contribution.id) {
                findings.push_back(file.findings[next++]);
            }
            sink.contribution(contribution, findings);
            rest.released.contributions += 1;
        }
        own.assign(file.findings.begin() + static_cast<std::ptrdiff_t>(next), file.findings.end());
        sink.findings(own);
        for (const auto& finding : file.findings) count_finding(finding, rest.released);
        rest.files.push_back(file_header(file));
        sink.end_file(rest.files.back(), file.contributions.size());
    }
    rest.run_findings = report.run_findings;
    rest.problems = report.problems;
    rest.baseline = report.baseline;
    sink.finish(rest);
}

TEST(Sinks, EveryFormatWritesTheSameBytesStreamedOneContributionAtATime) {
    const RunReport report = test::sample_report();
    for (const auto& format : sink_formats()) {
        std::ostringstream streamed;
        const auto sink = format.make(SinkTarget{&streamed, -1, default_spool_folder(), false, false});
        send_streamed(*sink, report, false);
        EXPECT_EQ(streamed.str(), write_whole(format, report)) << format.name;
    }
}

TEST(Sinks, ADroppedFileLeavesNoTraceInAnyFormatButJsonLines) {
    const RunReport report = test::sample_report();
    for (const auto& format : sink_formats()) {
        std::ostringstream streamed;
        const auto sink = format.make(SinkTarget{&streamed, -1, default_spool_folder(), false, false});
        send_streamed(*sink, report, true);
        const bool has_gone = streamed.str().find("Gone") != std::string::npos ||
                              streamed.str().find("ffff") != std::string::npos;
        EXPECT_EQ(has_gone, format.name == "jsonl") << format.name;  // lines already written stay written
        if (format.name != "jsonl") {
            EXPECT_EQ(streamed.str(), write_whole(format, report)) << format.name;
        }
    }
}

TEST(Sinks, ASpoolThatCannotBeMadeIsASpoolErrorNamingTheFolder) {
    try {
        Spool spool("/nonexistent-surveycheck-folder");
        FAIL() << "no error";
    } catch (const SpoolError& error) {
        EXPECT_NE(std::string(error.what()).find("/nonexistent-surveycheck-folder"), std::string::npos);
    }
}

TEST(Sinks, ASpoolCutBackAndDrainedGivesWhatWasKept) {
    Spool spool(default_spool_folder());
    spool.buffer = std::string(spool_piece + 10, 'a');
    spool.flush(true);
    spool.buffer = "bcd";
    spool.cut(5);
    spool.buffer += "e";
    std::ostringstream out;
    spool.drain(out, -1);
    EXPECT_EQ(out.str(), "aaaaae");
    EXPECT_EQ(spool.size(), 0u);
}

}  // namespace
}  // namespace surveycheck::report
