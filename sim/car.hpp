// A simulated car as the rig meets it: the switches a person works at it (the ignition; the
// key in its lock, the driver's door, the door's unlock and lock switches for the cars whose
// ritual uses them), the answers it gives (the lock and unlock motors' signals, the indicators, a
// chime, the horn), each found by the role name a rig file's sense input uses, and the remote
// receiver behind them: its key table and the rolling code of each fob in it. Each family's
// ritual is a subclass (sim/bmw_car.hpp, ...); no car reads a procedure file.
#pragma once

#include "sim/receiver_profile.hpp"
#include "sim/telegram.hpp"
#include "sim/wire.hpp"
#include "sim/world.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fobrig::sim {

// The switches every car has, used by its ritual or not: a person works them on any car.
inline constexpr std::array<const char*, 2> every_cars_switches{"key-in", "door"};

class Car {
public:
    virtual ~Car() = default;
    Car(const Car&) = delete;
    Car& operator=(const Car&) = delete;

    // Works one of the car's switches by its role ("ignition", "key-in", "door",
    // "door-unlock", "door-lock"); returns false, changing nothing, for a switch this car does not
    // have.
    bool work(const std::string& role, bool on);
    void set_ignition(bool on) { work("ignition", on); }
    bool has_switch(const std::string& role) const;
    // The signal a rig's sense input of `role` sees: an answer ("lock", "unlock", "indicator",
    // "chime", "horn") or a switch's level; null for a role this car has no signal for.
    Wire* signal(const std::string& role);
    Wire& lock_signal() { return signals_.at("lock"); }
    Wire& unlock_signal() { return signals_.at("unlock"); }
    Wire& ignition_switch() { return signals_.at("ignition"); }

    void receive(const Telegram& telegram);
    // A dead receiver hears nothing; the switches still work.
    void set_receiver_dead(bool dead) { receiver_dead_ = dead; }
    // A key the car learned before the bench was set up, with the counter it last accepted.
    // Throws std::length_error when the key table is full.
    void preload_key(std::uint32_t fob, std::uint32_t counter);
    std::size_t key_table_size() const { return receiver_.key_table_size; }
    KeyTablePolicy key_table_policy() const { return receiver_.policy; }
    // In the order learned: the order a car with key memory numbers its keys by.
    const std::vector<std::uint32_t>& key_table() const { return key_table_; }
    // What the car knows and the rig cannot see, one line each ("4 lock presses, the car
    // counts 3"): why it learned no key, or did not enter programming mode.
    const std::vector<std::string>& notes() const { return notes_; }

protected:
    // Every car has lock, unlock and indicator signals, an ignition, a key switch and a
    // driver's door; `switches` names those its ritual uses besides the ignition ("key-in",
    // "door", "door-unlock"), and `sounds` its other answers ("chime", "horn").
    Car(World& world, ReceiverProfile receiver, const std::vector<std::string>& switches = {},
        const std::vector<std::string>& sounds = {});

    // The ritual, in each family's own terms.
    virtual void switch_changed(const std::string& role, bool on) = 0;
    // A fob's buttons as the car hears them changed (none: released, after a silence).
    virtual void buttons_changed(std::uint32_t fob, ButtonMask from, ButtonMask to) = 0;
    // While learning, the car takes any fob's telegram; otherwise it checks rolling codes.
    virtual bool learning() const = 0;

    World& world() { return world_; }
    const ReceiverProfile& receiver() const { return receiver_; }
    // A known fob's lock or unlock press: the doors lock or unlock.
    void answer(std::uint32_t fob, ButtonMask buttons);
    // The next key learned is the session's first (for session_erases_all).
    void begin_session() { learned_this_session_.clear(); }
    const std::vector<std::uint32_t>& learned_this_session() const { return learned_this_session_; }
    // Learns the fob as its key table's policy says, taking its last telegram's counter;
    // false (noted) when the table is full and the policy keeps what it has.
    bool learn(std::uint32_t fob);
    // Codes the fob into memory slot `slot` (from 0) of a car that numbers its remotes by slot
    // (VW's): it replaces the fob there; a slot past the last one coded is the next free one.
    void learn_into(std::size_t slot, std::uint32_t fob);
    void erase_keys() {
        key_table_.clear();
        rolling_.clear();
    }
    void note(std::string why);
    // The doors locking or unlocking after `delay`: the motor's pulse and the indicators'
    // flashes (once for lock, twice for unlock).
    void signal_lock(Duration delay);
    void signal_unlock(Duration delay);
    void cycle_locks(LockCycle cycle);
    // `times` flashes of the indicators (hazards), or sounds of the chime or the horn, after
    // `delay`, at the receiver's flash pace.
    void repeat(const std::string& role, int times, Duration delay);

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
    void pulse(Wire& signal, Duration delay);
    bool programmed(std::uint32_t fob) const;

    World& world_;
    ReceiverProfile receiver_;
    bool receiver_dead_ = false;
    std::map<std::string, Wire> signals_; // by role; a map's nodes stay put for listeners
    std::vector<std::string> switches_;   // the roles among them a person works
    std::vector<std::string> notes_;
    std::vector<std::uint32_t> key_table_;
    std::vector<std::uint32_t> learned_this_session_;
    std::map<std::uint32_t, Heard> heard_;
    std::map<std::uint32_t, Rolling> rolling_; // by fob in the key table
};

} // namespace fobrig::sim
