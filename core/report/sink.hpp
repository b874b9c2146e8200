// A report as a sink: it takes a run one contribution at a time, in report order, and lets go of each as it
// can; sinks.hpp lists one per format.
#pragma once

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

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

// A sink that needs a file whole (findings grouped per contribution): it keeps the current file, and only it.
class WholeFileSink : public Sink {
public:
    void contribution(const engine::ContributionSummary& contribution,
                      const std::vector<engine::Finding>& findings) override;
    void findings(const std::vector<engine::Finding>& findings) override;
    void end_file(const engine::FileResult& file, std::size_t contributions) override;
    void drop_file() override;

protected:
    friend class Sinks;  // buffers a file once for all its whole-file sinks
    // Write a whole file, the `index`-th ended one.
    virtual void file(const engine::FileResult& file, std::size_t index) = 0;

private:
    // The current file whole, under `header`; the buffer starts empty again.
    engine::FileResult take(const engine::FileResult& header);

    engine::FileResult current_;
    std::size_t ended_ = 0;
};

// Every sink of a run, fed at once, with the counts of what they were sent; one copy of the current file
// serves every sink that needs it whole.
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
    std::vector<Sink*> streaming_;       // those that take contributions as they come
    std::vector<WholeFileSink*> whole_;  // those that take files whole, from `file_`
    Summary current_;                    // counts of the current file
    Summary counts_;
};

// `file` without its contributions and findings: what end_file() takes.
engine::FileResult file_header(const engine::FileResult& file);

// Send a whole report, held in memory, through `sink`.
void write_through(Sink& sink, const RunReport& report);

}  // namespace surveycheck::report
