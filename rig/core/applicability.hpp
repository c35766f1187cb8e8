// Whether a procedure may be used on a given key type, and why not; what its car's key table
// does with the keys a session programs.
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

// The car's key table in words, for refusals: "the car keeps at most 4 keys and a session
// erases every key not programmed in it".
std::string key_table_text(const Applicability& car);

} // namespace fobrig
