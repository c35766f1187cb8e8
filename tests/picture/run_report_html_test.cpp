// The standalone HTML report, parsed as XHTML: what a reader opening it offline sees.
#include "rig/picture/run_report_html.hpp"

#include "rig/record/timing_table.hpp"
#include "tests/integration/simulated_session.hpp"
#include "tests/record/sample_run.hpp"
#include "tests/support/xml_tree.hpp"

#include <gmock/gmock.h>

namespace fobrig {
namespace {

using ::testing::HasSubstr;
using testing::parse_xml;
using testing::XmlElement;

TEST(RunReportHtml, GivesTheVerdictTheFobsTheDiagramAndTheTimingTable) {
    testing::SimulatedSession session;
    const RunRecord record = session.run(testing::both_fobs);
    const auto html = parse_xml(run_report_html(record, &session.procedure));

    EXPECT_EQ(html->name, "html");
    const auto verdict = html->with_class("verdict");
    ASSERT_EQ(verdict.size(), 1u);
    EXPECT_EQ(verdict[0]->attribute("data-outcome"), "passed");
    const auto fobs = html->with_class("fobs").at(0)->find_all(
        [](const XmlElement& e) { return e.name == "tr" && !e.attribute("data-slot").empty(); });
    ASSERT_EQ(fobs.size(), 2u);
    EXPECT_THAT(fobs[0]->text, HasSubstr("owner-A"));
    EXPECT_THAT(fobs[1]->text, HasSubstr("PASS"));

    const auto svg = html->named("svg");
    ASSERT_EQ(svg.size(), 1u);
    EXPECT_EQ(svg[0]->with_class("lane").size(), 7u);

    const auto rows = html->with_class("timing").at(0)->named("tbody").at(0)->named("tr");
    EXPECT_EQ(rows.size(), timing_rows(record).size());
    // Nothing is fetched: no script, stylesheet link or image from elsewhere.
    EXPECT_TRUE(html->named("script").empty());
    EXPECT_TRUE(html->named("link").empty());
    EXPECT_TRUE(html->named("img").empty());
}

TEST(RunReportHtml, ShowsAFailedFobAndEscapesItsLabel) {
    RunRecord record = test::sample_run();
    record.fobs[1].label = "<b>spare</b> & co";
    const auto html = parse_xml(run_report_html(record, nullptr));

    EXPECT_EQ(html->with_class("verdict").at(0)->attribute("data-outcome"), "failed");
    EXPECT_TRUE(html->named("b").empty());
    const auto failed = html->with_class("fail");
    ASSERT_EQ(failed.size(), 1u);
    EXPECT_THAT(failed[0]->parent->text, HasSubstr("<b>spare</b> & co"));
    EXPECT_THAT(html->text, HasSubstr("without real-time scheduling"));
}

TEST(RunReportHtml, SaysTheRelayBoardWasPoweredByTheInterlocksWave) {
    EXPECT_TRUE(
        parse_xml(run_report_html(test::sample_run(), nullptr))->with_class("interlock").empty());

    testing::SimulatedSession session({}, {}, testing::shipped_rig("sim-2-interlock.toml"));
    const RunRecord record = session.run(testing::both_fobs);
    const auto html = parse_xml(run_report_html(record, &session.procedure));
    const auto interlock = html->with_class("interlock");
    ASSERT_EQ(interlock.size(), 1u);
    EXPECT_THAT(interlock[0]->text, HasSubstr("powered by the enable wave on fobrig-sim:11"));
}

} // namespace
} // namespace fobrig
