// The room the event queue keeps for its events' texts (a step's title, a prompt, a check's
// reason): one ring of characters made with the queue, written by the run's thread and read by
// the control loop in the order the events go, so that copying a text in allocates nothing
// however long it is. A text is copied whole or not at all (its event is then dropped, as when
// the queue is full): a client never reads a cut text. A text never spans the ring's end, so one
// longer than half the ring may find no room even in an empty ring; a run's texts are a few
// hundred characters (a reason's room is 1 KiB: rig/core/text_append.hpp).
#pragma once

#include "rig/daemon/run_event.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <tuple>

namespace fobrig {

class EventTexts {
public:
    explicit EventTexts(std::size_t capacity);

    // The run's thread: copies `event`'s texts in and points them at the copies; false when
    // there is no room for them all.
    template <class Event> bool copy(Event& event) {
        if constexpr (requires { event.texts(); }) {
            return std::apply([this](auto&... texts) { return (copy(texts) && ...); },
                              event.texts());
        }
        return true;
    }
    // The run's thread: where the next text goes, to hand with the event (its texts end here),
    // or to come back to when the event cannot be queued after all.
    std::uint64_t written() const { return written_; }
    void rewind(std::uint64_t to) { written_ = to; }
    // The control thread: the texts before `end` were read, their room may be written again.
    void read_up_to(std::uint64_t end) { read_.store(end, std::memory_order_release); }

private:
    bool copy(std::string_view& text);

    std::size_t capacity_;
    std::unique_ptr<char[]> room_;
    // Counted from the ring's start, never wrapping: a text's place is its position modulo
    // the capacity, and a text never spans the ring's end.
    std::uint64_t written_ = 0;          // the run's thread only
    std::atomic<std::uint64_t> read_{0}; // set by the control thread
};

} // namespace fobrig
