// A daemon whose state disk is full starts anyway, says why in `status` and refuses runs,
// rather than exit and be restarted over and over by systemd.
#include "tests/daemon/daemon_fixture.hpp"

#include <gmock/gmock.h>

#include <sys/mount.h>

#include <cerrno>
#include <cstring>

namespace fobrig {
namespace {

using json = nlohmann::json;

// A small tmpfs at `path`, filled to the last byte; unmounted at the end.
class FullTmpfs {
public:
    explicit FullTmpfs(const std::filesystem::path& path) : path_(path) {
        std::filesystem::create_directories(path_);
        if (::mount("fobrig-test", path_.c_str(), "tmpfs", 0, "size=256k") != 0) {
            problem = std::string("cannot mount a tmpfs here: ") + std::strerror(errno);
            return;
        }
        mounted_ = true;
        std::ofstream filler(path_ / "filler", std::ios::binary);
        const std::string block(4096, 'x');
        while (filler.write(block.data(), static_cast<std::streamsize>(block.size()))) {
        }
    }
    ~FullTmpfs() {
        if (mounted_) {
            ::umount2(path_.c_str(), MNT_DETACH);
        }
    }
    std::string problem;

private:
    std::filesystem::path path_;
    bool mounted_ = false;
};

TEST(StateDisk, AFullStateDiskStartsTheDaemonWhichSaysWhyAndRefusesRuns) {
    testing::ScratchFolder folder;
    const FullTmpfs disk(folder.path / "state");
    if (!disk.problem.empty()) {
        GTEST_SKIP() << disk.problem << " (needs CAP_SYS_ADMIN)";
    }
    testing::DaemonProcess daemon(folder);
    DaemonConnection client(daemon.socket());
    const json status = client.call({{"request", "status"}});
    EXPECT_TRUE(status["ok"]);
    EXPECT_THAT(status.value("state_error", ""),
                ::testing::HasSubstr("the state folder cannot be used"));
    EXPECT_THAT(status.value("state_error", ""), ::testing::ContainsRegex("full|[Nn]o space"));

    const json program =
        client.call({{"request", "program"}, {"procedure", "mini-r50-2004"}, {"slots", {1}}});
    EXPECT_EQ(program["error"], "state-unavailable");
    EXPECT_EQ(client.call({{"request", "runs"}})["error"], "state-unavailable");
    EXPECT_EQ(client.call({{"request", "batch"},
                           {"procedure", "mini-r50-2004"},
                           {"keep", {1}},
                           {"spares", {2}}})["error"],
              "state-unavailable");
}

} // namespace
} // namespace fobrig
