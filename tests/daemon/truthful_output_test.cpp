// What fobrig says is what happened: simulated or real, the car's key table, one JSON document,
// and options that mean what the user meant, through the real command and socket.
#include "tests/daemon/daemon_fixture.hpp"
#include "tests/daemon/fobrig_command.hpp"

#include <gmock/gmock.h>

namespace fobrig {
namespace {

namespace fs = std::filesystem;
using testing::DaemonOnThread;
using testing::fobrig;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::Outcome;
using testing::ScratchFolder;

const std::string sim_2 = FOBRIG_CONFIG_DIR "/rigs/sim-2.toml";

TEST(SimulatedOrReal, StatusTheFirstLineAndTheVerdictSayTheCarWasSimulatedWithItsFaults) {
    DaemonOnThread daemon(true, {"dead-receiver"});
    EXPECT_THAT(fobrig(daemon.socket(), "status").output,
                HasSubstr("(simulated car: BMW Mini R50 (mini-r50), faults: dead-receiver)"));
    const Outcome run = fobrig(daemon.socket(), "program mini-r50-2004 --slots 1");
    EXPECT_EQ(run.status, 1);
    EXPECT_THAT(run.output, HasSubstr("on rig sim-8 (simulated car: BMW Mini R50 (mini-r50), "
                                      "faults: dead-receiver)"));
    EXPECT_THAT(run.output, HasSubstr(" (simulated car: BMW Mini R50 (mini-r50), faults: "
                                      "dead-receiver): FAILED"));
    const auto record =
        nlohmann::json::parse(fobrig(daemon.socket(), "--json show latest", false).output);
    EXPECT_EQ(record["target"]["simulated"], true);
    EXPECT_EQ(record["target"]["sim_faults"], nlohmann::json::array({"dead-receiver"}));
    EXPECT_EQ(record["target"]["sim_car"], "mini-r50");
    EXPECT_THAT(fobrig(daemon.socket(), "export latest --format csv").output,
                HasSubstr(",\"simulated car: BMW Mini R50 (mini-r50), faults: dead-receiver\"\n"));
}

TEST(SimulatedOrReal, ASimulatedFaultWithoutLocalIsRefusedSayingWhereItGoes) {
    DaemonOnThread daemon;
    for (const char* option :
         {"--sim-fault dead-receiver", "--virtual-time", "--sim-car bmw-e46"}) {
        const Outcome run =
            fobrig(daemon.socket(), std::string("program mini-r50-2004 --slots 1 ") + option);
        EXPECT_EQ(run.status, 2) << option;
        EXPECT_THAT(run.output, HasSubstr("fobrigd --sim-car ... --sim-fault ..."));
        EXPECT_THAT(run.output, Not(HasSubstr("PASSED")));
    }
    EXPECT_THAT(fobrig(daemon.socket(), "--json runs", false).output, HasSubstr("[]"));
}

TEST(SimulatedOrReal, ALocalFaultOnASlotTheRigLacksIsRefused) {
    ScratchFolder runs;
    const Outcome run = fobrig("/nonexistent.sock",
                               "program mini-r50-2004 --local --virtual-time --rig " + sim_2 +
                                   " --sim-fault flat-battery=9 --runs-dir " + runs.path.string());
    EXPECT_EQ(run.status, 2);
    EXPECT_THAT(run.output, HasSubstr("rig sim-2 has no slot 9 (its slots: 1, 2)"));
    EXPECT_TRUE(fs::is_empty(runs.path));
}

TEST(KeyTable, StatusShowsWhatTheCarHoldsAndVerifySaysWhichRunDeprogrammedAFob) {
    DaemonOnThread daemon;
    ASSERT_EQ(fobrig(daemon.socket(), "program mini-r50-2004 --slots 1,2 --label "
                                      "1=owner-A,2=owner-B")
                  .status,
              0);
    ASSERT_EQ(
        fobrig(daemon.socket(), "program mini-r50-2004 --slots 3-4 --label 3=spare-C,4=spare-D")
            .status,
        0);
    const std::string second = nlohmann::json::parse(
        fobrig(daemon.socket(), "--json runs --limit 1", false).output)[0]["id"];
    EXPECT_THAT(fobrig(daemon.socket(), "status").output,
                HasSubstr("slots 3=spare-C,4=spare-D (programmed by run " + second + ")"));

    const Outcome verify =
        fobrig(daemon.socket(), "verify mini-r50-2004 --slots 1 --label 1=owner-A");
    EXPECT_THAT(verify.output, HasSubstr("owner-A was de-programmed by run " + second +
                                         ", which programmed slots 3,4"));
    const Outcome fobs = fobrig(daemon.socket(), "fobs");
    EXPECT_THAT(fobs.output, HasSubstr("owner-A"));
    EXPECT_THAT(fobs.output, HasSubstr("spare-D"));
}

TEST(OneCli, JsonPrintsExactlyOneDocumentOnStdoutForEveryCommand) {
    DaemonOnThread daemon;
    for (const char* command :
         {"--json program mini-r50-2004 --slots 1", "--json status", "--json runs",
          "--json show latest", "--json fobs", "--json abort", "--json program no-such-procedure",
          "--json web-url", "--json pin-map pi5-4fob-relay8", "--json procedures",
          "--json safe-state --rig " FOBRIG_CONFIG_DIR "/rigs/sim-2.toml"}) {
        const Outcome outcome = fobrig(daemon.socket(), command, false);
        EXPECT_TRUE(nlohmann::json::accept(outcome.output)) << command << ":\n" << outcome.output;
    }
}

// The wiring check rehearsed on the simulated car, and calibration on simulated relays: one
// document each, saying it was simulated, with the terminal's lines on stderr.
TEST(OneCli, WiringCheckAndCalibrateJsonAreOneDocumentEachAndSaySimulated) {
    DaemonOnThread daemon;
    const Outcome wiring = fobrig(
        daemon.socket(),
        "--json wiring-check --sim --rig " FOBRIG_CONFIG_DIR "/rigs/pi4-2fob-relay.toml", false);
    EXPECT_EQ(wiring.status, 0);
    ASSERT_TRUE(nlohmann::json::accept(wiring.output)) << wiring.output;
    const auto checked = nlohmann::json::parse(wiring.output);
    EXPECT_EQ(checked["simulated"], true);
    EXPECT_EQ(checked["fault"], false);
    ASSERT_EQ(checked["outputs"].size(), 4u);
    EXPECT_EQ(checked["outputs"][0]["channel"], "slot1.lock");
    EXPECT_EQ(checked["outputs"][0]["car_answered"], nlohmann::json::array({"lock"}));
    EXPECT_EQ(checked["outputs"][0]["line_read"]["driven"], true);
    ASSERT_EQ(checked["senses"].size(), 3u);
    for (const auto& sense : checked["senses"]) {
        EXPECT_TRUE(sense["went_active"] && sense["went_inactive"]) << sense.dump();
    }
    const Outcome calibrated = fobrig(
        daemon.socket(),
        "--json calibrate --presses 3 --rig " FOBRIG_CONFIG_DIR "/rigs/sim-2-readback.toml", false);
    EXPECT_EQ(calibrated.status, 0);
    ASSERT_TRUE(nlohmann::json::accept(calibrated.output)) << calibrated.output;
    const auto channels = nlohmann::json::parse(calibrated.output)["channels"];
    ASSERT_EQ(channels.size(), 6u);
    EXPECT_EQ(channels[3]["channel"], "slot2.lock");
    EXPECT_EQ(channels[3]["operate"]["median_ms"], 9.0);
    EXPECT_EQ(channels[3]["followed"], 6);
}

// A rehearsal says so before anything else, and finds what the simulated car does: a stuck
// relay is not simulated here, so every check passes and each press is answered.
TEST(WiringCheck, RehearsedOnTheSimulatedCarItSaysNoLineIsDrivenAndTheCarAnswersEachPress) {
    DaemonOnThread daemon;
    const Outcome rehearsal = fobrig(daemon.socket(), "wiring-check --sim --rig " FOBRIG_CONFIG_DIR
                                                      "/rigs/pi5-2fob-relay.toml");
    EXPECT_EQ(rehearsal.status, 0) << rehearsal.output;
    EXPECT_THAT(rehearsal.output,
                ::testing::StartsWith("a rehearsal on the simulated car, relays and hands: no "
                                      "line is driven\n"));
    EXPECT_THAT(rehearsal.output, HasSubstr("the car answered: unlock"));
    EXPECT_THAT(rehearsal.output, HasSubstr("ignition input ("));
    EXPECT_THAT(rehearsal.output, Not(HasSubstr("FAULT")));
    const Outcome no_sense =
        fobrig(daemon.socket(),
               "wiring-check --sim --no-prompt --rig " FOBRIG_CONFIG_DIR "/rigs/sim-2.toml");
    EXPECT_THAT(no_sense.output, HasSubstr("sense inputs, not tried (--no-prompt):"));
}

// Offline too: validate's one document carries each file's kind and its errors' lines.
TEST(OneCli, ValidateJsonIsOneDocumentWithEachFilesErrors) {
    DaemonOnThread daemon;
    const Outcome outcome = fobrig(
        daemon.socket(),
        "--json validate " FOBRIG_TEST_DATA "/procedures/broken-several.toml " + sim_2, false);
    EXPECT_EQ(outcome.status, 2);
    ASSERT_TRUE(nlohmann::json::accept(outcome.output)) << outcome.output;
    const auto document = nlohmann::json::parse(outcome.output);
    EXPECT_FALSE(document["ok"]);
    const auto& files = document["files"];
    ASSERT_EQ(files.size(), 2u);
    EXPECT_EQ(files[0]["kind"], "procedure");
    EXPECT_FALSE(files[0]["ok"]);
    ASSERT_FALSE(files[0]["errors"].empty());
    EXPECT_GT(files[0]["errors"][0]["line"].get<int>(), 0);
    EXPECT_EQ(files[1]["kind"], "rig");
    EXPECT_TRUE(files[1]["ok"]);
}

TEST(OneCli, SlotsTakeRangesAndLabelsMustBeTextForSlotsOfTheRun) {
    DaemonOnThread daemon;
    const Outcome range =
        fobrig(daemon.socket(), "--json program mini-r50-2004 --slots 1-2", false);
    EXPECT_EQ(range.status, 0);
    EXPECT_EQ(nlohmann::json::parse(range.output)["fobs"].size(), 2u);

    const Outcome stray = fobrig(daemon.socket(), "program mini-r50-2004 --slots 1 --label 2=x");
    EXPECT_EQ(stray.status, 2);
    EXPECT_THAT(stray.output, HasSubstr("is for slot 2, which is not in this run (slots 1)"));
    const Outcome control = fobrig(
        daemon.socket(), "program mini-r50-2004 --slots 1 --label \"$(printf '1=a\\033b')\"");
    EXPECT_EQ(control.status, 2);
    EXPECT_THAT(control.output, HasSubstr("control character"));

    DaemonConnection client(daemon.socket());
    const auto answer = client.call({{"request", "program"},
                                     {"procedure", "mini-r50-2004"},
                                     {"slots", {1}},
                                     {"labels", {{"1", "owner\nA"}}}});
    EXPECT_EQ(answer.value("error", ""), "bad-field");
    EXPECT_EQ(answer.value("field", ""), "labels");
}

TEST(OneCli, ExportTakesItsFormatFromTheFileAndRefusesAMismatch) {
    DaemonOnThread daemon;
    ScratchFolder out;
    ASSERT_EQ(fobrig(daemon.socket(), "program mini-r50-2004 --slots 1").status, 0);
    const fs::path csv = out.path / "run.csv";
    ASSERT_EQ(fobrig(daemon.socket(), "export latest -o " + csv.string()).status, 0);
    std::ifstream file(csv);
    std::string header;
    std::getline(file, header);
    EXPECT_TRUE(header.starts_with("time_us,")) << header;
    const Outcome mismatch =
        fobrig(daemon.socket(), "export latest --format vcd -o " + (out.path / "x.csv").string());
    EXPECT_EQ(mismatch.status, 2);
    EXPECT_FALSE(fs::exists(out.path / "x.csv"));
}

TEST(OneCli, ShowRunsAndExportReadAStateFolderOrLocalRunsWithoutTheDaemon) {
    DaemonOnThread daemon;
    ASSERT_EQ(fobrig(daemon.socket(), "program mini-r50-2004 --slots 1").status, 0);
    const std::string state = " --state-dir " + daemon.state().string();
    EXPECT_THAT(fobrig("/nonexistent.sock", "runs" + state).output, HasSubstr("passed"));
    EXPECT_THAT(fobrig("/nonexistent.sock", "show latest" + state).output, HasSubstr("PASSED"));
    EXPECT_EQ(fobrig("/nonexistent.sock", "export latest --format vcd" + state).status, 0);

    ScratchFolder runs;
    const std::string local = " --runs-dir " + runs.path.string();
    ASSERT_EQ(fobrig("/nonexistent.sock",
                     "program mini-r50-2004 --local --virtual-time --rig " + sim_2 + local)
                  .status,
              0);
    const Outcome shown = fobrig("/nonexistent.sock", "show latest" + local);
    EXPECT_EQ(shown.status, 0) << shown.output;
    EXPECT_THAT(shown.output,
                HasSubstr("(simulated car: BMW Mini R50 (mini-r50), no faults): PASSED"));
}

TEST(OneCli, AProcedureFileNamedRelativeToTheShellIsFoundByTheDaemon) {
    DaemonOnThread daemon;
    ScratchFolder shell;
    fs::copy_file(FOBRIG_CONFIG_DIR "/procedures/mini-r50-2004.toml",
                  shell.path / "mini-r50-2004.toml");
    // The daemon's folder is not the shell's: the client names the file absolutely.
    const Outcome run =
        fobrig(daemon.socket(), "program ./mini-r50-2004.toml --slots 1", true, shell.path);
    EXPECT_EQ(run.status, 0) << run.output;
}

} // namespace
} // namespace fobrig
