// The operator's Enter through a pipe, as a terminal or a script gives it: only what comes
// while a prompt is open acknowledges it, and the end of input acknowledges nothing.
#include "rig/cli/operator_input.hpp"
#include "rig/cli/stdin_console.hpp"
#include "rig/cli/terminal_prompt.hpp"
#include "tests/support/scripted_rig.hpp"

#include <gmock/gmock.h>

#include <sstream>
#include <unistd.h>

namespace fobrig {
namespace {

using ::testing::HasSubstr;

class Pipe {
public:
    Pipe() { EXPECT_EQ(::pipe(ends_), 0); }
    ~Pipe() {
        ::close(ends_[0]);
        close_writer();
    }
    int reader() const { return ends_[0]; }
    void type(const std::string& text) {
        EXPECT_EQ(::write(ends_[1], text.data(), text.size()), static_cast<ssize_t>(text.size()));
    }
    void close_writer() {
        if (ends_[1] >= 0) {
            ::close(ends_[1]);
            ends_[1] = -1;
        }
    }

private:
    int ends_[2] = {-1, -1};
};

OperatorPrompt ignition_prompt(Instant deadline) {
    return {.step_id = "ignition",
            .text = "Turn the ignition to position 1 and back",
            .action = OperatorAction::ignition_cycle,
            .deadline = deadline};
}

TEST(StdinConsole, AnEnterTypedBeforeThePromptOpenedDoesNotAcknowledgeIt) {
    Pipe input;
    testing::ManualClock clock;
    std::ostringstream out;
    StdinConsole console(clock, out, input.reader());
    input.type("\n\n"); // pressed during the sequence, or the pause between attempts
    console.prompt(ignition_prompt(clock.now() + seconds(60)));
    EXPECT_FALSE(console.acknowledged());
    input.type("\n");
    EXPECT_EQ(console.acknowledged(), clock.now());
}

TEST(StdinConsole, AnInputAtItsEndIsNoOperatorAndSaysSoOnce) {
    Pipe input;
    testing::ManualClock clock;
    std::ostringstream out;
    StdinConsole console(clock, out, input.reader());
    console.prompt(ignition_prompt(clock.now() + seconds(60)));
    input.close_writer();
    EXPECT_FALSE(console.acknowledged());
    EXPECT_FALSE(console.acknowledged());
    EXPECT_THAT(out.str(), HasSubstr("nobody here can acknowledge"));
    EXPECT_EQ(out.str().find("nobody here"), out.str().rfind("nobody here"));
}

TEST(OperatorInput, APartOfALineWaitsForItsEnd) {
    Pipe pipe;
    OperatorInput input(pipe.reader());
    pipe.type("ok");
    EXPECT_EQ(input.read_line(), OperatorLine::none);
    pipe.type("\n");
    EXPECT_EQ(input.read_line(), OperatorLine::line);
    pipe.close_writer();
    EXPECT_EQ(input.read_line(), OperatorLine::closed);
}

TEST(TerminalPrompt, TheCountdownFitsAnEightyColumnTerminalWhateverTheStep) {
    using Countdown = TerminalPrompt::Countdown;
    EXPECT_LE(TerminalPrompt::countdown_line({.seconds_left = 59.9}).size(), 79u);
    EXPECT_LE(TerminalPrompt::countdown_line({.seconds_left = 1e12}).size(), 79u);
    EXPECT_THAT(TerminalPrompt::countdown_line({.seconds_left = 3.24}), HasSubstr("3.2 s left"));
    const Countdown wordy{.seconds_left = 1e12, .car_limit = std::string(300, 'k')};
    EXPECT_LE(TerminalPrompt::countdown_line(wordy).size(), 79u);
    EXPECT_LE(TerminalPrompt::countdown_line(
                  {.seconds_left = 1, .car_what = std::string(300, 'k'), .car_seconds_left = 1e12})
                  .size(),
              79u);
}

// The car's 5 s, not the step's 60 s, is what the operator must meet once the key is in.
TEST(TerminalPrompt, TheCountdownShowsTheCarsLimitThatMattersNow) {
    EXPECT_EQ(TerminalPrompt::countdown_line(
                  {.seconds_left = 55.04, .car_limit = "key out within 5 s of turning it on"}),
              "   55.0 s left; the car: key out within 5 s of turning it on");
    EXPECT_EQ(TerminalPrompt::countdown_line(
                  {.seconds_left = 52, .car_what = "key out", .car_seconds_left = 3.24}),
              "   key out within 3.2 s (Enter when done)");
    EXPECT_EQ(TerminalPrompt::countdown_line({.seconds_left = 50.0, .car_what = "key out"}),
              "   key out in time; 50.0 s left (Enter when done)");
}

// A counted step's progress leads the line: "5 of 8" turns of the key counted so far.
TEST(TerminalPrompt, TheCountdownLeadsWithACountedStepsProgress) {
    EXPECT_EQ(TerminalPrompt::countdown_line({.seconds_left = 55.04,
                                              .car_limit = "8 turns of the ignition within 8 s",
                                              .counted = "5 of 8"}),
              "   5 of 8; 55.0 s left; the car: 8 turns of the ignition within 8 s");
    EXPECT_LE(TerminalPrompt::countdown_line(
                  {.seconds_left = 1e12, .car_limit = std::string(300, 'k'), .counted = "5 of 8"})
                  .size(),
              79u);
}

} // namespace
} // namespace fobrig
