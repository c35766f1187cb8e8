// The rig's backend on the simulator: its output lines drive relays across the fobs' buttons,
// and its sense inputs read the car's lock, unlock and ignition signals, as GPIO would.
#pragma once

#include "rig/core/backend.hpp"
#include "rig/core/clock.hpp"
#include "rig/core/rig_wiring.hpp"
#include "sim/board_supply.hpp"
#include "sim/car.hpp"
#include "sim/relay.hpp"
#include "sim/sim_operator.hpp"
#include "sim/world.hpp"

#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <vector>

namespace fobrig::sim {

class SimBackend final : public Backend {
public:
    // One relay per rig output, faulty where `stuck_relays` says; sense inputs whose role the
    // car has no signal for are never reported. Outputs with a read-back line report each
    // change of their contact, bounce included, as input rig.readback_input(channel). A rig's
    // enable line (channel rig.enable_channel()) drives the relay board's supply, which is off
    // until the wave starts.
    SimBackend(World& world, Clock& clock, const Rig& rig, Car& car, const SimOperator& person,
               const std::map<std::size_t, RelayFault>& stuck_relays);
    SimBackend(const SimBackend&) = delete;
    SimBackend& operator=(const SimBackend&) = delete;

    // Throws std::out_of_range for a channel the rig does not have.
    void drive(std::span<const OutputLevel> levels) override;
    void open_all() noexcept override;
    // Returns at once with edges or a new acknowledgement; otherwise runs the world event by
    // event on the clock until one comes, or until `deadline`.
    std::span<const InputEdge> wait(Instant deadline) override;

    // From another thread while the run's thread is stalled: every later call of the run's
    // thread opens every contact first, and drive() closes none, until rearm(). The simulated
    // relays open when the world next runs, on the run's thread (nothing else may touch it).
    void trip() noexcept { tripped_.store(true); }
    // The first drive() that closes a contact then holds the calling thread `length` (real
    // time) with the contact closed: SimFaults::run_stall.
    void stall_first_press(Duration length) { stall_ = length; }
    void rearm() noexcept { tripped_.store(false); }

    Relay& relay(std::size_t channel) { return relays_.at(channel); }
    // The board's supply behind the interlock; none on a rig without an enable line.
    BoardSupply* supply() { return supply_ ? &*supply_ : nullptr; }
    // The physical level of an output line, after polarity.
    bool line_high(std::size_t channel) const { return outputs_.at(channel).line_high; }

private:
    struct Output {
        bool active_low = false;
        bool line_high = false;
    };
    struct Sense {
        bool active_low = false;
        Duration debounce{};
        bool reported = false;     // logical level last reported
        std::uint64_t changes = 0; // of the raw line, so that a bounce restarts the debounce
    };

    void set_line(std::size_t channel, bool high);
    void sense_changed(std::size_t input, bool line_high);

    World& world_;
    Clock& clock_;
    const SimOperator& operator_;
    std::vector<Output> outputs_;
    std::deque<Relay> relays_; // relays stay put: world events hold pointers to them
    std::optional<BoardSupply> supply_;
    std::vector<Sense> senses_;
    std::vector<InputEdge> pending_;   // reported by the world since the last wait
    std::vector<InputEdge> delivered_; // what the last wait returned
    std::uint64_t acknowledgements_seen_ = 0;
    std::atomic<bool> tripped_{false};
    Duration stall_{};
};

} // namespace fobrig::sim
