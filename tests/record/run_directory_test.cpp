// Tests writing and reading run directories in a temporary folder.
#include "rig/record/run_directory.hpp"

#include "rig/record/run_json.hpp"
#include "sample_run.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <system_error>
#include <unistd.h>

namespace fobrig {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class RunDirectory : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device random;
        runs_ = fs::temp_directory_path() / ("fobrig-record-test-" + std::to_string(::getpid()) +
                                             "-" + std::to_string(random()));
        fs::create_directories(runs_);
    }
    void TearDown() override { fs::remove_all(runs_); }

    fs::path runs_;
};

TEST_F(RunDirectory, WritesRunJsonAndRunVcdAndReadsTheRecordBack) {
    const RunRecord record = test::sample_run();
    const fs::path dir = write_run_directory(record, runs_);
    EXPECT_EQ(dir, runs_ / record.id);
    EXPECT_TRUE(fs::is_regular_file(dir / "run.json"));
    EXPECT_TRUE(fs::is_regular_file(dir / "run.vcd"));
    test::expect_same_record(record, read_run_directory(dir));
}

TEST_F(RunDirectory, LeavesNoTemporaryFilesBehind) {
    const fs::path dir = write_run_directory(test::sample_run(), runs_);
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) {
        ++files;
    }
    EXPECT_EQ(files, 2u);
}

TEST_F(RunDirectory, RefusesADirectoryWithoutRunJsonAsIncomplete) {
    const fs::path dir = write_run_directory(test::sample_run(), runs_);
    fs::remove(dir / "run.json");
    const std::string message = test::error_of<std::system_error>([&] { read_run_directory(dir); });
    EXPECT_THAT(message, HasSubstr("no run.json"));
    EXPECT_THAT(message, HasSubstr(dir.string()));
}

TEST_F(RunDirectory, NamesTheFileAndFieldOfABrokenRunJson) {
    const fs::path dir = write_run_directory(test::sample_run(), runs_);
    nlohmann::json json = to_json(test::sample_run());
    json.erase("outcome");
    std::ofstream(dir / "run.json") << json.dump();
    const std::string message =
        test::error_of<std::runtime_error>([&] { read_run_directory(dir); });
    EXPECT_THAT(message, HasSubstr((dir / "run.json").string()));
    EXPECT_THAT(message, HasSubstr("\"outcome\" is missing"));
    std::ofstream(dir / "run.json") << "{ not json";
    EXPECT_THAT(test::error_of<std::runtime_error>([&] { read_run_directory(dir); }),
                HasSubstr((dir / "run.json").string()));
}

TEST_F(RunDirectory, DoesNotOverwriteACompleteRun) {
    write_run_directory(test::sample_run(), runs_);
    const std::string message =
        test::error_of<std::system_error>([&] { write_run_directory(test::sample_run(), runs_); });
    EXPECT_THAT(message, HasSubstr(test::sample_run().id));
}

TEST_F(RunDirectory, FinishesARunWhoseWriteWasCutShort) {
    RunRecord record = test::sample_run();
    fs::create_directories(runs_ / record.id);
    std::ofstream(runs_ / record.id / "run.vcd") << "half a file";
    test::expect_same_record(record, read_run_directory(write_run_directory(record, runs_)));
}

TEST_F(RunDirectory, RefusesAnIdThatIsNotOneDirectoryName) {
    RunRecord record = test::sample_run();
    for (const std::string id : {"", ".", "..", "../escape", "a/b"}) {
        record.id = id;
        EXPECT_THROW(write_run_directory(record, runs_), std::system_error) << id;
    }
    EXPECT_FALSE(fs::exists(runs_.parent_path() / "escape"));
}

TEST_F(RunDirectory, NamesThePathItCannotWrite) {
    std::ofstream(runs_ / "blocked") << "a file where a directory should be";
    const std::string message = test::error_of<std::system_error>(
        [&] { write_run_directory(test::sample_run(), runs_ / "blocked"); });
    EXPECT_THAT(message, HasSubstr((runs_ / "blocked").string()));
}

} // namespace
} // namespace fobrig
