// What a client may make the daemon do, read or hold: procedures by id or by text (never a
// path), files of bounded size, bounded nesting, pages, unsent bytes and clients.
#include "rig/history/run_history.hpp"
#include "rig/history/sqlite_database.hpp"
#include "tests/daemon/daemon_fixture.hpp"

#include <gmock/gmock.h>

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace fobrig {
namespace {

using testing::DaemonOnThread;
using testing::DaemonProcess;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::ScratchFolder;
using testing::wait_for_event;
using json = nlohmann::json;
using namespace std::chrono_literals;

std::string file_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The resident memory of a process, from /proc, in bytes.
std::size_t resident_bytes(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("VmRSS:", 0) == 0) {
            return std::stoull(line.substr(6)) * 1024;
        }
    }
    ADD_FAILURE() << "no VmRSS for process " << pid;
    return 0;
}

TEST(ClientLimits, AProcedureIsNeverAPathTheDaemonOpens) {
    DaemonOnThread daemon;
    DaemonConnection client(daemon.socket());
    for (const char* path : {"/etc/shadow", "../../../../etc/passwd", "/etc/passwd",
                             "../procedures/mini-r50-2004", ".hidden"}) {
        const json answer = client.call({{"request", "program"}, {"procedure", path}});
        EXPECT_FALSE(answer["ok"]) << path;
        EXPECT_EQ(answer["error"], "bad-field") << path;
        EXPECT_EQ(answer["field"], "procedure") << path;
        EXPECT_THAT(answer["message"].get<std::string>(), HasSubstr("not a procedure id"));
        // Nothing of the file: no line, no column, no TOML syntax.
        EXPECT_THAT(answer["message"].get<std::string>(), Not(HasSubstr("TOML")));
    }
    const json batch = client.call(
        {{"request", "batch"}, {"procedure", "/etc/shadow"}, {"keep", {1}}, {"spares", {2}}});
    EXPECT_EQ(batch["error"], "bad-field");
    EXPECT_EQ(batch["field"], "procedure");
}

TEST(ClientLimits, AProcedureSentAsTextRunsAndItsErrorsNameTheClientsFile) {
    DaemonOnThread daemon;
    DaemonConnection client(daemon.socket());
    client.call({{"request", "subscribe"}});
    const json started = client.call(
        {{"request", "program"},
         {"procedure_text", file_text(FOBRIG_CONFIG_DIR "/procedures/mini-r50-2004.toml")},
         {"procedure_file", "my-copy.toml"},
         {"slots", {1}}});
    ASSERT_TRUE(started["ok"]) << started.dump();
    EXPECT_EQ(wait_for_event(client, "verdict")["outcome"], "passed");

    const json broken = client.call(
        {{"request", "program"},
         {"procedure_text", file_text(FOBRIG_TEST_DATA "/procedures/broken-missing-field.toml")},
         {"procedure_file", "mine.toml"}});
    EXPECT_EQ(broken["error"], "invalid-procedure");
    EXPECT_EQ(broken["field"], "procedure_text");
    EXPECT_THAT(broken["message"].get<std::string>(),
                ::testing::ContainsRegex("mine\\.toml:[0-9]+:[0-9]+: error: "));

    const json huge =
        client.call({{"request", "program"}, {"procedure_text", std::string(40 * 1024, '#')}});
    EXPECT_EQ(huge["error"], "bad-field");
    EXPECT_EQ(huge["field"], "procedure_text");
    const json both = client.call(
        {{"request", "program"}, {"procedure", "mini-r50-2004"}, {"procedure_text", "id = 'x'"}});
    EXPECT_EQ(both["error"], "bad-field");
}

TEST(ClientLimits, ATwoGibibyteSparseRigIsRefusedAtOnceNotRead) {
    DaemonOnThread daemon;
    const auto sparse = daemon.state().parent_path() / "huge-rig.toml";
    std::ofstream{sparse}.close();
    std::filesystem::resize_file(sparse, 2ull << 30); // sparse: no block is written
    std::ofstream(daemon.config_file()) << "[daemon]\nrig = \"" << sparse.string() << "\"\n";
    DaemonConnection client(daemon.socket());
    const auto before = std::chrono::steady_clock::now();
    const json reload = client.call({{"request", "reload"}});
    EXPECT_LT(std::chrono::steady_clock::now() - before, 2s);
    EXPECT_EQ(reload["error"], "invalid-config");
    EXPECT_THAT(reload["message"].get<std::string>(), HasSubstr("2147483648 bytes; at most"));
    EXPECT_TRUE(client.call({{"request", "status"}})["ok"]);
}

