// The format registry and the sinks' streaming contract: a file sent one contribution at a time, or dropped,
// writes the bytes the whole report would.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
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

// Each contribution with no findings, then every finding of the file.
void send_findings_last(Sink& sink, const engine::FileResult& file) {
    for (const auto& contribution : file.contributions) sink.contribution(contribution, {});
    sink.findings(file.findings);
}

// The report written by a sink of `format` that is sent each file by `send`.
std::string write_by(const SinkFormat& format, const RunReport& report, FileSender send) {
    std::ostringstream out;
    const auto sink = format.make(SinkTarget{&out, -1, default_spool_folder(), false, false});
    write_through(*sink, report, send);
    return out.str();
}

std::string write_whole(const SinkFormat& format, const RunReport& report) {
    return write_by(format, report, send_findings_last);
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

// A file as validate sends it: contributions one at a time with their findings, then the file's own.
void send_streamed(Sink& sink, const engine::FileResult& file) { send_contents(sink, file); }

// The same after an export that turned out unreadable halfway: nothing of it may remain.
void send_after_a_dropped_file(Sink& sink, const engine::FileResult& file) {
    sink.contribution(test::contribution("gone", "Gone", "2020", 3),
                      {test::full_finding("gone.xml", "gone", "mandatory-fields/missing",
                                          engine::Severity::error, "ffff")});
    sink.drop_file();
    send_contents(sink, file);
}

TEST(Sinks, EveryFormatWritesTheSameBytesStreamedOneContributionAtATime) {
    const RunReport report = test::sample_report();
    for (const auto& format : sink_formats()) {
        EXPECT_EQ(write_by(format, report, send_streamed), write_whole(format, report)) << format.name;
    }
}

TEST(Sinks, ADroppedFileLeavesNoTraceInAnyFormatButJsonLines) {
    const RunReport report = test::sample_report();
    for (const auto& format : sink_formats()) {
        const std::string streamed = write_by(format, report, send_after_a_dropped_file);
        const bool has_gone =
            streamed.find("Gone") != std::string::npos || streamed.find("ffff") != std::string::npos;
        EXPECT_EQ(has_gone, format.name == "jsonl") << format.name;  // lines already written stay written
        if (format.name != "jsonl") {
            EXPECT_EQ(streamed, write_whole(format, report)) << format.name;
        }
    }
}

// A file whose findings a report must regroup: a repeated contribution id, a contribution without an id,
// findings sent with another contribution, with the file's own, and naming no contribution of the file.
RunReport regrouped_report() {
    RunReport report = test::sample_report();
    engine::FileResult file;
    file.path = "regrouped.xml";
    file.contributions = {test::contribution("d-1", "First", "2020", 3), test::contribution("d-2", "", "", 9),
                          test::contribution("d-1", "Again", "2021", 20), test::contribution("", "", "", 30),
                          test::contribution("d-3", "Third", "", 40)};
    const auto finding = [&](const std::string& contribution, engine::Severity severity, const char* print) {
        file.findings.push_back(
            test::full_finding(file.path, contribution, "mandatory-fields/missing", severity, print));
    };
    finding("d-1", engine::Severity::error, "1000000000000001");
    finding("d-1", engine::Severity::warning, "1000000000000002");
    finding("d-2", engine::Severity::info, "1000000000000003");
    finding("d-1", engine::Severity::error, "1000000000000004");  // sent with the second d-1
    finding("d-3", engine::Severity::error, "1000000000000005");  // sent with it, then its own
    finding("", engine::Severity::error, "1000000000000006");
    finding("d-3", engine::Severity::info, "1000000000000007");
    finding("d-2", engine::Severity::warning, "1000000000000008");  // after the file's own
    finding("nowhere", engine::Severity::error, "1000000000000009");
    finding("", engine::Severity::warning, "100000000000000a");
    finding("nowhere", engine::Severity::info, "100000000000000b");
    finding("d-1", engine::Severity::info, "100000000000000c");
    file.findings[2].suppressed = true;
    file.findings[2].suppression = {"Fine", "j.smith", "2026-12-31"};
    report.files.insert(report.files.begin() + 1, file);
    return report;
}

// Every finding of the file sent with its first contribution; the others with none.
void send_with_the_first(Sink& sink, const engine::FileResult& file) {
    for (std::size_t i = 0; i < file.contributions.size(); ++i) {
        sink.contribution(file.contributions[i], i == 0 ? file.findings : std::vector<engine::Finding>{});
    }
    sink.findings(file.contributions.empty() ? file.findings : std::vector<engine::Finding>{});
}

TEST(Sinks, FindingsOfARepeatedOrEarlierContributionAreGroupedWhicheverWayTheyCome) {
    const RunReport report = regrouped_report();
    for (const auto& format : sink_formats()) {
        const std::string whole = write_whole(format, report);
        EXPECT_EQ(write_by(format, report, send_streamed), whole) << format.name;
        EXPECT_EQ(write_by(format, report, send_with_the_first), whole) << format.name;
    }
    const auto text = find_sink_format("text");
    const std::string written = write_whole(*text, report);
    // Each contribution of a repeated id lists every finding of that id; findings naming no contribution of
    // the file are left out of the text report.
    EXPECT_NE(written.find("contribution d-1 — First, 2020 (line 3): 4 findings"), std::string::npos)
        << written;
    EXPECT_NE(written.find("contribution d-1 — Again, 2021 (line 20): 4 findings"), std::string::npos);
    EXPECT_NE(written.find("contribution d-2 (line 9): 2 findings"), std::string::npos);
    EXPECT_NE(written.find("contribution  (line 30): no findings"), std::string::npos);
    EXPECT_NE(written.find("regrouped.xml (5 contributions)"), std::string::npos);
    // JUnit: the first contribution of an id takes its findings, an id of no contribution is a testcase.
    const std::string junit = write_whole(*find_sink_format("junit"), report);
    EXPECT_NE(junit.find("<testcase name=\"nowhere\" classname=\"regrouped.xml\""), std::string::npos)
        << junit;
    EXPECT_NE(junit.find("<testcase name=\"d-1 (Again, 2021)\" classname=\"regrouped.xml\" time=\"0\" />"),
              std::string::npos);
    // HTML: findings of no contribution are about the whole file.
    const std::string html = write_whole(*find_sink_format("html"), report);
    EXPECT_NE(html.find("contribution nowhere, "), std::string::npos);
}

TEST(Sinks, ADroppedFileLeavesNoSpoolInTheSpoolFolder) {
    const std::filesystem::path folder =
        std::filesystem::temp_directory_path() / ("surveycheck-sinks-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    const RunReport report = regrouped_report();
    for (const auto& format : sink_formats()) {
        std::ostringstream streamed;
        Sinks sinks;
        sinks.add(format.make(SinkTarget{&streamed, -1, folder.string(), false, false}));
        write_through(sinks, report, send_after_a_dropped_file);
        EXPECT_TRUE(std::filesystem::is_empty(folder)) << format.name;
        if (format.name != "jsonl") {
            EXPECT_EQ(streamed.str(), write_whole(format, report)) << format.name;
        }
    }
    std::filesystem::remove_all(folder);
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
