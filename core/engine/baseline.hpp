// Baselines: the findings of an earlier run, by fingerprint, so a run reports only what is new.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "engine/engine.hpp"
#include "util/result.hpp"

namespace surveycheck::engine {

// One recorded finding.
struct BaselineEntry {
    std::string fingerprint;
    std::string rule;
    std::string file;
    std::string contribution;
    std::string question;  // profile key
    std::string message;
};

// Read a baseline written by write_baseline() into `out`; a failure saying why when it cannot be used.
util::Result read_baseline(const std::string& text, std::vector<BaselineEntry>& out);

// The baseline text (JSON) recording `findings` (suppressed ones are left out: a waiver already covers them),
// then the `carried` entries of an earlier baseline.
std::string write_baseline(const std::vector<const Finding*>& findings,
                           const std::vector<BaselineEntry>& carried = {});

// Move out of `absent` the entries of the files in `unchecked` (read or checked only in part: "x.zip" also
// covers its members "x.zip!/…"), and return them: nothing is known of them, so they are neither gone nor
// to be dropped from the next baseline.
std::vector<BaselineEntry> take_unchecked(std::vector<BaselineEntry>& absent,
                                          const std::vector<std::string>& unchecked);

// Removes known findings from results and remembers what the baseline had that this run did not find.
class BaselineFilter {
public:
    explicit BaselineFilter(const std::vector<BaselineEntry>& entries);

    // Drop the findings the baseline knows (each entry once); mark the rest new.
    void apply(std::vector<Finding>& findings);
    // Mark the findings the baseline knows (each entry once) unchanged and the rest new, dropping none, so a
    // group can keep its known occurrences next to its new ones.
    void mark(std::vector<Finding>& findings);
    // Number of findings the baseline knew: dropped, or kept unchanged inside a group with new ones.
    std::size_t known() const { return known_; }
    // Baseline entries no finding of this run matched, in baseline order.
    std::vector<BaselineEntry> absent() const;

private:
    std::vector<BaselineEntry> entries_;
    std::map<std::string, std::vector<std::size_t>>
        unmatched_;  // fingerprint -> entry indices not yet matched
    std::size_t known_ = 0;
};

// Drop the findings marked unchanged: a group is dropped only when every occurrence is.
void drop_unchanged(std::vector<Finding>& findings);

}  // namespace surveycheck::engine
