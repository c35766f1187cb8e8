// An edge's names: kept whole up to their capacity, refused beyond it, never cut.
#include "rig/core/edge_name.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace fobrig {
namespace {

TEST(EdgeName, KeepsANameOfUpToItsCapacityWhole) {
    const std::string longest(EdgeName::capacity, 'a');
    const EdgeName name(longest);
    EXPECT_EQ(name.view(), longest);
    EXPECT_EQ(name.str(), longest);
    EXPECT_EQ(EdgeName("press3"), "press3");
    EXPECT_EQ(EdgeName("press3"), EdgeName(std::string("press3")));
    EXPECT_FALSE(EdgeName("press3") == "press");
    EXPECT_EQ(EdgeName("press3"), std::string("press3"));
    EXPECT_EQ(EdgeName("press3"), std::string_view("press3"));
    EXPECT_FALSE(EdgeName("press3") == EdgeName("press"));
    EXPECT_TRUE(EdgeName().empty());
    EXPECT_EQ("step " + EdgeName("learn"), "step learn");
}

TEST(EdgeName, RefusesALongerNameRatherThanCutIt) {
    EXPECT_THROW(EdgeName(std::string(EdgeName::capacity + 1, 'a')), std::length_error);
}

TEST(EdgeName, ACopyIsItsOwnSoTheOriginalTextMayGo) {
    EdgeName copy;
    {
        std::string text = "hold-unlock-and-press-lock-three-times";
        const EdgeName name(text);
        text.assign(text.size(), '?');
        copy = name;
    }
    EXPECT_EQ(copy, "hold-unlock-and-press-lock-three-times");
}

} // namespace
} // namespace fobrig
