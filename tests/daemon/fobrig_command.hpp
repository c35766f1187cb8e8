// Runs the fobrig command as a person or a script types it, and keeps what it printed.
#pragma once

#include "tests/daemon/daemon_fixture.hpp"

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/wait.h>

namespace fobrig::testing {

// fobrig --socket SOCKET ARGUMENTS; `with_stderr`: what it printed on stderr too, else stdout
// alone (what a script parses); `folder`: the shell's folder, else the test's.
inline Outcome fobrig(const std::filesystem::path& socket, const std::string& arguments,
                      bool with_stderr = true, const std::filesystem::path& folder = {}) {
    const std::string command = (folder.empty() ? "" : "cd '" + folder.string() + "' && ") +
                                std::string(FOBRIG_BINARY) + " --socket " + socket.string() + " " +
                                arguments + (with_stderr ? " 2>&1" : " 2>/dev/null");
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

} // namespace fobrig::testing
