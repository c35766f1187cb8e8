// A rig: what is wired, as read from config/rigs/*.toml. Which GPIO line is which fob
// button or car signal, its polarity and its switch's timing. Plain data.
#pragma once

#include "rig/core/source_pos.hpp"
#include "rig/core/time.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fobrig {

struct LineRef {
    std::string chip; // gpiochip name, path, number or label
    unsigned offset = 0;
};

enum class SwitchKind { relay, optocoupler, solid_state };

// The pull an input asks of its pin. as_is leaves the bias the board or firmware set.
enum class Bias { as_is, disabled, pull_up, pull_down };

// The car's switches a rig may wire a contact across, as procedures name them: the door's
// unlock switch (held while the operator works the key, as GM's ritual wants), its lock switch
// (VW's door locked with the key), the key-in switch, the door's switch.
inline constexpr std::array<std::string_view, 4> car_switch_roles{"door-unlock", "door-lock",
                                                                  "key-in", "door"};

// A contact across a fob's button, or across one of the car's switches (car_switch; slot 0 and
// no button then). Both kinds are driven, guarded and opened alike.
struct OutputChannel {
    int slot = 0;
    std::string button; // "lock", "unlock", "boot"
    std::string car_switch;
    LineRef line;
    bool active_low = false;
    SwitchKind kind = SwitchKind::relay;
    Duration operate_latency{};
    Duration release_latency{};
    Duration max_hold{}; // no contact stays closed longer, whatever the schedule says
    // An input wired to the switch's contact (a relay's spare contact, or the fob switch
    // itself), so that the rig sees when the contact really closed and opened.
    std::optional<LineRef> readback;
    bool readback_active_low = false;
    Bias readback_bias = Bias::as_is;
    SourcePos pos;
};

// The channel's name in records, tables and JSON: "slot1.lock", "car.door-unlock".
std::string channel_name(const OutputChannel& output);
// The channel in messages: "slot 1 lock", "the car's door-unlock switch".
std::string channel_text(const OutputChannel& output);
// The same appended to `text` (see text_append.hpp).
void append_channel_text(std::string& text, const OutputChannel& output);

// Every role a sense input may have: the car's lock and unlock signals, the ignition
// (position 1), one indicator wire that tells lock from unlock by its flashes, the key in its
// lock (key-in), a door's switch (door: active when open), and the chime and the horn (a sound
// detector module, or an optocoupler across the buzzer: docs/wiring.md).
inline constexpr std::array<std::string_view, 8> sense_roles{
    "lock", "unlock", "ignition", "indicator", "key-in", "door", "chime", "horn"};

struct SenseInput {
    std::string role; // one of sense_roles
    LineRef line;
    bool active_low = false;
    Duration debounce{};
    Bias bias = Bias::as_is;
    SourcePos pos;
};

// The hardware interlock's line: a square wave the run's thread plays only while a sequence
// drives outputs. A retriggerable monostable on the relay board's supply keeps the board
// powered for `hold` after each activating edge of the wave, so a thread that stops toggling
// (a freeze, a crash, a kernel that keeps the line driven) drops every relay. docs/wiring.md.
struct EnableOutput {
    LineRef line;
    bool active_low = false;
    Duration period{}; // of the wave: one activating edge each period
    Duration hold{};   // how long the board stays powered after an activating edge
    SourcePos pos;
};

struct Rig {
    std::string name;
    std::string backend; // "sim" or "gpiod"
    std::vector<int> slots;
    std::vector<OutputChannel> outputs;
    std::vector<SenseInput> senses;
    std::optional<EnableOutput> enable;

    std::optional<std::size_t> output_index(int slot, const std::string& button) const;
    std::optional<std::size_t> sense_index(const std::string& role) const;
    // The output across the car's switch `role`, if the rig wires one.
    std::optional<std::size_t> car_output(const std::string& role) const;

    // Backends number read-back inputs after the sense inputs, so that callers that know only
    // sense inputs never mistake a contact for a car signal.
    std::size_t readback_input(std::size_t output) const { return senses.size() + output; }
    // Backends number the enable line after the outputs, so that it is driven like one (and
    // opened with them) but never mistaken for a fob's button.
    std::size_t enable_channel() const { return outputs.size(); }
    // Every output line a backend drives: the outputs, and the enable line if there is one.
    std::size_t output_lines() const { return outputs.size() + (enable ? 1 : 0); }
    // The output whose read-back line `input` is, if it is one.
    std::optional<std::size_t> readback_output(std::size_t input) const;
};

} // namespace fobrig
