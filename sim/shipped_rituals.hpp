// Each shipped procedure (config/procedures/) and the simulated car it is for, with a shipped
// simulated rig that wires the inputs its answers need and how many fobs one session takes:
// what the tests and the radio bench run each procedure on. No car reads this table.
#pragma once

namespace fobrig::sim {

struct ShippedRitual {
    const char* procedure;
    const char* car;
    const char* rig = "sim-2.toml"; // in config/rigs/
    int fobs = 2;
};

inline constexpr ShippedRitual shipped_rituals[] = {
    {.procedure = "mini-r50-2004", .car = "mini-r50"},
    {.procedure = "bmw-e46-1998", .car = "bmw-e46"},
    {.procedure = "ford-focus-2014", .car = "ford-focus-2014"},
    {.procedure = "honda-odyssey-2005", .car = "honda-odyssey-2005"},
    // The hazards' flashes are its answer; until the format can say a step for each fob with
    // car-side outputs, it enters one remote a session.
    {.procedure = "nissan-200sx-1995",
     .car = "nissan-200sx",
     .rig = "sim-2-indicator.toml",
     .fobs = 1},
    {.procedure = "gm-malibu-2000", .car = "gm-malibu-2000", .rig = "sim-2-car.toml"},
    {.procedure = "toyota-land-cruiser-2005",
     .car = "toyota-land-cruiser-2005",
     .rig = "sim-2-car.toml"},
    // A block of steps for each fob: the k-th remote into memory address k.
    {.procedure = "vw-cabrio-1998", .car = "vw-cabrio-1998", .rig = "sim-2-car.toml"},
};

} // namespace fobrig::sim
