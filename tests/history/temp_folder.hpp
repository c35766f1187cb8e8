// A fresh folder under the system's temporary directory for each test, removed afterwards.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>
#include <unistd.h>

namespace fobrig::test {

class TempFolderTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device random;
        folder_ =
            std::filesystem::temp_directory_path() /
            ("fobrig-history-test-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
        std::filesystem::create_directories(folder_);
    }
    void TearDown() override {
        // A test may have taken write permission away; give it back so the folder can go.
        std::filesystem::permissions(folder_, std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::add);
        std::filesystem::remove_all(folder_);
    }

    std::filesystem::path folder_;
};

} // namespace fobrig::test
