// A programming session against the simulated Mini in virtual time, with the shipped
// procedure and rig files, as the integration tests use it.
#pragma once

#include "rig/config/procedure_file.hpp"
#include "rig/config/rig_file.hpp"
#include "rig/core/programming_run.hpp"
#include "sim/bmw_car.hpp"
#include "sim/shipped_rituals.hpp"
#include "sim/sim_bench.hpp"
#include "sim/virtual_clock.hpp"
#include "tests/support/edited_file.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>

namespace fobrig::testing {

inline std::string shipped_procedure_text() {
    return shipped_text("procedures/mini-r50-2004.toml");
}

// The shipped procedure `id` with one passage changed, as a person might write it wrongly.
inline Procedure shipped_procedure_with(const std::string& id, const std::string& original,
                                        const std::string& replacement) {
    std::string text = shipped_text("procedures/" + id + ".toml");
    const auto at = text.find(original);
    if (at == std::string::npos) {
        throw std::logic_error(id + " no longer contains: " + original);
    }
    text.replace(at, original.size(), replacement);
    auto result = parse_procedure(text, id + ".toml");
    if (!result.ok()) {
        throw std::logic_error(format(result.errors.front()));
    }
    return *result.value;
}

// The Mini's shipped procedure with one passage changed.
inline Procedure procedure_with(const std::string& original, const std::string& replacement) {
    return shipped_procedure_with("mini-r50-2004", original, replacement);
}

inline Procedure shipped_procedure() {
    return procedure_with("", "");
}

using sim::shipped_rituals;
using sim::ShippedRitual;

inline Procedure shipped_procedure(const std::string& id) {
    return shipped_procedure_with(id, "", "");
}

// `procedure` played one way only, at every attempt: its learn step's variant `id`.
inline Procedure only_variant(Procedure procedure, const std::string& id) {
    for (Step& step : procedure.steps) {
        if (auto* seq = std::get_if<SequenceStep>(&step.body); seq && !seq->variants.empty()) {
            std::erase_if(seq->variants, [&](const SequenceVariant& v) { return v.id != id; });
        }
    }
    return procedure;
}

inline Rig shipped_rig(const std::string& file = "sim-2.toml") {
    auto result = load_rig_file(FOBRIG_CONFIG_DIR "/rigs/" + file);
    if (!result.ok()) {
        throw std::logic_error(format(result.errors.front()));
    }
    return *result.value;
}

struct SimulatedSession {
    explicit SimulatedSession(sim::SimFaults faults = {}, sim::OperatorProfile person = {},
                              Rig wiring = shipped_rig(),
                              const sim::CarMaker& car = sim::make_car())
        : rig(std::move(wiring)), bench(world, clock, rig, car, person, std::move(faults)) {}

    RunRecord run(const std::vector<FobUnderTest>& fobs, RunMode mode = RunMode::program) {
        return run_with(procedure, fobs, mode);
    }
    RunRecord run_with(const Procedure& wrong, const std::vector<FobUnderTest>& fobs,
                       RunMode mode = RunMode::program) {
        return run_procedure({.procedure = wrong,
                              .rig = rig,
                              .fobs = fobs,
                              .mode = mode,
                              .first_variant = first_variant},
                             {clock, backend(), bench.operator_console(), abort});
    }
    virtual Backend& backend() { return bench.backend(); }
    virtual ~SimulatedSession() = default;

    Procedure procedure = shipped_procedure();
    std::string first_variant; // as RunRequest::first_variant
    Rig rig;
    sim::World world{Instant{}};
    sim::VirtualClock clock{world};
    sim::SimBench bench;
    std::atomic<bool> abort{false};
};

inline const std::vector<FobUnderTest> both_fobs{{1, "owner-A"}, {2, "owner-B"}};

// The fobs one session of `ritual` programs: both, or the first alone.
inline std::vector<FobUnderTest> fobs_for(const ShippedRitual& ritual) {
    return {both_fobs.begin(), both_fobs.begin() + ritual.fobs};
}

// One run of `procedure` on the simulated car `car`, the operator as `person` says, with the
// car's notes in its record as the daemon adds them.
inline RunRecord played(const Procedure& procedure, const std::string& car,
                        sim::OperatorProfile person, const Rig& rig, int fobs = 2) {
    SimulatedSession session({}, person, rig, sim::make_car(car));
    RunRecord record = session.run_with(procedure, {both_fobs.begin(), both_fobs.begin() + fobs});
    add_car_notes(record, session.bench.car().notes());
    return record;
}
inline RunRecord played(const std::string& procedure, const std::string& car,
                        sim::OperatorProfile person, const Rig& rig, int fobs = 2) {
    return played(shipped_procedure(procedure), car, person, rig, fobs);
}

} // namespace fobrig::testing
