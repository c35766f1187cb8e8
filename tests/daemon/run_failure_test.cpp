// An error that escapes a run (here its clock failing as the run is set up, outside the run's
// own guard) opens every output, is recorded as the run's failure with its reason, and leaves
// the daemon serving the next run.
#include "rig/config/rig_file.hpp"
#include "rig/daemon/run_controller.hpp"
#include "sim/simulated_rig.hpp"
#include "tests/daemon/daemon_fixture.hpp"

#include <gmock/gmock.h>

namespace fobrig {
namespace {

using ::testing::HasSubstr;
using json = nlohmann::json;
using namespace std::chrono_literals;

class FailingClock final : public Clock {
public:
    explicit FailingClock(Clock& real) : real_(real) {}
    Instant now() override {
        if (failing) {
            throw std::runtime_error("the clock failed");
        }
        return real_.now();
    }
    void sleep_until(Instant deadline) override { real_.sleep_until(deadline); }
    std::atomic<bool> failing{true};

private:
    Clock& real_;
};

class CountingBackend final : public Backend {
public:
    explicit CountingBackend(Backend& real) : real_(real) {}
    void drive(std::span<const OutputLevel> levels) override { real_.drive(levels); }
    void open_all() noexcept override {
        openings.fetch_add(1);
        real_.open_all();
    }
    std::span<const InputEdge> wait(Instant deadline) override { return real_.wait(deadline); }
    std::atomic<int> openings{0};

private:
    Backend& real_;
};

class FailingHardware final : public RigHardware {
public:
    explicit FailingHardware(const Rig& rig) : sim_(rig, true) {}
    Clock& clock() override { return clock_; }
    Backend& backend() override { return backend_; }
    OperatorConsole* hands() override { return &sim_.operator_console(); }
    TargetRecord target() const override { return {.simulated = true}; }
    void trip() noexcept override { sim_.bench().backend().trip(); }
    void rearm() noexcept override { sim_.bench().backend().rearm(); }

    sim::SimulatedRig sim_;
    FailingClock clock_{sim_.clock()};
    CountingBackend backend_{sim_.backend()};
};

TEST(RunFailure, AnErrorEscapingARunOpensEveryOutputRecordsItAndTheNextRunGoes) {
    const Rig rig = *load_rig_file(FOBRIG_CONFIG_DIR "/rigs/sim-2.toml").value;
    testing::ScratchFolder folder;
    RunHistory history(folder.path / "state");
    FailingHardware hardware(rig);
    boost::asio::io_context io;
    std::vector<json> events;
    RunController runs(io, rig, FOBRIG_CONFIG_DIR "/procedures", &history, hardware, std::nullopt,
                       [&](const json& event) { events.push_back(event); });
    const auto run_to_its_end = [&](const RunParams& params) {
        const std::string id = runs.start(params);
        bool idle = false;
        runs.when_idle([&] { idle = true; });
        const auto until = std::chrono::steady_clock::now() + 30s;
        while (!idle && std::chrono::steady_clock::now() < until) {
            io.run_one_for(100ms);
        }
        EXPECT_TRUE(idle) << "run " << id << " did not end";
        return id;
    };

    const std::string failed = run_to_its_end({.procedure = {.id = "mini-r50-2004"}, .slots = {1}});
    EXPECT_GE(hardware.backend_.openings.load(), 1);
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back()["event"], "verdict");
    EXPECT_EQ(events.back()["outcome"], "failed");
    EXPECT_THAT(events.back()["reason"].get<std::string>(), HasSubstr("the clock failed"));
    const auto summary = history.find(failed);
    ASSERT_TRUE(summary);
    EXPECT_EQ(summary->status, "failed");
    EXPECT_THAT(summary->reason, HasSubstr("the clock failed"));

    hardware.clock_.failing = false;
    const std::string next = run_to_its_end({.procedure = {.id = "mini-r50-2004"}, .slots = {1}});
    EXPECT_EQ(history.find(next)->status, "passed");
}

} // namespace
} // namespace fobrig
