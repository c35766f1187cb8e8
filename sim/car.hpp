// The car's remote receiver: its key table, the re-sync ritual's state machine, and the lock
// and unlock signals it drives (what the rig senses as the doors locking and unlocking), with
// the indicators flashing once for lock and twice for unlock.
#pragma once

#include "sim/car_profile.hpp"
#include "sim/telegram.hpp"
#include "sim/wire.hpp"
#include "sim/world.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fobrig::sim {

enum class CarMode {
    normal,      // answers the fobs in its key table
    ignition_on, // turned off soon enough, it arms; answers like normal
    armed,       // key removed quickly: waiting for a fob's unlock hold
    holding,     // a fob holds unlock: counting lock presses
    session,     // a key was learned: waiting for the next key's hold
};

class Car {
public:
    Car(World& world, CarProfile profile);
    Car(const Car&) = delete;
    Car& operator=(const Car&) = delete;

    void set_ignition(bool on);
    void receive(const Telegram& telegram);
    // A dead receiver hears nothing; the ignition still works.
    void set_receiver_dead(bool dead) { receiver_dead_ = dead; }
    // A key the car learned before the bench was set up, with the counter it last accepted.
    // Throws std::length_error when the key table is full.
    void preload_key(std::uint32_t fob, std::uint32_t counter);
    std::size_t key_table_size() const { return profile_.key_table_size; }

    CarMode mode() const { return mode_; }
    const std::vector<std::uint32_t>& key_table() const { return key_table_; }
    Wire& lock_signal() { return lock_; }
    Wire& unlock_signal() { return unlock_; }
    Wire& ignition_switch() { return ignition_; }
    // The signal a rig's sense input of `role` sees ("lock", "unlock", "indicator",
    // "ignition"), or null for a role this car has no signal for.
    Wire* signal(const std::string& role);
    // Why the receiver did not learn a key, one line each ("4 lock presses, the car counts
    // 3"): what the car knows and the rig cannot see.
    const std::vector<std::string>& notes() const { return notes_; }

private:
    struct Heard {
        ButtonMask buttons; // as of the fob's last telegram; none once released
        Instant last{};
        std::uint32_t counter = 0; // of that telegram: learning a key stores it
    };
    // A known fob's rolling code as the car follows it.
    struct Rolling {
        std::uint32_t accepted = 0;           // the last counter answered, or learned
        std::optional<std::uint32_t> pending; // last counter of a press too far ahead
        Instant pending_at{};
    };

    // Whether a known fob's telegram is within its rolling-code window; keeps the window up.
    bool accept_counter(std::uint32_t fob, std::uint32_t counter);
    void notice_release(std::uint32_t fob);
    void buttons_changed(std::uint32_t fob, ButtonMask from, ButtonMask to);
    void answer(std::uint32_t fob, ButtonMask buttons);
    void hold_started(std::uint32_t fob, ButtonMask from, ButtonMask to);
    void start_hold(std::uint32_t fob, int presses);
    void hold_changed(ButtonMask from, ButtonMask to);
    void count_tap();
    // Gives up the hold, noting why.
    void drop_hold(std::string why);
    void learn();
    // Enters armed or session mode, which ends back in normal unless a hold comes in time.
    void await_hold(CarMode mode);
    void enter(CarMode mode);
    // Runs `then` after `d` unless the mode has changed meanwhile.
    void unless_changed(Duration d, std::function<void()> then);
    // The doors locking or unlocking after `delay`: the motor's pulse and the indicators' flashes.
    void signal_lock(Duration delay);
    void signal_unlock(Duration delay);
    void pulse(Wire& signal, Duration delay);
    void flash(int times, Duration delay);
    bool programmed(std::uint32_t fob) const;

    World& world_;
    CarProfile profile_;
    bool receiver_dead_ = false;
    Wire lock_;
    Wire unlock_;
    Wire indicator_;
    Wire ignition_;
    CarMode mode_ = CarMode::normal;
    std::uint64_t mode_epoch_ = 0; // counts mode changes, so that stale timers do nothing
    Instant ignition_on_since_{};
    std::uint32_t holding_fob_ = 0;
    int presses_ = 0;
    Instant last_tap_{};
    std::vector<std::string> notes_;
    std::vector<std::uint32_t> key_table_;
    std::vector<std::uint32_t> learned_this_session_;
    std::map<std::uint32_t, Heard> heard_;
    std::map<std::uint32_t, Rolling> rolling_; // by fob in the key table
};

} // namespace fobrig::sim
