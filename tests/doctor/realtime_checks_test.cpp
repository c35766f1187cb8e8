// The service unit's privileges as systemd would read them from a fake tree (the shipped unit,
// an override in /etc, drop-ins), and this process's real-time limit.
#include "rig/doctor/realtime_checks.hpp"
#include "tests/doctor/fake_tree.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fobrig {
namespace {

using testing::FakeTree;
using ::testing::HasSubstr;

// The unit as the package installs it.
class PackagedUnit : public ::testing::Test {
protected:
    PackagedUnit() { tree_.install_shipped_unit(); }
    std::optional<UnitSettings> unit() const { return read_unit(tree_.root()); }

    FakeTree tree_;
};

TEST(ServiceUnit, NoUnitInstalledIsAWarning) {
    FakeTree tree;
    EXPECT_FALSE(read_unit(tree.root()));
    const DoctorCheck check = unit_check(std::nullopt, 50);
    EXPECT_EQ(check.status, CheckStatus::warning);
    EXPECT_THAT(check.found, HasSubstr("no fobrigd.service installed"));
    EXPECT_THAT(check.fix, HasSubstr("docs/install.md"));
}

TEST_F(PackagedUnit, TheShippedUnitGrantsRealTimeAndLockedMemory) {
    const auto unit = this->unit();
    ASSERT_TRUE(unit);
    EXPECT_EQ(unit->file, tree_.root() / "lib/systemd/system/fobrigd.service");
    EXPECT_EQ(unit->user, "fobrig");
    EXPECT_EQ(unit->rtprio, 99U);
    EXPECT_TRUE(unit->memlock_unlimited);
    EXPECT_THAT(unit->capabilities, ::testing::ElementsAre("CAP_SYS_NICE", "CAP_IPC_LOCK"));
    const DoctorCheck check = unit_check(unit, 50);
    EXPECT_EQ(check.status, CheckStatus::ok);
    EXPECT_THAT(check.found, HasSubstr("grants SCHED_FIFO 50 and locked memory"));
}

TEST_F(PackagedUnit, ADropInTakingThePrivilegesAwayIsAWarningNamingWhatIsMissing) {
    tree_.write("etc/systemd/system/fobrigd.service.d/10-plain.conf",
                "[Service]\nLimitRTPRIO=10\nAmbientCapabilities=\n");
    const auto unit = this->unit();
    ASSERT_TRUE(unit);
    EXPECT_TRUE(unit->capabilities.empty());
    const DoctorCheck check = unit_check(unit, 50);
    EXPECT_EQ(check.status, CheckStatus::warning);
    EXPECT_THAT(check.found, HasSubstr("SCHED_FIFO 50 (LimitRTPRIO=10, no CAP_SYS_NICE)"));
    EXPECT_THAT(check.found, ::testing::Not(HasSubstr("locked memory")));
    EXPECT_THAT(check.fix, HasSubstr("sudo systemctl edit fobrigd"));

    // Drop-ins apply in file name order, whichever folder holds them.
    tree_.write("lib/systemd/system/fobrigd.service.d/20-back.conf",
                "[Service]\nAmbientCapabilities=CAP_SYS_NICE\nLimitMEMLOCK=64M\n");
    const DoctorCheck after = unit_check(this->unit(), 50);
    EXPECT_EQ(after.status, CheckStatus::warning);
    EXPECT_THAT(after.found, HasSubstr("locked memory"));
    EXPECT_THAT(after.found, ::testing::Not(HasSubstr("SCHED_FIFO")));
}

TEST_F(PackagedUnit, AUnitInEtcHidesThePackagesOneAndKeysOutsideServiceDoNotCount) {
    tree_.write("etc/systemd/system/fobrigd.service",
                "[Unit]\nLimitRTPRIO=99\n[Service]\nUser=fobrig\nLimitMEMLOCK=infinity\n");
    const auto unit = this->unit();
    ASSERT_TRUE(unit);
    EXPECT_EQ(unit->file, tree_.root() / "etc/systemd/system/fobrigd.service");
    EXPECT_FALSE(unit->rtprio);
    EXPECT_EQ(unit_check(unit, 50).status, CheckStatus::warning);
}

TEST(ServiceUnit, AServiceRunAsRootNeedsNoLimits) {
    EXPECT_EQ(unit_check(UnitSettings{.file = "fobrigd.service"}, 80).status, CheckStatus::ok);
}

TEST(RealtimeLimit, ALimitBelowThePriorityWarnsUnlessTheUnitGrantsTheDaemonItsOwn) {
    const DoctorCheck alone = rtprio_check(0, false, 50, false);
    EXPECT_EQ(alone.status, CheckStatus::warning);
    EXPECT_EQ(alone.found.substr(0, 32), "RLIMIT_RTPRIO 0 for this shell: ");
    EXPECT_THAT(alone.fix, HasSubstr("rtprio 99"));
    EXPECT_EQ(rtprio_check(0, false, 50, true).status, CheckStatus::ok);
    EXPECT_EQ(rtprio_check(50, false, 50, false).status, CheckStatus::ok);
    EXPECT_EQ(rtprio_check(0, true, 50, false).status, CheckStatus::ok);
}

} // namespace
} // namespace fobrig