TEST(ClientLimits, TenThousandLevelsOfNestingAreRefusedAndTheClientGoesOn) {
    DaemonOnThread daemon;
    DaemonConnection client(daemon.socket());
    for (const auto& [opening, closing] : {std::pair{'[', ']'}, std::pair{'{', '}'}}) {
        std::string deep = R"({"request": "status", "x": )";
        for (int i = 0; i < 10000; ++i) {
            deep += opening;
            if (opening == '{' && i < 9999) {
                deep += "\"a\":";
            }
        }
        deep += std::string(10000, closing) + "}\n";
        ASSERT_LT(deep.size(), protocol::max_line);
        client.send_raw(deep);
        const auto answer = client.receive(5s);
        ASSERT_TRUE(answer);
        EXPECT_EQ((*answer)["error"], "too-deep");
    }
    // Brackets inside a string are text, not nesting.
    EXPECT_TRUE(client.call({{"request", "status"}, {"note", std::string(100, '[')}})["ok"]);
    EXPECT_TRUE(client.call({{"request", "status"}})["ok"]);
}

TEST(ClientLimits, RunsPagesAreCapped) {
    DaemonOnThread daemon;
    DaemonConnection client(daemon.socket());
    const json answer = client.call({{"request", "runs"}, {"limit", 10000}});
    EXPECT_EQ(answer["error"], "bad-field");
    EXPECT_EQ(answer["field"], "limit");
    EXPECT_THAT(answer["message"].get<std::string>(), HasSubstr("from 1 to 200"));
    EXPECT_TRUE(client.call({{"request", "runs"}, {"limit", 200}})["ok"]);
}

// 2,000 runs in the history, 400 pipelined pages of 200 of them that the client does not read
// yet (about 50 MB of answers): the daemon reads no further requests from it until it has
// taken its answers, and grows by little; the client then gets every answer.
TEST(ClientLimits, PipelinedRequestsOfAClientThatDoesNotReadDoNotGrowTheDaemon) {
    ScratchFolder folder;
    {
        RunHistory history(folder.path / "state");
        SqliteDatabase(folder.path / "state" / "history.sqlite3")
            .execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                     "WHERE i < 2000) INSERT INTO runs (id, started_utc, procedure_id, rig_name, "
                     "mode, status, reason) SELECT 'run-' || i, '2026-01-01T00:00:00Z', "
                     "'mini-r50-2004', 'sim-8', 'program', 'failed', printf('%.400c', 'x') "
                     "FROM n");
    }
    DaemonProcess daemon(folder);
    DaemonConnection bystander(daemon.socket());
    ASSERT_TRUE(bystander.call({{"request", "runs"}, {"limit", 200}})["ok"]);
    const std::size_t before = resident_bytes(daemon.pid());

    DaemonConnection greedy(daemon.socket());
    constexpr int requests = 400;
    std::string pipelined;
    for (int i = 0; i < requests; ++i) {
        pipelined +=
            R"({"request": "runs", "limit": 200, "offset": )" + std::to_string(i % 10) + "}\n";
    }
    greedy.send_raw(pipelined);
    std::this_thread::sleep_for(1s);
    EXPECT_TRUE(bystander.call({{"request", "status"}})["ok"]);
    const std::size_t after = resident_bytes(daemon.pid());
    EXPECT_LT(after, before + 16 * 1024 * 1024)
        << "RSS " << before / 1024 << " KiB before, " << after / 1024 << " KiB after";

    // Every answer comes once the client reads: counted as lines, not parsed.
    int lines = 0;
    std::size_t bytes = 0;
    char chunk[65536];
    while (lines < requests) {
        pollfd ready{.fd = greedy.fd(), .events = POLLIN, .revents = 0};
        ASSERT_GT(::poll(&ready, 1, 10000), 0) << "answers stopped after " << lines;
        const ssize_t got = ::recv(greedy.fd(), chunk, sizeof chunk, 0);
        ASSERT_GT(got, 0);
        bytes += static_cast<std::size_t>(got);
        lines += static_cast<int>(std::count(chunk, chunk + got, '\n'));
    }
    EXPECT_EQ(lines, requests);
    EXPECT_GT(bytes, std::size_t{40} * 1024 * 1024) << "the answers were meant to be large";
}

