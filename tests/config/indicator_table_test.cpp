// The [indicator] table of a procedure file: what the car's indicators do when it answers.
#include "rig/config/procedure_file.hpp"

#include "tests/support/errors_of.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace fobrig {
namespace {

using ::testing::ElementsAre;

const std::string shipped_indicator = "lock_flashes = 1\nunlock_flashes = 2\n";

std::string mini_text() {
    std::ifstream file(FOBRIG_CONFIG_DIR "/procedures/mini-r50-2004.toml");
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

// The shipped procedure with its indicator counts replaced, and the line they start on.
std::pair<LoadResult<Procedure>, int> with_counts(const std::string& counts) {
    std::string text = mini_text();
    const auto at = text.find(shipped_indicator);
    text.replace(at, shipped_indicator.size(), counts);
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
    return {parse_procedure(text, "mini.toml"), line};
}

using testing::errors_of;

TEST(IndicatorTable, TheShippedProcedureKnowsTheMinisFlashes) {
    const LoadResult<Procedure> result = with_counts(shipped_indicator).first;
    ASSERT_TRUE(result.ok()) << errors_of(result).front();
    ASSERT_TRUE(result.value->indicator);
    EXPECT_EQ(result.value->indicator->lock_flashes, 1);
    EXPECT_EQ(result.value->indicator->unlock_flashes, 2);
    EXPECT_EQ(result.value->indicator->flash_gap_max, milliseconds(750));
}

TEST(IndicatorTable, AFlashCountOverFiveIsAnErrorAtTheField) {
    const auto [result, line] = with_counts("lock_flashes = 1\nunlock_flashes = 6\n");
    EXPECT_THAT(errors_of(result),
                ElementsAre("mini.toml:" + std::to_string(line + 1) +
                            ":18: error: 'unlock_flashes' in [indicator] is 6; it must be "
                            "between 1 and 5"));
}

TEST(IndicatorTable, EqualFlashCountsCannotTellLockFromUnlock) {
    const auto [result, line] = with_counts("lock_flashes = 2\nunlock_flashes = 2\n");
    EXPECT_THAT(errors_of(result),
                ElementsAre("mini.toml:" + std::to_string(line - 5) +
                            ":1: error: 'lock_flashes' and 'unlock_flashes' in [indicator] are "
                            "both 2: the rig could not tell lock from unlock"));
}

TEST(IndicatorTable, AMissingCountIsNamed) {
    const auto [result, line] = with_counts("lock_flashes = 1\n");
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_THAT(format(result.errors.front()),
                ::testing::HasSubstr("error: missing required field 'unlock_flashes' in "
                                     "[indicator]"));
}

} // namespace
} // namespace fobrig
