// The contacts' answers in a run record: delay and bounce per commanded change, a contact that
// did not follow, and changes that ask nothing of a contact.
#include "rig/core/contact_answers.hpp"
#include "tests/support/instants.hpp"

#include <gtest/gtest.h>

namespace fobrig {
namespace {

using testing::at_us;

// slot1.lock has a read-back contact (line 2); slot1.unlock has none.
RunRecord pressed_twice() {
    RunRecord r;
    r.lines = {{"slot1.lock", true, 2}, {"slot1.unlock", true}, {"slot1.lock.contact", false}};
    const auto command = [](std::size_t line, bool active, int us) {
        return CommandedEdge{.line = line, .active = active, .actual = at_us(us)};
    };
    r.commanded = {command(0, true, 0),         command(1, true, 0),
                   command(0, false, 300'000),  command(1, false, 300'000),
                   command(0, false, 400'000), // "open all": already open
                   command(0, true, 1'000'000), command(0, false, 1'300'000)};
    const auto contact = [](bool closed, int us) {
        return SensedEdge{.line = 2, .active = closed, .at = at_us(us)};
    };
    // The first press closes at 6 ms with two bounces and opens at 304 ms; the second press's
    // contact never closes (a welded-open relay).
    r.sensed = {contact(true, 6'000), contact(false, 6'300), contact(true, 6'900),
                contact(false, 304'000)};
    return r;
}

TEST(ContactAnswers, MeasuresEachChangeOfAnOutputWithAReadBack) {
    const auto answers = contact_answers(pressed_twice());
    ASSERT_EQ(answers.size(), 4u);
    EXPECT_EQ(answers[0].commanded, 0u);
    ASSERT_TRUE(answers[0].transition);
    EXPECT_EQ(answers[0].transition->delay, microseconds(6'000));
    EXPECT_EQ(answers[0].transition->bounce, microseconds(900));
    EXPECT_EQ(answers[0].transition->extra_edges, 2u);
    EXPECT_EQ(answers[1].commanded, 2u);
    ASSERT_TRUE(answers[1].transition);
    EXPECT_EQ(answers[1].transition->delay, microseconds(4'000));
    EXPECT_EQ(answers[1].transition->extra_edges, 0u);
}

TEST(ContactAnswers, AContactThatDidNotFollowHasNoTransition) {
    const auto answers = contact_answers(pressed_twice());
    ASSERT_EQ(answers.size(), 4u);
    EXPECT_EQ(answers[2].commanded, 5u);
    EXPECT_FALSE(answers[2].transition);
    EXPECT_EQ(answers[3].commanded, 6u);
    EXPECT_FALSE(answers[3].transition) << "it never closed, so it did not open either";
}

TEST(ContactAnswers, ARunWithoutReadBackHasNoAnswers) {
    RunRecord r = pressed_twice();
    r.lines[0].contact.reset();
    EXPECT_TRUE(contact_answers(r).empty());
}

} // namespace
} // namespace fobrig
