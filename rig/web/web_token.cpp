#include "rig/web/web_token.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace fobrig {
namespace {

std::string random_hex() {
    std::array<unsigned char, 32> bytes{};
    std::size_t filled = 0;
    while (filled < bytes.size()) {
        const ssize_t got = getrandom(bytes.data() + filled, bytes.size() - filled, 0);
        if (got < 0 && errno != EINTR) {
            throw std::runtime_error(std::string("no random bytes for the web token: ") +
                                     std::strerror(errno));
        }
        filled += got > 0 ? static_cast<std::size_t>(got) : 0;
    }
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    for (const unsigned char byte : bytes) {
        hex += digits[byte >> 4];
        hex += digits[byte & 0xf];
    }
    return hex;
}

bool plausible(const std::string& token) {
    return token.size() == 64 && token.find_first_not_of("0123456789abcdef") == std::string::npos;
}

} // namespace

std::string load_or_make_web_token(const std::filesystem::path& state_dir) {
    const std::filesystem::path file = state_dir / "http-token";
    std::string token;
    if (std::ifstream in(file); in >> token && plausible(token)) {
        std::filesystem::permissions(file, std::filesystem::perms::owner_read |
                                               std::filesystem::perms::owner_write);
        return token;
    }
    std::filesystem::create_directories(state_dir);
    token = random_hex();
    const std::filesystem::path temporary = file.string() + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const std::string text = token + "\n";
    const bool written =
        fd >= 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
        ::fsync(fd) == 0;
    if (fd >= 0) {
        ::close(fd);
    }
    if (!written || std::rename(temporary.c_str(), file.c_str()) != 0) {
        throw std::runtime_error("cannot write the web token to " + file.string() + ": " +
                                 std::strerror(errno));
    }
    return token;
}

bool same_token(std::string_view expected, std::string_view given) {
    if (expected.empty() || expected.size() != given.size()) {
        return false;
    }
    unsigned char difference = 0;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        difference |= static_cast<unsigned char>(expected[i] ^ given[i]);
    }
    return difference == 0;
}

} // namespace fobrig
