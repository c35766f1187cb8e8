// The outputs half of the wiring check on a fake board: read-back timings, the kernel's read of
// lines without read-back, the car's answers, crossed read-back lines, and release.
#include "rig/core/output_check.hpp"

#include "tests/support/scripted_rig.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace fobrig {
namespace {

using testing::ManualClock;

// Contacts close 2 ms after their line and open 1 ms after it, reported on their read-back
// input (or on the one `crossed` says); a line stuck open never moves. Pressing lock makes the
// car's lock signal answer 100 ms later for 50 ms. The kernel reads each line as driven.
class FakeBoard final : public Backend {
public:
    FakeBoard(ManualClock& clock, const Rig& rig) : clock_(clock), rig_(rig) {}

    void drive(std::span<const OutputLevel> levels) override {
        if (fail_on_drive && drives_ == *fail_on_drive) {
            throw std::runtime_error("relay board stopped answering");
        }
        ++drives_;
        for (const OutputLevel& level : levels) {
            if (level.channel == stuck_open) {
                continue;
            }
            line_[level.channel] = level.active;
            const std::size_t contact = crossed.value_or(level.channel);
            if (rig_.outputs.at(contact).readback) {
                const Duration delay = level.active ? milliseconds(2) : milliseconds(1);
                pending_.push_back(
                    {rig_.readback_input(contact), level.active, clock_.now() + delay});
            }
            if (level.channel == 0 && level.active) {
                pending_.push_back({0, true, clock_.now() + milliseconds(100)});
                pending_.push_back({0, false, clock_.now() + milliseconds(150)});
            }
        }
    }
    void open_all() noexcept override {
        line_.fill(false);
        ++openings;
    }
    std::span<const InputEdge> wait(Instant deadline) override {
        std::ranges::stable_sort(pending_, {}, &InputEdge::at);
        clock_.sleep_until(pending_.empty() ? deadline : std::min(deadline, pending_.front().at));
        due_.clear();
        while (!pending_.empty() && pending_.front().at <= clock_.now()) {
            due_.push_back(pending_.front());
            pending_.erase(pending_.begin());
        }
        return due_;
    }
    bool read_line(std::size_t channel) const { return line_.at(channel); }

