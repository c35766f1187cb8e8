// Any bytes as a rig file: a rig or diagnostics, never a crash.
#include "fuzz/loader_invariants.hpp"
#include "rig/config/rig_file.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fobrig::fuzzing::check_loaded(fobrig::parse_rig(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.toml"));
    return 0;
}