// A run sends its subscribers about 13 KB of events: a subscriber that never reads passes the
// 256 KiB cap (and the socket's own buffer) within 90 runs and is dropped, while one that reads
// stays. (A cap of 10,000 messages, as before, let it hold 1.8 MB.)
TEST(ClientLimits, ASubscriberThatNeverReadsIsDroppedByBytes) {
    DaemonOnThread daemon;
    DaemonConnection silent(daemon.socket());
    silent.send_raw(R"({"request": "subscribe"})"
                    "\n");
    DaemonConnection client(daemon.socket());
    client.call({{"request", "subscribe"}});
    for (int run = 0; run < 90; ++run) {
        ASSERT_TRUE(client.call(
            {{"request", "program"}, {"procedure", "mini-r50-2004"}, {"slots", {1}}})["ok"]);
        ASSERT_EQ(wait_for_event(client, "verdict")["outcome"], "passed");
    }
    std::size_t bytes = 0;
    char chunk[65536];
    for (;;) {
        pollfd ready{.fd = silent.fd(), .events = POLLIN, .revents = 0};
        ASSERT_GT(::poll(&ready, 1, 5000), 0) << "neither data nor the end after " << bytes;
        const ssize_t got = ::recv(silent.fd(), chunk, sizeof chunk, 0);
        if (got <= 0) {
            break; // dropped
        }
        bytes += static_cast<std::size_t>(got);
    }
    EXPECT_LT(bytes, std::size_t{2} * 1024 * 1024);
    EXPECT_TRUE(client.call({{"request", "status"}})["ok"]);
}

TEST(ClientLimits, ClientsBeyondTheCapAreToldSoAndOthersAreServed) {
    DaemonOnThread daemon;
    std::vector<std::unique_ptr<DaemonConnection>> clients;
    for (std::size_t i = 0; i < ControlServer::max_clients; ++i) {
        clients.push_back(std::make_unique<DaemonConnection>(daemon.socket()));
    }
    ASSERT_TRUE(clients.back()->call({{"request", "status"}})["ok"]);
    DaemonConnection extra(daemon.socket());
    const auto refusal = extra.receive(5s);
    ASSERT_TRUE(refusal);
    EXPECT_EQ((*refusal)["error"], "too-many-clients");
    EXPECT_THROW(extra.receive(5s), DaemonUnreachable);

    clients.pop_back();
    // Served once the daemon has seen the other one leave.
    for (int tries = 0;; ++tries) {
        DaemonConnection next(daemon.socket());
        const json answer = [&] {
            try {
                return next.call({{"request", "status"}}, 2s);
            } catch (const DaemonUnreachable&) {
                return json();
            }
        }();
        if (answer.is_object() && answer.value("ok", false)) {
            break;
        }
        ASSERT_LT(tries, 20) << "no room made for a new client: " << answer;
        std::this_thread::sleep_for(100ms);
    }
}

TEST(ClientLimits, ASocketPathThatIsAnOrdinaryFileIsRefusedAndKept) {
    ScratchFolder folder;
    auto options = testing::options_for(folder, true);
    std::ofstream(*options.socket) << "precious\n";
    boost::asio::io_context io;
    try {
        Daemon daemon(io, options);
        FAIL() << "the daemon started on a file that is not a socket";
    } catch (const std::system_error& error) {
        EXPECT_THAT(error.what(), HasSubstr("is not a socket"));
    }
    EXPECT_EQ(file_text(*options.socket), "precious\n");
}

// A drain of the run's events already queued when reload destroys the run controller must not
// touch it (it did: a heap-use-after-free under ASan within 2 s of this loop).
TEST(ClientLimits, ProgramThenReloadOverAndOverTouchesNothingFreed) {
    DaemonOnThread daemon;
    DaemonConnection client(daemon.socket());
    client.call({{"request", "subscribe"}});
    const auto until = std::chrono::steady_clock::now() + 2s;
    int reloads = 0;
    while (std::chrono::steady_clock::now() < until) {
        ASSERT_TRUE(client.call(
            {{"request", "program"}, {"procedure", "mini-r50-2004"}, {"slots", {1}}})["ok"]);
        // At once (refused while the run goes), then once its verdict is out.
        client.call({{"request", "reload"}});
        wait_for_event(client, "verdict");
        ASSERT_TRUE(client.call({{"request", "reload"}})["ok"]);
        ++reloads;
    }
    EXPECT_GT(reloads, 1);
    EXPECT_TRUE(client.call({{"request", "status"}})["ok"]);
}

} // namespace
} // namespace fobrig
