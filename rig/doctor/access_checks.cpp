#include "rig/doctor/access_checks.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <grp.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace fobrig {
namespace {

std::string group_name(gid_t gid) {
    const group* entry = ::getgrgid(gid);
    return entry != nullptr ? entry->gr_name : std::to_string(gid);
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::ranges::find(names, name) != names.end();
}

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names) {
        text += (text.empty() ? "" : " ") + name;
    }
    return text;
}

// How `user` gets into `group`: a new login when the database has it already, else usermod.
std::string join_group_fix(const UserFacts& user, const std::string& group) {
    if (contains(user.login_groups, group)) {
        return "you were added to group " + group +
               " after this login: log out and in again (or run `newgrp " + group + "`)";
    }
    return "sudo usermod -aG " + group + " " + user.name + ", then log out and in again";
}

} // namespace

FileFacts file_facts(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        return {.error = errno};
    }
    const passwd* owner = ::getpwuid(info.st_uid);
    FileFacts facts{.uid = info.st_uid,
                    .gid = info.st_gid,
                    .owner = owner != nullptr ? owner->pw_name : std::to_string(info.st_uid),
                    .group = group_name(info.st_gid),
                    .mode = static_cast<mode_t>(info.st_mode & 0777)};
    facts.type = S_ISSOCK(info.st_mode)  ? std::filesystem::file_type::socket
                 : S_ISDIR(info.st_mode) ? std::filesystem::file_type::directory
                 : S_ISCHR(info.st_mode) ? std::filesystem::file_type::character
                 : S_ISREG(info.st_mode) ? std::filesystem::file_type::regular
                                         : std::filesystem::file_type::unknown;
    return facts;
}

std::string permissions_text(const FileFacts& file) {
    std::string bits;
    for (int shift = 6; shift >= 0; shift -= 3) {
        const mode_t part = file.mode >> shift;
        bits += (part & 4) != 0 ? 'r' : '-';
        bits += (part & 2) != 0 ? 'w' : '-';
        bits += (part & 1) != 0 ? 'x' : '-';
    }
    return file.owner + ":" + file.group + " " + bits;
}

UserFacts this_user() {
    UserFacts user{.uid = ::getuid()};
    const passwd* entry = ::getpwuid(user.uid);
    user.name = entry != nullptr ? entry->pw_name : std::to_string(user.uid);
    user.gids.push_back(::getgid());
    std::vector<gid_t> more(static_cast<std::size_t>(std::max(::getgroups(0, nullptr), 0)));
    more.resize(static_cast<std::size_t>(
        std::max(::getgroups(static_cast<int>(more.size()), more.data()), 0)));
    for (const gid_t gid : more) {
        if (std::ranges::find(user.gids, gid) == user.gids.end()) {
            user.gids.push_back(gid);
        }
    }
    for (const gid_t gid : user.gids) {
        user.groups.push_back(group_name(gid));
    }
    if (entry != nullptr) {
        int count = 64;
        std::vector<gid_t> login(static_cast<std::size_t>(count));
        if (::getgrouplist(entry->pw_name, entry->pw_gid, login.data(), &count) < 0) {
            login.resize(static_cast<std::size_t>(count));
            ::getgrouplist(entry->pw_name, entry->pw_gid, login.data(), &count);
        }
        login.resize(static_cast<std::size_t>(count));
        for (const gid_t gid : login) {
            user.login_groups.push_back(group_name(gid));
        }
    }
    return user;
}

bool may(const FileFacts& file, const UserFacts& user, mode_t want) {
    if (user.uid == 0) {
        return true;
    }
    mode_t granted = file.mode & 07;
    if (user.uid == file.uid) {
        granted = (file.mode >> 6) & 07;
    } else if (std::ranges::find(user.gids, file.gid) != user.gids.end()) {
        granted = (file.mode >> 3) & 07;
    }
    return (granted & want) == want;
}

DoctorCheck groups_check(const UserFacts& user, const std::string& socket_group) {
    const std::string found = user.name + ", in groups " + joined(user.groups);
    if (user.uid == 0 || socket_group.empty() || contains(user.groups, socket_group)) {
        return {.check = "groups", .found = found};
    }
    return {.check = "groups",
            .status = CheckStatus::warning,
            .found = found + ": not in " + socket_group +
                     ", the group that may use fobrigd's socket, so fobrig commands through "
                     "fobrigd need sudo",
            .fix = join_group_fix(user, socket_group)};
}

DoctorCheck socket_check(const std::filesystem::path& socket, const FileFacts& facts,
                         int connect_error, const UserFacts& user) {
    const std::string path = socket.string();
    if (connect_error == 0) {
        return {.check = "socket",
                .found = "fobrigd answers at " + path + " (" + permissions_text(facts) + "); " +
                         user.name + " may connect"};
    }
    if (facts.error == 0 && facts.type != std::filesystem::file_type::socket) {
        return {.check = "socket",
                .status = CheckStatus::error,
                .found = path + " is not a socket: fobrigd cannot listen there",
                .fix = "move it away, or set `socket` in the config to another path"};
    }
    if (connect_error == EACCES || connect_error == EPERM) {
        const std::string where = facts.error == 0
                                      ? path + " is " + permissions_text(facts)
                                      : "the folder of " + path + " cannot be searched";
        const std::string group = facts.error == 0 ? facts.group : "fobrig";
        return {.check = "socket",
                .status = CheckStatus::error,
                .found = where + ": " + user.name + " may not connect to fobrigd",
                .fix = contains(user.groups, group)
                           ? "set socket_group = \"" + group +
                                 "\" in the config and sudo systemctl restart fobrigd"
                           : join_group_fix(user, group)};
    }
    if (connect_error == ENOENT || connect_error == ECONNREFUSED) {
        return {.check = "socket",
                .status = CheckStatus::warning,
                .found = (connect_error == ENOENT ? "no socket at " + path
                                                  : path + " exists but nothing listens") +
                         ": fobrigd is not running (or listens elsewhere: `socket` in its config)",
                .fix = "sudo systemctl start fobrigd; journalctl -u fobrigd says why it stopped"};
    }
    return {.check = "socket",
            .status = CheckStatus::warning,
            .found = "cannot connect to " + path + ": " + std::strerror(connect_error),
            .fix = "sudo systemctl status fobrigd"};
}

int try_connect(const std::filesystem::path& socket) {
    sockaddr_un address{.sun_family = AF_UNIX, .sun_path = {}};
    const std::string path = socket.string();
    if (path.size() >= sizeof(address.sun_path)) {
        return ENAMETOOLONG;
    }
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return errno;
    }
    const int result =
        ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0 ? 0
                                                                                         : errno;
    ::close(fd);
    return result;
}

} // namespace fobrig
