// The cars of the held-switch and counted rituals (GM's held door switch and chimes, VW's slot
// presses and horn, Toyota's door and key parts and its failure answer), worked by hand on the
// bench: each learns by its own ritual, answers as its sources say, and notes why
// when a step came too soon, too late or too often.
#include "bench_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fobrig::sim {
namespace {

using fixture::BenchFixture;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Counts `role`'s signal turning active from now on.
class Rises {
public:
    Rises(Car& car, const std::string& role) {
        car.signal(role)->on_change([this](bool on) { count_ += on ? 1 : 0; });
    }
    // The rises since the last call.
    int take() { return std::exchange(count_, 0); }

private:
    int count_ = 0;
};

// A person works the car's switch `role`, then lets `gap` pass.
void work(BenchFixture& b, const std::string& role, bool on, Duration gap = milliseconds(600)) {
    ASSERT_TRUE(b.bench.car().work(role, on)) << role;
    b.pass(gap);
}

struct Gm : BenchFixture {
    Gm() : BenchFixture(make_car("gm-malibu-2000"), {}, {}, fixture::sim_rig(3)) {}

    // The door's unlock switch held, the key in `insertions` times (out between), released.
    void enter(int insertions = 3, Duration held_extra = {}) {
        work(*this, "door-unlock", true);
        for (int i = 0; i < insertions; ++i) {
            work(*this, "key-in", true);
            if (i + 1 < insertions) {
                work(*this, "key-in", false);
            }
        }
        pass(held_extra);
        work(*this, "door-unlock", false, seconds(3));
    }
    void chord(int slot, Duration held) {
        press(slot, {"lock", "unlock"}, held);
        pass(seconds(3));
    }
    Rises chimes{bench.car(), "chime"};
};

TEST(GmCar, ThreeChimesForProgrammingModeTwoForEachRemoteHeldAbout4Seconds) {
    Gm b;
    b.bench.car().preload_key(b.fob_id(3), 0);
    b.enter();
    EXPECT_EQ(b.chimes.take(), 3);
    b.chord(1, seconds(4));
    EXPECT_EQ(b.chimes.take(), 2);
    b.chord(2, seconds(4));
    EXPECT_EQ(b.chimes.take(), 2);
    // The first remote learned erased the one the car held.
    EXPECT_THAT(b.bench.car().key_table(), ElementsAre(b.fob_id(1), b.fob_id(2)));
    work(b, "key-in", false);
    b.chord(3, seconds(4));
    EXPECT_EQ(b.chimes.take(), 0);
    EXPECT_THAT(b.bench.car().notes(), IsEmpty());
}

TEST(GmCar, TheKeyInTwiceOrFourTimesOpensNoProgrammingMode) {
    for (const int insertions : {2, 4}) {
        Gm b;
        b.enter(insertions);
        EXPECT_EQ(b.chimes.take(), 0) << insertions;
        EXPECT_THAT(b.bench.car().notes(),
                    ElementsAre("with the door's unlock switch held the key went in " +
                                std::to_string(insertions) +
                                " times; the car needs it in 3 times, left in"));
    }
}

TEST(GmCar, TheSwitchHeldPast25SecondsOpensNoProgrammingMode) {
    Gm b;
    b.enter(3, seconds(25));
    EXPECT_EQ(b.chimes.take(), 0);
    EXPECT_THAT(b.bench.car().notes(),
                Contains(HasSubstr("needs the key's insertions within 25 s")));
}

TEST(GmCar, AChordLetGoTooSoonIsNotLearned) {
    Gm b;
    b.enter();
    b.chimes.take();
    b.chord(1, seconds(2));
    EXPECT_EQ(b.chimes.take(), 0);
    EXPECT_THAT(b.bench.car().key_table(), IsEmpty());
    EXPECT_THAT(b.bench.car().notes(), ElementsAre(HasSubstr("lock and unlock held together 2.")));
}

struct Vw : BenchFixture {
    Vw() : BenchFixture(make_car("vw-cabrio-1998"), {}, {}, fixture::sim_rig(3)) {}

