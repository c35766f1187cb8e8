#include "rig/record/wiring_json.hpp"

#include "rig/record/wiring_report.hpp"

#include <chrono>

namespace fobrig {
namespace {

double ms(Duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

nlohmann::json transition_json(const std::optional<ContactTransition>& t) {
    if (!t) {
        return nullptr;
    }
    return {
        {"delay_ms", ms(t->delay)}, {"bounce_ms", ms(t->bounce)}, {"extra_edges", t->extra_edges}};
}

nlohmann::json spread_json(const std::optional<Spread>& spread) {
    if (!spread) {
        return nullptr;
    }
    return {{"min_ms", ms(spread->min)},
            {"median_ms", ms(spread->median)},
            {"max_ms", ms(spread->max)}};
}

nlohmann::json roles(const Rig& rig, const std::vector<std::size_t>& inputs) {
    auto out = nlohmann::json::array();
    for (const std::size_t input : inputs) {
        out.push_back(rig.senses.at(input).role);
    }
    return out;
}

nlohmann::json output_json(const Rig& rig, const OutputCheck& check) {
    const OutputChannel& output = rig.outputs.at(check.channel);
    nlohmann::json line = nullptr;
    if (check.line) {
        line = {{"driven", check.line->driven}, {"after_opening", check.line->released}};
    }
    auto others = nlohmann::json::array();
    for (const std::size_t channel : check.other_contacts) {
        others.push_back(channel_name(rig.outputs.at(channel)));
    }
    return {{"channel", channel_name(output)},
            {"slot", output.slot},
            {"button", output.button},
            {"line", line_text(output.line)},
            {"fault", check.fault()},
            {"readback", check.readback},
            {"close", transition_json(check.close)},
            {"open", transition_json(check.open)},
            {"line_read", line},
            {"car_answered", roles(rig, check.answers)},
            {"other_contacts_moved", others},
            {"text", output_check_text(check, rig)}};
}

nlohmann::json sense_json(const Rig& rig, const SenseCheck& check) {
    const SenseInput& sense = rig.senses.at(check.input);
    return {{"role", sense.role},
            {"line", line_text(sense.line)},
            {"fault", check.fault()},
            {"level_at_start", check.level ? nlohmann::json(*check.level) : nullptr},
            {"skipped", check.skipped},
            {"went_active", check.went_active},
            {"went_inactive", check.went_inactive},
            {"others_moved", roles(rig, check.others)},
            {"text", sense_check_text(check, rig)}};
}

bool any_fault(const auto& checks) {
    return std::ranges::any_of(checks, [](const auto& check) { return check.fault(); });
}

} // namespace

nlohmann::json wiring_check_json(const Rig& rig, const std::vector<OutputCheck>& outputs,
                                 const std::vector<SenseCheck>& senses, bool simulated) {
    auto out = nlohmann::json::array();
    for (const OutputCheck& check : outputs) {
        out.push_back(output_json(rig, check));
    }
    auto in = nlohmann::json::array();
    for (const SenseCheck& check : senses) {
        in.push_back(sense_json(rig, check));
    }
    return {{"rig", rig.name},
            {"simulated", simulated},
            {"fault", any_fault(outputs) || any_fault(senses)},
            {"outputs", out},
            {"senses", in}};
}

nlohmann::json calibration_json(const Rig& rig, const std::vector<ChannelCalibration>& channels,
                                bool simulated) {
    auto out = nlohmann::json::array();
    for (const ChannelCalibration& c : channels) {
        const OutputChannel& output = rig.outputs.at(c.channel);
        out.push_back({{"channel", channel_name(output)},
                       {"commands", c.commands},
                       {"followed", c.followed},
                       {"operate", spread_json(c.operate)},
                       {"release", spread_json(c.release)},
                       {"bounce", spread_json(c.bounce)},
                       {"configured",
                        {{"operate_ms", ms(output.operate_latency)},
                         {"release_ms", ms(output.release_latency)}}}});
    }
    return {{"rig", rig.name}, {"simulated", simulated}, {"channels", out}};
}

} // namespace fobrig
