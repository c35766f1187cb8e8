// What fobrig's exit status tells a script.
#pragma once

#include <string_view>

namespace fobrig::exit_code {

constexpr int ok = 0;
constexpr int run_failed = 1;  // the run happened and a fob failed, or it was aborted
constexpr int usage = 2;       // bad command line or an invalid file: nothing was driven
constexpr int unreachable = 3; // the daemon did not answer
// Every fob was programmed, but the procedure did not see each one answer a verify step: a
// person must check them before they leave the shop.
constexpr int not_verified = 4;
// `fobrig doctor` found at least one error: a run on this machine would be refused or fail.
constexpr int check_failed = 5;

// A run's exit status from its outcome's name ("passed", "unverified", ...).
inline int for_outcome(std::string_view outcome) {
    return outcome == "passed" ? ok : outcome == "unverified" ? not_verified : run_failed;
}

} // namespace fobrig::exit_code
