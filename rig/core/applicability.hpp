// Whether a procedure may be used on a given key type, and why not.
#pragma once

#include "rig/core/procedure.hpp"

#include <optional>
#include <string>

namespace fobrig {

// The reason the procedure must not be used with `key_type`, or nothing when it may.
std::optional<std::string> refuse_key_type(const Procedure& procedure, const std::string& key_type);

} // namespace fobrig
