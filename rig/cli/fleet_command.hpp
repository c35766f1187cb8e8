// `fobrig fleet ...`: the rigs on the fleet's broker. `status` lists every rig (present, lost,
// offline or silent; idle or busy; its car, slots and lease holder); `lease` and `end-lease`
// reserve a rig for a holder and give it up. Drives nothing itself.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

namespace fobrig {

struct FleetOptions {
    std::string broker; // mqtt://HOST:PORT or mqtts://HOST:PORT
    std::string user = "fleet";
    std::filesystem::path password_file;
    std::filesystem::path ca_file;
    std::filesystem::path cert_file;
    std::filesystem::path key_file;
    std::chrono::milliseconds listen{5000}; // status: how long to listen for heartbeats
    std::string rig;                        // lease, end-lease
    std::string holder;                     // who the lease is for; default: user@host
    int lease_s = 300;
    std::string command_id; // default: a fresh one (give the same one to repeat a command)
    int expiry_s = 30;      // a command not delivered by then is dropped by the broker
    bool json = false;
};

// Returns the process exit code (rig/cli/exit_codes.hpp): 0; 1 when a rig refused the
// command; 2 for bad options; 3 when the broker or the rig did not answer.
int fleet_status_command(const FleetOptions& options);
int fleet_lease_command(const FleetOptions& options, bool end);

} // namespace fobrig
