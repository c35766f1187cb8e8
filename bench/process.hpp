// Child processes for the benchmark: a measuring tool whose output is read, or a load that runs
// until it is stopped.
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace fobrig::bench {

struct ProcessOutput {
    std::string out;
    double cpu_seconds = 0; // user + system, of the child and its children
    int status = 0;         // as waitpid reports it
};

// Whether `program` is an executable on PATH: a tool a guest machine may lack.
bool on_path(const std::string& program);

// Runs `argv` to its end, its standard output captured; throws when it cannot start.
ProcessOutput run_capturing(const std::vector<std::string>& argv);

// A process started in the background and stopped (SIGTERM, then reaped) on destruction.
class BackgroundProcess {
public:
    explicit BackgroundProcess(const std::vector<std::string>& argv);
    ~BackgroundProcess();
    BackgroundProcess(const BackgroundProcess&) = delete;
    BackgroundProcess& operator=(const BackgroundProcess&) = delete;

private:
    pid_t pid_ = -1;
};

} // namespace fobrig::bench
