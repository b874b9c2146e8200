// Quarantine of rules that keep breaking, decided in document order so a report is the same for any --jobs.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace surveycheck::engine {

// A rule that broke on a contribution (crashed, hung, threw, broke its worker's protocol).
struct Breakage {
    std::size_t rule = 0;  // index into RuleSet::rules()
    std::string reason;
};

// Counts each rule's breakages as a file's contributions are settled, one at a time in document order: the
// `after`-th quarantines the rule, and every contribution after that one gets nothing of it (no findings, no
// rule-failed), whichever thread checked it first. One per file, so a file's report never depends on another.
class Quarantine {
public:
    // For `rule_count` rules; `after` 0 never quarantines.
    Quarantine(std::size_t rule_count, unsigned after);

    // True when rule `index` is quarantined by a contribution already settled. Any thread may ask: every
    // contribution not yet settled comes after it, so it need not call the rule.
    bool holds(std::size_t index) const { return held_[index].load(std::memory_order_acquire); }

    // What settling one contribution decided.
    struct Verdict {
        std::vector<std::size_t> dropped;   // rules quarantined before it: drop what they gave it
        std::vector<Breakage> quarantined;  // its breakages that quarantined their rule now
    };
    // Settle the next contribution in document order, whose rules `broken` broke.
    Verdict settle(const std::vector<Breakage>& broken);

private:
    unsigned after_;
    std::vector<unsigned> breakages_;
    std::unique_ptr<std::atomic<bool>[]> held_;
    std::vector<std::size_t> held_rules_;  // in the order they were quarantined
};

}  // namespace surveycheck::engine
