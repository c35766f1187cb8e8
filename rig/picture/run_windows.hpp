// What the car demanded of a run, placed on the run's own timeline: each sequence's windows
// ("3 presses within 10 s of hold"), its start limit ("start within 30 s of key out") and its
// confirmation window with when the car answered. The record keeps the edges; the procedure
// says what the windows were, so the two are read together here.
#pragma once

#include "rig/core/procedure.hpp"
#include "rig/core/run_record.hpp"

#include <optional>
#include <string>
#include <vector>

namespace fobrig {

// One sequence played for one fob in one attempt: the span of its scheduled edges.
struct PlayedSequence {
    int attempt = 0;
    std::string step_id;
    int slot = 0;
    Duration first{}; // from t0, actual instants
    Duration last{};
};

enum class WindowKind { presses, start, confirmation };

struct RunWindow {
    WindowKind kind = WindowKind::presses;
    int attempt = 0;
    std::string step_id;
    int slot = 0;
    Duration from{}; // from t0
    Duration to{};
    std::string label;
    bool kept = true;               // the run did what the window asks (the car answered in it)
    std::optional<Duration> answer; // confirmation: when the car's answer was complete
};

// The procedure's operator step of that id, or null.
const OperatorStep* find_operator_step(const Procedure& procedure, const std::string& id);

// In time order; the edges the max-hold guard or an abort forced are not part of a sequence.
std::vector<PlayedSequence> played_sequences(const RunRecord& record);

// Every window the procedure's steps define, for every sequence the record played. A window
// whose action the record lacks (the procedure changed since) is left out.
std::vector<RunWindow> run_windows(const RunRecord& record, const Procedure& procedure);

} // namespace fobrig