    // Ignition on, the door locked with the other key, Open pressed `presses` times a second
    // apart, and once more `then` after the last; the ignition off.
    void code(int slot, int presses, Duration then = seconds(6)) {
        work(*this, "ignition", true);
        work(*this, "door-lock", true);
        for (int i = 0; i < presses; ++i) {
            press(slot, {"unlock"}, milliseconds(300));
            pass(milliseconds(700));
        }
        pass(then - seconds(1));
        press(slot, {"unlock"}, milliseconds(300));
        pass(seconds(2));
        work(*this, "door-lock", false);
        work(*this, "ignition", false);
    }
    Rises horn{bench.car(), "horn"};
};

TEST(VwCar, TheOpenPressesPickTheMemorySlotAndTheHornAnswersEach) {
    Vw b;
    b.code(1, 1);
    EXPECT_EQ(b.horn.take(), 1);
    b.code(2, 2);
    EXPECT_EQ(b.horn.take(), 2);
    EXPECT_THAT(b.bench.car().key_table(), ElementsAre(b.fob_id(1), b.fob_id(2)));
    b.code(3, 1); // slot 1 again: the remote there is replaced
    EXPECT_THAT(b.bench.car().key_table(), ElementsAre(b.fob_id(3), b.fob_id(2)));
    EXPECT_THAT(b.bench.car().notes(), IsEmpty());
}

TEST(VwCar, TheCodingPressTooSoonOrTooLateCodesNothing) {
    for (const Duration then : {seconds(3), seconds(12)}) {
        Vw b;
        b.code(1, 1, then);
        EXPECT_THAT(b.bench.car().key_table(), IsEmpty());
        EXPECT_THAT(b.bench.car().notes(),
                    Contains(HasSubstr("after the last press of Open; the car wants 5 s to 10 s")));
    }
}

TEST(VwCar, FivePressesEraseEverySlot) {
    Vw b;
    b.code(1, 1);
    b.code(2, 2);
    b.code(1, 5);
    EXPECT_THAT(b.bench.car().key_table(), IsEmpty());
}

struct Toyota : BenchFixture {
    Toyota() : BenchFixture(make_car("toyota-land-cruiser-2005"), {}, {}, fixture::sim_rig(3)) {
        work(*this, "door", true); // the ritual starts with the driver's door open
    }

