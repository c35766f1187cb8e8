// Writing a run directory crash-safely with POSIX calls, and reading it back.
#include "rig/record/run_directory.hpp"

#include "rig/record/run_json.hpp"
#include "rig/record/run_vcd.hpp"

#include <cerrno>
#include <fcntl.h>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <unistd.h>

namespace fobrig {
// Named, not anonymous: RunFiles keeps these descriptors in a member.
namespace run_directory_io {

namespace fs = std::filesystem;

// Takes no argument that allocates, and reads errno first, so that the error reported is the
// one the failed call set.
[[noreturn]] void fail(const char* what, const fs::path& path) {
    const int error = errno;
    throw std::system_error(error, std::generic_category(),
                            std::string(what) + " " + path.string());
}

// An open file descriptor, closed on scope exit; close() reports what the destructor cannot.
class Descriptor {
public:
    Descriptor(const fs::path& path, int flags, mode_t mode = 0)
        : path_(path), fd_(::open(path.c_str(), flags | O_CLOEXEC, mode)) {
        if (fd_ < 0) {
            fail("cannot open", path_);
        }
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    ~Descriptor() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }

    void write_all(std::string_view data) const {
        while (!data.empty()) {
            const ssize_t written = ::write(fd_, data.data(), data.size());
            if (written < 0 && errno == EINTR) {
                continue;
            }
            if (written < 0) {
                fail("cannot write", path_);
            }
            data.remove_prefix(static_cast<std::size_t>(written));
        }
    }

    std::string read_all() const {
        std::string text;
        char buffer[65536];
        for (;;) {
            const ssize_t got = ::read(fd_, buffer, sizeof buffer);
            if (got < 0 && errno == EINTR) {
                continue;
            }
            if (got < 0) {
                fail("cannot read", path_);
            }
            if (got == 0) {
                return text;
            }
            text.append(buffer, static_cast<std::size_t>(got));
        }
    }

    void sync() const {
        if (::fsync(fd_) != 0) {
            fail("cannot fsync", path_);
        }
    }

    // A failed close can be the first report of a failed write, so it must not go unseen.
    void close() {
        const int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0) {
            fail("cannot close", path_);
        }
    }

private:
    fs::path path_;
    int fd_;
};

// The id becomes one directory name, so it must not climb out of runs_dir or into a subfolder.
void check_id(const std::string& id, const fs::path& runs_dir) {
    if (id.empty() || id == "." || id == ".." ||
        id.find_first_of(std::string("/\0", 2)) != std::string::npos) {
        throw std::system_error(std::make_error_code(std::errc::invalid_argument),
                                "run id \"" + id + "\" cannot name a directory in " +
                                    runs_dir.string());
    }
}

} // namespace run_directory_io

using namespace run_directory_io;

std::string reserve_run_directory(const fs::path& runs_dir, const std::string& base,
                                  const std::function<bool(const std::string&)>& taken) {
    fs::create_directories(runs_dir);
    std::string id = base;
    for (int n = 2; (taken && taken(id)) || !fs::create_directory(runs_dir / id); ++n) {
        id = base + "-" + std::to_string(n);
    }
    return id;
}

fs::path write_run_directory(const RunRecord& record, const fs::path& runs_dir) {
    check_id(record.id, runs_dir);
    RunFiles files(runs_dir / record.id);
    files.write(record);
    return runs_dir / record.id;
}

// The directory and both temporaries, opened now so that a run that could not keep its record
// is refused before it drives anything.
struct RunFiles::Open {
    explicit Open(const fs::path& run_dir)
        : dir(run_dir, O_RDONLY | O_DIRECTORY),
          vcd(run_dir / ".run.vcd.tmp", O_WRONLY | O_CREAT | O_TRUNC, 0644),
          json(run_dir / ".run.json.tmp", O_WRONLY | O_CREAT | O_TRUNC, 0644) {}
    Descriptor dir;
    Descriptor vcd;
    Descriptor json;
};

RunFiles::RunFiles(const fs::path& run_dir) : dir_(run_dir) {
    fs::create_directories(dir_);
    if (fs::exists(dir_ / "run.json")) {
        throw std::system_error(std::make_error_code(std::errc::file_exists),
                                "a complete run is already in " + dir_.string());
    }
    try {
        // The run's directory entry is durable before the run starts.
        Descriptor(dir_.parent_path(), O_RDONLY | O_DIRECTORY).sync();
        open_ = std::make_unique<Open>(dir_);
    } catch (...) {
        remove_temporaries();
        throw;
    }
}

RunFiles::~RunFiles() {
    if (open_) {
        open_.reset();
        remove_temporaries();
    }
}

void RunFiles::remove_temporaries() noexcept {
    // Best effort: a stray temporary is never read anyway.
    ::unlink((dir_ / ".run.vcd.tmp").c_str());
    ::unlink((dir_ / ".run.json.tmp").c_str());
}

void RunFiles::write(const RunRecord& record) {
    if (!open_) {
        throw std::logic_error("the files of run " + record.id + " were already written");
    }
    // Serialise first, so that a record that cannot be serialised leaves nothing behind.
    const std::string vcd = to_vcd(record);
    const std::string json = to_json(record).dump(2) + "\n";
    const std::unique_ptr<Open> open = std::move(open_);
    try {
        const auto finish = [&](Descriptor& file, const std::string& name,
                                std::string_view contents) {
            file.write_all(contents);
            file.sync();
            file.close();
            const fs::path temporary = dir_ / ("." + name + ".tmp");
            if (::rename(temporary.c_str(), (dir_ / name).c_str()) != 0) {
                fail("cannot rename its temporary into", dir_ / name);
            }
        };
        finish(open->vcd, "run.vcd", vcd);
        finish(open->json, "run.json", json);
        open->dir.sync();
    } catch (...) {
        remove_temporaries();
        throw;
    }
}

RunRecord read_run_directory(const fs::path& run_dir) {
    const fs::path file = run_dir / "run.json";
    if (!fs::exists(file)) {
        throw std::system_error(ENOENT, std::generic_category(),
                                "no run.json, so not a complete run, in " + run_dir.string());
    }
    const std::string text = Descriptor(file, O_RDONLY).read_all();
    try {
        return run_from_json(nlohmann::json::parse(text));
    } catch (const std::exception& error) {
        throw std::runtime_error(file.string() + ": " + error.what());
    }
}

} // namespace fobrig
