// fobrig: the rig's command line. Talks to fobrigd for runs and history; validates files and
// runs procedures in-process (--local) on its own.
#include "rig/cli/exit_codes.hpp"
#include "rig/cli/local_run.hpp"
#include "rig/cli/remote_commands.hpp"
#include "rig/cli/wiring_check_command.hpp"
#include "rig/config/validate_files.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <charconv>
#include <cstdlib>
#include <iostream>

namespace {

// SLOT=LABEL, as --label takes it.
void parse_label(const std::string& text, std::map<int, std::string>& labels) {
    const auto equals = text.find('=');
    int slot = 0;
    if (equals == std::string::npos ||
        std::from_chars(text.data(), text.data() + equals, slot).ptr != text.data() + equals) {
        throw CLI::ValidationError("--label", "'" + text + "' is not SLOT=LABEL, e.g. 1=spare-A");
    }
    labels[slot] = text.substr(equals + 1);
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
    command.add_option("--slots", options.slots, "Fob slots, e.g. 1,2 (default: every slot)")
        ->delimiter(',');
    command
        .add_option_function<std::vector<std::string>>(
            "--label",
            [&options](const std::vector<std::string>& labels) {
                for (const auto& label : labels) {
                    parse_label(label, options.labels);
                }
            },
            "A fob's label by slot, e.g. 1=spare-A")
        ->delimiter(',');
    command.add_option("--key-type", options.key_type, "The car's key type, e.g. three-button");
    command.add_flag("--local", run.local, "Run in this process instead of through fobrigd");
    command.add_option("--rig", options.rig_file, "With --local: the rig file")
        ->check(CLI::ExistingFile);
    command.add_flag("--virtual-time", options.virtual_time,
                     "With --local: run the simulated car in virtual time (instant)");
    command.add_option("--runs-dir", options.runs_dir, "With --local: where runs are written")
        ->capture_default_str();
    command.add_option("--sim-fault", options.sim_faults,
                       "With --local: a simulated fault: dead-receiver, flat-battery=SLOT, "
                       "stuck-open=SLOT.BUTTON, stuck-closed=SLOT.BUTTON, telegram-loss=P, "
                       "seed=N, key-in=S, ack-delay=S");
}

int run(const RunCommand& run, const fobrig::ClientOptions& client) {
    if (run.local) {
        if (run.options.rig_file.empty()) {
            std::cerr << "fobrig: --local needs --rig FILE\n";
            return fobrig::exit_code::usage;
        }
        auto options = run.options;
        options.json = client.json;
        return fobrig::run_locally(options, FOBRIG_CONFIG_DIR "/procedures");
    }
    return fobrig::run_command(client, {.mode = run.options.mode,
                                        .procedure = run.options.procedure,
                                        .slots = run.options.slots,
                                        .labels = run.options.labels,
                                        .key_type = run.options.key_type});
}

} // namespace

int main(int argc, char** argv) {
    spdlog::set_pattern("%H:%M:%S.%e %^%l%$ %v");
    CLI::App app{"fobrig: presses a car key fob's buttons on a timed ritual and checks the car's "
                 "answer"};
    app.require_subcommand(1);
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
    show->add_option("run", run_id, "Run id")->required();
    std::string format = "json";
    std::filesystem::path output;
    auto* export_run = app.add_subcommand("export", "A run's record as VCD, JSON or CSV");
    export_run->add_option("run", run_id, "Run id")->required();
    export_run->add_option("--format", format, "vcd, json or csv")
        ->check(CLI::IsMember({"vcd", "json", "csv"}))
        ->capture_default_str();
    export_run->add_option("-o,--output", output, "File to write (default: standard output)");
    std::filesystem::path wiring_rig;
    int pulse_ms = 300;
    auto* wiring = app.add_subcommand("wiring-check", "Close each output briefly and read it back");
    wiring->add_option("--rig", wiring_rig, "The rig file (backend gpiod)")
        ->required()
        ->check(CLI::ExistingFile);
    wiring->add_option("--pulse-ms", pulse_ms, "How long each output is closed")
        ->check(CLI::Range(20, 5000))
        ->capture_default_str();
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
            return fobrig::validate_files(files, std::cout) == 0 ? fobrig::exit_code::ok
                                                                 : fobrig::exit_code::usage;
        }
        if (program.command->parsed()) {
            return run(program, client);
        }
        if (verify.command->parsed()) {
            return run(verify, client);
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
            return fobrig::wiring_check_command(client, wiring_rig,
                                                std::chrono::milliseconds(pulse_ms));
        }
        return fobrig::watch_command(client, every_edge);
    } catch (const std::exception& error) {
        spdlog::error("{}", error.what());
        return fobrig::exit_code::run_failed;
    }
}
