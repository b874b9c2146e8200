// A report as a sink: it takes a run one contribution at a time, in report order, and lets go of each as it
// can; sinks.hpp lists one per format.
#pragma once

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "report/file_spool.hpp"
#include "report/report.hpp"

namespace surveycheck::report {

// Where a report goes.
struct SinkTarget {
    std::ostream* out = nullptr;  // the report's stream
    int fd = -1;                  // the descriptor `out` writes to, for copies in the kernel; -1: none
    std::string spool_folder;     // where temporary files go (empty: the current folder)
    bool colour = false;          // text: ANSI colours
    bool flush_often = false;     // jsonl: flush after each batch (standard output)
};

// A target for a report written whole to `out` (no descriptor), its temporary files in TMPDIR.
SinkTarget target_of(std::ostream& out);

// Takes a run in report order and writes its report, holding no more than it must.
class Sink {
public:
    virtual ~Sink() = default;
    // The run starts: `report` holds the tool, its rules and threshold, and no file.
    virtual void begin(const RunReport& report) = 0;
    // A contribution of the current file, with its findings, in document order.
    virtual void contribution(const engine::ContributionSummary& contribution,
                              const std::vector<engine::Finding>& findings) = 0;
    // Findings of the current file that come with no contribution (a file's own, after its contributions').
    virtual void findings(const std::vector<engine::Finding>& findings) = 0;
    // The current file is done: `file` without contributions and findings, which numbered `contributions`.
    virtual void end_file(const engine::FileResult& file, std::size_t contributions) = 0;
    // Forget what the current file sent (it turned out unreadable).
    virtual void drop_file() = 0;
    // Write the report: `report.files` are the ended files, without contributions and findings, whose counts
    // are in `report.released`.
    virtual void finish(const RunReport& report) = 0;
};

// A sink that groups a file's findings per contribution and writes the file's own first (text, JUnit, HTML):
// the file waits in a FileSpool on disk, not in memory, and is given back one contribution at a time when it
// ends. Sinks keeps one FileSpool for all of them.
class GroupingSink : public Sink {
public:
    // `spool_folder`: where the file waits (empty: the current folder).
    explicit GroupingSink(const std::string& spool_folder);

    void contribution(const engine::ContributionSummary& contribution,
                      const std::vector<engine::Finding>& findings) override;
    void findings(const std::vector<engine::Finding>& findings) override;
    void end_file(const engine::FileResult& file, std::size_t contributions) override;
    void drop_file() override;

protected:
    friend class Sinks;  // feeds one FileSpool for every grouping sink
    // Findings of the current file as they come (each exactly once, for counts).
    virtual void arrived(const std::vector<engine::Finding>&) {}
    // The current file turned out unreadable.
    virtual void dropped() {}
    // The `index`-th ended file: its header and own findings, ...
    virtual void begin_file(const EndedFile& file, std::size_t index) = 0;
    // ... each of its contributions with every finding of its id (`first`: the first contribution of that id)
    virtual void file_contribution(const engine::ContributionSummary& contribution,
                                   const std::vector<const engine::Finding*>& findings, bool first) = 0;
    // ... and its end.
    virtual void end_of_file() = 0;

private:
    // Write the ended file that `spool` holds through every sink of `sinks`.
    static void write_file(FileSpool& spool, const std::vector<GroupingSink*>& sinks,
                           const engine::FileResult& file, std::size_t contributions);

    std::unique_ptr<FileSpool> spool_;  // null when a Sinks feeds it
    std::size_t ended_ = 0;
};

// Every sink of a run, fed at once, with the counts of what they were sent; one FileSpool serves every sink
// that groups a file per contribution.
class Sinks : public Sink {
public:
    // Add a sink.
    void add(std::unique_ptr<Sink> sink);
    // Counts of the contributions and findings of ended files.
    const Summary& counts() const { return counts_; }

    void begin(const RunReport& report) override;
    void contribution(const engine::ContributionSummary& contribution,
                      const std::vector<engine::Finding>& findings) override;
    void findings(const std::vector<engine::Finding>& findings) override;
    void end_file(const engine::FileResult& file, std::size_t contributions) override;
    void drop_file() override;
    void finish(const RunReport& report) override;

private:
    std::vector<std::unique_ptr<Sink>> sinks_;
    std::vector<Sink*> streaming_;         // those that take contributions as they come
    std::vector<GroupingSink*> grouping_;  // those that take files from `spool_`
    std::unique_ptr<FileSpool> spool_;     // the current file, for `grouping_`
    Summary current_;                      // counts of the current file
    Summary counts_;
};

// `file` without its contributions and findings: what end_file() takes.
engine::FileResult file_header(const engine::FileResult& file);

// Send a file held whole through `sink` as a streamed one comes: each contribution with the findings that
// follow it in `file.findings` and name it, then the rest (all of them, in their order).
void send_contents(Sink& sink, const engine::FileResult& file);

// How a file held whole is sent through a sink (its contributions and findings, not its end).
using FileSender = void (*)(Sink& sink, const engine::FileResult& file);

// Send a whole report, held in memory, through `sink`, each file by `send`.
void write_through(Sink& sink, const RunReport& report, FileSender send = send_contents);

}  // namespace surveycheck::report
