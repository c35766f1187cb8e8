#include "rig/cli/status_command.hpp"

#include "rig/cli/daemon_call.hpp"
#include "rig/cli/event_text.hpp"
#include "rig/record/target_text.hpp"

namespace fobrig {

using json = nlohmann::json;

int status_command(const ClientOptions& client) {
    return with_answer(client, {{"request", "status"}}, [&](const json& status, auto&) {
        if (client.json) {
            std::cout << status.dump(2) << '\n';
            return exit_code::ok;
        }
        if (status.contains("no_rig")) {
            std::cout << status.value("no_rig", "") << '\n';
            return exit_code::ok;
        }
        const std::string target = target_text(event_target(status));
        if (!status.value("busy", false)) {
            std::cout << "idle: rig " << status.value("rig", "") << " (" << target << "), "
                      << status["slots"].size() << " slots\n";
        } else {
            const json& run = status["run"];
            std::cout << "busy: run " << run.value("id", "") << " (" << run.value("mode", "") << " "
                      << run.value("procedure", "") << ", slots " << fobs_text(run["fobs"]) << ", "
                      << target << "), step " << run["step"].value("title", "starting") << '\n';
        }
        if (const auto keys = status.find("key_table"); keys != status.end()) {
            std::cout << "the car's key table, as far as this rig knows: "
                      << (keys->value("fobs", json::array()).empty()
                              ? std::string("unknown (no program run yet)")
                              : "slots " + fobs_text((*keys)["fobs"]) + " (programmed by run " +
                                    keys->value("run", "") + ")")
                      << '\n';
        }
        if (const auto interlock = status.find("interlock"); interlock != status.end()) {
            std::cout << "interlock: the relay board is powered only by "
                      << interlock->value("text", "") << ", while a run plays it\n";
        }
        if (const auto fleet = status.find("fleet"); fleet != status.end()) {
            const json lease = fleet->value("lease", json());
            std::cout << "fleet: rig " << fleet->value("rig_id", "") << " on "
                      << fleet->value("broker", "") << ", "
                      << (fleet->value("connected", false)
                              ? std::string("connected")
                              : "not connected (" + fleet->value("problem", std::string("")) + ")")
                      << (lease.is_object()
                              ? "; leased to " + lease.value("holder", std::string()) + " for " +
                                    std::to_string(lease.value("remaining_ms", 0) / 1000) +
                                    " s more"
                              : std::string())
                      << '\n';
        }
        if (status.contains("interrupted_campaign")) {
            std::cout << "note: " << status["interrupted_campaign"].value("text", "") << '\n';
        }
        if (!client.json && status.contains("gpio_release")) {
            const json& release = status["gpio_release"];
            std::cout << "GPIO release policy: " << release.value("policy", "") << ": "
                      << release.value("detail", "") << '\n';
            if (!release.value("fix", "").empty()) {
                std::cout << (release.value("runs_refused", false) ? "runs refused; " : "")
                          << "to fix: " << release.value("fix", "") << '\n';
            }
        }
        return exit_code::ok;
    });
}

int web_url_command(const ClientOptions& client) {
    return with_answer(client, {{"request", "web-url"}}, [&](const json& answer, auto&) {
        if (client.json) {
            std::cout << answer.dump(2) << '\n';
        } else {
            // The token rides after '#': a browser never sends it on, the page keeps it.
            std::cout << answer.value("url_with_token", "")
                      << (answer.value("read_only", false) ? "   (read-only)" : "") << '\n';
        }
        return exit_code::ok;
    });
}

} // namespace fobrig
