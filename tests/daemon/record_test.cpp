// A run's record is never lost or misreported: a full disk and a daemon out of descriptors, as
// the client and the history see them, and each run's record holding that run's edges only.
#include "rig/history/sqlite_database.hpp"
#include "tests/daemon/daemon_fixture.hpp"
#include "tests/daemon/fobrig_command.hpp"

#include <gmock/gmock.h>

#include <optional>
#include <set>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/statvfs.h>

namespace fobrig {
namespace {

namespace fs = std::filesystem;
using testing::DaemonOnThread;
using testing::DaemonProcess;
using testing::fobrig;
using ::testing::HasSubstr;
using testing::Outcome;
using testing::ScratchFolder;

// A small file system of its own for the state folder, so that it can be filled up.
class SmallDisk {
public:
    explicit SmallDisk(const fs::path& at) : at_(at) {
        fs::create_directories(at_);
        mounted_ = ::mount("tmpfs", at_.c_str(), "tmpfs", 0, "size=2m") == 0;
    }
    ~SmallDisk() {
        if (mounted_) {
            ::umount2(at_.c_str(), MNT_DETACH);
        }
    }
    bool mounted() const { return mounted_; }
    // Fills it up but for `left` bytes.
    void fill_leaving(std::uintmax_t left) {
        struct statvfs info {};
        ASSERT_EQ(::statvfs(at_.c_str(), &info), 0);
        const std::uintmax_t free = std::uintmax_t{info.f_bavail} * info.f_frsize;
        ASSERT_GT(free, left);
        std::ofstream filler(at_ / "filler", std::ios::binary);
        const std::string block(4096, 'x');
        for (std::uintmax_t written = 0; written + block.size() <= free - left;
             written += block.size()) {
            filler << block;
        }
    }
    void make_room() { fs::remove(at_ / "filler"); }

private:
    fs::path at_;
    bool mounted_ = false;
};

nlohmann::json runs_of(const fs::path& socket) {
    const Outcome runs = fobrig(socket, "--json runs", false);
    return nlohmann::json::parse(runs.output);
}

std::size_t folders_in(const fs::path& dir) {
    std::size_t count = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        count += entry.is_directory();
    }
    return count;
}

// fobrigd (in virtual time) whose state folder is a small file system of its own.
class FullDisk : public ::testing::Test {
protected:
    void SetUp() override {
        if (!disk_.mounted()) {
            GTEST_SKIP() << "cannot mount a tmpfs here (needs root): the full disk is not tested";
        }
        daemon_.emplace(folder_, fs::path{}, true);
    }

