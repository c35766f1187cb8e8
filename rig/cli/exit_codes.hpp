// What fobrig's exit status tells a script.
#pragma once

namespace fobrig::exit_code {

constexpr int ok = 0;
constexpr int run_failed = 1;  // the run happened and a fob failed, or it was aborted
constexpr int usage = 2;       // bad command line or an invalid file: nothing was driven
constexpr int unreachable = 3; // the daemon did not answer

} // namespace fobrig::exit_code
