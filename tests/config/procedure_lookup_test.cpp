// Finding a procedure or a rig by path or by name.
#include "rig/config/procedure_lookup.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>

namespace fobrig {
namespace {

const std::filesystem::path procedures = FOBRIG_CONFIG_DIR "/procedures";

TEST(ProcedureLookup, TakesAnExistingPathAsItIs) {
    const std::string path = FOBRIG_TEST_DATA "/procedures/broken-syntax.toml";
    EXPECT_EQ(find_procedure(path, procedures), path);
}

TEST(ProcedureLookup, FindsAProcedureByItsIdInTheProceduresFolder) {
    EXPECT_EQ(find_procedure("mini-r50-2004", procedures), procedures / "mini-r50-2004.toml");
}

TEST(ProcedureLookup, NamesTheAvailableIdsWhenNothingMatches) {
    try {
        find_procedure("mini-r56", procedures);
        FAIL() << "no exception";
    } catch (const std::runtime_error& e) {
        EXPECT_THAT(e.what(), ::testing::HasSubstr("no procedure 'mini-r56'"));
        EXPECT_THAT(e.what(), ::testing::ContainsRegex("available: bmw-e46-1998, .*mini-r50-2004"));
    }
}

TEST(ProcedureLookup, AnIdFromAClientIsNeverAPath) {
    EXPECT_EQ(procedure_by_id("mini-r50-2004", procedures), procedures / "mini-r50-2004.toml");
    for (const char* path :
         {"/etc/shadow", "../../../../etc/passwd", "../procedures/mini-r50-2004", ".hidden", ""}) {
        EXPECT_THROW(procedure_by_id(path, procedures), std::invalid_argument) << path;
    }
    EXPECT_THROW(procedure_by_id("mini-r56", procedures), std::runtime_error);
}

TEST(RigLookup, FindsAShippedRigByItsName) {
    const std::filesystem::path rigs = FOBRIG_CONFIG_DIR "/rigs";
    EXPECT_EQ(find_rig("sim-2", rigs), rigs / "sim-2.toml");
}

TEST(RigLookup, NamesTheShippedRigsWhenNothingMatches) {
    try {
        find_rig("sim-3", FOBRIG_CONFIG_DIR "/rigs");
        FAIL() << "no exception";
    } catch (const std::runtime_error& e) {
        EXPECT_THAT(e.what(), ::testing::HasSubstr("no rig 'sim-3'"));
        EXPECT_THAT(e.what(), ::testing::HasSubstr("sim-2, sim-2-car, sim-2-indicator"));
    }
}

} // namespace
} // namespace fobrig
