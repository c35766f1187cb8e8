// What a fob sends over the air each time: who it is, which buttons, and its rolling counter.
#pragma once

#include "sim/button_mask.hpp"

#include <cstdint>

namespace fobrig::sim {

struct Telegram {
    std::uint32_t fob_id = 0;
    ButtonMask buttons;
    std::uint32_t counter = 0; // rolling code: one more for every telegram the fob sends
};

} // namespace fobrig::sim
