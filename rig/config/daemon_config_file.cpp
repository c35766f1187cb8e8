#include "rig/config/daemon_config_file.hpp"

#include "rig/config/toml_reader.hpp"

namespace fobrig {

using namespace toml_reading;

namespace {

void read_path(TableReader& table, std::string_view key, std::filesystem::path& into) {
    if (const auto value = table.string(key, Need::optional)) {
        into = *value;
    }
}

} // namespace

LoadResult<DaemonConfig> load_daemon_config(const std::filesystem::path& path,
                                            const DaemonConfig& defaults, bool must_exist) {
    if (!must_exist && !std::filesystem::exists(path)) {
        return {defaults, {}};
    }
    LoadResult<std::string> text = read_text_file(path);
    if (!text.ok()) {
        return {std::nullopt, std::move(text.errors)};
    }
    return read_document<DaemonConfig>(
        *text.value, path.string(), [&](TableReader& root, DaemonConfig& config) {
            config = defaults;
            if (auto safety = root.subtable("safety", "[safety]", Need::optional)) {
                const std::vector<std::string_view> choices{"refuse", "warn"};
                if (const auto kept =
                        safety->choice("kept_driven_outputs", choices, Need::optional)) {
                    config.refuse_kept_driven_outputs = *kept == 0;
                }
                safety->reject_unknown_fields();
            }
            auto daemon = root.subtable("daemon", "[daemon]", Need::optional);
            if (!daemon) {
                return;
            }
            read_path(*daemon, "rig", config.rig);
            read_path(*daemon, "procedures", config.procedures);
            read_path(*daemon, "state_dir", config.state_dir);
            read_path(*daemon, "socket", config.socket);
            config.socket_group = daemon->string("socket_group", Need::optional).value_or("");
            const std::vector<std::string_view> levels{"trace", "debug", "info", "warn", "error"};
            if (const auto level = daemon->choice("log_level", levels, Need::optional)) {
                config.log_level = levels[*level];
            }
            if (const auto priority = daemon->integer("realtime_priority", Need::optional, 1, 99)) {
                config.realtime_priority = static_cast<int>(*priority);
            }
            daemon->reject_unknown_fields();
        });
}

} // namespace fobrig
