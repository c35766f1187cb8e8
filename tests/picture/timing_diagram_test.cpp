// The timing diagram, read back as a user's browser would: parsed as XML, then its lanes,
// labels, windows and marks looked up by class.
#include "rig/picture/timing_diagram.hpp"

#include "tests/integration/simulated_session.hpp"
#include "tests/record/sample_run.hpp"
#include "tests/support/xml_tree.hpp"

#include <gmock/gmock.h>

namespace fobrig {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::parse_xml;
using testing::SimulatedSession;
using testing::XmlElement;

std::vector<std::string> lane_names(const XmlElement& svg) {
    std::vector<std::string> names;
    for (const XmlElement* lane : svg.with_class("lane")) {
        names.push_back(lane->attribute("data-line"));
    }
    return names;
}

std::vector<const XmlElement*> windows_of(const XmlElement& svg, const std::string& kind) {
    return svg.find_all([&](const XmlElement& e) {
        return e.has_class("car-window") && e.attribute("data-kind") == kind;
    });
}

// The shaded rectangle of a window group: the one over the lanes, not the label bar.
const XmlElement& shade(const XmlElement& window) {
    return *window.find_all([](const XmlElement& e) { return e.has_class("window"); }).at(0);
}

RunRecord two_fobs_on(SimulatedSession& session) {
    return session.run({{1, "owner-A"}, {2, "owner-B"}});
}

TEST(TimingDiagram, HasALanePerLineTheRunUsedAndNoneForOtherSlotsOrButtons) {
    SimulatedSession session({}, {}, testing::shipped_rig("sim-8.toml"));
    const RunRecord record = two_fobs_on(session);
    ASSERT_EQ(record.outcome, RunOutcome::passed) << record.reason;

    const auto svg = parse_xml(timing_diagram_svg(record, &session.procedure));

    EXPECT_EQ(svg->name, "svg");
    EXPECT_THAT(lane_names(*svg),
                ElementsAre("slot1.lock", "slot1.unlock", "slot2.lock", "slot2.unlock",
                            "sense.lock", "sense.unlock", "sense.ignition"));
    EXPECT_EQ(svg->with_class("lane-sense").size(), 3u);
    EXPECT_EQ(svg->attribute("role"), "img");
    EXPECT_THAT(svg->attribute("aria-label"), HasSubstr(record.id));
}

TEST(TimingDiagram, ShadesTheCarsWindowsWithTheirLimitsForEachFob) {
    SimulatedSession session;
    const RunRecord record = two_fobs_on(session);
    const auto svg = parse_xml(timing_diagram_svg(record, &session.procedure));

    const auto presses = windows_of(*svg, "presses");
    ASSERT_EQ(presses.size(), 2u);
    for (const XmlElement* window : presses) {
        EXPECT_EQ(window->attribute("data-label"), "3 presses within 10 s of hold");
        EXPECT_EQ(window->attribute("data-step"), "learn");
        EXPECT_EQ(window->attribute("data-kept"), "true");
        EXPECT_THAT(window->text, HasSubstr("3 presses within 10 s of hold"));
    }
    EXPECT_EQ(presses[0]->attribute("data-slot"), "1");
    EXPECT_EQ(presses[1]->attribute("data-slot"), "2");

    const auto starts = windows_of(*svg, "start");
    ASSERT_EQ(starts.size(), 2u);
    EXPECT_EQ(starts[0]->attribute("data-label"), "start within 30 s of key out");
    EXPECT_EQ(starts[1]->attribute("data-label"), "start within 30 s of slot 1's learn");

    // The learn press window is 10 s wide at 100 px/s, no gap folded inside it.
    EXPECT_NEAR(shade(*presses[0]).number("width"), 1000.0, 1.0);
}

TEST(TimingDiagram, MarksTheCarsAnswerInsideEachConfirmationWindow) {
    SimulatedSession session;
    const RunRecord record = two_fobs_on(session);
    const auto svg = parse_xml(timing_diagram_svg(record, &session.procedure));

    const auto confirmations = windows_of(*svg, "confirmation");
    ASSERT_EQ(confirmations.size(), 6u); // learn, verify-lock, verify-unlock per fob
    EXPECT_EQ(confirmations[0]->attribute("data-label"), "lock, unlock within 3 s of release");
    for (const XmlElement* window : confirmations) {
        const XmlElement& area = shade(*window);
        const auto answers = window->with_class("answer");
        ASSERT_EQ(answers.size(), 1u) << window->attribute("data-label");
        const double x = answers[0]->number("x1");
        EXPECT_GT(x, area.number("x"));
        EXPECT_LT(x, area.number("x") + area.number("width"));
        EXPECT_EQ(window->attribute("data-kept"), "true");
    }
    EXPECT_EQ(svg->with_class("check-passed").size(), 12u); // group and its mark, 6 checks
    EXPECT_TRUE(svg->with_class("check-failed").empty());
}

TEST(TimingDiagram, LabelsStepsActionsAndOperatorStepsWithTheKeyInTime) {
    SimulatedSession session;
    const RunRecord record = two_fobs_on(session);
    const auto svg = parse_xml(timing_diagram_svg(record, &session.procedure));

    std::vector<std::string> actions;
    for (const XmlElement* label : svg->with_class("action-label")) {
        if (label->attribute("data-step") == "learn" && label->attribute("data-slot") == "1") {
            actions.push_back(label->text);
        }
    }
    EXPECT_THAT(actions,
                ElementsAre("hold", "press1", "lift1", "press2", "lift2", "press3", "release"));
    EXPECT_EQ(svg->with_class("step").size(), 6u);
    const auto operators = svg->with_class("operator-step");
    ASSERT_EQ(operators.size(), 3u); // the prerequisites, then the key in and out twice
    EXPECT_EQ(operators[0]->attribute("data-step"), "prerequisites");
    EXPECT_EQ(operators[1]->attribute("data-step"), "enter");
    EXPECT_THAT(operators[1]->text, HasSubstr("key in 2.0 s (limit 5 s)"));
    EXPECT_TRUE(svg->with_class("key-in-too-long").empty());
    // Every commanded edge is drawn with its planned instant beside it.
    EXPECT_EQ(svg->with_class("edge").size(), record.commanded.size());
    EXPECT_EQ(svg->with_class("planned").size(), record.commanded.size());
}

TEST(TimingDiagram, SeparatesAttemptsAndHighlightsTheKeyLeftInTooLong) {
    SimulatedSession session({}, {.ignition_hold = milliseconds(6200)});
    const RunRecord record = two_fobs_on(session);
    ASSERT_EQ(record.outcome, RunOutcome::failed);
    const auto svg = parse_xml(timing_diagram_svg(record, &session.procedure));

    const auto attempts = svg->with_class("attempt");
    ASSERT_EQ(attempts.size(), 3u);
    EXPECT_THAT(attempts[1]->text, HasSubstr("attempt 2: FAIL"));
    EXPECT_EQ(svg->with_class("attempt-separator").size(), 3u);
    const auto too_long = svg->with_class("key-in-too-long");
    EXPECT_FALSE(too_long.empty());
    EXPECT_THAT(too_long[0]->parent->text, HasSubstr("key in 6.2 s (limit 5 s)"));
}

TEST(TimingDiagram, HighlightsLateAndForcedEdgesAndFailedChecks) {
    const RunRecord record = test::sample_run();
    const auto svg = parse_xml(timing_diagram_svg(record, nullptr));

    const auto late = svg->with_class("edge-late");
    ASSERT_EQ(late.size(), 1u);
    EXPECT_EQ(late[0]->named("circle").size(), 1u);
    EXPECT_EQ(late[0]->attribute("data-planned-ms"), "9100.000");
    EXPECT_EQ(late[0]->attribute("data-actual-ms"), "9103.200");
    const auto forced = svg->with_class("edge-forced");
    ASSERT_EQ(forced.size(), 1u);
    EXPECT_EQ(forced[0]->attribute("data-action"), "max-hold guard");
    EXPECT_EQ(svg->with_class("action-forced").size(), 1u);

    const auto failed = svg->find_all(
        [](const XmlElement& e) { return e.has_class("check") && e.has_class("check-failed"); });
    ASSERT_EQ(failed.size(), 1u);
    EXPECT_THAT(failed[0]->text, HasSubstr("car answered unlock, expected lock"));
    // Without the procedure the windows cannot be drawn, and the picture says so.
    EXPECT_TRUE(svg->with_class("car-window").empty());
    EXPECT_THAT(svg->with_class("notice").at(0)->text, HasSubstr("mini-r50-resync was not found"));
}

TEST(TimingDiagram, FoldsLongQuietStretchesIntoABreakThatSaysHowLong) {
    const RunRecord record = test::sample_run(); // the operator takes 6.3 s
    const auto svg = parse_xml(timing_diagram_svg(record, nullptr));

    const auto breaks = svg->with_class("time-break");
    ASSERT_FALSE(breaks.empty());
    EXPECT_EQ(breaks[0]->attribute("data-seconds"), "6.3");
}

TEST(TimingDiagram, KeepsTextFromTheRecordAsText) {
    RunRecord record = test::sample_run();
    record.id = "run <script>alert('x')</script> & co";
    record.operator_steps[0].prompt = "Turn \"the\" key <now>";
    const auto svg = parse_xml(timing_diagram_svg(record, nullptr));

    EXPECT_TRUE(svg->named("script").empty());
    EXPECT_EQ(svg->attribute("data-run"), record.id);
    EXPECT_THAT(svg->text, HasSubstr("Turn \"the\" key <now>"));
}

} // namespace
} // namespace fobrig
