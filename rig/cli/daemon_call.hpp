// One call to fobrigd as each of fobrig's commands makes it: connect, ask, and turn a refusal or
// an unreachable daemon into the exit code and the words the user reads.
#pragma once

#include "rig/cli/client_options.hpp"
#include "rig/cli/exit_codes.hpp"
#include "rig/client/daemon_connection.hpp"

#include <nlohmann/json.hpp>

#include <iostream>
#include <string>

namespace fobrig {

// Where progress goes: with --json, stdout carries the one document and nothing else.
std::ostream& progress(const ClientOptions& client);

// The daemon refused: usage errors are the caller's, the rest are the run's. With --json the
// refusal is the document.
int refused(const ClientOptions& client, const nlohmann::json& answer);

// Puts `procedure` into `request`: an existing file goes as its text (the daemon opens no path
// a client names, and may not see this one), anything else as a procedure id. False, with the
// problem printed, when the file cannot be read.
bool add_procedure(nlohmann::json& request, const std::string& procedure);

// Connects, makes one call, and hands the answer on; turns an unreachable daemon into its
// exit code.
template <class Then>
int with_answer(const ClientOptions& client, nlohmann::json request, Then then) {
    try {
        DaemonConnection daemon(client.socket);
        const nlohmann::json answer = daemon.call(std::move(request));
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
int with_history(const ClientOptions& client, const nlohmann::json& request, Then then) {
    if (!client.history.state_dir && !client.history.runs_dir) {
        return with_answer(client, request,
                           [&](const nlohmann::json& answer, auto&) { return then(answer); });
    }
    const nlohmann::json answer = answer_offline(client.history, request);
    if (!answer.value("ok", false)) {
        return refused(client, answer);
    }
    return then(answer);
}

// The slots of a run's fobs with their labels: "1=ebay-A,2".
std::string fobs_text(const nlohmann::json& fobs);

// A procedure argument as fobrigd should read it: a file named relative to this shell's folder
// becomes an absolute path (the daemon's folder is not the user's); an id stays as it is.
std::string procedure_argument(const std::string& id_or_path);
// Whether fobrigd says a run is going, so that commands that drive the rig's lines themselves
// refuse then. A daemon that is not there cannot be running anything (the lines are then
// free, or held and refused).
bool daemon_is_busy(const ClientOptions& client);

} // namespace fobrig
