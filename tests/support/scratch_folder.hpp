// A fresh folder of the test's own under the temporary folder, removed with everything in it.
#pragma once

#include <filesystem>
#include <random>
#include <string>
#include <unistd.h>

namespace fobrig::testing {

struct ScratchFolder {
    ScratchFolder() {
        std::random_device random;
        path = std::filesystem::temp_directory_path() /
               ("fobrigd-test-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
        std::filesystem::create_directories(path);
    }
    ~ScratchFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    std::filesystem::path path;
};

} // namespace fobrig::testing
