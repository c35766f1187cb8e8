// The simulated cars by name, as `--sim-car NAME` takes them: each one's maker, models and
// years in a line, and how to build it. A car's receiver may read its ritual more leniently
// or fussily than the sources say (`--sim-fault chord-start`, `min-tap-gap=S`): the quirks.
#pragma once

#include "sim/car.hpp"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace fobrig::sim {

// Where the sources leave the receiver's reading of a ritual open (see BmwProfile).
struct ReceiverQuirks {
    bool chord_counts_as_press = false;
    Duration min_tap_gap{};
    bool operator==(const ReceiverQuirks&) const = default;
};

using CarMaker = std::function<std::unique_ptr<Car>(World&)>;

struct CarModel {
    std::string id;          // "bmw-e46"
    std::string name;        // "BMW E46"
    std::string description; // make, models, years
    std::string family;      // cars sharing a ritual's receiver: "bmw", "ford"
    // Builds the car, its receiver reading the ritual as `quirks` say where its family's
    // sources leave that open (takes_quirks); other families take none.
    std::function<std::unique_ptr<Car>(World&, const ReceiverQuirks&)> make;
    bool takes_quirks = false;
};

inline constexpr std::string_view default_car_model = "mini-r50";

const std::vector<CarModel>& car_models();
// Throws std::invalid_argument with unknown_car_model(id) for an unknown id.
const CarModel& car_model(std::string_view id);
// "no simulated car 'x'; known: mini-r50, bmw-e46", or empty for a known id.
std::string unknown_car_model(std::string_view id);
// "mini-r50, bmw-e46"
std::string car_model_ids();
// "BMW E46 (bmw-e46)": how records, status and verdicts name it.
std::string car_model_text(const CarModel& model);
// The car named `id` (throwing as car_model() does), built with `quirks`.
CarMaker make_car(std::string_view id = default_car_model, ReceiverQuirks quirks = {});

} // namespace fobrig::sim
