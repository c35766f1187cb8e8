// Starting each condition's load.
#include "bench/conditions.hpp"

#include "bench/process.hpp"

#include <thread>

namespace fobrig::bench {

namespace {

class NoLoad final : public Load {};

class StressNg final : public Load {
public:
    // A worker of each kind per online CPU (0 = one per CPU), given a moment to spin up.
    StressNg()
        : process_({"stress-ng", "--cpu", "0", "--io", "0", "--vm", "0", "--vm-bytes", "128M",
                    "--quiet"}) {
        std::this_thread::sleep_for(std::chrono::seconds(2));
    }

private:
    BackgroundProcess process_;
};

// The lead wires this once fobrigd exists: start 50 client threads that each connect to the
// control socket and send status requests back to back until the Load is destroyed, and
// return that Load instead of the reason.
LoadOrReason hammer_control_socket() {
    return std::string("skipped: fobrigd does not exist yet (bench/conditions.cpp, "
                       "hammer_control_socket, is where its 50 status clients go)");
}

} // namespace

std::vector<Condition> conditions() {
    return {
        {"idle", "nothing else running", [] { return LoadOrReason(std::make_unique<NoLoad>()); }},
        {"stress", "stress-ng --cpu 0 --io 0 --vm 0 (every core)",
         [] { return LoadOrReason(std::make_unique<StressNg>()); }},
        {"control-socket", "50 clients sending status requests to fobrigd", hammer_control_socket},
    };
}

} // namespace fobrig::bench
