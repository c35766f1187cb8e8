// The car's answers on one indicator (hazard light) input: a burst of flashes whose count tells
// lock from unlock, as the procedure's [indicator] table says.
#pragma once

#include "rig/core/procedure.hpp"
#include "rig/core/rig_wiring.hpp"

#include <optional>
#include <string>

namespace fobrig {

// The sense role of the indicator input.
inline const std::string indicator_role = "indicator";

// One burst of flashes: when the car answered, and what it meant.
struct IndicatorAnswer {
    Instant at{}; // the first flash's (kernel-stamped) edge
    int flashes = 0;
    std::string role; // "lock" or "unlock"; empty for a count the procedure does not know
};

// "the indicators flashed 3 times, which is neither lock (1) nor unlock (2)"
// Appends "the indicators flashed 5 times, which is neither lock (1) nor unlock (2)".
void append_unknown_answer(std::string& text, const IndicatorAnswer& answer,
                           const IndicatorFlashes& flashes);

// Whether `rig` learns `role` from its indicator input: the role is lock or unlock, the rig
// wires no input of that role but an indicator input, and the procedure knows the flashes.
bool indicator_tells(const Procedure& procedure, const Rig& rig, const std::string& role);

// Groups the indicator input's flashes into answers. The input's debounce has already removed
// contact bounce, so each turning active is a flash.
class IndicatorDecoder {
public:
    explicit IndicatorDecoder(const IndicatorFlashes& flashes) : flashes_(flashes) {}

    const IndicatorFlashes& flashes() const { return flashes_; }
    // Forgets the burst under way, for a new window.
    void restart() {
        first_.reset();
        last_ = {};
        count_ = 0;
    }

    // A flash starting at `at`. One further than the gap from the last flash ends the burst
    // before it, which is returned.
    std::optional<IndicatorAnswer> flash(Instant at);
    // The burst under way, once no flash has followed its last within the gap by `now`.
    std::optional<IndicatorAnswer> settle(Instant now);
    // The burst under way: when it began, and when it is decided if no flash follows.
    std::optional<Instant> burst_started() const { return first_; }
    std::optional<Instant> decided_at() const;

private:
    IndicatorAnswer close();

    IndicatorFlashes flashes_;
    std::optional<Instant> first_;
    Instant last_{};
    int count_ = 0;
};

} // namespace fobrig
