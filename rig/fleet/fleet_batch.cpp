#include "rig/fleet/fleet_batch.hpp"

#include "rig/fleet/job_result.hpp"

#include "rig/platform/monotonic_clock.hpp"

#include <algorithm>
#include <deque>

namespace fobrig::fleet {

namespace {

// How long a command may wait at the broker, and how long for a rig's answer.
constexpr std::chrono::seconds command_expiry{30};
constexpr Duration answer_limit = seconds(10);
// How long a rig heard lost may take to come back on the same boot before its job is called
// indeterminate: a broker's restart and the rig's reconnection take a few seconds.
constexpr Duration absent_grace = seconds(15);

struct Worker {
    std::string rig;
    std::uint64_t epoch = 0; // of the rig when it took its job
    FleetJob* job = nullptr;
    Instant renewed{};
    std::optional<Instant> absent_since; // not heard as present since then
};

std::optional<RigSeen> seen(FleetClient& client, const std::string& rig) {
    for (RigSeen& one : client.rigs()) {
        if (one.rig == rig) {
            return one;
        }
    }
    return std::nullopt;
}

} // namespace

bool FleetBatchOutcome::all_done() const {
    return std::ranges::all_of(jobs, [](const FleetJob& job) { return job.state == "done"; });
}

nlohmann::json FleetBatchOutcome::report(const FleetBatchPlan& plan) const {
    nlohmann::json out{{"batch", plan.batch_id},
                       {"campaign", plan.campaign},
                       {"jobs", nlohmann::json::array()},
                       {"fobs", nlohmann::json::array()}};
    for (const FleetJob& job : jobs) {
        out["jobs"].push_back({{"job", job.id},
                               {"fobs_put_in", job.first_rig},
                               {"rig", job.rig},
                               {"state", job.state},
                               {"campaign", job.campaign},
                               {"note", job.note},
                               {"summary", job.report.value("summary", std::string())}});
        for (nlohmann::json fob : job.report.value("fobs", nlohmann::json::array())) {
            fob["rig"] = job.rig;
            fob["job"] = job.id;
            out["fobs"].push_back(std::move(fob));
        }
    }
    return out;
}

FleetBatchOutcome run_fleet_batch(FleetClient& client, const FleetBatchPlan& plan,
                                  const std::function<void(const std::string&)>& say) {
    FleetBatchOutcome outcome;
    for (std::size_t i = 0; i < plan.rigs.size(); ++i) {
        outcome.jobs.push_back(
            {.id = plan.batch_id + "-" + std::to_string(i + 1), .first_rig = plan.rigs[i]});
    }
    std::deque<FleetJob*> waiting;
    for (FleetJob& job : outcome.jobs) {
        waiting.push_back(&job);
    }
    std::vector<Worker> workers;
    for (const std::string& rig : plan.rigs) {
        workers.push_back({.rig = rig});
    }
    const auto lease_command = [&](const char* kind) {
        return nlohmann::json{
            {"command", kind}, {"holder", plan.holder}, {"lease_s", plan.lease.count()}};
    };
    // Leases `worker`'s rig and gives it the next waiting job; false when the rig cannot
    // take one (it is then left out of the batch).
    const auto start = [&](Worker& worker) {
        const auto rig = seen(client, worker.rig);
        if (!rig || rig->presence != Presence::present) {
            say("rig " + worker.rig + " is " +
                std::string(rig ? name_of(rig->presence) : "unheard of") + ": left out");
            return false;
        }
        const auto leased =
            client.send(worker.rig, lease_command("lease"), command_expiry, answer_limit);
        if (!leased || !leased->value("ok", false)) {
            say("rig " + worker.rig + " gave no lease: " +
                (leased ? leased->value("error", std::string()) : "no answer"));
            return false;
        }
        FleetJob& job = *waiting.front();
        nlohmann::json command = plan.campaign;
        command["command"] = "batch";
        command["holder"] = plan.holder;
        command["id"] = job.id; // the job's result comes back under this id
        const auto started = client.send(worker.rig, command, command_expiry, answer_limit);
        if (!started || !started->value("ok", false)) {
            say("rig " + worker.rig + " did not start job " + job.id + ": " +
                (started ? started->value("error", std::string()) : "no answer"));
            client.send(worker.rig, lease_command("end-lease"), command_expiry, answer_limit);
            return false;
        }
        waiting.pop_front();
        if (job.first_rig != worker.rig) {
            job.note = "moved from " + job.first_rig + ", which was not there to take it";
            say("move the fobs of " + job.first_rig + " to " + worker.rig + " for job " + job.id);
        }
        job.rig = worker.rig;
        job.state = "started";
        job.campaign = started->value("campaign", std::string());
        worker.job = &job;
        worker.epoch = rig->status.value("epoch", std::uint64_t{0});
        worker.renewed = platform::monotonic_now();
        say("job " + job.id + " started on " + worker.rig + " (campaign " + job.campaign + ")");
        return true;
    };
    const Instant until = platform::monotonic_now() + plan.limit;
    std::vector<Worker> idle = workers;
    std::vector<Worker> busy;
    while (platform::monotonic_now() < until) {
        // Free rigs take waiting jobs; a rig that cannot is left out.
        for (auto it = idle.begin(); it != idle.end() && !waiting.empty();) {
            if (start(*it)) {
                busy.push_back(*it);
            }
            it = idle.erase(it);
        }
        if (busy.empty()) {
            break;
        }
        client.wait_news(milliseconds(200));
        const Instant now = platform::monotonic_now();
        for (auto it = busy.begin(); it != busy.end();) {
            Worker& worker = *it;
            FleetJob& job = *worker.job;
            if (const auto result = client.result(job.id)) {
                const JobResult read = read_job_result(*result);
                job.report = read.report;
                client.acknowledge_result(worker.rig, job.id, command_expiry, answer_limit);
                if (read.finished) {
                    job.state = "done";
                    say("job " + job.id + " done on " + worker.rig + ": " + read.text);
                } else {
                    job.state = "stopped";
                    job.note = read.text;
                    say("job " + job.id + " stopped on " + worker.rig + ": " + job.note);
                }
                worker.job = nullptr;
                if (waiting.empty()) {
                    client.send(worker.rig, lease_command("end-lease"), command_expiry,
                                answer_limit);
                } else {
                    idle.push_back(worker);
                }
                it = busy.erase(it);
                continue;
            }
            const auto rig = seen(client, worker.rig);
            const bool restarted =
                rig && rig->status.value("epoch", std::uint64_t{0}) != worker.epoch;
            const bool here =
                rig && (rig->presence == Presence::present || rig->presence == Presence::silent);
            if (here && !restarted) {
                worker.absent_since.reset();
            } else if (!restarted && !worker.absent_since) {
                // A broker restarted or a network blip says "lost" too: the rig, still on
                // the same boot, comes back with its job going.
                worker.absent_since = now;
                say("rig " + worker.rig + " is " +
                    std::string(rig ? name_of(rig->presence) : "unheard of") + ": waiting up to " +
                    duration_text(absent_grace) + " for it to come back");
            }
            if (restarted || (worker.absent_since && now - *worker.absent_since > absent_grace)) {
                job.state = "indeterminate";
                job.note = "rig " + worker.rig + " was lost while the job ran: check the car's " +
                           "key table by hand before testing these fobs again";
                say("job " + job.id + " is indeterminate: " + job.note);
                it = busy.erase(it);
                continue;
            }
            if (now - worker.renewed > plan.lease / 3) {
                client.send(worker.rig, lease_command("lease"), command_expiry, answer_limit);
                worker.renewed = now;
            }
            ++it;
        }
    }
    for (FleetJob* job : waiting) {
        job->state = "not-run";
        job->note = "no rig could take it";
    }
    // Rigs kept for a job that never came are given back.
    for (const Worker& worker : idle) {
        client.send(worker.rig, lease_command("end-lease"), command_expiry, answer_limit);
    }
    return outcome;
}

} // namespace fobrig::fleet
