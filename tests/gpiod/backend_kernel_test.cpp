// The libgpiod backend against a real kernel's gpio-sim chips: polarity, bias, chords, edges
// with kernel timestamps, debounce, errors that name the line, and release when a process dies.
#include "rig/gpiod/event_poller.hpp"
#include "rig/gpiod/gpiod_backend.hpp"
#include "tests/gpiod/gpio_sim.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <csignal>
#include <poll.h>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace fobrig {
namespace {

using testing::GpioSimChip;
using ::testing::HasSubstr;

constexpr const char* label = "fobrig-test";

class KernelBackend : public ::testing::Test {
protected:
    void SetUp() override {
        if (const auto reason = testing::gpio_sim_skip_reason()) {
            GTEST_SKIP() << *reason;
        }
        chip_.emplace(label, 16);
        // Released lines idle where the rig's wiring puts them: an active-low relay input is
        // pulled up, an active-high one down, a sense optocoupler's output up.
        chip_->pull(0, true);
        chip_->pull(1, false);
        chip_->pull(8, true);
        chip_->pull(9, true);
    }

    // Slot 1 lock on an active-low relay module, slot 1 unlock active-high, and the car's lock
    // and unlock signals through optocouplers (active-low).
    static Rig rig(const std::string& chip, Duration debounce = Duration{}) {
        Rig rig;
        rig.backend = "gpiod";
        rig.outputs = {{.slot = 1, .button = "lock", .line = {chip, 0}, .active_low = true},
                       {.slot = 1, .button = "unlock", .line = {chip, 1}}};
        rig.senses = {
            {.role = "lock", .line = {chip, 8}, .active_low = true, .debounce = debounce},
            {.role = "unlock", .line = {chip, 9}, .active_low = true, .debounce = debounce}};
        return rig;
    }

    static std::string open_error(const Rig& rig) {
        try {
            open_gpiod_backend(rig);
        } catch (const LineRequestError& e) {
            return e.what();
        }
        return "no error";
    }

