#include "rig/core/rig_wiring.hpp"

#include <gtest/gtest.h>

namespace fobrig {
namespace {

Rig two_slot_rig() {
    Rig rig;
    rig.outputs.push_back({.slot = 1, .button = "lock"});
    rig.outputs.push_back({.slot = 1, .button = "unlock"});
    rig.outputs.push_back({.slot = 2, .button = "lock"});
    rig.senses.push_back({.role = "lock"});
    rig.senses.push_back({.role = "unlock"});
    return rig;
}

TEST(RigWiring, FindsAButtonChannelBySlotAndName) {
    const Rig rig = two_slot_rig();
    EXPECT_EQ(rig.output_index(1, "unlock"), 1u);
    EXPECT_EQ(rig.output_index(2, "lock"), 2u);
}

TEST(RigWiring, ReportsAButtonThatIsNotWired) {
    const Rig rig = two_slot_rig();
    EXPECT_FALSE(rig.output_index(2, "unlock").has_value());
    EXPECT_FALSE(rig.output_index(3, "lock").has_value());
}

TEST(RigWiring, FindsASenseInputByRole) {
    const Rig rig = two_slot_rig();
    EXPECT_EQ(rig.sense_index("unlock"), 1u);
    EXPECT_FALSE(rig.sense_index("ignition").has_value());
}

} // namespace
} // namespace fobrig
