// The daemon's [safety] table: what kept_driven_outputs takes, and a wrong value named at its
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

} // namespace
} // namespace fobrig
