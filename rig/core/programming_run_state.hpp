// What the parts of a programming run share: the request, its services, the record being
// built and the sequencer, and what one attempt has found so far. Internal to programming_run*.
#pragma once

#include "rig/core/programming_run.hpp"
#include "rig/core/run_plans.hpp"
#include "rig/core/run_recorder.hpp"
#include "rig/core/sequencer.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fobrig {

// How a step ends: the attempt goes on, stops (state.failure says why), or the run was aborted.
enum class Flow { go_on, stop_attempt, aborted };

// A verify step the car answered only after pressing again: at press `press` of `of`, for the
// verdict ("'verify-lock' answered at press 2 of 3").
struct Repressed {
    std::string_view step_id;
    int press = 0;
    int of = 0;
};

// Sized before the run (see RunPrepared): noting what a step found allocates nothing.
struct FobState {
    bool programmed = false;                   // a program step's check saw the car answer
    std::vector<std::string_view> verified_by; // verify steps whose check saw the car answer
    bool verify_failed = false;                // a verify step's check did not
    std::vector<Repressed> repressed;
    std::string failure; // the first failed check of this attempt
};

// A contact across the car's switch, held until step `through` is done.
struct HeldContact {
    std::size_t channel = 0;
    std::string_view through;
    Instant since{};
};

// What happened when the car's windows last began counting, for a reason's text.
struct LastEnd {
    enum class What {
        attempt_began,
        previous_fob_released,
        key_removed,
        ignition_turned_on,
        ignition_turned_off,
        step_confirmed,
        step_counted,
    };
    What what = What::attempt_began;
    const Step* step = nullptr; // the step confirmed or counted
};

// Appends "the previous fob's release", "'Finalise' was confirmed" (see text_append.hpp).
void append_last_end(std::string& text, const LastEnd& last);

struct AttemptState {
    std::vector<FobState> fobs; // by the request's fobs' order
    Instant last_end{};         // the car's windows count from here
    LastEnd last_end_what;      // what happened then, for the reason text
    std::string failure;        // a failure that ended the attempt early
    // The end of the last program sequence since the car last saw the ignition turn: the car
    // may still be in the session that sequence opened or prolonged.
    std::optional<Instant> session_since;
    // The program step's variant this attempt played, if it has several.
    const SequenceVariant* variant = nullptr;
    // When this attempt last saw or drove the event that opens each of the procedure's
    // [[window]]s, by window.
    std::vector<std::optional<Instant>> events;
    std::vector<HeldContact> held;
};

class RunPrepared;

struct RunContext {
    const RunRequest& request;
    const RunServices& services;
    RunRecorder& recorder;
    Sequencer& sequencer;
    const RunPlans& plans;
    RunPrepared& prepared;
    // How often the run moved on to the program step's next variant: after each attempt in
    // which the car answered no fob. When it answered some, the way was right (a fob that
    // stayed silent is the fob's fault) and the retry plays it again.
    int variants_moved_on = 0;
};

// Whether a run of this mode plays `step`: a verify run plays the verify sequences only.
bool step_applies(const RunRequest& request, const Step& step);
// How many attempts the run may make.
int max_attempts(const RunRequest& request);
// The step_started event with where the run stands: step n of N, attempts A (the attempt and
// slot are set when it is told).
StepStarted step_started_event(const RunRequest& request, const Step& step);
// Tells that `step` started at `attempt` (for the fob in `slot`, or 0).
void tell_step_started(RunContext& run, int attempt, const Step& step, int slot = 0);
// The index of `fob` (one of the request's) in the request's fobs.
std::size_t fob_index(const RunRequest& request, const FobUnderTest& fob);

// "slot 2 (spare-B)", or "slot 2" without a label.
std::string fob_name(const FobUnderTest& fob);
// The same appended to `text` (see text_append.hpp).
void append_fob_name(std::string& text, const FobUnderTest& fob);

} // namespace fobrig
