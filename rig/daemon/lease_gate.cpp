#include "rig/daemon/lease_gate.hpp"

#include "rig/platform/monotonic_clock.hpp"

#include <algorithm>
#include <limits>

namespace fobrig {

namespace {

constexpr Instant::rep without_end = std::numeric_limits<Instant::rep>::max();

} // namespace

LeaseLapsed::LeaseLapsed()
    : std::runtime_error("the fleet lease ended: nothing more is pressed until the rig is "
                         "leased again") {}

LeaseGate::LeaseGate(Backend& lines, std::function<void()> stop)
    : lines_(lines), stop_(std::move(stop)), until_(without_end) {}

void LeaseGate::begin(std::optional<Instant> until) {
    lapsed_.store(false);
    until_.store(until ? until->time_since_epoch().count() : without_end);
}

void LeaseGate::extend(Instant until) {
    if (!over()) {
        until_.store(until.time_since_epoch().count());
    }
}

bool LeaseGate::over() {
    if (lapsed_.load()) {
        return true;
    }
    const Instant::rep until = until_.load();
    if (until == without_end || platform::monotonic_now().time_since_epoch().count() <= until) {
        return false;
    }
    lapse();
    return true;
}

void LeaseGate::lapse() {
    // Both threads may find it over at once: the run is stopped once.
    if (!lapsed_.exchange(true)) {
        stop_();
    }
}

void LeaseGate::drive(std::span<const OutputLevel> levels) {
    // Openings always pass: they are what every exit path needs.
    if (std::ranges::any_of(levels, &OutputLevel::active) && over()) {
        throw LeaseLapsed();
    }
    lines_.drive(levels);
}

std::span<const InputEdge> LeaseGate::wait(Instant deadline) {
    const auto edges = lines_.wait(deadline);
    // Woken after the lease's end: the run stops before its next edge, as on an abort.
    over();
    return edges;
}

} // namespace fobrig
