// Repetition in a procedure: a block of steps repeated once for each fob of the session or a
// fixed number of times, and actions repeated inside a sequence. The loader lays them out into
// plain steps and actions before any check, so that the checks, the schedule and the run see
// only what is played.
//
// Repetition k of a block has its steps' ids suffixed "#k" ("code#2") and its titles "(fob k)"
// or "(k of N)"; windows between two steps of the block are judged in each repetition, and the
// block's gap is a window from an event of repetition k to one of repetition k + 1. A block for
// each fob is laid out for the car's max_keys fobs; a session of fewer fobs plays only the
// repetitions it has fobs for (Step::fob).
//
// Repeated actions (ButtonAction::repeat) are the actions side by side that carry one: the
// whole run of them is played `times` times, `every` apart, and the actions after it move later
// by the added repetitions. The last repetition keeps the actions' names, so that windows and
// answers naming them count from the last press; the earlier ones are "press#1", "press#2"...
#pragma once

#include "rig/core/procedure.hpp"
#include "rig/core/procedure_check.hpp"

#include <optional>
#include <string>
#include <vector>

namespace fobrig {

// The most repetitions of a block or of actions.
inline constexpr int max_repetitions = 20;

struct StepBlock {
    std::vector<std::string> steps; // ids of steps standing one after another, in that order
    bool per_fob = false;           // once for each fob; else `times` times
    int times = 0;
    // From an event of one repetition to one of the next (from = "off", to = "on").
    std::optional<Window> gap;
    SourcePos pos;
};

// Lays out `blocks` and every repeated action in `procedure`. Problems in the blocks leave the
// steps as they are; the problems say what is wrong, at the block or the action.
std::vector<Problem> lay_out_repetitions(Procedure& procedure,
                                         const std::vector<StepBlock>& blocks);

// Drops what a repetition says again of a line of the file that `laid_out` plays several times:
// the same problem but for its numbers (the repetition's step ids, its shifted times). The
// first is kept.
void drop_repeated_problems(const Procedure& laid_out, std::vector<Problem>& problems);

} // namespace fobrig
