// Which documented way of a step is played: the run's first, then, each time the run moves
// on, the next, wrapping round.
#include "rig/core/procedure.hpp"

#include <gtest/gtest.h>

namespace fobrig {
namespace {

SequenceStep three_ways() {
    SequenceStep seq;
    for (const char* id : {"a", "b", "c"}) {
        seq.variants.push_back({.id = id});
    }
    return seq;
}

std::string played(const SequenceStep& seq, int moved_on, std::string_view first = {}) {
    const SequenceVariant* variant = variant_for(seq, moved_on, first);
    return variant != nullptr ? variant->id : "(as written)";
}

TEST(SequenceVariants, EachMoveOnPlaysTheNextFromTheFirstListed) {
    const SequenceStep seq = three_ways();
    EXPECT_EQ(played(seq, 0), "a");
    EXPECT_EQ(played(seq, 1), "b");
    EXPECT_EQ(played(seq, 2), "c");
    EXPECT_EQ(played(seq, 3), "a");
}

TEST(SequenceVariants, ARunToldWhereToStartWrapsRoundFromThere) {
    const SequenceStep seq = three_ways();
    EXPECT_EQ(played(seq, 0, "c"), "c");
    EXPECT_EQ(played(seq, 1, "c"), "a");
    EXPECT_EQ(played(seq, 2, "c"), "b");
}

TEST(SequenceVariants, AnUnknownStartIsTheFirstListedAndAStepWithoutVariantsIsAsWritten) {
    EXPECT_EQ(played(three_ways(), 0, "gone"), "a");
    EXPECT_EQ(played(SequenceStep{}, 1, "a"), "(as written)");
}

} // namespace
} // namespace fobrig
