#include "engine/quarantine.hpp"

namespace surveycheck::engine {

Quarantine::Quarantine(std::size_t rule_count, unsigned after)
    : after_(after), breakages_(rule_count, 0), held_(new std::atomic<bool>[rule_count]) {
    for (std::size_t i = 0; i < rule_count; ++i) held_[i].store(false, std::memory_order_relaxed);
}

Quarantine::Verdict Quarantine::settle(const std::vector<Breakage>& broken) {
    Verdict verdict;
    verdict.dropped = held_rules_;
    for (const Breakage& breakage : broken) {
        if (after_ == 0 || holds(breakage.rule)) continue;  // already dropped
        if (++breakages_[breakage.rule] < after_) continue;
        verdict.quarantined.push_back(breakage);
    }
    for (const Breakage& breakage : verdict.quarantined) {
        held_rules_.push_back(breakage.rule);
        held_[breakage.rule].store(true, std::memory_order_release);
    }
    return verdict;
}

}  // namespace surveycheck::engine
