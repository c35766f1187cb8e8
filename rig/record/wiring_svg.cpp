#include "rig/record/wiring_svg.hpp"

#include "rig/record/pin_map.hpp"
#include "rig/record/xml_text.hpp"

namespace fobrig {
namespace {

constexpr int row_height = 46;
constexpr int top = 56;
constexpr int width = 1060;

std::string text_at(int x, int y, const std::string& text, const char* style = "") {
    return "  <text x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\"" + style + ">" +
           xml_escape(text) + "</text>\n";
}

// Outputs blue, sense inputs green, power red, ground black: as the wires are usually coloured.
const char* colour(const PinRow& row) {
    if (row.role == "power") {
        return "#c0392b";
    }
    if (row.role == "ground") {
        return "#222222";
    }
    return row.role.ends_with(" sense") ? "#1e8449" : "#1f4e9c";
}

} // namespace

std::string wiring_svg(const Rig& rig) {
    const auto rows = pin_rows(rig);
    const int height = top + static_cast<int>(rows.size()) * row_height + 16;
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) +
                      "\" height=\"" + std::to_string(height) +
                      "\" font-family=\"sans-serif\" font-size=\"13\">\n"
                      "  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    svg += text_at(16, 28, "rig " + rig.name + ": wiring (generated from its rig file)",
                   " font-size=\"17\" font-weight=\"bold\"");
    svg += text_at(16, 46, "header pin, signal, role", " fill=\"#555555\"");
    svg += text_at(330, 46, "wired to / its other side", " fill=\"#555555\"");
    int y = top;
    for (const PinRow& row : rows) {
        const std::string pin = row.header_pin ? "pin " + std::to_string(*row.header_pin) : "-";
        svg += "  <rect x=\"16\" y=\"" + std::to_string(y) +
               "\" width=\"270\" height=\"36\" rx=\"4\" fill=\"#f4f4f4\" stroke=\"" + colour(row) +
               "\" stroke-width=\"2\"/>\n";
        svg +=
            text_at(26, y + 23, pin + "  " + row.signal + "  " + row.role, " font-weight=\"bold\"");
        svg += "  <line x1=\"286\" y1=\"" + std::to_string(y + 18) + "\" x2=\"322\" y2=\"" +
               std::to_string(y + 18) + "\" stroke=\"" + colour(row) + "\" stroke-width=\"3\"/>\n";
        svg += text_at(330, y + 15, row.part);
        if (row.goes_to != "-") {
            svg += text_at(330, y + 32, "→ " + row.goes_to, " fill=\"#444444\"");
        }
        y += row_height;
    }
    return svg + "</svg>\n";
}

} // namespace fobrig
