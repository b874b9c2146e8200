// What --audience public masks: passages, short whole answers, quoted pieces and arguments of confidential
// text.
#include "engine/confidential_mask.hpp"

#include <gtest/gtest.h>

using surveycheck::engine::ConfidentialMask;

namespace {

ConfidentialMask mask_of(std::initializer_list<const char*> texts) {
    ConfidentialMask mask;
    for (const char* text : texts) mask.add(text);
    return mask;
}

}  // namespace

TEST(ConfidentialMask, MasksAPassageOfFourWordsWhateverTheCaseAndPunctuation) {
    const auto mask = mask_of({"<p>Our budget was cut by the regional council in May.</p>"});
    EXPECT_EQ(mask.mask("We note that the Regional, council in may decided nothing"),
              "We note that [confidential] decided nothing");
    EXPECT_FALSE(mask.reveals("the council met"));  // three words: ordinary language
}

TEST(ConfidentialMask, MasksAWholeShortAnswerWhereverItStands) {
    const auto mask = mask_of({"Baden-Württemberg"});
    EXPECT_EQ(mask.mask("Region Baden-Württemberg has no code"), "Region [confidential] has no code");
    EXPECT_EQ(mask.mask("Region baden württemberg."), "Region [confidential].");
}

TEST(ConfidentialMask, MasksAQuotedPieceOfALongerAnswer) {
    const auto mask = mask_of({"Bretagne (FR), Upper Silesia (PL), Lapland (FI)"});
    EXPECT_EQ(mask.mask("The region \"Upper Silesia\" has no NUTS code"),
              "The region \"[confidential]\" has no NUTS code");
    EXPECT_EQ(mask.mask("Région « Lapland » inconnue"), "Région « [confidential] » inconnue");
    EXPECT_EQ(mask.mask("Upper Silesia is unquoted"), "Upper Silesia is unquoted");  // two words, unquoted
    EXPECT_TRUE(mask.is_piece("Upper Silesia"));
    EXPECT_TRUE(mask.is_piece("PL"));
    EXPECT_FALSE(mask.is_piece("Lower Silesia"));
}

TEST(ConfidentialMask, LeavesTextAloneWhenNothingIsConfidential) {
    const ConfidentialMask mask;
    EXPECT_TRUE(mask.empty());
    EXPECT_EQ(mask.mask("anything \"at all\""), "anything \"at all\"");
    EXPECT_FALSE(mask.is_piece("anything"));
}

TEST(ConfidentialMask, IgnoresAnswersTooShortToMeanAnything) {
    const auto mask = mask_of({"No", "5"});
    EXPECT_EQ(mask.mask("No EU13 region in 5 entries"), "No EU13 region in 5 entries");
}
