// fobrig's commands that make fobrigd press: `program`/`verify` and `batch`, followed to their
// end on this terminal; `abort`; `fobs`, the fobs the rig has seen; and `watch`.
#pragma once

#include "rig/cli/client_options.hpp"
#include "rig/core/programming_run.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace fobrig {

struct RemoteRunOptions {
    RunMode mode = RunMode::program;
    std::string procedure;
    std::vector<int> slots;
    std::map<int, std::string> labels;
    std::string key_type;
};

struct BatchOptions {
    std::string procedure;
    std::vector<int> keep;
    std::vector<int> spares;
    std::map<int, std::string> labels;
    bool verify_only = false;
    std::string resume;
    std::filesystem::path report_dir = ".";
};

int run_command(const ClientOptions& client, const RemoteRunOptions& run);
int batch_command(const ClientOptions& client, const BatchOptions& batch);
// A batch request's labels: {"3": "ebay-A"}.
nlohmann::json labels_json(const std::map<int, std::string>& labels);
int fobs_command(const ClientOptions& client, const std::string& label);
int abort_command(const ClientOptions& client);
int watch_command(const ClientOptions& client, bool every_edge);

} // namespace fobrig
