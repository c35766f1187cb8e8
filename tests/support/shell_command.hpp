// Running a command through the shell as a person or a script types it, and keeping what it
// printed and its exit status.
#pragma once

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace fobrig::testing {

struct Outcome {
    int status = -1;
    std::string output;
};

// Runs `command` through the shell as written and returns its exit status and its stdout.
inline Outcome captured(const std::string& command) {
    FILE* pipe = ::popen(command.c_str(), "r");
    Outcome outcome;
    std::array<char, 4096> chunk{};
    while (std::fgets(chunk.data(), chunk.size(), pipe)) {
        outcome.output += chunk.data();
    }
    const int status = ::pclose(pipe);
    outcome.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return outcome;
}

// Runs a shell command and returns its exit status and what it printed (stdout and stderr).
inline Outcome shell(const std::string& command) {
    return captured(command + " 2>&1");
}

} // namespace fobrig::testing
