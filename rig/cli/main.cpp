// fobrig: the rig's command line. Talks to fobrigd for runs and history; validates files and
// runs procedures in-process (--local) on its own.
#include "rig/cli/calibrate_command.hpp"
#include "rig/cli/daemon_call.hpp"
#include "rig/cli/doctor_command.hpp"
#include "rig/cli/exit_codes.hpp"
#include "rig/cli/fleet_command.hpp"
#include "rig/cli/history_commands.hpp"
#include "rig/cli/local_run.hpp"
#include "rig/cli/pin_map_command.hpp"
#include "rig/cli/procedures_command.hpp"
#include "rig/cli/run_commands.hpp"
#include "rig/cli/safe_state_command.hpp"
#include "rig/cli/status_command.hpp"
#include "rig/cli/validate_command.hpp"
#include "rig/cli/wiring_check_command.hpp"
#include "rig/picture/run_export.hpp"
#include "rig/protocol/fob_label.hpp"
#include "rig/version/version.hpp"
#include "sim/car_models.hpp"
#include "sim/fault_options.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <cstdlib>
#include <iostream>
#include <optional>

namespace {

// SLOT=LABEL, as --label takes it.
void parse_label(const std::string& text, std::map<int, std::string>& labels) {
    const auto equals = text.find('=');
    int slot = 0;
    if (equals == std::string::npos ||
        std::from_chars(text.data(), text.data() + equals, slot).ptr != text.data() + equals) {
        throw CLI::ValidationError("--label", "'" + text + "' is not SLOT=LABEL, e.g. 1=spare-A");
    }
    if (const auto problem = fobrig::label_problem(text.substr(equals + 1))) {
        throw CLI::ValidationError("--label", "slot " + text.substr(0, equals) + ": " + *problem);
    }
    labels[slot] = text.substr(equals + 1);
}

// "3-8,10" -> 3 4 5 6 7 8 10, as --keep and --spares take fob numbers.
std::vector<int> parse_numbers(const std::vector<std::string>& parts, const char* option) {
    std::vector<int> numbers;
    for (const auto& part : parts) {
        int from = 0;
        int to = 0;
        const char* end = part.data() + part.size();
        auto [after_from, error] = std::from_chars(part.data(), end, from);
        if (error == std::errc{} && after_from != end && *after_from == '-') {
            auto [after_to, error_to] = std::from_chars(after_from + 1, end, to);
            error = after_to == end ? error_to : std::errc::invalid_argument;
        } else {
            to = from;
            error = after_from == end ? error : std::errc::invalid_argument;
        }
        if (error != std::errc{} || from < 1 || to < from || to - from > 256) {
            throw CLI::ValidationError(option, "'" + part +
                                                   "' is not a fob number or a range "
                                                   "like 3-8");
        }
        for (int number = from; number <= to; ++number) {
            numbers.push_back(number);
        }
    }
    return numbers;
}

void add_numbers_option(CLI::App& command, const std::string& name, std::vector<int>& into,
                        const std::string& help) {
    command
        .add_option_function<std::vector<std::string>>(
            name,
            [&into, name](const std::vector<std::string>& parts) {
                into = parse_numbers(parts, name.c_str());
            },
            help)
        ->delimiter(',');
}

void add_label_option(CLI::App& command, std::map<int, std::string>& labels,
                      const std::string& help) {
    command
        .add_option_function<std::vector<std::string>>(
            "--label",
            [&labels](const std::vector<std::string>& parts) {
                for (const auto& part : parts) {
                    parse_label(part, labels);
                }
            },
            help)
        ->delimiter(',');
}

struct RunCommand {
    CLI::App* command = nullptr;
    fobrig::LocalRunOptions options;
    bool local = false;
};

void add_run_options(RunCommand& run) {
    auto& options = run.options;
    auto& command = *run.command;
    command.add_option("procedure", options.procedure, "Procedure id (config/procedures) or file")
        ->required();
    add_numbers_option(command, "--slots", options.slots,
                       "Fob slots, e.g. 1,2 or 1-4 (default: every slot of the rig)");
    add_label_option(command, options.labels, "A fob's label by slot, e.g. 1=spare-A");
    command.add_option("--key-type", options.key_type, "The car's key type, e.g. three-button");
    command.add_flag("--local", run.local, "Run in this process instead of through fobrigd");
    command.add_option("--rig", options.rig_file, "With --local: the rig file")
        ->check(CLI::ExistingFile);
    command.add_flag("--virtual-time", options.virtual_time,
                     "With --local: run the simulated car in virtual time (instant)");
    command.add_option("--runs-dir", options.runs_dir, "With --local: where runs are written")
        ->capture_default_str();
    command.add_option("--sim-fault", options.sim_faults,
                       "With --local: a simulated fault: " + std::string(fobrig::sim::fault_kinds));
    command.add_option("--sim-car", options.sim_car,
                       "With --local: the simulated car (default mini-r50): " +
                           fobrig::sim::car_model_ids());
}

// The options that only a run in this process can honour: given to a daemon run they would be
// ignored, and a run on a simulated car would pass for one with the fault the user asked for.
std::optional<std::string> local_only_option(const RunCommand& run) {
    for (const char* name : {"--sim-fault", "--sim-car", "--virtual-time", "--rig", "--runs-dir"}) {
        if (run.command->count(name) > 0) {
            return name;
        }
    }
    return std::nullopt;
}

int run(const RunCommand& run, const fobrig::ClientOptions& client) {
    if (const auto option = local_only_option(run); option && !run.local) {
        std::cerr << "fobrig: " << *option
                  << " applies to a run in this process (--local --rig FILE) only; fobrigd's car "
                     "takes its car, faults and virtual time when it starts: fobrigd --sim-car ... "
                     "--sim-fault ... --virtual-time\n";
        return fobrig::exit_code::usage;
    }
    if (run.local) {
        if (run.options.rig_file.empty()) {
            std::cerr << "fobrig: --local needs --rig FILE\n";
            return fobrig::exit_code::usage;
        }
        auto options = run.options;
        options.json = client.json;
        return fobrig::run_locally(options, FOBRIG_CONFIG_DIR "/procedures");
    }
    return fobrig::run_command(client,
                               {.mode = run.options.mode,
                                .procedure = fobrig::procedure_argument(run.options.procedure),
                                .slots = run.options.slots,
                                .labels = run.options.labels,
                                .key_type = run.options.key_type});
}

} // namespace

