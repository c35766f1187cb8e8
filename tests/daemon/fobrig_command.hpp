// Runs the fobrig command as a person or a script types it, and keeps what it printed.
#pragma once

#include "tests/daemon/daemon_fixture.hpp"

#include <filesystem>
#include <string>

namespace fobrig::testing {

// fobrig --socket SOCKET ARGUMENTS; `with_stderr`: what it printed on stderr too, else stdout
// alone (what a script parses); `folder`: the shell's folder, else the test's.
inline Outcome fobrig(const std::filesystem::path& socket, const std::string& arguments,
                      bool with_stderr = true, const std::filesystem::path& folder = {}) {
    const std::string command = (folder.empty() ? "" : "cd '" + folder.string() + "' && ") +
                                std::string(FOBRIG_BINARY) + " --socket " + socket.string() + " " +
                                arguments + (with_stderr ? " 2>&1" : " 2>/dev/null");
    return captured(command);
}

} // namespace fobrig::testing
