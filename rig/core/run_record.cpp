#include "rig/core/run_record.hpp"

namespace fobrig {

const char* to_string(RunOutcome outcome) {
    switch (outcome) {
    case RunOutcome::passed:
        return "passed";
    case RunOutcome::failed:
        return "failed";
    case RunOutcome::aborted:
        return "aborted";
    }
    return "unknown";
}

} // namespace fobrig
