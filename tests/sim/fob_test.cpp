// A three-button fob's telegrams: when they go out, and when they do not.
#include "sim/fob.hpp"
#include "timed.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

namespace fobrig::sim {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using Heard = fixture::Timed<Telegram>;

// A fob whose telegrams are kept with their time from the start.
class FobFixture {
public:
    FobFixture()
        : fob(world, 7, {}, [this](const Telegram& t) {
              heard.push_back({world.now() - t0, t});
          }) {}

    void pass_until(Duration d) { world.run_until(t0 + d); }
    // Presses a button for `length`, then lets time run to `end`.
    void press(Button button, Duration length, Duration end) {
        fob.set_button(button, true);
        pass_until(length);
        fob.set_button(button, false);
        pass_until(end);
    }
    std::vector<Duration> times() const {
        std::vector<Duration> at;
        for (const Heard& h : heard) {
            at.push_back(h.at);
        }
        return at;
    }

    const Instant t0 = Instant{} + seconds(1);
    World world{t0};
    std::vector<Heard> heard;
    Fob fob;
};

TEST(Fob, SendsOnceTheButtonsHaveStoodForDebounceAndAirtime) {
    FobFixture f;
    f.press(Button::lock, milliseconds(60), seconds(1));
    EXPECT_THAT(f.times(), ElementsAre(milliseconds(50)));
    EXPECT_EQ(f.heard[0].value.fob_id, 7u);
    EXPECT_EQ(f.heard[0].value.buttons, (ButtonMask{.lock = true}));
}

TEST(Fob, DoesNotSendForAThirtyMillisecondPress) {
    FobFixture f;
    f.press(Button::lock, milliseconds(30), seconds(1));
    EXPECT_THAT(f.heard, IsEmpty());
}

TEST(Fob, RepeatsEveryHundredMillisecondsWhileHeldWithARisingCounter) {
    FobFixture f;
    f.fob.set_button(Button::unlock, true);
    f.pass_until(milliseconds(260));
    EXPECT_THAT(f.times(), ElementsAre(milliseconds(50), milliseconds(150), milliseconds(250)));
    EXPECT_EQ(f.heard[0].value.counter + 2, f.heard[2].value.counter);
    EXPECT_EQ(f.fob.counter(), 3u);
}

TEST(Fob, SendsTheNewButtonsWhenOneIsLetGoWhileAnotherIsHeld) {
    FobFixture f;
    f.fob.set_button(Button::lock, true);
    f.fob.set_button(Button::unlock, true);
    f.pass_until(milliseconds(120));
    f.fob.set_button(Button::lock, false);
    f.pass_until(milliseconds(175));
    ASSERT_THAT(f.times(), ElementsAre(milliseconds(50), milliseconds(170)));
    EXPECT_EQ(f.heard[1].value.buttons, (ButtonMask{.unlock = true}));
}

TEST(Fob, SendsNothingWhenEveryButtonIsLetGo) {
    FobFixture f;
    f.press(Button::lock, milliseconds(60), seconds(2));
    EXPECT_EQ(f.heard.size(), 1u);
}

TEST(Fob, WithAFlatBatterySendsNothing) {
    FobFixture f;
    f.fob.set_battery_flat(true);
    f.fob.set_button(Button::lock, true);
    f.pass_until(seconds(1));
    EXPECT_THAT(f.heard, IsEmpty());
}

TEST(Fob, NamesItsButtonsAsTheRigFilesDo) {
    EXPECT_EQ(button_named("boot"), Button::boot);
    EXPECT_FALSE(button_named("panic").has_value());
}

} // namespace
} // namespace fobrig::sim
