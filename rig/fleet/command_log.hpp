// Each fleet command's outcome, kept on the rig's disk by the command's id: MQTT's QoS 1
// delivers at least once, and a command delivered again (also after the rig restarted) gets
// the answer it got the first time instead of being done twice.
#pragma once

#include "rig/history/sqlite_database.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace fobrig::fleet {

class CommandLog {
public:
    // Opens or creates the log, which keeps the newest `kept` commands' answers: a duplicate
    // arrives within minutes, not thousands of commands later. Throws SqliteError naming the
    // file.
    explicit CommandLog(const std::filesystem::path& file, int kept = 10000);

    // The answer given to command `id`, if it was done.
    std::optional<std::string> answer_to(const std::string& id);
    // Keeps `answer` for `id`, committed before the answer is sent.
    void keep(const std::string& id, const std::string& answer);

private:
    SqliteDatabase database_;
    int kept_;
};

} // namespace fobrig::fleet
