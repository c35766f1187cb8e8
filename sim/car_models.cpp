// The registry of simulated cars.
#include "sim/car_models.hpp"

#include "sim/bmw_car.hpp"
#include "sim/ford_car.hpp"
#include "sim/gm_car.hpp"
#include "sim/honda_car.hpp"
#include "sim/nissan_car.hpp"
#include "sim/toyota_car.hpp"
#include "sim/vw_car.hpp"

#include <algorithm>
#include <stdexcept>

namespace fobrig::sim {

namespace {

std::function<std::unique_ptr<Car>(World&, const ReceiverQuirks&)> bmw(BmwProfile (*profile)()) {
    return [profile](World& world, const ReceiverQuirks& quirks) {
        BmwProfile car = profile();
        car.chord_counts_as_press = quirks.chord_counts_as_press;
        car.min_tap_gap = quirks.min_tap_gap;
        return bmw_car(car)(world);
    };
}

} // namespace

const std::vector<CarModel>& car_models() {
    static const std::vector<CarModel> models{
        {.id = "mini-r50",
         .name = "BMW Mini R50",
         .description = "BMW Mini One, Cooper, Cooper S, One D (R50/R52/R53), 2004-2006, "
                        "three-button key",
         .family = "bmw",
         .make = bmw(mini_r50),
         .takes_quirks = true},
        {.id = "bmw-e46",
         .name = "BMW E46",
         .description = "BMW 3 Series (E46) saloon, touring, coupe, convertible, 1998-2006, "
                        "key with remote",
         .family = "bmw",
         .make = bmw(bmw_e46),
         .takes_quirks = true},
        {.id = "ford-focus-2014",
         .name = "Ford Focus 2014",
         .description = "Ford Focus (third generation), 2011-2018, remote separate from the key",
         .family = "ford",
         .make = [](World& world,
                    const ReceiverQuirks&) { return ford_car(ford_focus_2014())(world); }},
        {.id = "honda-odyssey-2005",
         .name = "Honda Odyssey 2005",
         .description = "Honda Odyssey (RL3), 2005-2010, remote separate from the key",
         .family = "honda",
         .make = [](World& world,
                    const ReceiverQuirks&) { return honda_car(honda_odyssey_2005())(world); }},
        {.id = "nissan-200sx",
         .name = "Nissan 200SX",
         .description = "Nissan 200SX and Sentra (B14), 1995-1998, remote separate from the key",
         .family = "nissan",
         .make = [](World& world,
                    const ReceiverQuirks&) { return nissan_car(nissan_200sx())(world); }},
        {.id = "gm-malibu-2000",
         .name = "Chevrolet Malibu 2000",
         .description = "Chevrolet Malibu and the GM cars of its receiver, 1997-2003, remote "
                        "separate from the key",
         .family = "gm",
         .make = [](World& world,
                    const ReceiverQuirks&) { return gm_car(gm_malibu_2000())(world); }},
        {.id = "toyota-land-cruiser-2005",
         .name = "Toyota Land Cruiser 2005",
         .description = "Toyota Land Cruiser (J100), Lexus LX 470 and ES 300, 2002-2005, remote "
                        "separate from the key",
         .family = "toyota",
         .make =
             [](World& world, const ReceiverQuirks&) {
                 return toyota_car(toyota_land_cruiser_2005())(world);
             }},
        {.id = "vw-cabrio-1998",
         .name = "VW Cabrio 1998",
         .description = "Volkswagen Cabrio (and the Audi Cabriolet of its receiver), 1998-2002, "
                        "remote separate from the key",
         .family = "vw",
         .make = [](World& world,
                    const ReceiverQuirks&) { return vw_car(vw_cabrio_1998())(world); }},
    };
    return models;
}

const CarModel& car_model(std::string_view id) {
    const auto& models = car_models();
    const auto it = std::ranges::find(models, id, &CarModel::id);
    if (it == models.end()) {
        throw std::invalid_argument(unknown_car_model(id));
    }
    return *it;
}

std::string unknown_car_model(std::string_view id) {
    if (std::ranges::find(car_models(), id, &CarModel::id) != car_models().end()) {
        return {};
    }
    return "no simulated car '" + std::string(id) + "'; known: " + car_model_ids();
}

std::string car_model_ids() {
    std::string ids;
    for (const CarModel& model : car_models()) {
        ids += (ids.empty() ? "" : ", ") + model.id;
    }
    return ids;
}

CarMaker make_car(std::string_view id, ReceiverQuirks quirks) {
    const CarModel& model = car_model(id);
    return [&model, quirks](World& world) { return model.make(world, quirks); };
}

std::string car_model_text(const CarModel& model) {
    return model.name + " (" + model.id + ")";
}

} // namespace fobrig::sim
