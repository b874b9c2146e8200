// The quarantine is decided in document order: what settling contributions one by one gives.
#include "engine/quarantine.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace {

using surveycheck::engine::Breakage;
using surveycheck::engine::Quarantine;

TEST(Quarantine, TheThirdBreakageInDocumentOrderQuarantinesTheRule) {
    Quarantine quarantine(2, 3);
    EXPECT_TRUE(quarantine.settle({{1, "first"}}).quarantined.empty());
    EXPECT_TRUE(quarantine.settle({}).quarantined.empty());
    EXPECT_TRUE(quarantine.settle({{1, "second"}}).quarantined.empty());
    EXPECT_FALSE(quarantine.holds(1));
    const Quarantine::Verdict third = quarantine.settle({{1, "third"}});
    ASSERT_EQ(third.quarantined.size(), 1u);
    EXPECT_EQ(third.quarantined[0].reason, "third");
    EXPECT_TRUE(third.dropped.empty()) << "the contribution that quarantines keeps its own rule-failed";
    EXPECT_TRUE(quarantine.holds(1));
    EXPECT_FALSE(quarantine.holds(0));
}

TEST(Quarantine, EveryContributionAfterTheQuarantineDropsTheRuleEvenWhenItBrokeThere) {
    Quarantine quarantine(1, 2);
    quarantine.settle({{0, "a"}});
    quarantine.settle({{0, "b"}});
    // Checked on another thread before the quarantine was settled: its breakage counts for nothing.
    const Quarantine::Verdict later = quarantine.settle({{0, "c"}});
    EXPECT_EQ(later.dropped, std::vector<std::size_t>{0});
    EXPECT_TRUE(later.quarantined.empty());
    EXPECT_EQ(quarantine.settle({}).dropped, std::vector<std::size_t>{0});
}

TEST(Quarantine, ZeroNeverQuarantines) {
    Quarantine quarantine(1, 0);
    for (int i = 0; i < 5; ++i) EXPECT_TRUE(quarantine.settle({{0, "x"}}).quarantined.empty());
    EXPECT_FALSE(quarantine.holds(0));
}

}  // namespace
