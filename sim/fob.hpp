// A three-button key fob: its button contacts, and the telegrams it sends while they are closed.
#pragma once

#include "sim/button_mask.hpp"
#include "sim/telegram.hpp"
#include "sim/world.hpp"

#include <cstdint>
#include <functional>

namespace fobrig::sim {

struct FobProfile {
    Duration debounce = milliseconds(20); // the buttons must stand still this long...
    Duration airtime = milliseconds(30);  // ...and this long again while the telegram goes out
    Duration repeat = milliseconds(100);  // from one telegram to the next while held
};

class Fob {
public:
    using Transmitter = std::function<void(const Telegram&)>;

    Fob(World& world, std::uint32_t id, FobProfile profile, Transmitter transmit);
    Fob(const Fob&) = delete;
    Fob& operator=(const Fob&) = delete;

    std::uint32_t id() const { return id_; }
    ButtonMask buttons() const { return buttons_; }
    std::uint32_t counter() const { return counter_; }

    // A change that does not stand for debounce + airtime is not heard; letting go of every
    // button sends nothing.
    void set_button(Button button, bool closed);
    // A flat battery sends nothing.
    void set_battery_flat(bool flat) { battery_flat_ = flat; }
    // A broken button never makes contact, whatever presses it.
    void set_broken(ButtonMask broken) { broken_ = broken; }
    // Presses away from the car (in a pocket, on a bench) move the counter on unheard.
    void advance_counter(std::uint32_t telegrams) { counter_ += telegrams; }

private:
    void send_after(Duration d);

    World& world_;
    std::uint32_t id_;
    FobProfile profile_;
    Transmitter transmit_;
    ButtonMask buttons_;
    bool battery_flat_ = false;
    ButtonMask broken_;
    std::uint32_t counter_ = 0;
    std::uint64_t buttons_epoch_ = 0; // counts button changes, so that a change cancels a send
};

} // namespace fobrig::sim
