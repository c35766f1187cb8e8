// A step's id or an action's name as a commanded edge carries it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace fobrig {

// The characters are kept in place, not on the heap, so that recording an edge on the run's
// thread copies its names without allocating whatever their length. A longer name is refused
// where it is read (check_procedure, a run record), before any run makes one.
class EdgeName {
public:
    static constexpr std::size_t capacity = 63;

    EdgeName() = default;
    // Throws std::length_error when `name` is longer than `capacity`.
    EdgeName(std::string_view name);
    EdgeName(const std::string& name) : EdgeName(std::string_view(name)) {}
    EdgeName(const char* name) : EdgeName(std::string_view(name)) {}

    std::string_view view() const { return {chars_.data(), size_}; }
    operator std::string_view() const { return view(); }
    std::string str() const { return std::string(view()); }
    bool empty() const { return size_ == 0; }

    // One exact overload for each kind of text compared, so that no comparison needs a
    // conversion that another overload (or its reversed form) could also make.
    friend bool operator==(const EdgeName& a, const EdgeName& b) { return a.view() == b.view(); }
    friend bool operator==(const EdgeName& a, std::string_view b) { return a.view() == b; }
    friend bool operator==(const EdgeName& a, const std::string& b) { return a.view() == b; }
    friend bool operator==(const EdgeName& a, const char* b) { return a.view() == b; }
    friend std::string operator+(std::string text, const EdgeName& name) {
        return text.append(name.view());
    }

private:
    std::array<char, capacity> chars_{};
    std::uint8_t size_ = 0;
};

// Whether `name` fits an EdgeName.
inline bool fits_edge_name(std::string_view name) {
    return name.size() <= EdgeName::capacity;
}

} // namespace fobrig
