// gpio-sim chips for the tests (see sim/gpio_sim_chip.hpp), and when a test may skip for want
// of one: the kernel test sets FOBRIG_REQUIRE_GPIO_SIM, so that a guest without gpio-sim fails.
#pragma once

#include "sim/gpio_sim_chip.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>

namespace fobrig::testing {

using sim::GpioSimChip;

// GpioSimChip::unavailable(), as a reason to skip; where gpio-sim is required, a failure.
inline std::optional<std::string> gpio_sim_skip_reason() {
    auto reason = GpioSimChip::unavailable();
    if (reason && std::getenv("FOBRIG_REQUIRE_GPIO_SIM") != nullptr) {
        ADD_FAILURE() << *reason;
    }
    return reason;
}

} // namespace fobrig::testing
