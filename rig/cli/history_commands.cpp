#include "rig/cli/history_commands.hpp"

#include "rig/cli/daemon_call.hpp"
#include "rig/picture/run_export.hpp"
#include "rig/record/run_json.hpp"
#include "rig/record/timing_table.hpp"

#include <fstream>

namespace fobrig {

using json = nlohmann::json;

void print_record(const json& record, bool as_json) {
    if (as_json) {
        std::cout << record.dump(2) << '\n';
        return;
    }
    const RunRecord run = run_from_json(record);
    std::cout << run_report(run) << '\n';
}

int runs_command(const ClientOptions& client, int limit) {
    return with_history(client, {{"request", "runs"}, {"limit", limit}}, [&](const json& answer) {
        if (client.json) {
            std::cout << answer["runs"].dump(2) << '\n';
            return exit_code::ok;
        }
        std::printf("%-34s %-20s %-15s %-7s %-18s %-11s %s\n", "run", "started", "procedure",
                    "mode", "fobs", "status", "reason");
        for (const auto& run : answer["runs"]) {
            std::printf("%-34s %-20s %-15s %-7s %-18s %-11s %s\n", run.value("id", "").c_str(),
                        run.value("started", "").c_str(), run.value("procedure", "").c_str(),
                        run.value("mode", "").c_str(), fobs_text(run["fobs"]).c_str(),
                        run.value("status", "").c_str(), run.value("reason", "").c_str());
        }
        return exit_code::ok;
    });
}

int show_command(const ClientOptions& client, const std::string& run) {
    return with_history(client, {{"request", "show"}, {"run", run}}, [&](const json& answer) {
        if (!answer.contains("record")) {
            const json& summary = answer["summary"];
            if (client.json) {
                std::cout << answer.dump(2) << '\n';
            } else {
                std::cout << "run " << summary.value("id", run) << ": "
                          << summary.value("status", "") << ", " << summary.value("reason", "")
                          << " (no record: the run did not finish or its files were not "
                             "written)\n";
            }
            return exit_code::run_failed;
        }
        print_record(answer["record"], client.json);
        return exit_code::ok;
    });
}

namespace {

// The export format an output file's name implies, or empty when it implies none.
std::string format_of(const std::filesystem::path& output) {
    const std::string extension = output.extension().string();
    for (const auto format : export_formats) {
        if (extension == "." + std::string(format)) {
            return std::string(format);
        }
    }
    return "";
}

} // namespace

int export_command(const ClientOptions& client, const std::string& run, std::string format,
                   const std::filesystem::path& output) {
    const std::string implied = format_of(output);
    if (!format.empty() && !implied.empty() && format != implied) {
        std::cerr << "fobrig: --format " << format << " contradicts " << output.string()
                  << ": name the file ." << format << " or give --format " << implied << '\n';
        return exit_code::usage;
    }
    if (format.empty()) {
        format = implied.empty() ? "json" : implied;
    }
    return with_history(client, {{"request", "show"}, {"run", run}}, [&](const json& answer) {
        if (!answer.contains("record")) {
            std::cerr << "fobrig: run " << run
                      << " has no record to export (it did not finish, or its files were not "
                         "written)\n";
            return exit_code::run_failed;
        }
        const RunRecord record = run_from_json(answer["record"]);
        // The diagram's windows come from the procedure as installed here.
        const auto procedure = procedure_of(record, FOBRIG_CONFIG_DIR "/procedures");
        const std::string text = export_run(record, format, procedure ? &*procedure : nullptr);
        if (output.empty()) {
            std::cout << text;
            return exit_code::ok;
        }
        std::ofstream file(output, std::ios::binary);
        file << text;
        if (!file.flush()) {
            std::cerr << "fobrig: cannot write " << output.string() << '\n';
            return exit_code::run_failed;
        }
        if (client.json) {
            std::cout
                << json{{"run", record.id}, {"format", format}, {"file", output.string()}}.dump(2)
                << '\n';
        }
        return exit_code::ok;
    });
}

} // namespace fobrig
