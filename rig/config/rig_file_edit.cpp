// Edits the lines of each [[output]] table that toml++ locates, so that comments, order and
// spacing of the rest of the file survive a calibration.
#include "rig/config/rig_file_edit.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <vector>

namespace fobrig {
namespace {

// The text's lines, each with its own line ending, so that joining them gives the text back.
std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    while (!text.empty()) {
        const std::size_t end = std::min(text.find('\n'), text.size() - 1) + 1;
        lines.emplace_back(text.substr(0, end));
        text.remove_prefix(end);
    }
    return lines;
}

std::string line_ending(const std::string& line) {
    return line.ends_with("\r\n") ? "\r\n" : "\n";
}

std::string us_text(Duration d) {
    return std::to_string(std::chrono::round<microseconds>(d).count());
}

// Replaces the integer that starts at 1-based `column` of `line` with `value`.
void replace_integer(std::string& line, std::size_t column, const std::string& value) {
    const std::size_t begin = column - 1;
    const std::size_t end = line.find_first_not_of("+0123456789_", begin);
    line.replace(begin, (end == std::string::npos ? line.size() : end) - begin, value);
}

} // namespace

std::string with_latencies(std::string_view text, std::span<const LatencyUpdate> updates) {
    const toml::table document = toml::parse(text);
    const toml::array* outputs = document["output"].as_array();
    std::vector<std::string> lines = split_lines(text);
    std::map<std::size_t, std::string> added_after; // 0-based line -> keys to add after it
    for (const LatencyUpdate& update : updates) {
        const toml::table* table = outputs && update.output < outputs->size()
                                       ? outputs->get(update.output)->as_table()
                                       : nullptr;
        if (!table) {
            throw std::runtime_error("the rig file has no [[output]] " +
                                     std::to_string(update.output + 1));
        }
        if (table->is_inline()) {
            throw std::runtime_error("[[output]] " + std::to_string(update.output + 1) +
                                     " is an inline table; write its latencies by hand");
        }
        std::size_t anchor = 0;
        for (const auto& [key, node] : *table) {
            anchor = std::max<std::size_t>(anchor, node.source().begin.line - 1);
        }
        if (const toml::node* kind = table->get("kind")) {
            anchor = kind->source().begin.line - 1;
        }
        for (const auto& [key, value] :
             {std::pair{"operate_latency_us", us_text(update.operate)},
              std::pair{"release_latency_us", us_text(update.release)}}) {
            if (const toml::node* node = table->get(key)) {
                const toml::source_position at = node->source().begin;
                replace_integer(lines.at(at.line - 1), at.column, value);
            } else {
                added_after[anchor] += std::string(key) + " = " + value;
                added_after[anchor] += line_ending(lines.at(anchor));
            }
        }
    }
    std::string result;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        result += lines[i];
        if (const auto added = added_after.find(i); added != added_after.end()) {
            if (!lines[i].ends_with('\n')) {
                result += '\n'; // the table ended the file without a final newline
            }
            result += added->second;
        }
    }
    return result;
}

} // namespace fobrig
