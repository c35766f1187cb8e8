// The simulated cars by name: each one builds, programs its own fobs by its own ritual, and an
// unknown name is refused with the names that exist.
#include "bench_fixture.hpp"
#include "sim/fault_options.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fobrig::sim {
namespace {

using fixture::BenchFixture;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(CarModels, EachHasAnIdANameAndADescriptionWithItsYears) {
    ASSERT_GE(car_models().size(), 2u);
    for (const CarModel& model : car_models()) {
        EXPECT_FALSE(model.name.empty()) << model.id;
        EXPECT_THAT(model.description,
                    ::testing::ContainsRegex("(19|20)[0-9][0-9]-(19|20)[0-9][0-9]"))
            << model.id;
        EXPECT_EQ(&car_model(model.id), &model);
    }
    EXPECT_EQ(car_model(default_car_model).id, "mini-r50");
    EXPECT_EQ(car_model_text(car_model("bmw-e46")), "BMW E46 (bmw-e46)");
}

TEST(CarModels, RefusesAnUnknownNameListingTheKnownOnes) {
    try {
        car_model("trabant-601");
        FAIL() << "no error";
    } catch (const std::invalid_argument& error) {
        EXPECT_THAT(error.what(), HasSubstr("no simulated car 'trabant-601'"));
        EXPECT_THAT(error.what(), HasSubstr("mini-r50"));
        EXPECT_THAT(error.what(), HasSubstr("bmw-e46"));
    }
    EXPECT_THROW(parse_sim_faults({}, fixture::sim_rig(2), "trabant-601"), std::invalid_argument);
    EXPECT_EQ(unknown_car_model("bmw-e46"), "");
}

TEST(CarModels, SetupNamesTheChosenCarForTheRecord) {
    const SimSetup setup = parse_sim_faults({"seed=3"}, fixture::sim_rig(2), "bmw-e46");
    const TargetRecord target = simulated_target(setup);
    EXPECT_TRUE(target.simulated);
    EXPECT_EQ(target.sim_car, "bmw-e46");
    EXPECT_EQ(target.sim_car_name, "BMW E46");
    EXPECT_THAT(target.sim_faults, ElementsAre("seed=3"));
    EXPECT_FALSE(setup.car_given && parse_sim_faults({}, fixture::sim_rig(2)).car_given);
    EXPECT_EQ(parse_sim_faults({}, fixture::sim_rig(2)).car, "mini-r50");
}

// Every BMW car learns by the BMW ritual, erasing the keys it did not learn in the session,
// and numbers its keys in the order they were learned (the E46's key memory).
TEST(CarModels, EveryBmwCarLearnsByTheBmwRitualInKeyOrder) {
    for (const char* id : {"mini-r50", "bmw-e46"}) {
        BenchFixture b(make_car(id), {}, {}, fixture::sim_rig(3));
        b.program({3});
        ASSERT_THAT(b.bench.car().key_table(), ElementsAre(b.fob_id(3))) << id;
        b.program({2, 1});
        EXPECT_THAT(b.bench.car().key_table(), ElementsAre(b.fob_id(2), b.fob_id(1))) << id;
        EXPECT_EQ(b.bench.car().key_table_policy(), KeyTablePolicy::session_erases_all);
    }
}

} // namespace
} // namespace fobrig::sim