int main(int argc, char** argv) {
    // Logs are progress: stdout carries what was asked for (with --json, one document).
    spdlog::set_default_logger(spdlog::stderr_color_mt("fobrig"));
    spdlog::set_pattern("%H:%M:%S.%e %^%l%$ %v");
    CLI::App app{"fobrig: presses a car key fob's buttons on a timed ritual and checks the car's "
                 "answer"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("fobrig ") + fobrig::version);
    fobrig::ClientOptions client;
    if (const char* socket = std::getenv("FOBRIG_SOCKET")) {
        client.socket = socket;
    }
    app.add_option("--socket", client.socket, "fobrigd's control socket (or $FOBRIG_SOCKET)")
        ->capture_default_str();
    app.add_flag("--json", client.json, "Machine-readable output");

    std::vector<std::filesystem::path> files;
    auto* validate = app.add_subcommand("validate", "Check procedure and rig files (offline)");
    validate->add_option("files", files, "Procedure and rig files")->required();

    RunCommand program{.command = app.add_subcommand("program", "Program fobs, then verify them"),
                       .options = {.mode = fobrig::RunMode::program}};
    add_run_options(program);
    RunCommand verify{
        .command = app.add_subcommand("verify", "Check that programmed fobs lock and unlock"),
        .options = {.mode = fobrig::RunMode::verify}};
    add_run_options(verify);

    auto* status = app.add_subcommand("status", "What the rig is doing");
    auto* abort = app.add_subcommand("abort", "Abort the run in progress");
    int limit = 20;
    auto* runs = app.add_subcommand("runs", "Past runs, newest first");
    runs->add_option("--limit", limit, "How many")->capture_default_str();
    std::string run_id;
    auto* show = app.add_subcommand("show", "A run's timing table and verdicts");
    show->add_option("run", run_id, "Run id, or latest")->required();
    std::string format;
    std::filesystem::path output;
    auto* export_run = app.add_subcommand(
        "export",
        "A run's record as JSON, CSV or VCD, its timing diagram (SVG) or a report (HTML)");
    export_run->add_option("run", run_id, "Run id, or latest")->required();
    export_run
        ->add_option("--format", format,
                     "json, csv, vcd, svg or html (default: from the -o file's extension, else "
                     "json)")
        ->check(CLI::IsMember(std::vector<std::string>(fobrig::export_formats.begin(),
                                                       fobrig::export_formats.end())));
    export_run->add_option("-o,--output", output, "File to write (default: standard output)");
    for (auto* reader : {runs, show, export_run}) {
        reader
            ->add_option("--state-dir", client.history.state_dir,
                         "Read fobrigd's state folder instead of asking fobrigd")
            ->check(CLI::ExistingDirectory);
        reader
            ->add_option("--runs-dir", client.history.runs_dir,
                         "Read a folder of --local runs instead of asking fobrigd")
            ->check(CLI::ExistingDirectory)
            ->excludes("--state-dir");
    }
    fobrig::BatchOptions batch_options;
    auto* batch = app.add_subcommand("batch", "Test a batch of fobs round after round, keeping "
                                              "the owner's keys programmed");
    batch->add_option("--procedure", batch_options.procedure, "Procedure id or file");
    add_numbers_option(*batch, "--keep", batch_options.keep,
                       "The fobs the car's owner keeps, e.g. 1,2");
    add_numbers_option(*batch, "--spares", batch_options.spares, "The fobs to test, e.g. 3-8");
    add_label_option(*batch, batch_options.labels, "A fob's label by number, e.g. 3=ebay-A");
    batch->add_flag("--verify-only", batch_options.verify_only,
                    "Only check fobs that are already programmed");
    batch->add_option("--resume", batch_options.resume, "Carry on an interrupted campaign");
    batch->add_option("--report-dir", batch_options.report_dir, "Where the CSV and JSON go")
        ->capture_default_str();
    std::string fob_label;
    auto* fobs = app.add_subcommand("fobs", "Every fob ever tested, or one fob's history");
    fobs->add_option("label", fob_label, "A fob's label");
    fobrig::WiringCheckOptions wiring_options;
    int pulse_ms = 300;
    int prompt_seconds = 30;
    bool no_prompt = false;
    auto* wiring = app.add_subcommand(
        "wiring-check", "Close each output briefly and read it back, then have the operator lock, "
                        "unlock and turn the ignition by hand and see which input answers");
    wiring
        ->add_option("--rig", wiring_options.rig_file,
                     "The rig file (backend gpiod, or any with --sim)")
        ->required()
        ->check(CLI::ExistingFile);
    wiring->add_option("--pulse-ms", pulse_ms, "How long each output is closed")
        ->check(CLI::Range(20, 5000))
        ->capture_default_str();
    wiring->add_option("--prompt-seconds", prompt_seconds, "Time for each request to the operator")
        ->check(CLI::Range(1, 600))
        ->capture_default_str();
    wiring->add_flag("--no-prompt", no_prompt, "Check the outputs only; leave the sense inputs");
    wiring->add_flag("--sim", wiring_options.simulate,
                     "Rehearse on the simulated car, relays and hands: no line is driven");
    fobrig::CalibrateOptions calibrate_options;
    auto* calibrate = app.add_subcommand(
        "calibrate", "Measure each output's switching delays and bounce through its read-back");
    calibrate->add_option("--rig", calibrate_options.rig_file, "The rig file")
        ->required()
        ->check(CLI::ExistingFile);
    calibrate->add_option("--presses", calibrate_options.presses, "Presses per output")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    calibrate->add_flag("--write", calibrate_options.write,
                        "Write the measured medians into the rig file");
    std::string pin_map_rig;
    bool pin_map_svg = false;
    auto* pin_map = app.add_subcommand(
        "pin-map", "A rig's pin map (header pin, signal, role, part) or its wiring diagram");
    pin_map->add_option("rig", pin_map_rig, "A rig file or a shipped rig's name")->required();
    pin_map->add_flag("--svg", pin_map_svg, "The wiring diagram as SVG instead");
    fobrig::ProceduresOptions procedures_options{.config_file = "/etc/fobrig/fobrig.toml",
                                                 .shipped = FOBRIG_CONFIG_DIR "/procedures"};
    auto* procedures = app.add_subcommand(
        "procedures", "The installed procedures: id, make, models, years, key types, max keys");
    auto* procedures_dir =
        procedures->add_option("--dir", procedures_options.dir, "List this folder instead")
            ->check(CLI::ExistingDirectory);
    procedures
        ->add_option("--config", procedures_options.config_file,
                     "fobrigd's config file, whose `procedures` folder is listed if it names one")
        ->excludes(procedures_dir)
        ->capture_default_str();
    procedures->add_flag("--json", client.json, "One JSON document");
    fobrig::FleetOptions fleet_options;
    auto* fleet = app.add_subcommand("fleet", "The rigs on the fleet's MQTT broker");
    fleet->require_subcommand(1);
    fleet->add_option("--broker", fleet_options.broker, "mqtt://HOST:PORT or mqtts://HOST:PORT")
        ->required();
    fleet->add_option("--user", fleet_options.user, "The fleet client's broker user")
        ->capture_default_str();
    fleet->add_option("--password-file", fleet_options.password_file, "Its password")
        ->check(CLI::ExistingFile);
    fleet->add_option("--ca-file", fleet_options.ca_file, "TLS: the shop's CA")
        ->check(CLI::ExistingFile);
    fleet->add_option("--cert-file", fleet_options.cert_file, "TLS: the client's certificate")
        ->check(CLI::ExistingFile);
    fleet->add_option("--key-file", fleet_options.key_file, "TLS: the client's key")
        ->check(CLI::ExistingFile);
    fleet->add_flag("--json", fleet_options.json, "One JSON document");
    auto* fleet_status = fleet->add_subcommand("status", "Every rig: present, busy, car, lease");
    int listen_ms = 5000;
    fleet_status
        ->add_option("--listen-ms", listen_ms, "How long to listen for the rigs' heartbeats")
        ->check(CLI::Range(100, 60000))
        ->capture_default_str();
    fobrig::BatchOptions fleet_batch_options;
    std::vector<std::string> fleet_rigs;
    auto* fleet_batch =
        fleet->add_subcommand("batch", "One batch campaign across rigs, one report at the end");
    fleet_batch->add_option("--procedure", fleet_batch_options.procedure, "Procedure id")
        ->required();
    fleet_batch->add_option("--rigs", fleet_rigs, "The rigs, e.g. bay-1,bay-2")
        ->delimiter(',')
        ->required();
    add_numbers_option(*fleet_batch, "--keep", fleet_batch_options.keep,
                       "The fobs the car's owner keeps, on every rig, e.g. 1,2");
    add_numbers_option(*fleet_batch, "--spares", fleet_batch_options.spares,
                       "The fobs to test, on every rig, e.g. 3-8");
    fleet_batch->add_flag("--verify-only", fleet_batch_options.verify_only,
                          "Only check fobs that are already programmed");
    fleet_batch->add_option("--report-dir", fleet_batch_options.report_dir, "Where the report goes")
        ->capture_default_str();
    fleet_batch->add_option("--holder", fleet_options.holder, "Who leases the rigs");
    fleet_batch->add_option("--lease-s", fleet_options.lease_s, "Each lease, renewed while working")
        ->check(CLI::Range(10, 600))
        ->capture_default_str();
    std::filesystem::path results_dir = fleet_batch_options.report_dir;
    auto* fleet_results = fleet->add_subcommand(
        "results", "Save and acknowledge the results rigs keep for a client that was away");
    fleet_results->add_option("--report-dir", results_dir, "Where they go")->capture_default_str();
    int results_listen_ms = 7000; // longer than the rigs' resending period
    fleet_results
        ->add_option("--listen-ms", results_listen_ms, "How long to listen for the rigs' results")
        ->check(CLI::Range(100, 60000))
        ->capture_default_str();
    std::vector<std::string> abort_rigs;
    auto* fleet_abort =
        fleet->add_subcommand("abort", "Stop the runs of the rigs leased to a holder");
    fleet_abort->add_option("--rigs", abort_rigs, "These rigs only, e.g. bay-1,bay-2")
        ->delimiter(',');
    fleet_abort->add_option("--holder", fleet_options.holder, "Whose rigs (default user@host)");
    auto* fleet_lease = fleet->add_subcommand("lease", "Reserve a rig for a holder");
    auto* fleet_end = fleet->add_subcommand("end-lease", "Give a rig's lease up");
    for (auto* command : {fleet_lease, fleet_end}) {
        command->add_option("rig", fleet_options.rig, "The rig's id")->required();
        command->add_option("--holder", fleet_options.holder, "Who holds it (default user@host)");
        command->add_option("--command-id", fleet_options.command_id,
                            "The command's id (the same id again is answered, not done, twice)");
        command
            ->add_option("--expiry-s", fleet_options.expiry_s,
                         "The broker drops the command if not delivered by then")
            ->check(CLI::Range(1, 3600))
            ->capture_default_str();
    }
    fleet_lease->add_option("--seconds", fleet_options.lease_s, "How long")
        ->check(CLI::Range(1, 600))
        ->capture_default_str();
    auto* web_url = app.add_subcommand("web-url", "The web page's address, with its token");
    fobrig::SafeStateOptions safe_options{.config_file = "/etc/fobrig/fobrig.toml",
                                          .rigs_dir = FOBRIG_CONFIG_DIR "/rigs"};
    auto* safe_state = app.add_subcommand(
        "safe-state", "Drive every output of the rig inactive and give it back (after a crash)");
    auto* safe_rig = safe_state->add_option("--rig", safe_options.rig_file, "The rig file")
                         ->check(CLI::ExistingFile);
    safe_state
        ->add_option("--config", safe_options.config_file, "Or the rig fobrigd's config file names")
        ->excludes(safe_rig)
        ->capture_default_str();
    fobrig::DoctorOptions doctor_options{.rigs_dir = FOBRIG_CONFIG_DIR "/rigs"};
    auto* doctor = app.add_subcommand(
        "doctor", "Check this machine for fobrig: kernel, gpiochips, the rig's lines, the GPIO "
                  "release policy, real-time privileges, groups and socket, state folder, clock");
    auto* doctor_rig =
        doctor
            ->add_option("--rig", doctor_options.rig_file, "Check this rig instead of the config's")
            ->check(CLI::ExistingFile);
    doctor->add_option("--config", doctor_options.config_file, "fobrigd's config file")
        ->excludes(doctor_rig)
        ->capture_default_str();
    doctor->add_flag("--json", client.json, "One JSON document: an array of checks");
    bool every_edge = false;
    auto* watch = app.add_subcommand("watch", "Follow the rig's events live");
    watch->add_flag("--edges", every_edge, "Show every edge too");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return app.exit(error) == 0 ? fobrig::exit_code::ok : fobrig::exit_code::usage;
    }

    try {
        if (validate->parsed()) {
            return fobrig::validate_command(files, client.json);
        }
        if (program.command->parsed()) {
            return run(program, client);
        }
        if (verify.command->parsed()) {
            return run(verify, client);
        }
        if (batch->parsed()) {
            if (batch_options.procedure.empty() && batch_options.resume.empty()) {
                std::cerr << "fobrig: batch needs --procedure (or --resume CAMPAIGN)\n";
                return fobrig::exit_code::usage;
            }
            if (!batch_options.procedure.empty()) {
                batch_options.procedure = fobrig::procedure_argument(batch_options.procedure);
            }
            return fobrig::batch_command(client, batch_options);
        }
        if (fobs->parsed()) {
            return fobrig::fobs_command(client, fob_label);
        }
        if (status->parsed()) {
            return fobrig::status_command(client);
        }
        if (abort->parsed()) {
            return fobrig::abort_command(client);
        }
        if (runs->parsed()) {
            return fobrig::runs_command(client, limit);
        }
        if (show->parsed()) {
            return fobrig::show_command(client, run_id);
        }
        if (export_run->parsed()) {
            return fobrig::export_command(client, run_id, format, output);
        }
        if (wiring->parsed()) {
            wiring_options.pulse = std::chrono::milliseconds(pulse_ms);
            wiring_options.time_limit = std::chrono::seconds(prompt_seconds);
            wiring_options.prompt = !no_prompt;
            return fobrig::wiring_check_command(client, wiring_options);
        }
        if (pin_map->parsed()) {
            return fobrig::pin_map_command(pin_map_rig, pin_map_svg, client.json,
                                           FOBRIG_CONFIG_DIR "/rigs");
        }
        if (procedures->parsed()) {
            procedures_options.json = client.json;
            return fobrig::procedures_command(procedures_options);
        }
        if (fleet->parsed()) {
            fleet_options.listen =
                std::chrono::milliseconds(fleet_results->parsed() ? results_listen_ms : listen_ms);
            if (fleet_abort->parsed()) {
                return fobrig::fleet_abort_command(fleet_options, abort_rigs);
            }
            if (fleet_results->parsed()) {
                return fobrig::fleet_results_command(fleet_options, results_dir);
            }
            if (fleet_batch->parsed()) {
                return fobrig::fleet_batch_command(fleet_options, fleet_batch_options, fleet_rigs);
            }
            return fleet_status->parsed()
                       ? fobrig::fleet_status_command(fleet_options)
                       : fobrig::fleet_lease_command(fleet_options, fleet_end->parsed());
        }
        if (web_url->parsed()) {
            return fobrig::web_url_command(client);
        }
        if (safe_state->parsed()) {
            return fobrig::safe_state_command(safe_options, client.json);
        }
        if (doctor->parsed()) {
            // The socket named on the command line or in the environment, else the config's.
            if (app.count("--socket") > 0 || std::getenv("FOBRIG_SOCKET") != nullptr) {
                doctor_options.socket = client.socket;
            }
            return fobrig::doctor_command(doctor_options, client.json);
        }
        if (calibrate->parsed()) {
            return fobrig::calibrate_command(client, calibrate_options);
        }
        return fobrig::watch_command(client, every_edge);
    } catch (const std::exception& error) {
        spdlog::error("{}", error.what());
        return fobrig::exit_code::run_failed;
    }
}
