// The wiring check's report: one line per output and per sense input, as a technician reads it.
#include "rig/record/wiring_report.hpp"

#include <gtest/gtest.h>

namespace fobrig {
namespace {

// Slot 1 lock and unlock with read-back, boot without; lock, unlock and ignition inputs.
Rig report_rig() {
    Rig rig;
    for (const char* button : {"lock", "unlock", "boot"}) {
        rig.outputs.push_back({.slot = 1,
                               .button = button,
                               .line = {"pinctrl-rp1", unsigned(17 + rig.outputs.size())}});
    }
    rig.outputs[0].readback = LineRef{"pinctrl-rp1", 5};
    rig.outputs[1].readback = LineRef{"pinctrl-rp1", 6};
    for (const char* role : {"lock", "unlock", "ignition"}) {
        rig.senses.push_back(
            {.role = role, .line = {"pinctrl-rp1", unsigned(22 + rig.senses.size())}});
    }
    return rig;
}

TEST(WiringReport, OneLinePerOutputWithItsDelaysAndBounceToATenthOfAMillisecond) {
    const std::vector<OutputCheck> checks = {
        {.channel = 0,
         .readback = true,
         .close = ContactTransition{microseconds(6'040), microseconds(900), 4},
         .open = ContactTransition{microseconds(3'960), Duration{}, 0},
         .answers = {0}},
        {.channel = 1,
         .readback = true,
         .close = ContactTransition{microseconds(9'000), microseconds(150), 1}},
        {.channel = 2, .line = LineRead{.driven = true, .released = false}},
    };
    EXPECT_EQ(output_report(checks, report_rig()),
              "slot 1 lock (pinctrl-rp1:17): ok, read-back closed after 6.0 ms (bounce 0.9 ms, "
              "4 extra edges), opened after 4.0 ms (no bounce); the car answered: lock\n"
              "slot 1 unlock (pinctrl-rp1:18): FAULT, read-back (pinctrl-rp1:6) closed after "
              "9.0 ms (bounce 0.2 ms, 1 extra edge), did not open\n"
              "slot 1 boot (pinctrl-rp1:19): ok, no read-back wired; the line reads closed when "
              "driven, open after release\n");
}

TEST(WiringReport, SaysWhatCouldNotBeCheckedAndWhichReadBackMovedInstead) {
    const std::vector<OutputCheck> checks = {
        {.channel = 0, .readback = true, .other_contacts = {1}},
        {.channel = 2},
    };
    EXPECT_EQ(output_report(checks, report_rig()),
              "slot 1 lock (pinctrl-rp1:17): FAULT, read-back (pinctrl-rp1:5) did not close, did "
              "not open; the read-back of slot 1 unlock moved too: crossed read-back lines?\n"
              "slot 1 boot (pinctrl-rp1:19): no read-back wired, not checked\n");
}

TEST(WiringReport, OneLinePerSenseInputWithItsLevelItsAnswerAndAHintWhenMiswired) {
    const std::vector<SenseCheck> checks = {
        {.input = 0, .level = false, .skipped = false, .others = {1}},
        {.input = 1, .level = false, .skipped = false, .went_active = true, .went_inactive = true},
        {.input = 2, .level = true},
    };
    EXPECT_EQ(sense_report(checks, report_rig()),
              "lock input (pinctrl-rp1:22): FAULT, inactive at the start, did not toggle when "
              "asked; the unlock input answered instead: lock and unlock swapped?\n"
              "unlock input (pinctrl-rp1:23): ok, inactive at the start, toggled when asked\n"
              "ignition input (pinctrl-rp1:24): FAULT, active at the start (a car at rest drives "
              "no signal: check active_low), skipped\n");
}

TEST(WiringReport, AnInputThatMovedAsWellOrOnlyOneWay) {
    const std::vector<SenseCheck> checks = {
        {.input = 0,
         .skipped = false,
         .went_active = true,
         .went_inactive = true,
         .others = {1, 2}},
        {.input = 2, .level = false, .skipped = false, .went_active = true},
    };
    EXPECT_EQ(sense_report(checks, report_rig()),
              "lock input (pinctrl-rp1:22): FAULT, level not read, toggled when asked; the unlock "
              "and ignition inputs moved as well: one signal wired to two inputs?\n"
              "ignition input (pinctrl-rp1:24): ok, inactive at the start, went active when "
              "asked, and stayed active\n");
}

} // namespace
} // namespace fobrig
