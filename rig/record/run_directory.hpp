// A run's directory on disk, runs/<id>/ with run.vcd and run.json, written so that a crash
// never leaves a file that reads as a complete run.
#pragma once

#include "rig/core/run_record.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace fobrig {

// A new run id, `base` or `base-2`, `base-3`..., whose directory under `runs_dir` this call
// created, atomically, so that two runs started in the same second (two processes sharing
// the folder) never share one. `taken` may veto an id whose directory is free.
std::string reserve_run_directory(const std::filesystem::path& runs_dir, const std::string& base,
                                  const std::function<bool(const std::string&)>& taken = {});

// A run's files, opened before the run drives anything and written once it ends: run.vcd,
// then run.json last, each to a temporary name in the run's directory, fsync'd, renamed into
// place and the directory fsync'd. A directory without run.json is therefore an unfinished
// run. Opening refuses a directory that already holds a run.json; every failure throws
// std::system_error naming the path (EMFILE, ENOSPC...). Temporaries never written are
// removed when the object goes.
class RunFiles {
public:
    explicit RunFiles(const std::filesystem::path& run_dir);
    ~RunFiles();
    RunFiles(const RunFiles&) = delete;
    RunFiles& operator=(const RunFiles&) = delete;

    // Once only.
    void write(const RunRecord& record);
    const std::filesystem::path& dir() const { return dir_; }

private:
    struct Open;
    void remove_temporaries() noexcept;

    std::filesystem::path dir_;
    std::unique_ptr<Open> open_;
};

// Opens and writes runs_dir/<id>/ at once, as RunFiles does. Refuses an id that is not a
// single path component. Returns the run's directory.
std::filesystem::path write_run_directory(const RunRecord& record,
                                          const std::filesystem::path& runs_dir);

// Reads run_dir/run.json back. Throws std::system_error when it is missing or unreadable,
// std::runtime_error naming the file and the field when its content is not a run record.
RunRecord read_run_directory(const std::filesystem::path& run_dir);

} // namespace fobrig
