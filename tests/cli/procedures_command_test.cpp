// `fobrig procedures` as a person or a script runs it: the installed procedures with the cars
// they are for, as a table or as exactly one JSON document; a broken file named at its line.
#include "tests/support/scratch_folder.hpp"
#include "tests/support/shell_command.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

namespace fobrig {
namespace {

using testing::captured;
using ::testing::HasSubstr;
using testing::Outcome;
using testing::ScratchFolder;

const std::filesystem::path shipped = FOBRIG_CONFIG_DIR "/procedures";

// fobrig ARGUMENTS; stdout alone (what a script parses), or with stderr.
Outcome fobrig(const std::string& arguments, bool with_stderr = false) {
    return captured(std::string(FOBRIG_BINARY) + " " + arguments +
                    (with_stderr ? " 2>&1" : " 2>/dev/null"));
}

std::string quoted(const std::filesystem::path& path) {
    return "'" + path.string() + "'";
}

const nlohmann::json& listed(const nlohmann::json& document, const std::string& id) {
    for (const nlohmann::json& procedure : document.at("procedures")) {
        if (procedure.at("id") == id) {
            return procedure;
        }
    }
    throw std::logic_error("no procedure " + id + " in " + document.dump());
}

void write(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path) << text;
}

std::string shipped_mini() {
    std::ifstream file(shipped / "mini-r50-2004.toml");
    return {std::istreambuf_iterator<char>(file), {}};
}

TEST(ProceduresCommand, JsonIsOneDocumentListingEveryShippedProcedureWithItsCars) {
    const Outcome out = fobrig("procedures --json --dir " + quoted(shipped));
    ASSERT_EQ(out.status, 0) << out.output;
    // parse() refuses anything after the document.
    const nlohmann::json document = nlohmann::json::parse(out.output);
    std::set<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(shipped)) {
        files.insert(entry.path().stem().string());
    }
    std::set<std::string> ids;
    for (const nlohmann::json& procedure : document.at("procedures")) {
        ids.insert(procedure.at("id").get<std::string>());
    }
    EXPECT_EQ(ids, files);
    const nlohmann::json& mini = listed(document, "mini-r50-2004");
    EXPECT_EQ(mini.at("make"), "BMW Mini");
    EXPECT_EQ(mini.at("models"), nlohmann::json({"One", "Cooper", "Cooper S", "One D"}));
    EXPECT_EQ(mini.at("years"), nlohmann::json({2004, 2006}));
    EXPECT_EQ(mini.at("key_types"), nlohmann::json({"three-button"}));
    EXPECT_EQ(mini.at("max_keys"), 4);
    EXPECT_EQ(mini.at("key_table"), "erase-all"); // the Mini says nothing: the default
    EXPECT_EQ(document.at("invalid"), nlohmann::json::array());
}

TEST(ProceduresCommand, TheTableHasARowPerProcedureUnderItsHeader) {
    const Outcome out = fobrig("procedures --dir " + quoted(shipped));
    ASSERT_EQ(out.status, 0) << out.output;
    EXPECT_THAT(out.output, ::testing::ContainsRegex("\nid +make +models +years"));
    EXPECT_THAT(out.output, ::testing::ContainsRegex(
                                "mini-r50-2004 +BMW Mini +One, Cooper, Cooper S, One D +2004-2006 "
                                "+three-button +4 +erase-all\n"));
}

// A Honda-like car keeps the newest three codes: the listing says so, in both forms.
TEST(ProceduresCommand, TheKeyTablePolicyIsListed) {
    const ScratchFolder folder;
    std::string stacking = shipped_mini();
    stacking.replace(stacking.find("id = \"mini-r50-2004\""), 20, "id = \"stacking-car\"");
    stacking.replace(stacking.find("max_keys = 4"), 12, "max_keys = 3");
    stacking.replace(stacking.find("key_table = \"erase-all\""), 23, "key_table = \"stacking\"");
    write(folder.path / "stacking-car.toml", stacking);

    const Outcome text = fobrig("procedures --dir " + quoted(folder.path));
    ASSERT_EQ(text.status, 0) << text.output;
    EXPECT_THAT(text.output, HasSubstr("key table"));
    EXPECT_THAT(text.output, ::testing::ContainsRegex("stacking-car .* 3 +stacking\n"));
    const Outcome json = fobrig("procedures --json --dir " + quoted(folder.path));
    ASSERT_EQ(json.status, 0) << json.output;
    const nlohmann::json document = nlohmann::json::parse(json.output);
    const nlohmann::json& listed_car = listed(document, "stacking-car");
    EXPECT_EQ(listed_car.at("key_table"), "stacking");
    EXPECT_EQ(listed_car.at("max_keys"), 3);
}

