// fobrig: validate procedure and rig files, and run a procedure on a rig.
#include "rig/cli/exit_codes.hpp"
#include "rig/cli/local_run.hpp"
#include "rig/config/validate_files.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <charconv>
#include <iostream>

namespace {

void add_run_options(CLI::App& command, fobrig::LocalRunOptions& options) {
    command.add_option("procedure", options.procedure, "Procedure id (config/procedures) or file")
        ->required();
    command.add_option("--rig", options.rig_file, "Rig file: what is wired")
        ->required()
        ->check(CLI::ExistingFile);
    command.add_option("--slots", options.slots, "Fob slots, e.g. 1,2 (default: every slot)")
        ->delimiter(',');
    command
        .add_option_function<std::vector<std::string>>(
            "--label",
            [&options](const std::vector<std::string>& labels) {
                for (const auto& label : labels) {
                    const auto equals = label.find('=');
                    int slot = 0;
                    if (equals == std::string::npos ||
                        std::from_chars(label.data(), label.data() + equals, slot).ptr !=
                            label.data() + equals) {
                        throw CLI::ValidationError("--label", "'" + label +
                                                                  "' is not SLOT=LABEL, e.g. "
                                                                  "1=spare-A");
                    }
                    options.labels[slot] = label.substr(equals + 1);
                }
            },
            "A fob's label by slot, e.g. 1=spare-A")
        ->delimiter(',');
    command.add_option("--key-type", options.key_type, "The car's key type, e.g. three-button");
    command.add_flag("--virtual-time", options.virtual_time,
                     "Run the simulated car in virtual time (instant; for tests)");
    command.add_option("--runs-dir", options.runs_dir, "Where run directories are written")
        ->capture_default_str();
    command.add_flag("--json", options.json, "Print the run record as JSON");
    command.add_option("--sim-fault", options.sim_faults,
                       "Simulated fault: dead-receiver, flat-battery=SLOT, stuck-open=SLOT.BUTTON, "
                       "stuck-closed=SLOT.BUTTON, telegram-loss=P, seed=N, key-in=S, ack-delay=S");
}

} // namespace

int main(int argc, char** argv) {
    spdlog::set_pattern("%H:%M:%S.%e %^%l%$ %v");
    CLI::App app{"fobrig: presses a car key fob's buttons on a timed ritual and checks the car's "
                 "answer"};
    app.require_subcommand(1);

    std::vector<std::filesystem::path> files;
    auto* validate = app.add_subcommand("validate", "Check procedure and rig files");
    validate->add_option("files", files, "Procedure and rig files")->required();

    fobrig::LocalRunOptions program_options{.mode = fobrig::RunMode::program};
    auto* program = app.add_subcommand("program", "Program fobs to the car, then verify them");
    add_run_options(*program, program_options);
    bool local = false;
    program->add_flag("--local", local, "Run in this process (required for now)");

    fobrig::LocalRunOptions verify_options{.mode = fobrig::RunMode::verify};
    auto* verify = app.add_subcommand("verify", "Check that programmed fobs lock and unlock");
    add_run_options(*verify, verify_options);
    verify->add_flag("--local", local, "Run in this process (required for now)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return app.exit(error) == 0 ? fobrig::exit_code::ok : fobrig::exit_code::usage;
    }

    if (validate->parsed()) {
        return fobrig::validate_files(files, std::cout) == 0 ? fobrig::exit_code::ok
                                                             : fobrig::exit_code::usage;
    }
    if (!local) {
        std::cerr << "fobrig: runs go through the daemon once it exists; for now add --local\n";
        return fobrig::exit_code::usage;
    }
    const auto& options = program->parsed() ? program_options : verify_options;
    try {
        return fobrig::run_locally(options, FOBRIG_CONFIG_DIR "/procedures");
    } catch (const std::exception& error) {
        spdlog::error("{}", error.what());
        return fobrig::exit_code::run_failed;
    }
}
