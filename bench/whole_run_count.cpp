#include "bench/whole_run_count.hpp"

#include "bench/allocation_count.hpp"
#include "rig/daemon/daemon_console.hpp"

#include <algorithm>
#include <optional>
#include <thread>
#include <vector>

namespace fobrig::bench {

namespace {

// The run strategy's own allocations so far: the thread's, less those made inside the world.
class StrategyCount {
public:
    // Counts the allocations made until it is gone as the world's.
    class World {
    public:
        explicit World(StrategyCount& count)
            : count_(count), start_(allocations_on_this_thread()) {}
        ~World() { count_.in_world_ += allocations_on_this_thread() - start_; }
        World(const World&) = delete;
        World& operator=(const World&) = delete;

    private:
        StrategyCount& count_;
        std::uint64_t start_;
    };

    // At each line change: the first and the last are the span counted.
    void edge() {
        const std::uint64_t strategy = allocations_on_this_thread() - in_world_;
        first_ = first_.value_or(strategy);
        last_ = strategy;
        ++edges_;
    }
    std::size_t edges() const { return edges_; }
    std::optional<std::uint64_t> between_first_and_last_edge() const {
        if (!first_) {
            return std::nullopt;
        }
        return *last_ - *first_;
    }

private:
    std::uint64_t in_world_ = 0;
    std::optional<std::uint64_t> first_;
    std::optional<std::uint64_t> last_;
    std::size_t edges_ = 0;
};

// An edge is a line changing: the release every exit path makes on lines already open is none.
class CountedBackend final : public Backend {
public:
    CountedBackend(Backend& inner, std::size_t outputs, StrategyCount& count)
        : inner_(inner), active_(outputs), count_(count) {}
    void drive(std::span<const OutputLevel> levels) override {
        if (std::ranges::any_of(levels, [&](const OutputLevel& level) {
                return (active_.at(level.channel) != 0) != level.active;
            })) {
            count_.edge();
        }
        for (const OutputLevel& level : levels) {
            active_[level.channel] = level.active ? 1 : 0;
        }
        const StrategyCount::World world(count_);
        inner_.drive(levels);
    }
    void open_all() noexcept override {
        if (std::ranges::find(active_, char{1}) != active_.end()) {
            count_.edge();
        }
        std::ranges::fill(active_, char{0});
        const StrategyCount::World world(count_);
        inner_.open_all();
    }
    std::span<const InputEdge> wait(Instant deadline) override {
        const StrategyCount::World world(count_);
        return inner_.wait(deadline);
    }

private:
    Backend& inner_;
    std::vector<char> active_; // by output channel
    StrategyCount& count_;
};

class CountedClock final : public Clock {
public:
    CountedClock(Clock& inner, StrategyCount& count) : inner_(inner), count_(count) {}
    Instant now() override {
        const StrategyCount::World world(count_);
        return inner_.now();
    }
    void sleep_until(Instant deadline) override {
        const StrategyCount::World world(count_);
        inner_.sleep_until(deadline);
    }

private:
    Clock& inner_;
    StrategyCount& count_;
};

// The simulated person, who walks away from the first prompt of step `away_at` (if any).
class CountedConsole final : public OperatorConsole {
public:
    CountedConsole(OperatorConsole& inner, StrategyCount& count, std::string_view away_at)
        : inner_(inner), count_(count), away_at_(away_at) {}
    void prompt(const OperatorPrompt& prompt) override {
        const StrategyCount::World world(count_);
        away_ = !walked_away_ && prompt.step_id == away_at_;
        walked_away_ = walked_away_ || away_;
        if (!away_) {
            inner_.prompt(prompt);
        }
    }
    std::optional<Instant> acknowledged() override {
        const StrategyCount::World world(count_);
        return away_ ? std::nullopt : inner_.acknowledged();
    }
    void car_clock(const CarClock& clock) override {
        const StrategyCount::World world(count_);
        inner_.car_clock(clock);
    }
    void counted(const OperatorPrompt& prompt) override {
        const StrategyCount::World world(count_);
        inner_.counted(prompt);
    }

private:
    OperatorConsole& inner_;
    StrategyCount& count_;
    std::string_view away_at_;
    bool away_ = false;
    bool walked_away_ = false;
};

} // namespace

WholeRun count_whole_run(const RunRequest& request, const RunServices& services,
                         const CountedRunOptions& options) {
    WholeRun run;
    std::thread([&] {
        StrategyCount count;
        CountedBackend backend(services.backend, request.rig.outputs.size(), count);
        CountedClock clock(services.clock, count);
        CountedConsole person(services.console, count, options.away_at);
        std::optional<DaemonConsole> daemon_console;
        if (options.daemon) {
            daemon_console.emplace(clock, *options.daemon, &person);
        }
        OperatorConsole& console =
            daemon_console ? static_cast<OperatorConsole&>(*daemon_console) : person;
        RunObserver* observer = options.daemon ? options.daemon : services.observer;
        run.record = run_procedure(
            request, {clock, backend, console, services.abort, observer, services.pulse});
        run.edges = count.edges();
        run.allocations = count.between_first_and_last_edge().value_or(~0ULL);
    }).join();
    return run;
}

} // namespace fobrig::bench
