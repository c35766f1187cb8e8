// `fobrig validate`: what it prints for good, broken, unknown and mismatched files.
#include "rig/config/diagnostic.hpp"
#include "rig/config/validate_files.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

namespace fobrig {
namespace {

using ::testing::HasSubstr;

const std::string mini = FOBRIG_CONFIG_DIR "/procedures/mini-r50-2004.toml";
const std::string sim2 = FOBRIG_CONFIG_DIR "/rigs/sim-2.toml";
const std::string data = FOBRIG_TEST_DATA;

struct Validation {
    int status;
    std::string output;
};

Validation validate(const std::vector<std::filesystem::path>& files) {
    std::ostringstream out;
    const int status = validate_files(files, out);
    return {status, out.str()};
}

TEST(ValidateFiles, SaysOkForEachGoodFileAndReturnsZero) {
    const Validation v = validate({mini, sim2});
    EXPECT_EQ(v.status, 0);
    EXPECT_EQ(v.output, mini + ": ok\n" + sim2 + ": ok\n");
}

TEST(ValidateFiles, PrintsEachDiagnosticOfABrokenFileAndReturnsOne) {
    const std::string broken = data + "/procedures/broken-several.toml";
    const Validation v = validate({broken, sim2});
    EXPECT_EQ(v.status, 1);
    EXPECT_THAT(v.output, HasSubstr(broken + ":24:14: error: 'timeout_ms' in step 'enter' is 0"));
    EXPECT_THAT(v.output, HasSubstr(broken + ":36:37: error: unknown field 'prss'"));
    EXPECT_THAT(v.output, HasSubstr(sim2 + ": ok\n"));
    EXPECT_EQ(std::ranges::count(v.output, '\n'), 6);
}

TEST(ValidateFiles, ReportsAMissingFileByName) {
    const Validation v = validate({data + "/nowhere.toml"});
    EXPECT_EQ(v.status, 1);
    EXPECT_EQ(v.output, data + "/nowhere.toml: error: cannot read file: no such file\n");
}

TEST(ValidateFiles, ReportsAFileThatIsNeitherAProcedureNorARig) {
    const Validation v = validate({data + "/rigs/neither.toml"});
    EXPECT_EQ(v.status, 1);
    EXPECT_THAT(v.output, HasSubstr("neither.toml: error: neither a procedure file"));
}

TEST(ValidateFiles, ReportsASyntaxErrorWithoutGuessingTheFilesKind) {
    const Validation v = validate({data + "/procedures/broken-syntax.toml"});
    EXPECT_EQ(v.status, 1);
    EXPECT_THAT(v.output, HasSubstr("broken-syntax.toml:29:17: error: TOML syntax:"));
    EXPECT_EQ(std::ranges::count(v.output, '\n'), 1);
}

TEST(ValidateFiles, ChecksEachProcedureAgainstEachRigAtTheProceduresLines) {
    const std::string short_hold = data + "/rigs/short-hold.toml";
    const Validation v = validate({mini, sim2, short_hold});
    EXPECT_EQ(v.status, 1);
    // Each way of the learn step, at its own line.
    const auto too_long = [&](const std::string& at, const std::string& held,
                              const std::string& driven) {
        return mini + ":" + at + ": error: 'unlock' is held " + held +
               " ms; with its switch's latencies (6 ms operate, 4 ms release) and tolerance_ms "
               "its line may stay driven " +
               driven + " ms, not under slot 1 unlock's max_hold_ms of 3000 ms (rig " + short_hold +
               ")\n";
    };
    EXPECT_EQ(v.output, too_long("114:5", "4300", "4322") + too_long("130:5", "4300", "4322") +
                            too_long("145:5", "5900", "5922") + sim2 + ": ok\n" + short_hold +
                            ": ok\n");
}

TEST(ValidateFiles, ReportsAConfirmationTheRigCannotSee) {
    const Validation v = validate({mini, data + "/rigs/no-unlock-sense.toml"});
    EXPECT_EQ(v.status, 1);
    EXPECT_THAT(v.output, HasSubstr(mini + ":93:11: error: confirmation names sense input "
                                           "'unlock', which the rig does not wire"));
}

TEST(ValidateFiles, ChecksAProcedureAloneWhenNoRigIsGiven) {
    EXPECT_EQ(validate({mini}).status, 0);
}

TEST(Diagnostic, FormatsLikeGcc) {
    EXPECT_EQ(format({"a.toml", 3, 5, "bad"}), "a.toml:3:5: error: bad");
}

TEST(Diagnostic, LeavesOutTheLineWhenTheProblemIsTheWholeFile) {
    EXPECT_EQ(format({"a.toml", 0, 0, "cannot read file"}), "a.toml: error: cannot read file");
}

} // namespace
} // namespace fobrig
