// fobrig's commands that read the rig's history of runs, from fobrigd or from a state or runs
// folder without it: `runs`, `show` and `export`.
#pragma once

#include "rig/cli/client_options.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace fobrig {

int runs_command(const ClientOptions& client, int limit);
int show_command(const ClientOptions& client, const std::string& run);
// `format` empty: from the output file's extension (.vcd, .json, .csv), else json; a format
// that contradicts the extension is refused.
int export_command(const ClientOptions& client, const std::string& run, std::string format,
                   const std::filesystem::path& output);
// A run's record on stdout: its report, or with --json the record itself.
void print_record(const nlohmann::json& record, bool as_json);

} // namespace fobrig
