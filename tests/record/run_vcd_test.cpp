// Tests that run.vcd parses back with the record's wires, timestamps and levels.
#include "rig/record/run_vcd.hpp"

#include "sample_run.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace fobrig {
namespace {

// What a viewer takes from a VCD file, read by a deliberately small parser that fails the
// test on anything it does not expect.
struct ParsedVcd {
    std::string timescale;
    std::string scope;
    std::map<std::string, std::string> names; // identifier -> reference
    std::map<std::string, char> initial;      // from $dumpvars
    std::vector<std::int64_t> timestamps;
    // (timestamp, identifier, value) in file order
    std::vector<std::tuple<std::int64_t, std::string, char>> changes;
};

// The words up to "$end", which is consumed.
std::string until_end(std::istream& in) {
    std::string text;
    for (std::string word; in >> word && word != "$end";) {
        text += (text.empty() ? "" : " ") + word;
    }
    return text;
}

ParsedVcd parse_vcd(const std::string& text) {
    ParsedVcd vcd;
    std::istringstream in(text);
    bool in_dumpvars = false;
    for (std::string word; in >> word;) {
        if (word == "$timescale") {
            vcd.timescale = until_end(in);
        } else if (word == "$scope") {
            vcd.scope = until_end(in);
        } else if (word == "$var") {
            std::string type, size, id, reference, end;
            in >> type >> size >> id >> reference >> end;
            EXPECT_EQ(type, "wire");
            EXPECT_EQ(size, "1");
            EXPECT_EQ(end, "$end") << reference;
            EXPECT_TRUE(vcd.names.emplace(id, reference).second) << "repeated id " << id;
        } else if (word == "$dumpvars") {
            in_dumpvars = true;
        } else if (word == "$end" && in_dumpvars) {
            in_dumpvars = false;
        } else if (word == "$date" || word == "$version" || word == "$upscope" ||
                   word == "$enddefinitions") {
            until_end(in);
        } else if (word[0] == '#') {
            vcd.timestamps.push_back(std::stoll(word.substr(1)));
        } else {
            EXPECT_TRUE(word[0] == '0' || word[0] == '1') << word;
            const std::string id = word.substr(1);
            EXPECT_TRUE(vcd.names.count(id)) << "undeclared id " << id;
            if (in_dumpvars) {
                vcd.initial[id] = word[0];
            } else {
                EXPECT_FALSE(vcd.timestamps.empty()) << "change before any timestamp";
                vcd.changes.emplace_back(vcd.timestamps.back(), id, word[0]);
            }
        }
    }
    return vcd;
}

std::string id_of(const ParsedVcd& vcd, const std::string& reference) {
    for (const auto& [id, name] : vcd.names) {
        if (name == reference) {
            return id;
        }
    }
    ADD_FAILURE() << "no wire " << reference;
    return "";
}

TEST(RunVcd, DeclaresOneWirePerLineWithPrintableIds) {
    const RunRecord record = test::sample_run();
    const ParsedVcd vcd = parse_vcd(to_vcd(record));
    EXPECT_EQ(vcd.timescale, "1 us");
    EXPECT_EQ(vcd.scope, "module fobrig");
    ASSERT_EQ(vcd.names.size(), record.lines.size());
    for (const RecordedLine& line : record.lines) {
        EXPECT_NE(id_of(vcd, line.name), "");
    }
    for (const auto& [id, name] : vcd.names) {
        for (const char c : id) {
            EXPECT_TRUE(c >= '!' && c <= '~') << id;
        }
        EXPECT_EQ(vcd.initial.at(id), '0') << name;
    }
}

TEST(RunVcd, TimestampsStrictlyIncreaseFromZero) {
    const ParsedVcd vcd = parse_vcd(to_vcd(test::sample_run()));
    ASSERT_FALSE(vcd.timestamps.empty());
    EXPECT_EQ(vcd.timestamps.front(), 0);
    for (std::size_t i = 1; i < vcd.timestamps.size(); ++i) {
        EXPECT_LT(vcd.timestamps[i - 1], vcd.timestamps[i]);
    }
}

TEST(RunVcd, KeepsEveryEdgeAndEndsAtTheRecordsLevels) {
    const RunRecord record = test::sample_run();
    const ParsedVcd vcd = parse_vcd(to_vcd(record));
    EXPECT_EQ(vcd.changes.size(), record.commanded.size() + record.sensed.size());
    std::map<std::string, char> last;
    for (const auto& [at, id, value] : vcd.changes) {
        last[id] = value;
    }
    EXPECT_EQ(last.at(id_of(vcd, "slot1.lock")), '0');
    EXPECT_EQ(last.at(id_of(vcd, "slot2.lock")), '0');
    EXPECT_EQ(last.at(id_of(vcd, "sense.unlock")), '0');
    const auto late_release =
        std::make_tuple(std::int64_t{9'103'200}, id_of(vcd, "slot1.lock"), '0');
    EXPECT_NE(std::find(vcd.changes.begin(), vcd.changes.end(), late_release), vcd.changes.end());
}

TEST(RunVcd, EdgesInOneMicrosecondShareATimestamp) {
    const RunRecord record = test::sample_run();
    const ParsedVcd vcd = parse_vcd(to_vcd(record));
    const std::vector<std::tuple<std::int64_t, std::string, char>> chord = {
        {7'100'000, id_of(vcd, "slot1.lock"), '1'}, {7'100'000, id_of(vcd, "slot1.unlock"), '1'}};
    EXPECT_EQ(std::vector(vcd.changes.begin(), vcd.changes.begin() + 2), chord);
    EXPECT_EQ(std::count(vcd.timestamps.begin(), vcd.timestamps.end(), 7'100'000), 1);
}

TEST(RunVcd, KeepsAGlitchWithinOneMicrosecondInOrder) {
    RunRecord record = test::sample_run();
    record.sensed.push_back({1, 4, true, test::after_t0(20'000'000'100)});
    record.sensed.push_back({1, 4, false, test::after_t0(20'000'000'300)});
    const ParsedVcd vcd = parse_vcd(to_vcd(record));
    const std::string id = id_of(vcd, "sense.unlock");
    const std::vector<std::tuple<std::int64_t, std::string, char>> glitch = {{20'000'000, id, '1'},
                                                                             {20'000'000, id, '0'}};
    EXPECT_EQ(std::vector(vcd.changes.end() - 2, vcd.changes.end()), glitch);
}

TEST(RunVcd, MakesBlanksInLineNamesUnderscores) {
    RunRecord record = test::sample_run();
    record.lines[4].name = "sense unlock";
    const ParsedVcd vcd = parse_vcd(to_vcd(record));
    EXPECT_NE(id_of(vcd, "sense_unlock"), "");
}

TEST(RunVcd, GivesEachOfManyLinesItsOwnId) {
    RunRecord record = test::sample_run();
    for (int i = 0; i < 200; ++i) {
        record.lines.push_back({"extra." + std::to_string(i), false});
    }
    const ParsedVcd vcd = parse_vcd(to_vcd(record));
    EXPECT_EQ(vcd.names.size(), record.lines.size());
}

} // namespace
} // namespace fobrig
