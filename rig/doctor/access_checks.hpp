// Who may use what: this user's groups against the control socket's and the gpiochips'
// owners and modes, and whether fobrigd answers on its socket.
#pragma once

#include "rig/doctor/doctor_check.hpp"

#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace fobrig {

struct FileFacts {
    int error = 0; // stat's errno: ENOENT missing, EACCES hidden by a folder
    std::filesystem::file_type type = std::filesystem::file_type::not_found;
    uid_t uid = 0;
    gid_t gid = 0;
    std::string owner; // user name, or the uid when it has none
    std::string group; // group name, or the gid
    mode_t mode = 0;   // permission bits
};

FileFacts file_facts(const std::filesystem::path& path);

// "root:gpio rw-rw----"
std::string permissions_text(const FileFacts& file);

struct UserFacts {
    uid_t uid = 0;
    std::string name;
    std::vector<gid_t> gids;               // this process's groups, primary first
    std::vector<std::string> groups;       // their names
    std::vector<std::string> login_groups; // the group database's: differs until a new login
};

UserFacts this_user();

// Whether `user` may read (4), write (2) or search (1) `file`, as the kernel decides from its
// owner, group and mode.
bool may(const FileFacts& file, const UserFacts& user, mode_t want);

// This user against the group that may use the control socket (the config's socket_group, or
// the socket file's group): a warning when fobrig commands would need sudo.
DoctorCheck groups_check(const UserFacts& user, const std::string& socket_group);

// The control socket: `connect_error` is connect(2)'s errno (0: it connected). fobrigd not
// running is a warning; a socket this user may not use, or a path that is no socket, an error.
DoctorCheck socket_check(const std::filesystem::path& socket, const FileFacts& facts,
                         int connect_error, const UserFacts& user);

// connect(2) to a Unix socket: 0 or the errno.
int try_connect(const std::filesystem::path& socket);

} // namespace fobrig
