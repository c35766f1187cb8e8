// The daemon's [safety] and [fleet] tables: what they take, and a wrong value named at its
// line.
#include "rig/config/daemon_config_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <unistd.h>

namespace fobrig {
namespace {

using ::testing::HasSubstr;

LoadResult<DaemonConfig> config_from(const std::string& text) {
    std::random_device random;
    const auto path =
        std::filesystem::temp_directory_path() /
        ("fobrig-config-" + std::to_string(::getpid()) + "-" + std::to_string(random()) + ".toml");
    std::ofstream(path) << text;
    auto result = load_daemon_config(path, {}, true);
    std::filesystem::remove(path);
    return result;
}

TEST(DaemonConfigSafety, RefusingIsTheDefaultAndWarnTurnsItOff) {
    const auto absent = config_from("[daemon]\nlog_level = \"info\"\n");
    ASSERT_TRUE(absent.ok());
    EXPECT_TRUE(absent.value->refuse_kept_driven_outputs);
    const auto warn = config_from("[safety]\nkept_driven_outputs = \"warn\"\n");
    ASSERT_TRUE(warn.ok());
    EXPECT_FALSE(warn.value->refuse_kept_driven_outputs);
    const auto refuse = config_from("[safety]\nkept_driven_outputs = \"refuse\"\n");
    ASSERT_TRUE(refuse.ok());
    EXPECT_TRUE(refuse.value->refuse_kept_driven_outputs);
}

TEST(DaemonConfigSafety, AnUnknownValueIsNamedWithItsLineAndColumn) {
    const auto wrong = config_from("[safety]\nkept_driven_outputs = \"ignore\"\n");
    ASSERT_FALSE(wrong.ok());
    EXPECT_THAT(format(wrong.errors.at(0)), HasSubstr(":2:"));
    EXPECT_THAT(format(wrong.errors.at(0)), HasSubstr("kept_driven_outputs"));
}

TEST(DaemonConfigFleet, ARigAloneHasNoFleetAndAFleetRigTakesItsBrokerAndId) {
    ASSERT_TRUE(config_from("[daemon]\n").ok());
    EXPECT_FALSE(config_from("[daemon]\n").value->fleet);
    const auto joined = config_from("[fleet]\nbroker = \"mqtts://broker.shop:8883\"\n"
                                    "rig_id = \"bay-1\"\nheartbeat_ms = 1000\n");
    ASSERT_TRUE(joined.ok()) << format(joined.errors.at(0));
    ASSERT_TRUE(joined.value->fleet);
    EXPECT_EQ(joined.value->fleet->rig_id, "bay-1");
    EXPECT_EQ(joined.value->fleet->username, "bay-1") << "the rig id is its broker user";
    EXPECT_EQ(joined.value->fleet->keepalive_s, 10);
    EXPECT_EQ(joined.value->fleet->heartbeat, seconds(1));
}

TEST(DaemonConfigFleet, EachMistakeIsNamedAtItsLine) {
    const auto wrong = config_from("[fleet]\nbroker = \"tcp://broker:1883\"\n"
                                   "rig_id = \"bay/1\"\nkeepalive_s = 2\nbrokr = 1\n");
    ASSERT_FALSE(wrong.ok());
    std::string text;
    for (const auto& error : wrong.errors) {
        text += format(error) + "\n";
    }
    EXPECT_THAT(text, HasSubstr(":2:"));
    EXPECT_THAT(text, HasSubstr("must be mqtt://HOST:PORT or mqtts://HOST:PORT"));
    EXPECT_THAT(text, HasSubstr(":3:"));
    EXPECT_THAT(text, HasSubstr("letters, digits"));
    EXPECT_THAT(text, HasSubstr(":4:"));
    EXPECT_THAT(text, HasSubstr("keepalive_s"));
    EXPECT_THAT(text, HasSubstr("brokr"));
    const auto missing = config_from("[fleet]\nbroker = \"mqtt://b\"\n");
    ASSERT_FALSE(missing.ok());
    EXPECT_THAT(format(missing.errors.at(0)), HasSubstr("rig_id"));
}

} // namespace
} // namespace fobrig