    ScratchFolder folder_;
    SmallDisk disk_{folder_.path / "state"};
    std::optional<DaemonProcess> daemon_;
};

TEST_F(FullDisk, ARunWhoseFilesCannotBeWrittenTellsTheClientAndIsKeptAsRecordFailed) {
    DaemonProcess& daemon = *daemon_;
    SmallDisk& disk = disk_;
    // Runs that grow the index's write-ahead log; restarted, it is written over from its
    // start, so the index needs no new space for the run that follows, and its files get none.
    for (int run = 0; run < 3; ++run) {
        ASSERT_EQ(fobrig(daemon.socket(), "program mini-r50-2004 --slots 1").status, 0);
    }
    SqliteDatabase(daemon.state() / "history.sqlite3").execute("PRAGMA wal_checkpoint(RESTART)");
    disk.fill_leaving(1024);

    const Outcome run = fobrig(daemon.socket(), "program mini-r50-2004 --slots 1");
    EXPECT_EQ(run.status, 1) << run.output;
    EXPECT_THAT(run.output, HasSubstr("its record could not be written"));
    EXPECT_THAT(run.output, HasSubstr("No space left on device"));

    disk.make_room();
    const auto runs = runs_of(daemon.socket());
    ASSERT_EQ(runs.size(), 4u) << runs.dump();
    EXPECT_EQ(runs[0]["status"], "record-failed");
    EXPECT_THAT(runs[0].value("reason", ""), HasSubstr("the run ended passed"));
    const std::string id = runs[0]["id"];
    EXPECT_FALSE(fs::exists(daemon.state() / "runs" / id / "run.json"));
    const Outcome shown = fobrig(daemon.socket(), "show " + id);
    EXPECT_EQ(shown.status, 1);
    EXPECT_THAT(shown.output, HasSubstr("record-failed"));

    // Not "interrupted (crash or power loss)" after a restart either.
    daemon.signal(SIGTERM);
    daemon.wait();
    daemon.start(true);
    EXPECT_EQ(runs_of(daemon.socket())[0]["status"], "record-failed");
}

// A full disk at the start of a run: refused before anything is driven, no folder left.
TEST_F(FullDisk, ARunRefusedForAFullDiskLeavesNoFolder) {
    DaemonProcess& daemon = *daemon_;
    SmallDisk& disk = disk_;
    disk.fill_leaving(0);
    const Outcome run = fobrig(daemon.socket(), "program mini-r50-2004 --slots 1");
    // Refused by the run's own record, or earlier, when the daemon's last write to its index
    // already found the disk full and it stopped using the state folder.
    EXPECT_NE(run.status, 0) << run.output;
    EXPECT_THAT(run.output,
                ::testing::AnyOf(HasSubstr("nothing was driven"), HasSubstr("no run is started")));
    EXPECT_EQ(folders_in(daemon.state() / "runs"), 0u);
}

// However few descriptors a daemon has left, a run either keeps its whole record or is refused
// before anything is driven and leaves no folder; never a run whose record is lost. Which limit
// refuses depends on what the daemon holds open at that moment, so a range of limits is tried.
TEST(RunRecord, ADaemonOutOfDescriptorsRefusesTheRunBeforeDrivingAndLeavesNoFolder) {
#if defined(__SANITIZE_ADDRESS__)
    // The sanitizer's runtime opens descriptors of its own, so the limits below do not hold.
    GTEST_SKIP() << "not under AddressSanitizer";
#endif
    ScratchFolder folder;
    DaemonProcess daemon(folder, {}, true);
    const auto open = static_cast<rlim_t>(
        std::distance(fs::directory_iterator("/proc/" + std::to_string(daemon.pid()) + "/fd"),
                      fs::directory_iterator{}));
    daemon.signal(SIGTERM);
    daemon.wait();
    const fs::path runs = daemon.state() / "runs";
    int refused = 0;
    // From too few to listen at all, through the few where a run cannot keep its record, to
    // enough: the window moves with what the daemon happens to hold, so it is walked whole.
    for (rlim_t limit = 4; limit <= open + 24; ++limit) {
        daemon.limit_files(limit);
        if (!daemon.try_start(true)) {
            continue; // too few descriptors to listen at all: nothing could run
        }
        const std::size_t before = fs::exists(runs) ? folders_in(runs) : 0;
        const Outcome run = fobrig(daemon.socket(), "program mini-r50-2004 --slots 1");
        const std::size_t after = fs::exists(runs) ? folders_in(runs) : 0;
        if (run.status == 0) {
            EXPECT_EQ(after, before + 1) << "limit " << limit;
        } else if (run.status == 3) {
            EXPECT_EQ(after, before) << "limit " << limit; // not even the client was accepted
        } else {
            ++refused;
            // Refused by the run's record, the procedure's file or the state folder: each says
            // that no run began.
            EXPECT_THAT(run.output, ::testing::AnyOf(HasSubstr("nothing was driven"),
                                                     HasSubstr("no run is started")))
                << "limit " << limit;
            EXPECT_THAT(run.output, ::testing::Not(HasSubstr(">> "))); // no prompt, no run
            EXPECT_EQ(after, before) << "limit " << limit;
        }
        daemon.signal(SIGTERM);
        daemon.wait();
    }
    EXPECT_GT(refused, 0);
}

TEST(RunRecord, EachRunsRecordHoldsThatRunsEdgesOnly) {
    DaemonOnThread daemon;
    ASSERT_EQ(fobrig(daemon.socket(), "program mini-r50-2004 --slots 1,2").status, 0);
    ASSERT_EQ(fobrig(daemon.socket(), "verify mini-r50-2004 --slots 1").status, 0);
    const Outcome second = fobrig(daemon.socket(), "--json show latest", false);
    const auto record = nlohmann::json::parse(second.output);
    ASSERT_FALSE(record["sensed"].empty());
    for (const auto& edge : record["sensed"]) {
        EXPECT_GE(edge["at_us"].get<double>(), 0.0) << edge.dump();
    }
}

} // namespace
} // namespace fobrig
