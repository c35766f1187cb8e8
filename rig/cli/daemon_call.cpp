#include "rig/cli/daemon_call.hpp"

#include "rig/config/reported.hpp"

#include <filesystem>

namespace fobrig {

using json = nlohmann::json;

std::ostream& progress(const ClientOptions& client) {
    return client.json ? std::cerr : std::cout;
}

int refused(const ClientOptions& client, const json& answer) {
    std::cerr << "fobrig: " << answer.value("message", "refused") << '\n';
    if (client.json) {
        std::cout << answer.dump(2) << '\n';
    }
    const std::string code = answer.value("error", "");
    return code == "busy" || code == "internal" || code == "record-unavailable"
               ? exit_code::run_failed
               : exit_code::usage;
}

bool add_procedure(json& request, const std::string& procedure) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(procedure, ec)) {
        request["procedure"] = procedure;
        return true;
    }
    const auto text = reported(read_text_file(procedure));
    if (!text) {
        return false;
    }
    request["procedure_text"] = *text;
    request["procedure_file"] = procedure;
    return true;
}

std::string fobs_text(const json& fobs) {
    std::string text;
    for (const auto& fob : fobs) {
        text += (text.empty() ? "" : ",") + std::to_string(fob.value("slot", 0));
        if (!fob.value("label", "").empty()) {
            text += "=" + fob.value("label", "");
        }
    }
    return text;
}

std::string procedure_argument(const std::string& id_or_path) {
    std::error_code error;
    if (std::filesystem::is_regular_file(id_or_path, error)) {
        return std::filesystem::absolute(id_or_path, error).lexically_normal().string();
    }
    return id_or_path;
}

bool daemon_is_busy(const ClientOptions& client) {
    try {
        DaemonConnection daemon(client.socket);
        return daemon.call({{"request", "status"}}).value("busy", false);
    } catch (const DaemonUnreachable&) {
        return false;
    }
}

} // namespace fobrig
