// Whether a procedure may be used on a given key type, and why not.
#pragma once

#include "rig/core/procedure.hpp"

#include <optional>
#include <string>

namespace fobrig {

// The reason the procedure must not be used with `key_type`, or nothing when it may. An empty
// `key_type` means the procedure's first accepted one.
std::optional<std::string> refuse_key_type(const Procedure& procedure, const std::string& key_type);

// `key_type`, or the procedure's first accepted key type when it is empty.
std::string key_type_or_default(const Procedure& procedure, const std::string& key_type);

} // namespace fobrig
