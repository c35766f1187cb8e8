// fobrig's commands that go through fobrigd: each returns the process exit code.
#pragma once

#include "rig/core/programming_run.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace fobrig {

struct ClientOptions {
    std::filesystem::path socket = "/run/fobrig/fobrig.sock";
    bool json = false;
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

// Whether fobrigd says a run is going, so that commands that drive the rig's lines themselves
// refuse then. A daemon that is not there cannot be running anything (the lines are then
// free, or held and refused).
bool daemon_is_busy(const ClientOptions& client);

int status_command(const ClientOptions& client);
int batch_command(const ClientOptions& client, const BatchOptions& batch);
int fobs_command(const ClientOptions& client, const std::string& label);
int run_command(const ClientOptions& client, const RemoteRunOptions& run);
int abort_command(const ClientOptions& client);
int runs_command(const ClientOptions& client, int limit);
// The web page's address with its token, for a browser.
int web_url_command(const ClientOptions& client);
int show_command(const ClientOptions& client, const std::string& run);
int export_command(const ClientOptions& client, const std::string& run, const std::string& format,
                   const std::filesystem::path& output);
int watch_command(const ClientOptions& client, bool every_edge);

} // namespace fobrig