    std::optional<GpioSimChip> chip_;
};

TEST_F(KernelBackend, OutputsAreRequestedInactiveWithTheirPolarity) {
    chip_->pull(0, false);
    chip_->pull(1, true);
    const auto backend = open_gpiod_backend(rig(label));
    EXPECT_EQ(chip_->value(0), 1) << "an active-low line idles high";
    EXPECT_EQ(chip_->value(1), 0);
    EXPECT_FALSE(backend->read_output(0));
    EXPECT_FALSE(backend->read_output(1));
}

TEST_F(KernelBackend, AChordDrivesSeveralLinesInOneCallAndReleaseAllOpensThem) {
    const auto backend = open_gpiod_backend(rig(label));
    const OutputLevel chord[] = {{.channel = 0, .active = true}, {.channel = 1, .active = true}};
    backend->drive(chord);
    EXPECT_EQ(chip_->value(0), 0);
    EXPECT_EQ(chip_->value(1), 1);
    EXPECT_TRUE(backend->read_output(0));
    EXPECT_TRUE(backend->read_output(1));
    backend->open_all();
    EXPECT_EQ(chip_->value(0), 1);
    EXPECT_EQ(chip_->value(1), 0);
}

TEST_F(KernelBackend, TheEnableLineIsDrivenAfterTheOutputsAndOpenedWithThem) {
    Rig interlocked = rig(label);
    interlocked.enable = EnableOutput{.line = {label, 4}, .period = milliseconds(10)};
    const auto backend = open_gpiod_backend(interlocked);
    EXPECT_EQ(chip_->value(4), 0);
    const OutputLevel on{.channel = interlocked.enable_channel(), .active = true};
    backend->drive({&on, 1});
    EXPECT_EQ(chip_->value(4), 1);
    backend->open_all();
    EXPECT_EQ(chip_->value(4), 0);
    backend->drive({&on, 1});
    backend->trip(); // the control thread's guard, while the run's thread is stalled
    EXPECT_EQ(chip_->value(4), 0);
    backend->drive({&on, 1});
    EXPECT_EQ(chip_->value(4), 0) << "a tripped backend toggles nothing";
}

TEST_F(KernelBackend, FindsTheChipByLabelNameNumberOrPath) {
    for (const std::string& ref :
         {std::string(label), chip_->name(), chip_->number(), chip_->path()}) {
        const auto backend = open_gpiod_backend(rig(ref));
        const OutputLevel press{.channel = 1, .active = true};
        backend->drive({&press, 1});
        EXPECT_EQ(chip_->value(1), 1) << ref;
    }
}

// A line that never moves has no edge to tell its level: a sense input stuck active (a miswired
// optocoupler) shows only by reading it.
TEST_F(KernelBackend, ReadsAnInputsLevelNowWithItsPolarity) {
    chip_->pull(9, false); // the unlock signal is active
    const auto backend = open_gpiod_backend(rig(label));
    EXPECT_FALSE(backend->read_input(0));
    EXPECT_TRUE(backend->read_input(1));
    chip_->pull(8, false);
    EXPECT_TRUE(backend->read_input(0));
    EXPECT_THROW(backend->read_input(2), std::out_of_range);
    chip_->pull(8, true);
    chip_->pull(9, true);
}

// gpio-sim's pull follows a requested bias, as a Pi pin's does; the pulls set first stand for
// the board's.
TEST_F(KernelBackend, AnInputsBiasSetsItsPullAndAsIsLeavesTheBoards) {
    chip_->pull(8, false);
    chip_->pull(9, false);
    chip_->pull(12, true);
    chip_->pull(13, true);
    Rig biased = rig(label);
    biased.senses[0].bias = Bias::pull_up;
    biased.outputs[0].readback = LineRef{label, 12};
    biased.outputs[0].readback_bias = Bias::pull_down;
    // gpio-sim cannot float a line: disabling its bias leaves the level, but the kernel must
    // take the request.
    biased.outputs[1].readback = LineRef{label, 13};
    biased.outputs[1].readback_bias = Bias::disabled;
    const auto backend = open_gpiod_backend(biased);
    EXPECT_EQ(chip_->value(8), 1);
    EXPECT_FALSE(backend->read_input(0)) << "an active-low signal pulled up is inactive";
    EXPECT_EQ(chip_->value(9), 0) << "as-is keeps the board's pull-down";
    EXPECT_TRUE(backend->read_input(1));
    EXPECT_EQ(chip_->value(12), 0);
    EXPECT_FALSE(backend->read_input(biased.readback_input(0)));
    EXPECT_EQ(chip_->value(13), 1);
    EXPECT_TRUE(backend->read_input(biased.readback_input(1)));
    EXPECT_TRUE(backend->wait(monotonic_now()).empty()) << "a bias is no edge";
}

TEST_F(KernelBackend, AnInputEdgeCarriesTheKernelsMonotonicTimestamp) {
    const auto backend = open_gpiod_backend(rig(label));
    const Instant before = monotonic_now();
    chip_->pull(8, false); // the car's lock signal pulls the optocoupler's output low
    // Read well after the edge: its stamp is the kernel's, on the same clock, not the read's.
    std::this_thread::sleep_for(milliseconds(200));
    const Instant read = monotonic_now();
    const auto edges = backend->wait(monotonic_now() + seconds(5));
    ASSERT_EQ(edges.size(), 1u);
    EXPECT_EQ(edges[0].input, 0u);
    EXPECT_TRUE(edges[0].active);
    EXPECT_GE(edges[0].at, before);
    EXPECT_LT(edges[0].at, read - milliseconds(100));
    chip_->pull(8, true);
    const auto release = backend->wait(monotonic_now() + seconds(5));
    ASSERT_EQ(release.size(), 1u);
    EXPECT_FALSE(release[0].active);
}

TEST_F(KernelBackend, DebounceIgnoresAGlitchAndStampsTheSettledEdge) {
    const Duration debounce = milliseconds(300);
    const auto backend = open_gpiod_backend(rig(label, debounce));
    chip_->pull(9, false);
    chip_->pull(9, true);
    EXPECT_TRUE(backend->wait(monotonic_now() + debounce * 2).empty());
    const Instant before = monotonic_now();
    chip_->pull(9, false);
    const auto edges = backend->wait(monotonic_now() + seconds(5));
    ASSERT_EQ(edges.size(), 1u);
    EXPECT_EQ(edges[0].input, 1u);
    EXPECT_TRUE(edges[0].active);
    EXPECT_GE(edges[0].at, before + debounce);
    EXPECT_LE(edges[0].at, monotonic_now());
}

TEST_F(KernelBackend, WaitReturnsAtItsDeadlineWithoutEdges) {
    const auto backend = open_gpiod_backend(rig(label));
    const Instant deadline = monotonic_now() + milliseconds(100);
    EXPECT_TRUE(backend->wait(deadline).empty());
    EXPECT_GE(monotonic_now(), deadline);
}

TEST_F(KernelBackend, TheEventFdIsReadableWhenAnEdgeCame) {
    const auto backend = open_gpiod_backend(rig(label));
    pollfd fd{.fd = backend->event_fd(), .events = POLLIN};
    EXPECT_EQ(poll(&fd, 1, 0), 0);
    chip_->pull(8, false);
    EXPECT_EQ(poll(&fd, 1, 5000), 1);
    EXPECT_EQ(backend->wait(monotonic_now()).size(), 1u);
}

TEST_F(KernelBackend, TheWakeFdEndsAWait) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const auto backend = open_gpiod_backend(rig(label), {.wake_fd = fds[0]});
    ASSERT_EQ(write(fds[1], "\n", 1), 1);
    const Instant start = monotonic_now();
    EXPECT_TRUE(backend->wait(start + seconds(10)).empty());
    EXPECT_LT(monotonic_now() - start, seconds(5));
    close(fds[0]);
    close(fds[1]);
}

