// The benchmarks' command lines: each option in turn, and the value that follows it.
#pragma once

#include <stdexcept>
#include <string>

namespace fobrig::bench {

class Arguments {
public:
    Arguments(int argc, char** argv) : argc_(argc), argv_(argv) {}

    // Moves to the next option; false after the last.
    bool next() {
        if (++at_ >= argc_) {
            return false;
        }
        option_ = argv_[at_];
        return true;
    }
    const std::string& option() const { return option_; }
    // The argument after the option. Throws std::invalid_argument when there is none.
    std::string value() {
        if (at_ + 1 >= argc_) {
            throw std::invalid_argument(option_ + " needs a value");
        }
        return argv_[++at_];
    }

private:
    int argc_;
    char** argv_;
    int at_ = 0;
    std::string option_;
};

} // namespace fobrig::bench
