// Any bytes as a procedure file: a procedure or diagnostics, never a crash.
#include "fuzz/loader_invariants.hpp"
#include "rig/config/procedure_file.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fobrig::fuzzing::check_loaded(fobrig::parse_procedure(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.toml"));
    return 0;
}
