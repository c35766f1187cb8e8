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
    EXPECT_LE(TerminalPrompt::countdown_line(59.9).size(), 79u);
    EXPECT_LE(TerminalPrompt::countdown_line(1e12).size(), 79u);
    EXPECT_THAT(TerminalPrompt::countdown_line(3.24), HasSubstr("3.2 s left"));
}

} // namespace
} // namespace fobrig
