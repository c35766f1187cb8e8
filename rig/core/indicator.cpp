#include "rig/core/indicator.hpp"

#include "rig/core/text_append.hpp"

namespace fobrig {

void append_unknown_answer(std::string& text, const IndicatorAnswer& answer,
                           const IndicatorFlashes& flashes) {
    append(text, "the indicators flashed ", std::to_string(answer.flashes),
           answer.flashes == 1 ? " time" : " times", ", which is neither lock (",
           std::to_string(flashes.lock_flashes), ") nor unlock (",
           std::to_string(flashes.unlock_flashes), ")");
}

bool indicator_tells(const Procedure& procedure, const Rig& rig, const std::string& role) {
    return (role == "lock" || role == "unlock") && procedure.indicator && !rig.sense_index(role) &&
           rig.sense_index(indicator_role);
}

std::optional<IndicatorAnswer> IndicatorDecoder::flash(Instant at) {
    std::optional<IndicatorAnswer> ended;
    if (first_ && at - last_ > flashes_.flash_gap_max) {
        ended = close();
    }
    if (!first_) {
        first_ = at;
    }
    last_ = at;
    ++count_;
    return ended;
}

// At the gap's end exactly the burst is decided: a flash at that instant has been fed already.
std::optional<IndicatorAnswer> IndicatorDecoder::settle(Instant now) {
    if (first_ && now >= *decided_at()) {
        return close();
    }
    return std::nullopt;
}

std::optional<Instant> IndicatorDecoder::decided_at() const {
    if (!first_) {
        return std::nullopt;
    }
    return last_ + flashes_.flash_gap_max;
}

IndicatorAnswer IndicatorDecoder::close() {
    IndicatorAnswer answer{.at = *first_, .flashes = count_};
    if (count_ == flashes_.lock_flashes) {
        answer.role = "lock";
    } else if (count_ == flashes_.unlock_flashes) {
        answer.role = "unlock";
    }
    first_.reset();
    count_ = 0;
    return answer;
}

} // namespace fobrig
