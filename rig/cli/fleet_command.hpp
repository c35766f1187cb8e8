// `fobrig fleet ...`: the rigs on the fleet's broker. `status` lists every rig (present, lost,
// offline or silent; idle or busy; its car, slots and lease holder); `lease` and `end-lease`
// reserve a rig for a holder and give it up. Drives nothing itself.
#pragma once

#include "rig/cli/run_commands.hpp"

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

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
// `fobrig fleet batch`: one campaign across `rigs`, each testing the fobs in its own slots as
// `batch` says (procedure by id, installed on every rig); one report (JSON) in its
// report_dir. 0 when every job is done and every fob works.
// `fobrig fleet abort`: stops the run or campaign of each of `rigs` (every rig leased to the
// holder when empty), as its lease's holder. 0 when every rig answered.
int fleet_abort_command(const FleetOptions& options, const std::vector<std::string>& rigs);
// `fobrig fleet results`: the results rigs keep for a fleet client that was away (killed, or
// its machine restarted, mid-batch), listened for, saved in REPORT_DIR/JOB.json and then
// acknowledged, so that each rig stops keeping them.
int fleet_results_command(const FleetOptions& options, const std::filesystem::path& report_dir);
int fleet_batch_command(const FleetOptions& options, const BatchOptions& batch,
                        const std::vector<std::string>& rigs);

} // namespace fobrig
