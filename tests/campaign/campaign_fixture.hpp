// Campaigns on the simulated car in virtual time, with the shipped procedure and rigs, a store
// in memory, and a store that crashes the campaign on a chosen save.
// Header-only: the test suite builds every *_test.cpp in this folder and nothing else.
#pragma once

#include "rig/campaign/campaign_runner.hpp"
#include "rig/config/diagnostic.hpp"
#include "rig/config/procedure_file.hpp"
#include "rig/config/rig_file.hpp"
#include "sim/simulated_rig.hpp"

#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace fobrig::testing {

inline Procedure mini_procedure() {
    auto loaded = load_procedure_file(FOBRIG_CONFIG_DIR "/procedures/mini-r50-2004.toml");
    if (!loaded.ok()) {
        throw std::logic_error(format(loaded.errors.front()));
    }
    return *loaded.value;
}

inline Rig shipped_rig(const std::string& name) {
    auto loaded = load_rig_file(FOBRIG_CONFIG_DIR "/rigs/" + name + ".toml");
    if (!loaded.ok()) {
        throw std::logic_error(format(loaded.errors.front()));
    }
    return *loaded.value;
}

// Fobs numbered as `keep` and `spares` say, labelled as `labels` says.
inline CampaignRequest batch(const std::vector<int>& keep, const std::vector<int>& spares,
                             const std::map<int, std::string>& labels = {}) {
    CampaignRequest request{.id = "batch-1",
                            .procedure_id = "mini-r50-2004",
                            .rig_name = "sim-8",
                            .started_utc = "2024-05-01T10:00:00Z"};
    for (const bool kept : {true, false}) {
        for (const int number : kept ? keep : spares) {
            const auto label = labels.find(number);
            request.fobs.push_back({.number = number,
                                    .label = label == labels.end() ? "" : label->second,
                                    .keep = kept});
        }
    }
    return request;
}

class MemoryStore : public CampaignStore {
public:
    void save(const CampaignProgress& progress) override {
        // Through JSON, as the database keeps it, so that what resumes is what was written.
        kept_[progress.plan.request.id] = progress_to_json(progress);
    }
    std::optional<CampaignProgress> load(const std::string& id) override {
        const auto found = kept_.find(id);
        if (found == kept_.end()) {
            return std::nullopt;
        }
        return progress_from_json(found->second);
    }
    std::optional<CampaignProgress> latest_unfinished() override {
        for (const auto& [id, json] : kept_) {
            if (!json.at("finished").get<bool>()) {
                return progress_from_json(json);
            }
        }
        return std::nullopt;
    }

private:
    std::map<std::string, nlohmann::json> kept_;
};

struct SimulatedCrash : std::runtime_error {
    SimulatedCrash() : std::runtime_error("simulated crash") {}
};

// Passes saves on until `crash_when` holds for the progress to save; then the process "dies":
// that save never happens.
class CrashingStore : public MemoryStore {
public:
    explicit CrashingStore(std::function<bool(const CampaignProgress&)> crash_when)
        : crash_when_(std::move(crash_when)) {}
    void save(const CampaignProgress& progress) override {
        if (crash_when_ && crash_when_(progress)) {
            crash_when_ = nullptr;
            throw SimulatedCrash();
        }
        MemoryStore::save(progress);
    }

private:
    std::function<bool(const CampaignProgress&)> crash_when_;
};

// Remembers every prompt on its way to the simulated operator.
class RecordingConsole : public OperatorConsole {
public:
    explicit RecordingConsole(OperatorConsole& person) : person_(person) {}
    void prompt(const OperatorPrompt& prompt) override {
        prompts.push_back(prompt.text);
        person_.prompt(prompt);
    }
    std::optional<Instant> acknowledged() override { return person_.acknowledged(); }

    std::vector<std::string> prompts;

private:
    OperatorConsole& person_;
};

// Calls `then` once, when a step starts for a slot.
class StepTrigger : public RunObserver {
public:
    StepTrigger(std::string step_id, int slot, std::function<void()> then)
        : step_id_(std::move(step_id)), slot_(slot), then_(std::move(then)) {}
    void step_started(const StepStarted& step) override {
        if (then_ && step.step_id == step_id_ && step.slot == slot_) {
            std::exchange(then_, nullptr)();
        }
    }

private:
    std::string step_id_;
    int slot_;
    std::function<void()> then_;
};

// A rig of the simulated car with its fobs, and what a campaign needs around it.
struct CampaignBench {
    explicit CampaignBench(sim::SimFaults faults = {}, const std::string& rig_name = "sim-8")
        : rig(shipped_rig(rig_name)), hardware(rig, true, std::move(faults)) {}

    // Services on `store`, watching `stop`, naming each run and counting them.
    CampaignServices services(CampaignStore& store, const CampaignStop& stop,
                              RunObserver* observer = nullptr) {
        return {.clock = hardware.clock(),
                .backend = hardware.backend(),
                .console = console,
                .store = store,
                .stop = stop,
                .observer = observer,
                .run_starting = [this](RunRequest& request) { started.push_back(request.fobs); }};
    }

    CampaignReport run_on(const CampaignRequest& request, CampaignStore& other_store,
                          const CampaignStop& other_stop, RunObserver* observer = nullptr) {
        return run_campaign(plan_campaign(request, procedure, rig), procedure, rig,
                            services(other_store, other_stop, observer));
    }
    CampaignReport run(const CampaignRequest& request, RunObserver* observer = nullptr) {
        return run_on(request, store, stop, observer);
    }
    CampaignReport resume(const std::string& id, const CampaignStop& fresh) {
        return resume_campaign(id, procedure, rig, services(store, fresh));
    }

    std::vector<std::uint32_t> key_table() { return hardware.bench().car().key_table(); }
    static std::uint32_t fob_id(int slot) {
        return sim::SimBench::fob_id_base + static_cast<std::uint32_t>(slot);
    }

    Procedure procedure = mini_procedure();
    Rig rig;
    sim::SimulatedRig hardware;
    RecordingConsole console{hardware.operator_console()};
    MemoryStore store;
    CampaignStop stop;
    std::vector<std::vector<FobUnderTest>> started; // every run's fobs, in order
};

} // namespace fobrig::testing
