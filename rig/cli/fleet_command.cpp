#include "rig/cli/fleet_command.hpp"

#include "rig/cli/exit_codes.hpp"
#include "rig/fleet/broker_address.hpp"
#include "rig/fleet/fleet_batch.hpp"
#include "rig/fleet/fleet_client.hpp"
#include "rig/fleet/job_result.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <memory>

#include <unistd.h>

namespace fobrig {

namespace {

// How long to wait for the broker, and for a rig's answer.
constexpr Duration connect_limit = seconds(5);
constexpr Duration answer_limit = seconds(10);

std::unique_ptr<fleet::FleetClient> connect(const FleetOptions& options) {
    const auto broker = fleet::parse_broker_address(options.broker);
    if (!broker) {
        throw std::invalid_argument(
            "--broker must be mqtt://HOST:PORT or mqtts://HOST:PORT, not '" + options.broker + "'");
    }
    std::string password;
    if (!options.password_file.empty()) {
        std::ifstream in(options.password_file);
        if (!in || !std::getline(in, password) || password.empty()) {
            throw std::invalid_argument(options.password_file.string() +
                                        ": the password must be on its first line");
        }
    }
    auto client = std::make_unique<fleet::FleetClient>(
        *broker, fleet::MqttOptions{.client_id = "fobrig-fleet-" + fleet::new_command_id(),
                                    .username = options.user,
                                    .password = password,
                                    .ca_file = options.ca_file.string(),
                                    .cert_file = options.cert_file.string(),
                                    .key_file = options.key_file.string()});
    client->wait_connected(connect_limit);
    return client;
}

// The fleet's client, connected; or null with the exit code already said on stderr.
std::unique_ptr<fleet::FleetClient> connect_or_say(const FleetOptions& options, int& code) {
    try {
        return connect(options);
    } catch (const std::invalid_argument& error) {
        std::cerr << "fobrig fleet: " << error.what() << "\n";
        code = exit_code::usage;
    } catch (const std::exception& error) {
        std::cerr << "fobrig fleet: " << options.broker << ": " << error.what() << "\n";
        code = exit_code::unreachable;
    }
    return nullptr;
}

// Who the command acts for: --holder, else user@host.
std::string holder_of(const FleetOptions& options) {
    if (!options.holder.empty()) {
        return options.holder;
    }
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    return options.user + "@" + host;
}

std::string slots_text(const nlohmann::json& slots) {
    std::string text;
    for (const auto& slot : slots) {
        text += (text.empty() ? "" : ",") + slot.dump();
    }
    return text.empty() ? "-" : text;
}

// What the rig's status says of its car: a simulated one by name, or the real one.
std::string car_text(const nlohmann::json& status) {
    const nlohmann::json target = status.value("target", nlohmann::json::object());
    if (!target.is_object() || target.empty()) {
        return "-";
    }
    return target.value("simulated", false)
               ? "simulated " + target.value("sim_car_name", std::string("car"))
               : "real car";
}

} // namespace

int fleet_status_command(const FleetOptions& options) {
    int code = exit_code::ok;
    const auto client = connect_or_say(options, code);
    if (!client) {
        return code;
    }
    const auto rigs = client->rigs_after(options.listen);
    if (options.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& rig : rigs) {
            out.push_back({{"rig", rig.rig},
                           {"presence", fleet::name_of(rig.presence)},
                           {"status", rig.status}});
            if (!rig.epochs.empty()) {
                out.back()["epochs"] = rig.epochs;
            }
        }
        std::cout << nlohmann::json{{"rigs", out}}.dump(2) << "\n";
        return exit_code::ok;
    }
    if (rigs.empty()) {
        std::cout << "no rig has spoken on " << options.broker << "\n";
        return exit_code::ok;
    }
    std::cout << fmt::format("{:<16} {:<8} {:<5} {:<24} {:<12} {}\n", "RIG", "PRESENCE", "STATE",
                             "CAR", "SLOTS", "LEASE");
    for (const auto& rig : rigs) {
        const nlohmann::json& status = rig.status;
        const bool busy = status.value("busy", false);
        const nlohmann::json lease = status.value("lease", nlohmann::json());
        std::cout << fmt::format(
            "{:<16} {:<8} {:<5} {:<24} {:<12} {}\n", rig.rig, fleet::name_of(rig.presence),
            rig.presence == fleet::Presence::present ? (busy ? "busy" : "idle") : "-",
            car_text(status), slots_text(status.value("slots", nlohmann::json::array())),
            lease.is_object() ? lease.value("holder", std::string("-")) : "-");
    }
    for (const auto& rig : rigs) {
        if (rig.presence == fleet::Presence::duplicate) {
            std::cout << "ALERT: " << rig.epochs.size() << " rigs speak as '" << rig.rig
                      << "' (boot epochs";
            for (const auto epoch : rig.epochs) {
                std::cout << " " << epoch;
            }
            std::cout << "): give each its own rig_id before trusting either\n";
        }
    }
    return exit_code::ok;
}

