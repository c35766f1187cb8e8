// Fixed-width text tables for the terminal: every column as wide as its widest cell.
#pragma once

#include <string>
#include <vector>

namespace fobrig {

enum class Align { left, right };

struct TextColumn {
    std::string header;
    Align align = Align::left;
};

class TextTable {
public:
    // `gap`: spaces between columns.
    explicit TextTable(std::vector<TextColumn> columns, std::size_t gap = 2);

    // One cell per column; a short row is padded with empty cells.
    void add_row(std::vector<std::string> cells);

    // The header, a rule of dashes, then the rows; the gap between columns, no trailing
    // blanks, every line ending in a newline.
    std::string str() const;

private:
    std::vector<TextColumn> columns_;
    std::string gap_;
    std::vector<std::vector<std::string>> rows_;
};

} // namespace fobrig
