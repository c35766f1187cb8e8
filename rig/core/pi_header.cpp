#include "rig/core/pi_header.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

namespace fobrig {
namespace {

// {BCM line, header pin}: https://www.raspberrypi.com/documentation/computers/raspberry-pi.html
// ("GPIO and the 40-pin header").
constexpr std::array<std::pair<unsigned, int>, 28> header_lines{{
    {2, 3},   {3, 5},   {4, 7},   {14, 8},  {15, 10}, {17, 11}, {18, 12},
    {27, 13}, {22, 15}, {23, 16}, {24, 18}, {10, 19}, {9, 21},  {25, 22},
    {11, 23}, {8, 24},  {7, 26},  {0, 27},  {1, 28},  {5, 29},  {6, 31},
    {12, 32}, {13, 33}, {19, 35}, {16, 36}, {26, 37}, {20, 38}, {21, 40},
}};

constexpr std::array<std::string_view, 3> header_chip_labels{"pinctrl-bcm2835", "pinctrl-bcm2711",
                                                             "pinctrl-rp1"};

} // namespace

std::optional<int> pi_header_pin(const LineRef& line) {
    if (std::ranges::find(header_chip_labels, line.chip) == header_chip_labels.end()) {
        return std::nullopt;
    }
    const auto found =
        std::ranges::find(header_lines, line.offset, &std::pair<unsigned, int>::first);
    if (found == header_lines.end()) {
        return std::nullopt;
    }
    return found->second;
}

} // namespace fobrig