    void key(bool in) { work(*this, "key-in", in); }
    void door(bool open) { work(*this, "door", open); }
    // The door and key parts, then the ignition turned on `turns` times and the key out.
    void pick(int turns) {
        key(true), key(false), key(true), key(false);
        door(false), door(true), door(false), door(true), key(true), key(false);
        door(false), door(true), door(false), door(true), key(true), door(false);
        for (int i = 0; i < turns; ++i) {
            work(*this, "ignition", true, milliseconds(500));
            work(*this, "ignition", false, milliseconds(500));
        }
        key(false);
        pass(seconds(5));
    }
    // Lock and unlock held `chord`, then lock alone held `button`.
    void register_fob(int slot, Duration chord = milliseconds(1100),
                      Duration button = milliseconds(1300)) {
        press(slot, {"lock", "unlock"}, chord);
        pass(milliseconds(500));
        press(slot, {"lock"}, button);
        pass(seconds(5));
    }
    Rises cycles{bench.car(), "unlock"}; // each lock-unlock cycle ends in one unlock
};

TEST(ToyotaCar, RewriteModeRegistersEachRemoteWithOneCycle) {
    Toyota b;
    b.bench.car().preload_key(b.fob_id(3), 0);
    b.pick(2);
    EXPECT_EQ(b.cycles.take(), 2); // rewrite mode
    b.register_fob(1);
    EXPECT_EQ(b.cycles.take(), 1);
    b.register_fob(2);
    EXPECT_EQ(b.cycles.take(), 1);
    EXPECT_THAT(b.bench.car().key_table(), ElementsAre(b.fob_id(1), b.fob_id(2)));
    EXPECT_THAT(b.bench.car().notes(), IsEmpty());
}

TEST(ToyotaCar, AddModeKeepsTheCodesHeldAndConfirmModeCountsThem) {
    Toyota b;
    b.bench.car().preload_key(b.fob_id(3), 0);
    b.pick(1);
    EXPECT_EQ(b.cycles.take(), 1); // add mode
    b.register_fob(1);
    EXPECT_THAT(b.bench.car().key_table(), ElementsAre(b.fob_id(3), b.fob_id(1)));
    b.pass(seconds(45));
    b.cycles.take();
    b.door(true);
    b.pick(3);
    EXPECT_EQ(b.cycles.take(), 2); // two codes held
}

TEST(ToyotaCar, AChordOutsideItsWindowOrAShortButtonFailsWithTwoCycles) {
    const struct {
        Duration chord;
        Duration button;
        const char* note;
    } cases[] = {
        {milliseconds(400), milliseconds(1300), "lock and unlock held together"},
        {milliseconds(2000), milliseconds(1300), "the car wants 1 s to 1.5 s"},
        {milliseconds(1100), milliseconds(400), "the single button held"},
    };
    for (const auto& c : cases) {
        Toyota b;
        b.pick(2);
        b.cycles.take();
        b.register_fob(1, c.chord, c.button);
        EXPECT_EQ(b.cycles.take(), 2) << c.note;
        EXPECT_THAT(b.bench.car().key_table(), IsEmpty()) << c.note;
        EXPECT_THAT(b.bench.car().notes(), Contains(HasSubstr(c.note)));
    }
}

TEST(ToyotaCar, AMovementOutOfOrderOrAnUnknownModeStartsOver) {
    Toyota b;
    b.key(true), b.key(false), b.key(true), b.key(false);
    b.key(true);
    EXPECT_THAT(b.bench.car().notes(),
                ElementsAre("the key inserted where the car waited for the door closed "
                            "(movement 5 of 16)"));
    Toyota four;
    four.pick(4);
    EXPECT_EQ(four.cycles.take(), 0);
    EXPECT_THAT(four.bench.car().notes(), ElementsAre(HasSubstr("turned on 4 times: no mode")));
}

// "Close the door": opened and closed again before it stays closed, it is still the last
// movement, and the mode is picked as usual; once the ignition turned, the door starts over.
TEST(ToyotaCar, TheDoorMayOpenAndCloseAgainBeforeTheIgnitionTurns) {
    Toyota b;
    b.key(true), b.key(false), b.key(true), b.key(false);
    b.door(false), b.door(true), b.door(false), b.door(true), b.key(true), b.key(false);
    b.door(false), b.door(true), b.door(false), b.door(true), b.key(true), b.door(false);
    b.door(true), b.door(false);
    work(b, "ignition", true, milliseconds(500));
    work(b, "ignition", false, milliseconds(500));
    b.key(false);
    b.pass(seconds(5));
    EXPECT_EQ(b.cycles.take(), 1); // add mode
    EXPECT_THAT(b.bench.car().notes(), IsEmpty());
}

// Every car has a key switch and a driver's door; one whose ritual does not use them says so.
TEST(AnyCar, TheKeyAndTheDoorMoveOnEveryCarAndAnUnusedOneIsNoted) {
    BenchFixture b(make_car("mini-r50"), {}, {}, fixture::sim_rig(3));
    work(b, "key-in", true);
    work(b, "door", true);
    EXPECT_TRUE(b.bench.car().signal("key-in")->level());
    EXPECT_THAT(b.bench.car().notes(),
                ElementsAre("the key was inserted, which this car's ritual does not use",
                            "the driver's door opened, which this car's ritual does not use"));
    EXPECT_FALSE(b.bench.car().work("door-unlock", true)); // not every car has one wired
}

} // namespace
} // namespace fobrig::sim
