#include "rig/cli/pin_map_command.hpp"

#include "rig/cli/exit_codes.hpp"
#include "rig/config/procedure_lookup.hpp"
#include "rig/config/reported.hpp"
#include "rig/config/rig_file.hpp"
#include "rig/record/pin_map.hpp"
#include "rig/record/wiring_svg.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace fobrig {

int pin_map_command(const std::string& rig, bool svg, bool json,
                    const std::filesystem::path& rigs_dir) {
    std::filesystem::path file;
    try {
        file = find_rig(rig, rigs_dir);
    } catch (const std::runtime_error& error) {
        std::cerr << "fobrig: " << error.what() << '\n';
        return exit_code::usage;
    }
    const auto loaded = reported(load_rig_file(file));
    if (!loaded) {
        return exit_code::usage;
    }
    if (json && !svg) {
        auto rows = nlohmann::json::array();
        for (const PinRow& row : pin_rows(*loaded)) {
            rows.push_back(
                {{"header_pin", row.header_pin ? nlohmann::json(*row.header_pin) : nullptr},
                 {"signal", row.signal},
                 {"role", row.role},
                 {"part", row.part},
                 {"goes_to", row.goes_to}});
        }
        std::cout << rows.dump(2) << '\n';
        return exit_code::ok;
    }
    std::cout << (svg ? wiring_svg(*loaded) : pin_map_markdown(*loaded));
    return exit_code::ok;
}

} // namespace fobrig
