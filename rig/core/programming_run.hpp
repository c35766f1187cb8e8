// The strategy of a run: operator steps, the presses for every fob in one session, the car's
// confirmations, retries, and a verdict per fob in a mechanic's words.
#pragma once

#include "rig/core/backend.hpp"
#include "rig/core/clock.hpp"
#include "rig/core/operator_console.hpp"
#include "rig/core/procedure.hpp"
#include "rig/core/rig_wiring.hpp"
#include "rig/core/run_observer.hpp"
#include "rig/core/run_pulse.hpp"
#include "rig/core/run_record.hpp"

#include <atomic>
#include <map>
#include <string>
#include <vector>

namespace fobrig {

struct FobUnderTest {
    int slot = 0;
    std::string label;
};

// program: the whole ritual, then verification. verify: only the verification steps, for
// fobs that are already programmed.
enum class RunMode { program, verify };

struct RunRequest {
    const Procedure& procedure;
    const Rig& rig;
    std::vector<FobUnderTest> fobs;
    RunMode mode = RunMode::program;
    std::string run_id;
    std::string started_utc;
    // The program step's variant the first attempt plays: the one this car answered last
    // (see answered_variant()). Empty: the first the procedure lists.
    std::string first_variant;
};

struct RunServices {
    Clock& clock;
    Backend& backend;
    OperatorConsole& console;
    const std::atomic<bool>& abort;
    RunObserver* observer = nullptr;
    RunPulse* pulse = nullptr; // see rig/core/run_pulse.hpp
};

// The fobs in `slots` (every slot of the rig when empty), labelled from `labels` by slot.
std::vector<FobUnderTest> fobs_in_slots(const Rig& rig, const std::vector<int>& slots,
                                        const std::map<int, std::string>& labels);

// "1,2,5": the fobs' slots, for logs and verdicts.
std::string slots_text(const std::vector<FobUnderTest>& fobs);

// Why the request cannot run, before anything is driven (empty when it can).
std::vector<std::string> run_refusals(const RunRequest& request);

// Runs the request to its end, abort or error; every output is released on return.
// Throws std::invalid_argument when run_refusals() is not empty.
RunRecord run_procedure(const RunRequest& request, const RunServices& services);

} // namespace fobrig