TEST(ProceduresCommand, ABrokenFileIsNamedAtItsLineAndTheOthersAreStillListed) {
    const ScratchFolder folder;
    std::string other = shipped_mini();
    other.replace(other.find("id = \"mini-r50-2004\""), 20, "id = \"mini-copy\"");
    write(folder.path / "mini-copy.toml", other);
    std::string broken = shipped_mini();
    const auto name_at = broken.find("name = \"BMW Mini");
    broken.replace(name_at, broken.find('\n', name_at) - name_at, "name = 3");
    const auto line =
        std::to_string(std::count(broken.begin(), broken.begin() + name_at, '\n') + 1);
    write(folder.path / "broken.toml", broken);
    write(folder.path / "notes.txt", "not a procedure");

    const Outcome text = fobrig("procedures --dir " + quoted(folder.path), true);
    EXPECT_EQ(text.status, 2) << text.output;
    EXPECT_THAT(text.output, HasSubstr((folder.path / "broken.toml").string() + ":" + line +
                                       ":8: error: 'name' in [procedure] must be a string"));
    EXPECT_THAT(text.output, HasSubstr("mini-copy "));

    const Outcome json = fobrig("--json procedures --dir " + quoted(folder.path));
    EXPECT_EQ(json.status, 2);
    const nlohmann::json document = nlohmann::json::parse(json.output);
    ASSERT_EQ(document.at("procedures").size(), 1u);
    EXPECT_EQ(document.at("procedures")[0].at("id"), "mini-copy");
    ASSERT_EQ(document.at("invalid").size(), 1u);
    EXPECT_EQ(document.at("invalid")[0].at("file"), (folder.path / "broken.toml").string());
    ASSERT_EQ(document.at("invalid")[0].at("errors").size(), 1u);
    EXPECT_EQ(document.at("invalid")[0].at("errors")[0].at("line"), std::stoi(line));
}

TEST(ProceduresCommand, ListsTheFolderFobrigdsConfigNames) {
    const ScratchFolder folder;
    std::filesystem::create_directories(folder.path / "mine");
    std::string other = shipped_mini();
    other.replace(other.find("id = \"mini-r50-2004\""), 20, "id = \"workshop-mini\"");
    write(folder.path / "mine" / "workshop-mini.toml", other);
    write(folder.path / "fobrig.toml",
          "[daemon]\nprocedures = \"" + (folder.path / "mine").string() + "\"\n");

    const Outcome out = fobrig("procedures --json --config " + quoted(folder.path / "fobrig.toml"));
    ASSERT_EQ(out.status, 0) << out.output;
    const nlohmann::json document = nlohmann::json::parse(out.output);
    EXPECT_EQ(document.at("folder"), (folder.path / "mine").string());
    ASSERT_EQ(document.at("procedures").size(), 1u);
    EXPECT_EQ(document.at("procedures")[0].at("id"), "workshop-mini");

    // A config that names no folder: the shipped one, as fobrigd would use.
    write(folder.path / "plain.toml", "[daemon]\nrig = \"sim-2\"\n");
    const Outcome plain =
        fobrig("procedures --json --config " + quoted(folder.path / "plain.toml"));
    ASSERT_EQ(plain.status, 0) << plain.output;
    EXPECT_NO_THROW(listed(nlohmann::json::parse(plain.output), "mini-r50-2004"));
}

TEST(ProceduresCommand, AnEmptyFolderSaysSo) {
    const ScratchFolder folder;
    const Outcome out = fobrig("procedures --dir " + quoted(folder.path));
    EXPECT_EQ(out.status, 0);
    EXPECT_EQ(out.output, "procedures in " + folder.path.string() + ":\nnone\n");
}

} // namespace
} // namespace fobrig
