// Writing calibrated latencies into a rig file: values replaced in place, missing keys added
// after `kind`, every other byte kept.
#include "rig/config/rig_file.hpp"
#include "rig/config/rig_file_edit.hpp"

#include <gtest/gtest.h>

namespace fobrig {
namespace {

const std::string rig_text = "# A comment that stays.\n"
                             "[rig]\nname = \"t\"\nbackend = \"sim\"\n\n"
                             "[[output]]\nslot = 1\nbutton = \"lock\"\nchip = \"0\"\nline = 0\n"
                             "kind = \"relay\"   # the HAT\n"
                             "max_hold_ms = 5000\n\n"
                             "[[output]]\nslot = 1\nbutton = \"unlock\"\nchip = \"0\"\nline = 1\n"
                             "kind = \"relay\"\n"
                             "operate_latency_us = 6_000  # from the datasheet\n"
                             "release_latency_us = 4000\n"
                             "max_hold_ms = 5000\n";

TEST(RigFileEdit, AddsMissingKeysAfterKindAndReplacesValuesInPlace) {
    const LatencyUpdate updates[] = {{0, microseconds(7'012), microseconds(3'400)},
                                     {1, microseconds(6'500), microseconds(4'001)}};
    const std::string edited = with_latencies(rig_text, updates);
    std::string expected = rig_text;
    expected.replace(expected.find("kind = \"relay\"   # the HAT\n"),
                     std::string("kind = \"relay\"   # the HAT\n").size(),
                     "kind = \"relay\"   # the HAT\noperate_latency_us = 7012\n"
                     "release_latency_us = 3400\n");
    expected.replace(expected.find("6_000"), 5, "6500");
    expected.replace(expected.find("= 4000"), 6, "= 4001");
    EXPECT_EQ(edited, expected);

    const LoadResult<Rig> reloaded = parse_rig(edited, "t.toml");
    ASSERT_TRUE(reloaded.ok());
    EXPECT_EQ(reloaded.value->outputs[0].operate_latency, microseconds(7'012));
    EXPECT_EQ(reloaded.value->outputs[1].release_latency, microseconds(4'001));
}

TEST(RigFileEdit, RefusesAnOutputTheFileDoesNotHave) {
    const LatencyUpdate updates[] = {{5, microseconds(1), microseconds(1)}};
    EXPECT_THROW(with_latencies(rig_text, updates), std::runtime_error);
}

} // namespace
} // namespace fobrig
