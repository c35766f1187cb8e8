// What the procedure format says beyond timed presses, read from TOML as a user writes it: the
// car's key table. Every bad value is one error at its FILE:LINE:COL naming the field.
#include "rig/config/procedure_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fobrig {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A small valid procedure; `applies_extra` goes at the end of [applies_to] (line 11 on).
std::string procedure_text(const std::string& applies_extra) {
    return R"([procedure]
id = "car"
name = "A car"
source = "tests"
on_failure = "Try again."
[applies_to]
make = "Honda"
models = ["Odyssey"]
years = [2005, 2005]
key_types = ["three-button"]
)" + applies_extra +
           R"(
[buttons]
lock = "top"
unlock = "bottom"
[[step]]
id = "learn"
title = "Learn"
kind = "sequence"
purpose = "program"
tolerance_ms = 20
actions = [
    { name = "press", at_ms = 0, press = ["lock"] },
    { name = "lift", at_ms = 300, release = ["lock"] },
]
confirm = { pattern = ["lock"], within_ms = 2000 }
)";
}

std::vector<std::string> errors(const LoadResult<Procedure>& loaded) {
    std::vector<std::string> out;
    for (const Diagnostic& error : loaded.errors) {
        out.push_back(format(error));
    }
    return out;
}

TEST(KeyTableField, AFileThatDoesNotSayIsEraseAllAsTheRigAlwaysAssumed) {
    const auto loaded = parse_procedure(procedure_text("max_keys = 4"), "car.toml");
    ASSERT_TRUE(loaded.ok()) << errors(loaded).front();
    EXPECT_EQ(loaded.value->applies_to.key_table, KeyTablePolicy::erase_all);
}

TEST(KeyTableField, EachPolicyIsReadByItsName) {
    for (const KeyTablePolicy policy :
         {KeyTablePolicy::erase_all, KeyTablePolicy::stacking, KeyTablePolicy::additive}) {
        const auto loaded = parse_procedure(
            procedure_text("max_keys = 3\nkey_table = \"" + std::string(name_of(policy)) + "\""),
            "car.toml");
        ASSERT_TRUE(loaded.ok()) << errors(loaded).front();
        EXPECT_EQ(loaded.value->applies_to.key_table, policy);
    }
}

TEST(KeyTableField, AnUnknownPolicyIsNamedAtItsValueWithTheKnownOnes) {
    const auto loaded =
        parse_procedure(procedure_text("max_keys = 3\nkey_table = \"fifo\""), "car.toml");
    EXPECT_THAT(errors(loaded),
                ElementsAre("car.toml:12:13: error: unknown key_table 'fifo' in [applies_to]; "
                            "expected one of: erase-all, stacking, additive"));
}

TEST(KeyTableField, StackingWithoutMaxKeysSaysWhatIsMissing) {
    const auto loaded = parse_procedure(procedure_text("key_table = \"stacking\""), "car.toml");
    EXPECT_THAT(errors(loaded), ElementsAre(HasSubstr("car.toml:11:13: error: key_table = "
                                                      "\"stacking\" in [applies_to] keeps the "
                                                      "newest codes and erases the oldest: say "
                                                      "how many with max_keys")));
}

} // namespace
} // namespace fobrig
