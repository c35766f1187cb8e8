// Laying out terminal tables with columns padded to their widest cell.
#include "rig/record/text_table.hpp"

#include <algorithm>
#include <utility>

namespace fobrig {
namespace {

// Characters, not bytes, so that a prompt or reason in UTF-8 keeps the columns aligned.
std::size_t display_width(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

void append_line(std::string& out, const std::vector<std::string>& cells,
                 const std::vector<TextColumn>& columns, const std::vector<std::size_t>& widths,
                 const std::string& gap) {
    std::string line;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i > 0) {
            line += gap;
        }
        const std::string padding(widths[i] - display_width(cells[i]), ' ');
        line += columns[i].align == Align::right ? padding + cells[i] : cells[i] + padding;
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out += line;
    out += '\n';
}

} // namespace

TextTable::TextTable(std::vector<TextColumn> columns, std::size_t gap)
    : columns_(std::move(columns)), gap_(gap, ' ') {}

void TextTable::add_row(std::vector<std::string> cells) {
    cells.resize(columns_.size());
    rows_.push_back(std::move(cells));
}

std::string TextTable::str() const {
    std::vector<std::string> headers;
    std::vector<std::size_t> widths;
    for (const TextColumn& column : columns_) {
        headers.push_back(column.header);
        widths.push_back(display_width(column.header));
    }
    for (const auto& row : rows_) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            widths[i] = std::max(widths[i], display_width(row[i]));
        }
    }
    std::vector<std::string> rule;
    for (const std::size_t width : widths) {
        rule.emplace_back(width, '-');
    }
    std::string out;
    append_line(out, headers, columns_, widths, gap_);
    append_line(out, rule, columns_, widths, gap_);
    for (const auto& row : rows_) {
        append_line(out, row, columns_, widths, gap_);
    }
    return out;
}

} // namespace fobrig
