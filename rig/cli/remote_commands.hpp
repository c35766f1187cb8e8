// fobrig's commands that go through fobrigd: each returns the process exit code.
#pragma once

#include "rig/cli/run_source.hpp"
#include "rig/core/programming_run.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace fobrig {

struct ClientOptions {
    std::filesystem::path socket = "/run/fobrig/fobrig.sock";
    bool json = false;
    RunPlace history; // for runs, show and export: read there instead of asking fobrigd
};

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

// A procedure argument as fobrigd should read it: a file named relative to this shell's folder
// becomes an absolute path (the daemon's folder is not the user's); an id stays as it is.
std::string procedure_argument(const std::string& id_or_path);

// Whether fobrigd says a run is going, so that commands that drive the rig's lines themselves
// refuse then. A daemon that is not there cannot be running anything (the lines are then
// free, or held and refused).
bool daemon_is_busy(const ClientOptions& client);

int status_command(const ClientOptions& client);
int batch_command(const ClientOptions& client, const BatchOptions& batch);
// A batch request's labels: {"3": "ebay-A"}.
nlohmann::json labels_json(const std::map<int, std::string>& labels);
int fobs_command(const ClientOptions& client, const std::string& label);
int run_command(const ClientOptions& client, const RemoteRunOptions& run);
int abort_command(const ClientOptions& client);
int runs_command(const ClientOptions& client, int limit);
// The web page's address with its token, for a browser.
int web_url_command(const ClientOptions& client);
int show_command(const ClientOptions& client, const std::string& run);
// `format` empty: from the output file's extension (.vcd, .json, .csv), else json; a format
// that contradicts the extension is refused.
int export_command(const ClientOptions& client, const std::string& run, std::string format,
                   const std::filesystem::path& output);
int watch_command(const ClientOptions& client, bool every_edge);

} // namespace fobrig