    std::size_t stuck_open = 99;
    std::optional<std::size_t> crossed; // every contact change shows on this channel's read-back
    std::optional<std::size_t> fail_on_drive;
    int openings = 0;

private:
    ManualClock& clock_;
    const Rig& rig_;
    std::array<bool, 3> line_{};
    std::vector<InputEdge> pending_;
    std::vector<InputEdge> due_; // what the last wait returned
    std::size_t drives_ = 0;
};

// Lock and unlock with read-back, boot without; lock and unlock senses.
Rig board_rig() {
    Rig rig = testing::one_slot_rig();
    rig.outputs.push_back({.slot = 1, .button = "boot", .line = {"x", 2}, .max_hold = seconds(8)});
    rig.outputs[0].readback = LineRef{"x", 16};
    rig.outputs[1].readback = LineRef{"x", 17};
    return rig;
}

OutputCheckPlan plan(const FakeBoard& board) {
    return {.pulse = milliseconds(300),
            .settle = milliseconds(200),
            .read_line = [&board](std::size_t channel) { return board.read_line(channel); }};
}

TEST(OutputCheck, TimesEachContactThroughItsReadBackOneOutputAtATime) {
    ManualClock clock;
    const Rig rig = board_rig();
    FakeBoard board(clock, rig);
    const Instant start = clock.now();
    const auto checks = check_outputs(board, clock, rig, plan(board));
    ASSERT_EQ(checks.size(), 3u);
    for (const std::size_t channel : {0u, 1u}) {
        const OutputCheck& check = checks[channel];
        EXPECT_TRUE(check.readback);
        ASSERT_TRUE(check.close.has_value());
        ASSERT_TRUE(check.open.has_value());
        EXPECT_EQ(check.close->delay, milliseconds(2));
        EXPECT_EQ(check.open->delay, milliseconds(1));
        EXPECT_EQ(check.close->extra_edges, 0u);
        EXPECT_FALSE(check.line.has_value()) << "read-back says more than the kernel's read";
        EXPECT_FALSE(check.fault());
    }
    EXPECT_EQ(checks[0].answers, std::vector<std::size_t>{0}); // the car's lock signal
    EXPECT_TRUE(checks[1].answers.empty());
    EXPECT_EQ(clock.now(), start + 3 * milliseconds(500));
    EXPECT_EQ(board.openings, 1);
}

TEST(OutputCheck, WithoutReadBackTheKernelsReadOfTheLineIsReported) {
    ManualClock clock;
    const Rig rig = board_rig();
    FakeBoard board(clock, rig);
    const auto checks = check_outputs(board, clock, rig, plan(board));
    ASSERT_TRUE(checks[2].line.has_value());
    EXPECT_TRUE(checks[2].line->driven);
    EXPECT_FALSE(checks[2].line->released);
    EXPECT_FALSE(checks[2].close.has_value());
    EXPECT_FALSE(checks[2].fault());

    board.stuck_open = 2;
    const auto stuck = check_outputs(board, clock, rig, plan(board));
    EXPECT_FALSE(stuck[2].line->driven);
    EXPECT_TRUE(stuck[2].fault());
}

TEST(OutputCheck, ABackendThatCannotReadLinesLeavesAChannelWithoutReadBackUnchecked) {
    ManualClock clock;
    const Rig rig = board_rig();
    FakeBoard board(clock, rig);
    const auto checks = check_outputs(board, clock, rig, {});
    EXPECT_FALSE(checks[2].line.has_value());
    EXPECT_FALSE(checks[2].fault());
}

TEST(OutputCheck, AContactThatNeverClosesIsAFault) {
    ManualClock clock;
    const Rig rig = board_rig();
    FakeBoard board(clock, rig);
    board.stuck_open = 1;
    const auto checks = check_outputs(board, clock, rig, plan(board));
    EXPECT_FALSE(checks[1].close.has_value());
    EXPECT_FALSE(checks[1].open.has_value());
    EXPECT_TRUE(checks[1].fault());
    EXPECT_FALSE(checks[0].fault());
}

TEST(OutputCheck, AnotherChannelsReadBackMovingIsAFault) {
    ManualClock clock;
    const Rig rig = board_rig();
    FakeBoard board(clock, rig);
    board.crossed = 1; // lock's contact shows on unlock's read-back
    const auto checks = check_outputs(board, clock, rig, plan(board));
    EXPECT_FALSE(checks[0].close.has_value());
    EXPECT_EQ(checks[0].other_contacts, std::vector<std::size_t>{1});
    EXPECT_TRUE(checks[0].fault());
    EXPECT_TRUE(checks[2].fault()) << "boot has no read-back, yet unlock's moved";
}

TEST(OutputCheck, NoPulseOutlastsTheChannelsMaxHold) {
    ManualClock clock;
    Rig rig = board_rig();
    rig.outputs[1].max_hold = milliseconds(100);
    FakeBoard board(clock, rig);
    const Instant start = clock.now();
    check_outputs(board, clock, rig, plan(board));
    EXPECT_EQ(clock.now(), start + milliseconds(500 + 300 + 500));
}

TEST(OutputCheck, ReleasesEveryOutputWhenTheBoardFailsMidPulse) {
    ManualClock clock;
    const Rig rig = board_rig();
    FakeBoard board(clock, rig);
    board.fail_on_drive = 1; // lock closed, then releasing it throws
    EXPECT_THROW(check_outputs(board, clock, rig, plan(board)), std::runtime_error);
    EXPECT_EQ(board.openings, 1);
    EXPECT_FALSE(board.read_line(0));
}

} // namespace
} // namespace fobrig
