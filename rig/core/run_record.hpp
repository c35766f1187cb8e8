// Everything a run did and saw, as data: the source of run.json, run.vcd and the timing table.
#pragma once

#include "rig/core/edge_name.hpp"
#include "rig/core/rig_wiring.hpp"
#include "rig/core/time.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace fobrig {

// Names a line in the record, independent of the rig file: "slot1.lock", "sense.unlock".
struct RecordedLine {
    std::string name;
    bool output = true;
    // An output's read-back line (index into RunRecord::lines): when its contact really moved.
    std::optional<std::size_t> contact;
};

struct CommandedEdge {
    int attempt = 0;
    EdgeName step_id;
    int slot = 0;
    EdgeName action;      // the procedure's action name, or "max-hold guard", "open all"
    std::size_t line = 0; // index into RunRecord::lines
    bool active = false;
    Instant scheduled{};
    Instant actual{};
    bool late = false;   // error beyond the procedure's tolerance
    bool forced = false; // opened by the max-hold guard or on abort, not by the schedule
};

struct SensedEdge {
    int attempt = 0;
    std::size_t line = 0; // index into RunRecord::lines
    bool active = false;
    Instant at{};
};

struct OperatorRecord {
    int attempt = 0;
    std::string step_id;
    std::string prompt;
    Instant prompted{};
    std::optional<Instant> acknowledged;
    std::optional<Duration> ignition_on; // measured when an ignition input is wired
    // When the rig's inputs saw the step done (the key out, the ignition turned on or off, its
    // ack_sense input); none: only a person said so, and no window was judged on it.
    std::optional<Instant> sensed;
};

// One sequence played for one fob, and whether the car answered as expected.
struct CheckRecord {
    int attempt = 0;
    std::string step_id;
    int slot = 0;
    bool passed = false;
    Instant decided{};               // when the answer was complete, or the window closed
    std::optional<Duration> latency; // from the window's opening to the answer's last edge
    std::string reason;              // empty when passed
    std::string variant;             // the step's variant played, when it has several
    // How often the sequence was played for this check (confirm.presses allows more than one):
    // the answer, when there was one, came in the last press's window.
    int presses = 1;
};

struct AttemptRecord {
    int number = 0;
    bool passed = false;
    std::string reason;
    std::string variant; // of the program step, when it has several
};

struct FobVerdict {
    int slot = 0;
    std::string label;
    bool programmed = false;
    bool verified = false;
    bool passed = false;
    std::string reason;
};

// unverified: every fob was programmed and failed no check, but not every fob was seen to
// answer a verify step (the procedure does not check it): never counted as passed.
enum class RunOutcome { passed, failed, aborted, unverified };
inline constexpr RunOutcome run_outcomes[] = {RunOutcome::passed, RunOutcome::failed,
                                              RunOutcome::aborted, RunOutcome::unverified};

// The action of an opening forced by the sequencer's max-hold guard.
inline constexpr const char* max_hold_guard_action = "max-hold guard";

// How the thread that played the edges was set up (see rig/platform/realtime.hpp). A run
// without real-time scheduling goes on; its record says so, since its edges may come late.
struct RealtimeRecord {
    bool granted = false;
    std::string detail; // what was set, or what was refused and why
};

// What the run's lines drove: the simulated car, with the faults it was given, or real
// hardware. A record says so, so that no verdict on the simulator reads as one on a car.
struct TargetRecord {
    bool simulated = false;
    // Which simulated car: its id ("bmw-e46") and name ("BMW E46"); empty in records written
    // before fobrig had more than the Mini.
    std::string sim_car;
    std::string sim_car_name;
    std::vector<std::string> sim_faults; // as given, e.g. "flat-battery=2"
    // What the simulated car noted during the run, e.g. why it learnt no key ("4 lock presses,
    // the car counts 3"): the simulator can say what a real car keeps to itself.
    std::vector<std::string> car_notes;
};

// The hardware interlock the run played its wave for (docs/wiring.md): the relay board had
// power only while the run's thread toggled this line. The toggles themselves are not recorded.
struct InterlockRecord {
    std::string line; // "pinctrl-bcm2711:23", as the rig file names it
    Duration period{};
    Duration hold{};
};

// The rig's interlock as a record names it; none for a rig without an enable line.
std::optional<InterlockRecord> interlock_record(const Rig& rig);

struct RunRecord {
    std::string id;
    std::string procedure_id;
    std::string procedure_name;
    std::string rig_name;
    std::string started_utc; // ISO 8601, supplied by the caller (the core has no wall clock)
    Instant t0{};            // the run's zero on the monotonic timeline
    std::vector<RecordedLine> lines;
    std::vector<CommandedEdge> commanded;
    std::vector<SensedEdge> sensed;
    std::vector<OperatorRecord> operator_steps;
    std::vector<CheckRecord> checks;
    std::vector<AttemptRecord> attempts;
    std::vector<FobVerdict> fobs;
    RunOutcome outcome = RunOutcome::failed;
    std::string reason;
    RealtimeRecord realtime;
    std::optional<TargetRecord> target;       // absent in records written before fobrig said
    std::optional<InterlockRecord> interlock; // none on a rig without an enable line
};

const char* to_string(RunOutcome outcome);

// Commanded edges flagged late (beyond their procedure's tolerance).
std::size_t late_edge_count(const RunRecord& record);
// For the verdict: "2 edges came later than the procedure's tolerance (worst 23.4 ms, learn
// press2)", or empty when none did.
std::string late_edges_text(const RunRecord& record);
// For the verdict: "the max-hold guard opened slot1.lock early (learn)", or empty.
std::string forced_openings_text(const RunRecord& record);
// Keeps the simulated car's notes in the record's target and, when the run did not pass, ends
// its verdict with them: "...; the simulated car noted: 4 lock presses, the car counts 3".
void add_car_notes(RunRecord& record, const std::vector<std::string>& notes);

// The variant of the last check the car answered that played one (the program step's, when
// it lists several ways), or empty: what the next session on this car should try first.
std::string answered_variant(const RunRecord& record);

} // namespace fobrig