TEST_F(KernelBackend, AnUnknownChipOrLabelIsNamed) {
    EXPECT_THAT(open_error(rig("fobrig-nothing")),
                HasSubstr("slot 1 lock (chip 'fobrig-nothing' line 0): no gpiochip is named or "
                          "labelled 'fobrig-nothing'"));
}

TEST_F(KernelBackend, ALineTheChipDoesNotHaveIsNamed) {
    Rig bad = rig(label);
    bad.senses[1].line.offset = 16;
    EXPECT_THAT(open_error(bad), HasSubstr("sense input 'unlock' (chip 'fobrig-test' line 16): " +
                                           chip_->name() + " 'fobrig-test' has only 16 lines"));
}

// Runs `body` in a child process that holds the rig's lines until killed; returns its pid
// once the lines are held.
template <class Body> pid_t child_holding(Body body) {
    int ready[2];
    EXPECT_EQ(pipe(ready), 0);
    const pid_t pid = fork();
    if (pid == 0) {
        close(ready[0]);
        try {
            body();
        } catch (...) {
            _exit(3);
        }
        [[maybe_unused]] const auto n = write(ready[1], "r", 1);
        for (;;) {
            pause();
        }
    }
    close(ready[1]);
    char byte = 0;
    EXPECT_EQ(read(ready[0], &byte, 1), 1) << "the child could not hold the lines";
    close(ready[0]);
    return pid;
}

void kill_and_reap(pid_t pid) {
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
}

TEST_F(KernelBackend, ALineAnotherProcessHoldsIsNamedAndNothingIsDriven) {
    Rig other = rig(label);
    other.outputs.erase(other.outputs.begin()); // the other process holds only line 1
    other.senses.clear();
    const pid_t pid = child_holding(
        [&] { static auto held = open_gpiod_backend(other, {.consumer = "other-rig"}); });
    Rig mine = rig(label);
    std::swap(mine.outputs[0], mine.outputs[1]); // line 1 after line 0 in rig order
    chip_->pull(0, false);
    EXPECT_THAT(open_error(mine),
                HasSubstr("slot 1 unlock (chip 'fobrig-test' line 1): the line is in use by "
                          "'other-rig'"));
    EXPECT_EQ(chip_->value(0), 0) << "line 0 was requested (an output idles high)";
    kill_and_reap(pid);
}

TEST_F(KernelBackend, AKilledProcessLeavesEveryLineReleased) {
    const pid_t pid = child_holding([&] {
        static auto held = open_gpiod_backend(rig(label));
        const OutputLevel chord[] = {{.channel = 0, .active = true},
                                     {.channel = 1, .active = true}};
        held->drive(chord);
    });
    EXPECT_EQ(chip_->value(0), 0) << "slot 1 lock is pressed";
    EXPECT_EQ(chip_->value(1), 1) << "slot 1 unlock is pressed";
    kill_and_reap(pid);
    EXPECT_EQ(chip_->value(0), 1) << "the kernel released the line to its pull-up";
    EXPECT_EQ(chip_->value(1), 0) << "the kernel released the line to its pull-down";
    EXPECT_NO_THROW(open_gpiod_backend(rig(label)));
}

} // namespace
} // namespace fobrig
