// Turns SIGINT and SIGTERM into an abort request for the run in progress, for as long as it
// lives; the run then opens every contact and records itself as aborted.
#pragma once

#include <atomic>
#include <csignal>

namespace fobrig {

class AbortOnSignal {
public:
    AbortOnSignal();
    ~AbortOnSignal();
    AbortOnSignal(const AbortOnSignal&) = delete;
    AbortOnSignal& operator=(const AbortOnSignal&) = delete;

    const std::atomic<bool>& flag() const;

private:
    struct sigaction previous_int_ {};
    struct sigaction previous_term_ {};
};

} // namespace fobrig
