// One finding of `fobrig doctor`: what was checked, how it stands, what was found and, when it
// is not ok, how to put it right. Plain data; the checks are functions that make them.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace fobrig {

// ok: nothing to do. warning: works, but worse than it should (late edges, a command that
// needs sudo, a daemon not running). error: a run on this rig would be refused or would fail.
enum class CheckStatus { ok, warning, error };

const char* to_string(CheckStatus status);

struct DoctorCheck {
    std::string check; // "kernel", "gpiochip0", "line slot 1 lock", ...
    CheckStatus status = CheckStatus::ok;
    std::string found; // one sentence
    std::string fix;   // "" when ok
};

bool any_error(const std::vector<DoctorCheck>& checks);

// One line per check ("warning  socket: ..."), its fix indented on the next.
std::string doctor_text(const std::vector<DoctorCheck>& checks);

// [{"check": ..., "status": "ok", "found": ..., "fix": ...}, ...]
nlohmann::json doctor_json(const std::vector<DoctorCheck>& checks);

} // namespace fobrig
