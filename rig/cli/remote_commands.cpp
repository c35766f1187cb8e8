#include "rig/cli/remote_commands.hpp"

#include "rig/cli/event_text.hpp"
#include "rig/cli/exit_codes.hpp"
#include "rig/cli/terminal_prompt.hpp"
#include "rig/client/daemon_connection.hpp"
#include "rig/config/reported.hpp"
#include "rig/picture/run_export.hpp"
#include "rig/record/run_json.hpp"
#include "rig/record/target_text.hpp"
#include "rig/record/timing_table.hpp"

#include <csignal>
#include <fstream>
#include <iostream>

namespace fobrig {

using json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

std::atomic<int> interrupts{0};
extern "C" void count_interrupt(int) {
    interrupts.fetch_add(1);
}

// Where progress goes: with --json, stdout carries the one document and nothing else.
std::ostream& progress(const ClientOptions& client) {
    return client.json ? std::cerr : std::cout;
}

// The daemon refused: usage errors are the caller's, the rest are the run's. With --json the
// refusal is the document.
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

// Puts `procedure` into `request`: an existing file goes as its text (the daemon opens no path
// a client names, and may not see this one), anything else as a procedure id. False, with the
// problem printed, when the file cannot be read.
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

// Connects, makes one call, and hands the answer on; turns an unreachable daemon into its
// exit code.
template <class Then> int with_answer(const ClientOptions& client, json request, Then then) {
    try {
        DaemonConnection daemon(client.socket);
        const json answer = daemon.call(std::move(request));
        if (!answer.value("ok", false)) {
            return refused(client, answer);
        }
        return then(answer, daemon);
    } catch (const DaemonUnreachable& error) {
        std::cerr << "fobrig: " << error.what() << '\n';
        return exit_code::unreachable;
    }
}

// A runs or show request, answered by fobrigd or, when the user named one, by a state or runs
// folder without it.
template <class Then>
int with_history(const ClientOptions& client, const json& request, Then then) {
    if (!client.history.state_dir && !client.history.runs_dir) {
        return with_answer(client, request,
                           [&](const json& answer, auto&) { return then(answer); });
    }
    const json answer = answer_offline(client.history, request);
    if (!answer.value("ok", false)) {
        return refused(client, answer);
    }
    return then(answer);
}

void print_record(const json& record, bool as_json) {
    if (as_json) {
        std::cout << record.dump(2) << '\n';
        return;
    }
    const RunRecord run = run_from_json(record);
    std::cout << run_report(run) << '\n';
}

// Follows the rig until the `finale` event of `id` (a run's verdict, a campaign's report):
// prompts with a countdown, progress lines, Enter to acknowledge, Ctrl-C to abort (twice to
// leave it to itself). The rig does one thing at a time, so every event belongs to it.
json follow(DaemonConnection& daemon, const std::string& finale, const std::string& id,
            std::ostream& out) {
    TerminalPrompt prompt(out);
    struct sigaction action {};
    action.sa_handler = count_interrupt;
    struct sigaction previous {};
    sigaction(SIGINT, &action, &previous);
    int interrupts_seen = 0;
    int round_shown = 0; // a campaign's round, told once each
    json verdict;
    while (verdict.is_null()) {
        if (interrupts.load() != interrupts_seen) {
            interrupts_seen = interrupts.load();
            if (interrupts_seen > 1) {
                break;
            }
            std::cerr << "\nfobrig: aborting " << id << " (Ctrl-C again to stop following)\n";
            daemon.call({{"request", "abort"}});
        }
        if (prompt.poll_enter()) {
            daemon.call({{"request", "ack"}});
        }
        const auto event = daemon.next_event(100ms);
        if (!event) {
            continue;
        }
        const std::string type = event->value("event", "");
        if (type == "prompt") {
            prompt.show(*event);
            continue;
        }
        if (type == "car-clock") {
            prompt.car_clock(*event);
            continue;
        }
        if (type == "counted") {
            prompt.counted(*event);
            continue;
        }
        if (type == "campaign-progress") {
            if (event->value("round", 0) != round_shown) {
                round_shown = event->value("round", 0);
                out << campaign_progress_text(*event) << '\n' << std::flush;
            }
            continue;
        }
        if (type == "operator-done") {
            prompt.close();
        }
        if (type == finale && event->value("run", "") == id) {
            verdict = *event;
        }
        if (const auto text = describe_event(*event); text && type != "campaign") {
            out << *text << '\n' << std::flush;
        }
    }
    prompt.close();
    sigaction(SIGINT, &previous, nullptr);
    return verdict;
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

} // namespace

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

json labels_json(const std::map<int, std::string>& labels) {
    json object = json::object();
    for (const auto& [number, label] : labels) {
        object[std::to_string(number)] = label;
    }
    return object;
}

namespace {

// Starts what `request` asks for, follows it to its `finale` event, and hands that on; the
// answer names what was started in `id_field`.
template <class Then>
int start_and_follow(const ClientOptions& client, const json& request, const char* id_field,
                     const char* finale, Then then) {
    try {
        DaemonConnection daemon(client.socket);
        daemon.call({{"request", "subscribe"}});
        const json started = daemon.call(request);
        if (!started.value("ok", false)) {
            return refused(client, started);
        }
        for (const auto& note : started.value("notes", json::array())) {
            progress(client) << "note: " << note.get<std::string>() << '\n';
        }
        const std::string id = started.value(id_field, "");
        const json last = follow(daemon, finale, id, progress(client));
        if (last.is_null()) {
            std::cerr << "fobrig: " << id << " goes on without this terminal\n";
            if (client.json) {
                std::cout << started.dump(2) << '\n';
            }
            return exit_code::run_failed;
        }
        return then(daemon, id, last);
    } catch (const DaemonUnreachable& error) {
        std::cerr << "fobrig: " << error.what() << '\n';
        return exit_code::unreachable;
    }
}

} // namespace

int run_command(const ClientOptions& client, const RemoteRunOptions& options) {
    json request{{"request", options.mode == RunMode::program ? "program" : "verify"},
                 {"slots", options.slots},
                 {"labels", labels_json(options.labels)}};
    if (!add_procedure(request, options.procedure)) {
        return exit_code::usage;
    }
    if (!options.key_type.empty()) {
        request["key_type"] = options.key_type;
    }
    return start_and_follow(
        client, request, "run", "verdict",
        [&](DaemonConnection& daemon, const std::string& run, const json& verdict) {
            const json shown = daemon.call({{"request", "show"}, {"run", run}});
            if (shown.contains("record")) {
                print_record(shown["record"], client.json);
            } else if (client.json) {
                std::cout << shown.dump(2) << '\n';
            }
            if (verdict.contains("record_error")) {
                std::cerr << "fobrig: run " << run << " ended " << verdict.value("outcome", "")
                          << " but its record could not be written: "
                          << verdict.value("record_error", "") << '\n';
                return exit_code::run_failed;
            }
            return exit_code::for_outcome(verdict.value("outcome", ""));
        });
}

int batch_command(const ClientOptions& client, const BatchOptions& options) {
    json request{{"request", "batch"},
                 {"keep", options.keep},
                 {"spares", options.spares},
                 {"labels", labels_json(options.labels)},
                 {"verify_only", options.verify_only}};
    if (!options.procedure.empty() && !add_procedure(request, options.procedure)) {
        return exit_code::usage;
    }
    if (!options.resume.empty()) {
        request["resume"] = options.resume;
    }
    return start_and_follow(
        client, request, "campaign", "campaign",
        [&](DaemonConnection&, const std::string& id, const json& report) {
            std::filesystem::create_directories(options.report_dir);
            const auto csv = options.report_dir / (id + ".csv");
            const auto json_file = options.report_dir / (id + ".json");
            std::ofstream(csv) << report.value("csv", "");
            std::ofstream(json_file) << report["report"].dump(2) << '\n';
            if (client.json) {
                std::cout << report["report"].dump(2) << '\n';
            } else {
                std::cout << report.value("table", "") << "\nreports: " << csv.string() << ", "
                          << json_file.string() << '\n';
            }
            const json& fobs = report["report"]["fobs"];
            const bool all_work = std::all_of(fobs.begin(), fobs.end(), [](const json& fob) {
                const std::string result = fob.value("result", "");
                return result == "works" || result == "works after resync";
            });
            return report.value("finished", false) && all_work ? exit_code::ok
                                                               : exit_code::run_failed;
        });
}

int fobs_command(const ClientOptions& client, const std::string& label) {
    json request{{"request", "fobs"}};
    if (!label.empty()) {
        request["label"] = label;
    }
    return with_answer(client, request, [&](const json& answer, auto&) {
        if (client.json) {
            std::cout << answer["fobs"].dump(2) << '\n';
            return exit_code::ok;
        }
        std::printf("%-14s %-34s %-20s %-18s %-8s %s\n", "fob", "campaign or run", "started",
                    "result", "presses", "reason");
        for (const auto& fob : answer["fobs"]) {
            const std::string where =
                fob.contains("campaign") ? fob.value("campaign", "") : fob.value("run", "");
            const std::string presses =
                fob.contains("presses") ? std::to_string(fob.value("presses", 0)) : "";
            std::printf("%-14s %-34s %-20s %-18s %-8s %s\n", fob.value("label", "").c_str(),
                        where.c_str(), fob.value("started", "").c_str(),
                        fob.value("result", "").c_str(), presses.c_str(),
                        fob.value("reason", "").c_str());
        }
        return exit_code::ok;
    });
}

int abort_command(const ClientOptions& client) {
    return with_answer(client, {{"request", "abort"}}, [&](const json& answer, auto&) {
        if (client.json) {
            std::cout << answer.dump(2) << '\n';
        } else {
            std::cout << (answer.value("aborting", false) ? "aborting the run in progress\n"
                                                          : "no run is going\n");
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

int watch_command(const ClientOptions& client, bool every_edge) {
    return with_answer(
        client, {{"request", "subscribe"}}, [&](const json&, DaemonConnection& daemon) {
            std::signal(SIGINT, count_interrupt);
            while (interrupts.load() == 0) {
                const auto event = daemon.next_event(200ms);
                if (!event) {
                    continue;
                }
                if (client.json) {
                    std::cout << event->dump() << '\n' << std::flush;
                } else if (event->value("event", "") == "prompt") {
                    std::cout << ">> " << event->value("text", "") << '\n' << std::flush;
                } else if (const auto text = describe_event(*event, every_edge)) {
                    std::cout << *text << '\n' << std::flush;
                }
            }
            return exit_code::ok;
        });
}

} // namespace fobrig
