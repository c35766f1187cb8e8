// What the parts of a programming run share: the request, its services, the record being
// built and the sequencer, and what one attempt has found so far. Internal to programming_run*.
#pragma once

#include "rig/core/programming_run.hpp"
#include "rig/core/run_plans.hpp"
#include "rig/core/run_recorder.hpp"
#include "rig/core/sequencer.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace fobrig {

// How a step ends: the attempt goes on, stops (state.failure says why), or the run was aborted.
enum class Flow { go_on, stop_attempt, aborted };

struct FobState {
    bool programmed = false;           // a program step's check saw the car answer
    std::set<std::string> verified_by; // verify steps whose check saw the car answer
    bool verify_failed = false;        // a verify step's check did not
    // Verify steps the car answered only after pressing again: "'verify-lock' answered at
    // press 2 of 3", for the verdict.
    std::vector<std::string> repressed;
    std::string failure; // the first failed check of this attempt
};

// A contact across the car's switch, held until step `through` is done.
struct HeldContact {
    std::size_t channel = 0;
    std::string through;
    Instant since{};
};

struct AttemptState {
    std::map<int, FobState> fobs;
    Instant last_end{};        // the car's windows count from here
    std::string last_end_what; // what happened then, for the reason text
    std::string failure;       // a failure that ended the attempt early
    // The end of the last program sequence since the car last saw the ignition turn: the car
    // may still be in the session that sequence opened or prolonged.
    std::optional<Instant> session_since;
    std::string variant; // the program step's variant this attempt played, if it has several
    // The events the procedure's [[window]]s name, when this attempt last saw or drove each.
    std::map<std::string, Instant> events;
    std::vector<HeldContact> held;
};

struct RunContext {
    const RunRequest& request;
    const RunServices& services;
    RunRecorder& recorder;
    Sequencer& sequencer;
    const RunPlans& plans;
    // How often the run moved on to the program step's next variant: after each attempt in
    // which the car answered no fob. When it answered some, the way was right (a fob that
    // stayed silent is the fob's fault) and the retry plays it again.
    int variants_moved_on = 0;
};

// Whether a run of this mode plays `step`: a verify run plays the verify sequences only.
bool step_applies(const RunRequest& request, const Step& step);
// How many attempts the run may make.
int max_attempts(const RunRequest& request);
// The step_started event with where the run stands: step n of N, attempt a of A.
StepStarted step_started_event(const RunRequest& request, int attempt, const Step& step,
                               int slot = 0);

// "slot 2 (spare-B)", or "slot 2" without a label.
std::string fob_name(const FobUnderTest& fob);

} // namespace fobrig
