// The wiring check on a fake board: read-back, a stuck line, the car's answers, release.
#include "rig/gpiod/wiring_check.hpp"

#include "tests/support/scripted_rig.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fobrig {
namespace {

using ::testing::HasSubstr;
using testing::ManualClock;

// Read-back follows the drive unless a line is stuck open; pressing lock makes the car's lock
// signal answer 300 ms later.
class FakeBoard final : public GpiodBackend {
public:
    explicit FakeBoard(ManualClock& clock) : clock_(clock) {}

    void drive(std::span<const OutputLevel> levels) override {
        for (const OutputLevel& level : levels) {
            closed_.at(level.channel) = level.active && level.channel != stuck_open;
            if (level.channel == 0 && level.active) {
                answer_at_ = clock_.now() + milliseconds(300);
            }
        }
    }
    void release_all() noexcept override {
        closed_.assign(closed_.size(), false);
        ++releases;
    }
    std::vector<InputEdge> wait(Instant deadline) override {
        if (answer_at_ && *answer_at_ <= deadline) {
            clock_.sleep_until(*answer_at_);
            const InputEdge edge{.input = 0, .active = true, .at = *answer_at_};
            answer_at_.reset();
            return {edge};
        }
        clock_.sleep_until(deadline);
        return {};
    }
    int event_fd() const override { return -1; }
    std::optional<Instant> settling_until() const override { return std::nullopt; }
    bool read_output(std::size_t channel) override { return closed_.at(channel); }

    std::size_t stuck_open = 99;
    int releases = 0;

private:
    ManualClock& clock_;
    std::vector<bool> closed_ = std::vector<bool>(2);
    std::optional<Instant> answer_at_;
};

Rig two_buttons() {
    Rig rig;
    rig.outputs = {{.slot = 1, .button = "lock", .line = {"pinctrl-rp1", 17}},
                   {.slot = 1, .button = "unlock", .line = {"pinctrl-rp1", 27}}};
    rig.senses = {{.role = "lock", .line = {"pinctrl-rp1", 22}}};
    return rig;
}

TEST(WiringCheck, PulsesEachOutputAndReportsReadBackAndAnswers) {
    ManualClock clock;
    FakeBoard board(clock);
    const Instant start = clock.now();
    const auto checks =
        check_wiring(board, clock, two_buttons(), milliseconds(500), milliseconds(200));
    ASSERT_EQ(checks.size(), 2u);
    EXPECT_TRUE(checks[0].ok());
    EXPECT_TRUE(checks[1].ok());
    ASSERT_EQ(checks[0].answers.size(), 1u);
    EXPECT_EQ(checks[0].answers[0].at, start + milliseconds(300));
    EXPECT_TRUE(checks[1].answers.empty());
    EXPECT_EQ(clock.now(), start + milliseconds(1400));
    EXPECT_EQ(board.releases, 1);
    EXPECT_EQ(wiring_report(checks, two_buttons()),
              "slot 1 lock (pinctrl-rp1:17): ok, read back closed when driven, open after "
              "release; lock went active\n"
              "slot 1 unlock (pinctrl-rp1:27): ok, read back closed when driven, open after "
              "release\n");
}

TEST(WiringCheck, ALineThatDoesNotFollowIsAFault) {
    ManualClock clock;
    FakeBoard board(clock);
    board.stuck_open = 1;
    const auto checks = check_wiring(board, clock, two_buttons(), milliseconds(100), Duration{});
    EXPECT_FALSE(checks[1].ok());
    EXPECT_THAT(wiring_report(checks, two_buttons()),
                HasSubstr("slot 1 unlock (pinctrl-rp1:27): FAULT, read back open when driven"));
}

} // namespace
} // namespace fobrig
