// fobrig_radio_bench: every shipped procedure on its own simulated car (sim/shipped_rituals.hpp)
// over a lossy radio, 1,000 seeded sessions in virtual time per loss probability: the first
// attempt's success, the run's within its retries, and the first attempt's failures by cause;
// as text or one JSON object.
#include "bench/arguments.hpp"
#include "bench/radio_sessions.hpp"
#include "rig/config/procedure_file.hpp"
#include "rig/config/rig_file.hpp"
#include "sim/shipped_rituals.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace fobrig::bench {
namespace {

using json = nlohmann::ordered_json;

struct Options {
    bool json = false;
    int runs = 1000;
    std::uint64_t seed = 1;
    std::vector<double> losses{0.02, 0.05, 0.10};
    std::filesystem::path procedures = FOBRIG_CONFIG_DIR "/procedures";
    std::optional<std::filesystem::path> rig; // instead of each procedure's own simulated rig
    std::size_t causes_shown = 4;
    std::optional<int> presses; // every verify step's confirm.presses instead of the file's
};

// `procedure` with every verify step pressing up to `presses` times.
Procedure with_presses(Procedure procedure, int presses) {
    for (Step& step : procedure.steps) {
        auto* seq = std::get_if<SequenceStep>(&step.body);
        if (seq == nullptr || seq->purpose != SequencePurpose::verify) {
            continue;
        }
        std::vector<std::optional<Confirmation>*> confirms{&seq->confirm};
        for (SequenceVariant& variant : seq->variants) {
            confirms.push_back(&variant.confirm);
        }
        for (std::optional<Confirmation>* confirm : confirms) {
            if (*confirm) {
                (*confirm)->presses = presses;
            }
        }
    }
    return procedure;
}

Options parse(int argc, char** argv) {
    Options options;
    for (Arguments args(argc, argv); args.next();) {
        const std::string& arg = args.option();
        const auto text = [&] { return args.value(); };
        if (arg == "--json") {
            options.json = true;
        } else if (arg == "--runs") {
            options.runs = std::stoi(text());
        } else if (arg == "--seed") {
            options.seed = std::stoull(text());
        } else if (arg == "--loss") {
            options.losses.clear();
            std::istringstream values(text());
            for (std::string value; std::getline(values, value, ',');) {
                options.losses.push_back(std::stod(value));
            }
        } else if (arg == "--presses") {
            options.presses = std::stoi(text());
            if (*options.presses < 1 || *options.presses > max_confirm_presses) {
                throw std::invalid_argument("--presses must be from 1 to " +
                                            std::to_string(max_confirm_presses));
            }
        } else if (arg == "--procedures") {
            options.procedures = text();
        } else if (arg == "--rig") {
            options.rig = text();
        } else {
            throw std::invalid_argument(
                "usage: fobrig_radio_bench [--json] [--runs N] [--seed N] [--loss P,P,...] "
                "[--presses N] [--procedures DIR] [--rig FILE]");
        }
    }
    if (options.runs < 1) {
        throw std::invalid_argument("--runs must be at least 1");
    }
    return options;
}

std::vector<std::filesystem::path> procedure_files(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() == ".toml") {
            files.push_back(entry.path());
        }
    }
    std::ranges::sort(files);
    return files;
}

template <typename T> T loaded(LoadResult<T> result) {
    if (!result.ok()) {
        throw std::runtime_error(format(result.errors.front()));
    }
    return std::move(*result.value);
}

double percent(int part, int whole) {
    return 100.0 * part / whole;
}

// The most frequent causes first.
std::vector<std::pair<std::string, int>> by_count(const std::map<std::string, int>& causes) {
    std::vector<std::pair<std::string, int>> sorted(causes.begin(), causes.end());
    std::ranges::stable_sort(sorted,
                             [](const auto& a, const auto& b) { return a.second > b.second; });
    return sorted;
}

// The simulated car, rig and fobs a shipped procedure runs on; none for another procedure.
const sim::ShippedRitual* ritual_of(const std::string& procedure) {
    for (const sim::ShippedRitual& ritual : sim::shipped_rituals) {
        if (procedure == ritual.procedure) {
            return &ritual;
        }
    }
    return nullptr;
}

int run(const Options& options) {
    json report{{"runs", options.runs},
                {"first_seed", options.seed},
                {"presses", options.presses ? json(*options.presses) : json(nullptr)},
                {"procedures", json::array()}};
    for (const auto& file : procedure_files(options.procedures)) {
        Procedure procedure = loaded(load_procedure_file(file));
        const sim::ShippedRitual* ritual = ritual_of(procedure.id);
        if (ritual == nullptr) {
            std::fprintf(stderr, "%s: no simulated car is listed for it; skipped\n",
                         procedure.id.c_str());
            continue;
        }
        if (options.presses) {
            procedure = with_presses(std::move(procedure), *options.presses);
        }
        const Rig rig = loaded(load_rig_file(
            options.rig.value_or(std::filesystem::path(FOBRIG_CONFIG_DIR "/rigs") / ritual->rig)));
        const sim::CarModel& car = sim::car_model(ritual->car);
        const std::size_t fobs = std::min(static_cast<std::size_t>(ritual->fobs), rig.slots.size());
        json rows = json::array();
        if (!options.json) {
            std::printf("%s on the simulated %s, rig %s (%zu fobs), %d seeded runs each\n",
                        procedure.id.c_str(), sim::car_model_text(car).c_str(), rig.name.c_str(),
                        fobs, options.runs);
            std::printf("  %-6s %14s %16s %15s\n", "loss", "first attempt",
                        ("within " + std::to_string(procedure.retry.max_attempts)).c_str(),
                        "pressed again");
        }
        for (const double loss : options.losses) {
            const RadioTally tally = tally_sessions(procedure, rig, sim::make_car(car.id), fobs,
                                                    loss, options.runs, options.seed);
            const auto causes = by_count(tally.causes);
            json row{{"telegram_loss", loss},
                     {"first_attempt_percent", percent(tally.first_attempt, tally.runs)},
                     {"within_attempts", tally.attempts},
                     {"passed_percent", percent(tally.passed, tally.runs)},
                     {"pressed_again_percent", percent(tally.pressed_again, tally.runs)},
                     {"first_attempt_failures", json::array()}};
            for (const auto& [cause, count] : causes) {
                row["first_attempt_failures"].push_back({{"cause", cause}, {"runs", count}});
            }
            rows.push_back(row);
            if (options.json) {
                continue;
            }
            std::printf("  %-6.2f %13.1f %% %15.1f %% %13.1f %%\n", loss,
                        percent(tally.first_attempt, tally.runs), percent(tally.passed, tally.runs),
                        percent(tally.pressed_again, tally.runs));
            for (std::size_t i = 0; i < causes.size() && i < options.causes_shown; ++i) {
                std::printf("           %4d x %s\n", causes[i].second, causes[i].first.c_str());
            }
            if (causes.size() > options.causes_shown) {
                std::printf("           (%zu other causes)\n",
                            causes.size() - options.causes_shown);
            }
        }
        report["procedures"].push_back({{"id", procedure.id},
                                        {"car", car.id},
                                        {"rig", rig.name},
                                        {"fobs", fobs},
                                        {"losses", rows}});
    }
    if (options.json) {
        std::cout << report.dump(2) << '\n';
    }
    return 0;
}

} // namespace
} // namespace fobrig::bench

int main(int argc, char** argv) {
    try {
        return fobrig::bench::run(fobrig::bench::parse(argc, argv));
    } catch (const std::exception& error) {
        std::cerr << "fobrig_radio_bench: " << error.what() << '\n';
        return 2;
    }
}
