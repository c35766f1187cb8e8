// Where fobrig reads past runs: fobrigd, or without it a state folder (--state-dir) or a folder
// of --local runs (--runs-dir). Each answers as the control protocol does, so that runs, show
// and export print the same whatever the source.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>

namespace fobrig {

struct RunPlace {
    std::optional<std::filesystem::path> state_dir;
    std::optional<std::filesystem::path> runs_dir;
};

// Answers a "runs" or "show" request from the state folder or the runs folder of `place`;
// "latest" names the newest run. Refusals come back as the protocol's ({"ok": false, ...}).
nlohmann::json answer_offline(const RunPlace& place, const nlohmann::json& request);

} // namespace fobrig
