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
                HasSubstr("(simulated car, faults: dead-receiver)"));
    const Outcome run = fobrig(daemon.socket(), "program mini-r50-2004 --slots 1");
    EXPECT_EQ(run.status, 1);
    EXPECT_THAT(run.output, HasSubstr("on rig sim-8 (simulated car, faults: dead-receiver)"));
    EXPECT_THAT(run.output, HasSubstr(" (simulated car, faults: dead-receiver): FAILED"));
    const auto record =
        nlohmann::json::parse(fobrig(daemon.socket(), "--json show latest", false).output);
    EXPECT_EQ(record["target"]["simulated"], true);
    EXPECT_EQ(record["target"]["sim_faults"], nlohmann::json::array({"dead-receiver"}));
    EXPECT_THAT(fobrig(daemon.socket(), "export latest --format csv").output,
                HasSubstr(",\"simulated car, faults: dead-receiver\"\n"));
}

TEST(SimulatedOrReal, ASimulatedFaultWithoutLocalIsRefusedSayingWhereItGoes) {
    DaemonOnThread daemon;
    for (const char* option : {"--sim-fault dead-receiver", "--virtual-time"}) {
        const Outcome run =
            fobrig(daemon.socket(), std::string("program mini-r50-2004 --slots 1 ") + option);
        EXPECT_EQ(run.status, 2) << option;
        EXPECT_THAT(run.output, HasSubstr("fobrigd --sim-fault ..."));
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
    for (const char* command : {"--json program mini-r50-2004 --slots 1", "--json status",
                                "--json runs", "--json show latest", "--json fobs", "--json abort",
                                "--json program no-such-procedure"}) {
        const Outcome outcome = fobrig(daemon.socket(), command, false);
        EXPECT_TRUE(nlohmann::json::accept(outcome.output)) << command << ":\n" << outcome.output;
    }
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
    EXPECT_THAT(shown.output, HasSubstr("(simulated car, no faults): PASSED"));
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
