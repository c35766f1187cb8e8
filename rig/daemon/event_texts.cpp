#include "rig/daemon/event_texts.hpp"

#include <cstring>

namespace fobrig {

EventTexts::EventTexts(std::size_t capacity)
    : capacity_(capacity), room_(std::make_unique<char[]>(capacity)) {}

bool EventTexts::copy(std::string_view& text) {
    if (text.empty()) {
        text = {};
        return true;
    }
    std::uint64_t at = written_;
    // A text that would run past the ring's end starts again at its beginning instead.
    if (const std::size_t offset = at % capacity_; offset + text.size() > capacity_) {
        at += capacity_ - offset;
    }
    // The control thread has read what it marked read (acquire): that room is free.
    if (at + text.size() - read_.load(std::memory_order_acquire) > capacity_) {
        return false;
    }
    char* copy = room_.get() + at % capacity_;
    std::memcpy(copy, text.data(), text.size());
    text = {copy, text.size()};
    written_ = at + text.size();
    return true;
}

} // namespace fobrig
