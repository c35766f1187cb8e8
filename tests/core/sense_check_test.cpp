// The sense half of the wiring check with a scripted operator: the inputs that answer each
// request by hand, swapped wiring, nobody answering, skips, and levels at the start.
#include "rig/core/sense_check.hpp"

#include "tests/support/scripted_rig.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>

namespace fobrig {
namespace {

using testing::ManualClock;
using testing::ScriptedBackend;

// Lock, unlock and ignition inputs (0, 1, 2).
Rig sense_rig() {
    Rig rig = testing::one_slot_rig();
    rig.senses.push_back({.role = "ignition", .line = {"x", 10}});
    return rig;
}

// The person at the rig: each request moves the inputs `wiring` says (by the request's role), 2 s
// after it is asked, for 500 ms; or skips every request.
class ScriptedHands final : public WiringConsole {
public:
    ScriptedHands(ManualClock& clock, ScriptedBackend& backend)
        : clock_(clock), backend_(backend) {}

    void ask(const WiringRequest& request, Instant deadline) override {
        requests.push_back(request.text);
        deadlines.push_back(deadline);
        const auto answer = wiring.find(request.role);
        for (const std::size_t input :
             answer == wiring.end() ? std::vector<std::size_t>{} : answer->second) {
            backend_.car_signal(input, clock_.now() + seconds(2), milliseconds(500));
        }
    }
    bool skipped() override { return skips; }

    std::map<std::string, std::vector<std::size_t>> wiring; // by role: "lock", "ignition"
    bool skips = false;
    std::vector<std::string> requests;
    std::vector<Instant> deadlines;

private:
    ManualClock& clock_;
    ScriptedBackend& backend_;
};

struct Bench {
    ManualClock clock;
    ScriptedBackend backend{clock};
    ScriptedHands hands{clock, backend};
    Rig rig = sense_rig();
    SenseCheckPlan plan{.time_limit = seconds(30), .settle = seconds(1)};

    std::vector<SenseCheck> check() { return check_senses(backend, clock, rig, plan, &hands); }
};

TEST(SenseCheck, AsksForLockUnlockAndIgnitionInTurnAndSeesEachInputToggle) {
    Bench b;
    b.hands.wiring = {{"lock", {0}}, {"unlock", {1}}, {"ignition", {2}}};
    const Instant start = b.clock.now();
    const auto checks = b.check();
    EXPECT_EQ(b.hands.requests,
              (std::vector<std::string>{"Lock the car by hand", "Unlock the car by hand",
                                        "Turn the ignition to position 1 and back"}));
    EXPECT_EQ(b.hands.deadlines.front(), start + seconds(30));
    ASSERT_EQ(checks.size(), 3u);
    for (const SenseCheck& check : checks) {
        EXPECT_TRUE(check.toggled()) << b.rig.senses[check.input].role;
        EXPECT_FALSE(check.skipped);
        EXPECT_TRUE(check.others.empty());
        EXPECT_FALSE(check.fault());
    }
    // Each request ends a settling second after its input came back, not after 30 s.
    EXPECT_EQ(b.clock.now(), start + 3 * milliseconds(2500 + 1000));
}

TEST(SenseCheck, LockAndUnlockSwappedShowAsTheOtherInputAnsweringInstead) {
    Bench b;
    b.hands.wiring = {{"lock", {1}}, {"unlock", {0}}, {"ignition", {2}}};
    const auto checks = b.check();
    EXPECT_FALSE(checks[0].moved());
    EXPECT_EQ(checks[0].others, std::vector<std::size_t>{1});
    EXPECT_TRUE(checks[0].fault());
    EXPECT_EQ(checks[1].others, std::vector<std::size_t>{0});
    EXPECT_TRUE(checks[1].fault());
    EXPECT_FALSE(checks[2].fault());
}

TEST(SenseCheck, OneSignalOnTwoInputsIsAFaultThoughTheRightOneToggled) {
    Bench b;
    b.hands.wiring = {{"lock", {0, 1}}};
    const auto checks = b.check();
    EXPECT_TRUE(checks[0].toggled());
    EXPECT_EQ(checks[0].others, std::vector<std::size_t>{1});
    EXPECT_TRUE(checks[0].fault());
}

TEST(SenseCheck, NobodyAnsweringIsDidNotToggleAfterEachTimeLimit) {
    Bench b;
    const Instant start = b.clock.now();
    const auto checks = b.check();
    for (const SenseCheck& check : checks) {
        EXPECT_FALSE(check.moved());
        EXPECT_FALSE(check.skipped);
        EXPECT_TRUE(check.fault());
    }
    EXPECT_EQ(b.clock.now(), start + 3 * seconds(30));
}

TEST(SenseCheck, ASkippedRequestIsNeitherAnsweredNorAFault) {
    Bench b;
    b.hands.skips = true;
    const Instant start = b.clock.now();
    const auto checks = b.check();
    for (const SenseCheck& check : checks) {
        EXPECT_TRUE(check.skipped);
        EXPECT_FALSE(check.fault());
    }
    EXPECT_EQ(b.clock.now(), start);
}

TEST(SenseCheck, EdgesFromBeforeARequestAreNotItsAnswer) {
    Bench b;
    b.backend.car_signal(0, b.clock.now() - seconds(2), milliseconds(500));
    b.rig.senses.resize(1);
    const auto checks = b.check();
    EXPECT_FALSE(checks[0].moved());
    EXPECT_TRUE(checks[0].fault());
}

TEST(SenseCheck, WithoutAConsoleOnlyTheLevelsAreReportedAndAnActiveOneIsAFault) {
    Bench b;
    b.plan.levels = {false, true, false};
    const auto checks = check_senses(b.backend, b.clock, b.rig, b.plan, nullptr);
    ASSERT_EQ(checks.size(), 3u);
    EXPECT_TRUE(b.backend.waits.empty());
    EXPECT_EQ(checks[0].level, false);
    EXPECT_EQ(checks[1].level, true);
    EXPECT_TRUE(checks[0].skipped);
    EXPECT_FALSE(checks[0].fault());
    EXPECT_TRUE(checks[1].fault()) << "a car at rest drives no signal";
}

// A rig that senses the car's answers on one indicator input (sim-2-indicator.toml's shape).
TEST(SenseCheck, AnIndicatorInputIsAskedToFlash) {
    Bench b;
    b.rig.senses = {{.role = "indicator", .line = {"x", 11}},
                    {.role = "ignition", .line = {"x", 10}}};
    b.hands.wiring = {{"indicator", {0}}, {"ignition", {1}}};
    const auto checks = b.check();
    EXPECT_EQ(b.hands.requests,
              (std::vector<std::string>{
                  "Turn the ignition to position 1 and back",
                  "Flash the indicators: lock or unlock the car with a remote it knows"}));
    EXPECT_TRUE(checks[0].toggled());
    EXPECT_FALSE(checks[0].fault());
}

TEST(SenseCheck, OnlyTheRolesTheRigHasAreAskedFor) {
    Bench b;
    b.rig.senses = {{.role = "unlock", .line = {"x", 9}},
                    {.role = "boot-light", .line = {"x", 11}}};
    b.hands.wiring = {{"unlock", {0}}};
    const auto checks = b.check();
    EXPECT_EQ(b.hands.requests, std::vector<std::string>{"Unlock the car by hand"});
    EXPECT_TRUE(checks[0].toggled());
    EXPECT_TRUE(checks[1].skipped);
    EXPECT_FALSE(checks[1].level.has_value());
}

} // namespace
} // namespace fobrig
