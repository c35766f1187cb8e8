#include "rig/cli/run_commands.hpp"

#include "rig/cli/daemon_call.hpp"
#include "rig/cli/event_text.hpp"
#include "rig/cli/history_commands.hpp"
#include "rig/cli/terminal_prompt.hpp"

#include <atomic>
#include <csignal>
#include <fstream>

namespace fobrig {

using json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

// Ctrl-C presses counted while a command follows the rig.
std::atomic<int> interrupts{0};
extern "C" void count_interrupt(int) {
    interrupts.fetch_add(1);
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

json labels_json(const std::map<int, std::string>& labels) {
    json object = json::object();
    for (const auto& [number, label] : labels) {
        object[std::to_string(number)] = label;
    }
    return object;
}

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
