// A scratch folder standing for a machine's root (sys/, dev/, etc/, lib/): the doctor's checks
// read it as they read the real one.
#pragma once

#include "tests/support/scratch_folder.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fobrig::testing {

class FakeTree {
public:
    const std::filesystem::path& root() const { return folder_.path; }

    std::filesystem::path write(const std::string& relative, const std::string& text) {
        const auto path = root() / relative;
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path) << text;
        return path;
    }

    // fobrigd.service where the Debian package puts it, as the repository ships it.
    void install_shipped_unit() {
        std::ifstream unit(FOBRIG_CONFIG_DIR "/../packaging/fobrigd.service.in");
        std::stringstream text;
        text << unit.rdbuf();
        write("lib/systemd/system/fobrigd.service", text.str());
    }

private:
    ScratchFolder folder_;
};

} // namespace fobrig::testing
