// `fobrig doctor` as a user runs it: beside a running fobrigd it says the daemon answers, its
// exit status tells whether any check found an error, and --json is one document.
#include "tests/daemon/fobrig_command.hpp"

#include <gmock/gmock.h>
#include <nlohmann/json.hpp>

namespace fobrig {
namespace {

using nlohmann::json;
using testing::DaemonOnThread;
using testing::fobrig;
using ::testing::HasSubstr;
using testing::ScratchFolder;

const json& check_named(const json& checks, const std::string& name) {
    for (const json& check : checks) {
        if (check["check"] == name) {
            return check;
        }
    }
    ADD_FAILURE() << "no check '" << name << "' in " << checks.dump();
    static const json none;
    return none;
}

TEST(DoctorCommand, SaysThatTheRunningDaemonAnswersAndThatThisUserMayConnect) {
    DaemonOnThread daemon;
    const auto [status, output] =
        fobrig(daemon.socket(), "doctor --json --config " + daemon.config_file().string(), false);
    EXPECT_EQ(status, 0) << output;
    const json checks = json::parse(output); // exactly one document, or this throws
    ASSERT_TRUE(checks.is_array());
    for (const json& check : checks) {
        EXPECT_EQ(check.size(), 4U) << check.dump();
        EXPECT_THAT((std::vector<std::string>{"ok", "warning", "error"}),
                    ::testing::Contains(check["status"].get<std::string>()));
        EXPECT_NE(check["status"], "error") << check.dump();
    }
    const json& socket = check_named(checks, "socket");
    EXPECT_EQ(socket["status"], "ok");
    EXPECT_THAT(socket["found"].get<std::string>(),
                HasSubstr("fobrigd answers at " + daemon.socket().string()));
    EXPECT_EQ(check_named(checks, "rig")["status"], "ok");
    EXPECT_EQ(check_named(checks, "lines")["found"], "simulated rig: no GPIO lines to check");
}

TEST(DoctorCommand, AConfigNamingNoRigExits5WithTheFix) {
    ScratchFolder folder;
    const auto config = folder.path / "fobrig.toml";
    std::ofstream(config) << "[daemon]\nstate_dir = \"" << folder.path.string() << "\"\n";
    const auto [status, output] =
        fobrig(folder.path / "none.sock", "doctor --config " + config.string(), false);
    EXPECT_EQ(status, 5) << output;
    EXPECT_THAT(output, HasSubstr("error    rig: no rig configured: fobrigd refuses every run\n"
                                  "         fix: set `rig = ...` in " +
                                  config.string()));
    EXPECT_THAT(output, HasSubstr("warning  socket: no socket at "));
}

TEST(DoctorCommand, ARigThatIsNotThereIsAUsageError) {
    ScratchFolder folder;
    const auto [status, output] = fobrig(
        folder.path / "none.sock", "doctor --rig " + (folder.path / "none.toml").string(), true);
    EXPECT_EQ(status, 2) << output;
}

} // namespace
} // namespace fobrig
