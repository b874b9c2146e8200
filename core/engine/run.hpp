// The run of a validation: its inputs in order, each read whole or streamed, checked by the engine, every
// finding passed through one pipeline (waivers, translation, baseline) and committed in input order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/baseline.hpp"
#include "engine/engine.hpp"
#include "engine/grouping.hpp"
#include "engine/translate.hpp"
#include "engine/waivers.hpp"

namespace surveycheck::engine {

// What becomes of every finding of a run, in this order: waivers mark it, it is translated, a copy of each is
// kept for --write-baseline when asked, the baseline marks what it knows, findings of one rule on one answer
// are grouped, what the baseline knows is dropped (a group only when it knows every occurrence), and each
// contribution's findings are put in policy order. (Severity overrides are the rule set's: findings are born
// with them.)
class FindingPipeline {
public:
    // `baseline` may be null (no --baseline); `keep_copies` for --write-baseline.
    FindingPipeline(WaiverSet waivers, const Translator& translator, std::unique_ptr<BaselineFilter> baseline,
                    bool keep_copies);
    ~FindingPipeline();

    // Pass `findings`, of one contribution or with none, through the pipeline.
    void apply(std::vector<Finding>& findings);
    // Pass the findings of `file` through the pipeline a contribution at a time (as a streamed file's come,
    // so contributions that repeat an id stay apart), then its own.
    void apply(FileResult& file);

    // What the pipeline had remembered at a point, to forget what a file that turns out unreadable sent.
    struct Checkpoint {
        WaiverSet waivers;                         // with their uses
        std::unique_ptr<BaselineFilter> baseline;  // with what it found; null without a baseline
        std::size_t copies = 0;
    };
    // Remember the pipeline's state now.
    Checkpoint checkpoint() const;
    // Go back to `checkpoint`.
    void restore(const Checkpoint& checkpoint);

    // The run's own findings at its end: the waivers' findings join `run_findings`, and all go through the
    // pipeline.
    void finish_run(std::vector<Finding>& run_findings, const RuleSet& rules);

    // The baseline in use, or null.
    const BaselineFilter* baseline() const { return baseline_.get(); }
    // Copies of every finding that went through, for --write-baseline (empty unless kept).
    const std::vector<Finding>& copies() const { return copies_; }

private:
    WaiverSet waivers_;
    const Translator& translator_;
    FindingGrouper grouper_;
    std::unique_ptr<BaselineFilter> baseline_;
    bool keep_copies_;
    std::vector<Finding> copies_;
};

// One input of a run: a path ("-" for standard input), or why it is refused.
struct RunInput {
    std::string path;
    std::string refused;  // empty unless it is not to be read (a symbolic link out of its folder)
};

// Takes a run's files in input order, each as its contributions then its end.
class RunOutput {
public:
    virtual ~RunOutput() = default;
    // A streamed file begins: its contributions follow one by one (files read whole are not announced).
    virtual void begin_streamed_file(const std::string& path) { (void)path; }
    // A contribution of the current file, its findings through the pipeline.
    virtual void contribution(const ContributionSummary& contribution,
                              const std::vector<Finding>& findings) = 0;
    // The current file ends: `file` holds its findings with no contribution (through the pipeline), its
    // contributions if they were not sent one by one, and its run findings; `streamed` counts those sent.
    virtual void end_file(FileResult& file, std::size_t streamed) = 0;
    // Forget what the current file sent: it turned out unreadable (end_file follows with it so).
    virtual void drop_file() = 0;
};

// How a run reads and checks.
struct RunOptions {
    unsigned jobs = 1;                         // threads
    std::uintmax_t stream_threshold = 0;       // exports of this many bytes or more are streamed; 0: never
    const std::string* stdin_bytes = nullptr;  // standard input, read before the run, for the input "-"
};

// Validate `inputs` in order with `engine`, passing findings through `pipeline` and committing every file to
// `output` in input order: a streamed export alone with every thread on its contributions, consecutive other
// inputs together, one per thread.
void run_inputs(const std::vector<RunInput>& inputs, const Engine& engine, FindingPipeline& pipeline,
                const RunOptions& options, RunOutput& output);

}  // namespace surveycheck::engine