int fleet_lease_command(const FleetOptions& options, bool end) {
    int code = exit_code::ok;
    const auto client = connect_or_say(options, code);
    if (!client) {
        return code;
    }
    nlohmann::json command{{"command", end ? "end-lease" : "lease"},
                           {"holder", holder_of(options)}};
    if (!end) {
        command["lease_s"] = options.lease_s;
    }
    if (!options.command_id.empty()) {
        command["id"] = options.command_id;
    }
    const auto answer =
        client->send(options.rig, command, std::chrono::seconds(options.expiry_s), answer_limit);
    if (!answer) {
        std::cerr << "fobrig fleet: rig '" << options.rig << "' did not answer within "
                  << duration_text(answer_limit) << "\n";
        return exit_code::unreachable;
    }
    if (options.json) {
        std::cout << answer->dump(2) << "\n";
    } else if (answer->value("ok", false)) {
        std::cout << "rig " << options.rig << ": "
                  << (end ? "lease ended"
                          : "leased to " + command["holder"].get<std::string>() + " for " +
                                std::to_string(options.lease_s) + " s")
                  << (answer->value("duplicate", false) ? " (answered before: done once)" : "")
                  << "\n";
    } else {
        std::cout << "rig " << options.rig << " refused: " << answer->value("error", std::string())
                  << "\n";
    }
    return answer->value("ok", false) ? exit_code::ok : exit_code::run_failed;
}

int fleet_abort_command(const FleetOptions& options, const std::vector<std::string>& rigs) {
    int code = exit_code::ok;
    const auto client = connect_or_say(options, code);
    if (!client) {
        return code;
    }
    const std::string holder = holder_of(options);
    std::vector<std::string> targets = rigs;
    if (targets.empty()) {
        for (const auto& rig : client->rigs_after(seconds(2))) {
            const nlohmann::json lease = rig.status.value("lease", nlohmann::json());
            if (lease.is_object() && lease.value("holder", std::string()) == holder) {
                targets.push_back(rig.rig);
            }
        }
        if (targets.empty()) {
            std::cout << "no rig is leased to " << holder << "\n";
        }
    }
    for (const std::string& rig : targets) {
        const auto answer = client->send(rig, {{"command", "abort"}, {"holder", holder}},
                                         std::chrono::seconds(options.expiry_s), answer_limit);
        if (!answer) {
            std::cout << "rig " << rig << ": no answer\n";
            code = exit_code::unreachable;
        } else if (!answer->value("ok", false)) {
            std::cout << "rig " << rig << " refused: " << answer->value("error", std::string())
                      << "\n";
            code = exit_code::run_failed;
        } else {
            std::cout << "rig " << rig << ": "
                      << (answer->value("aborting", false) ? "aborting its run"
                                                           : "nothing was running")
                      << "\n";
        }
    }
    return code;
}

int fleet_results_command(const FleetOptions& options, const std::filesystem::path& report_dir) {
    int code = exit_code::ok;
    const auto client = connect_or_say(options, code);
    if (!client) {
        return code;
    }
    // Each rig sends what it keeps again every few seconds until it is acknowledged.
    client->rigs_after(options.listen);
    const auto results = client->results();
    if (results.empty()) {
        std::cout << "no rig keeps a result for the fleet\n";
        return code;
    }
    std::filesystem::create_directories(report_dir);
    for (const auto& [job, result] : results) {
        const auto file = report_dir / (job + ".json");
        std::ofstream(file) << result.dump(2) << '\n';
        const fleet::JobResult read = fleet::read_job_result(result);
        std::cout << fmt::format("{:<20} {:<14} {:<9} {}\n", job, read.rig,
                                 read.finished ? "done" : "stopped", read.text);
        // Saved first: a result is never acknowledged before it is kept here.
        client->acknowledge_result(read.rig, job, std::chrono::seconds(options.expiry_s),
                                   answer_limit);
        std::cout << "  saved: " << file.string() << '\n';
    }
    return code;
}

int fleet_batch_command(const FleetOptions& options, const BatchOptions& batch,
                        const std::vector<std::string>& rigs) {
    int code = exit_code::ok;
    const auto client = connect_or_say(options, code);
    if (!client) {
        return code;
    }
    const fleet::FleetBatchPlan plan{.batch_id = "fleet-" + fleet::new_command_id().substr(0, 8),
                                     .holder = holder_of(options),
                                     .rigs = rigs,
                                     .campaign = {{"procedure", batch.procedure},
                                                  {"keep", batch.keep},
                                                  {"spares", batch.spares},
                                                  {"labels", labels_json(batch.labels)},
                                                  {"verify_only", batch.verify_only}},
                                     .lease = std::chrono::seconds(options.lease_s)};
    // Heartbeats first: a rig counts as present only once one of its boot has come.
    client->rigs_after(seconds(3));
    std::cout << "batch " << plan.batch_id << " on " << rigs.size() << " rigs\n";
    const fleet::FleetBatchOutcome outcome = fleet::run_fleet_batch(
        *client, plan, [](const std::string& line) { std::cout << line << std::endl; });
    const nlohmann::json report = outcome.report(plan);
    std::filesystem::create_directories(batch.report_dir);
    const auto file = batch.report_dir / (plan.batch_id + ".json");
    std::ofstream(file) << report.dump(2) << '\n';
    if (options.json) {
        std::cout << report.dump(2) << '\n';
    }
    bool all_work = outcome.all_done();
    for (const auto& job : outcome.jobs) {
        std::cout << fmt::format("{:<20} {:<14} {:<14} {}\n", job.id, job.rig, job.state,
                                 job.note.empty() ? job.report.value("summary", std::string())
                                                  : job.note);
    }
    for (const auto& fob : report["fobs"]) {
        const std::string result = fob.value("result", "");
        all_work = all_work && (result == "works" || result == "works after resync");
    }
    std::cout << "report: " << file.string() << '\n';
    return all_work ? exit_code::ok : exit_code::run_failed;
}

} // namespace fobrig
