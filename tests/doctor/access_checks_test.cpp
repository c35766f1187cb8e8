// Who may use the control socket and the gpiochips, from files' owners and modes, and what a
// real connect to a real socket tells.
#include "rig/doctor/access_checks.hpp"
#include "tests/doctor/fake_tree.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>

namespace fobrig {
namespace {

using testing::FakeTree;
using ::testing::HasSubstr;

// fobrigd's socket as the unit makes it: fobrig:fobrig, group may write.
const FileFacts daemon_socket{.type = std::filesystem::file_type::socket,
                              .uid = 998,
                              .gid = 997,
                              .owner = "fobrig",
                              .group = "fobrig",
                              .mode = 0660};

UserFacts pi(std::vector<gid_t> gids, std::vector<std::string> groups,
             std::vector<std::string> login_groups = {}) {
    return {.uid = 1000,
            .name = "pi",
            .gids = std::move(gids),
            .groups = std::move(groups),
            .login_groups = std::move(login_groups)};
}

TEST(Permissions, TheOwnerTheGroupAndOthersGetTheirOwnBits) {
    EXPECT_TRUE(may(daemon_socket, pi({1000, 997}, {"pi", "fobrig"}), 06));
    EXPECT_FALSE(may(daemon_socket, pi({1000}, {"pi"}), 02));
    EXPECT_TRUE(may(daemon_socket, {.uid = 998}, 06));
    EXPECT_TRUE(may(daemon_socket, {.uid = 0}, 06));
    EXPECT_EQ(permissions_text(daemon_socket), "fobrig:fobrig rw-rw----");
}

TEST(Groups, AUserInTheSocketsGroupIsOk) {
    const DoctorCheck check = groups_check(pi({1000, 997}, {"pi", "fobrig"}), "fobrig");
    EXPECT_EQ(check.status, CheckStatus::ok);
    EXPECT_EQ(check.found, "pi, in groups pi fobrig");
}

TEST(Groups, AUserOutsideItIsToldToJoinOrToLogInAgain) {
    const DoctorCheck outside = groups_check(pi({1000}, {"pi"}, {"pi"}), "fobrig");
    EXPECT_EQ(outside.status, CheckStatus::warning);
    EXPECT_THAT(outside.found, HasSubstr("fobrig commands through fobrigd need sudo"));
    EXPECT_EQ(outside.fix, "sudo usermod -aG fobrig pi, then log out and in again");
    const DoctorCheck added = groups_check(pi({1000}, {"pi"}, {"pi", "fobrig"}), "fobrig");
    EXPECT_EQ(added.status, CheckStatus::warning);
    EXPECT_THAT(added.fix, HasSubstr("after this login"));
    EXPECT_THAT(added.fix, HasSubstr("newgrp fobrig"));
}

TEST(Socket, ARefusedConnectionIsAnErrorSayingWhichGroupToJoin) {
    const DoctorCheck check =
        socket_check("/run/fobrig/fobrig.sock", daemon_socket, EACCES, pi({1000}, {"pi"}, {"pi"}));
    EXPECT_EQ(check.status, CheckStatus::error);
    EXPECT_EQ(check.found,
              "/run/fobrig/fobrig.sock is fobrig:fobrig rw-rw----: pi may not connect to fobrigd");
    EXPECT_EQ(check.fix, "sudo usermod -aG fobrig pi, then log out and in again");
}

TEST(Socket, ASocketItsGroupMayNotWriteIsAnErrorAskingForSocketGroup) {
    FileFacts owner_only = daemon_socket;
    owner_only.mode = 0600;
    const DoctorCheck check = socket_check("/run/fobrig/fobrig.sock", owner_only, EACCES,
                                           pi({1000, 997}, {"pi", "fobrig"}));
    EXPECT_EQ(check.status, CheckStatus::error);
    EXPECT_THAT(check.fix, HasSubstr("socket_group = \"fobrig\""));
}

class RealSocket : public ::testing::Test {
protected:
    int listen_at(const std::filesystem::path& path) {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address{.sun_family = AF_UNIX, .sun_path = {}};
        std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
        EXPECT_EQ(::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)), 0);
        EXPECT_EQ(::listen(fd, 4), 0);
        return fd;
    }

    FakeTree tree_;
    const std::filesystem::path socket_ = tree_.root() / "fobrig.sock";
    const UserFacts user_ = this_user();
};

TEST_F(RealSocket, AListeningSocketIsOkAndSaysTheUserMayConnect) {
    const int fd = listen_at(socket_);
    const FileFacts facts = file_facts(socket_);
    EXPECT_EQ(facts.type, std::filesystem::file_type::socket);
    const DoctorCheck check = socket_check(socket_, facts, try_connect(socket_), user_);
    ::close(fd);
    EXPECT_EQ(check.status, CheckStatus::ok);
    EXPECT_THAT(check.found, HasSubstr("fobrigd answers at " + socket_.string()));
    EXPECT_THAT(check.found, HasSubstr(user_.name + " may connect"));
}

TEST_F(RealSocket, NoSocketOrADeadOneMeansFobrigdIsNotRunning) {
    const DoctorCheck none =
        socket_check(socket_, file_facts(socket_), try_connect(socket_), user_);
    EXPECT_EQ(none.status, CheckStatus::warning);
    EXPECT_THAT(none.found, HasSubstr("no socket at " + socket_.string()));
    EXPECT_THAT(none.fix, HasSubstr("sudo systemctl start fobrigd"));

    ::close(listen_at(socket_)); // left behind, as by a daemon killed with -9
    const DoctorCheck stale =
        socket_check(socket_, file_facts(socket_), try_connect(socket_), user_);
    EXPECT_EQ(stale.status, CheckStatus::warning);
    EXPECT_THAT(stale.found, HasSubstr("exists but nothing listens"));
}

TEST_F(RealSocket, AFileThatIsNoSocketIsAnError) {
    tree_.write("fobrig.sock", "");
    const DoctorCheck check =
        socket_check(socket_, file_facts(socket_), try_connect(socket_), user_);
    EXPECT_EQ(check.status, CheckStatus::error);
    EXPECT_THAT(check.found, HasSubstr("is not a socket"));
}

} // namespace
} // namespace fobrig
