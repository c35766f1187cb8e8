// The web page over real HTTP and WebSocket connections to fobrigd: its files, its API (the
// control protocol's own requests), its live events, and who may change what.
#include "tests/web/web_client.hpp"

#include <gmock/gmock.h>

#include <fstream>

namespace fobrig {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using namespace testing;

std::string program_two_fobs(const std::filesystem::path& socket) {
    DaemonConnection client(socket);
    client.call({{"request", "subscribe"}});
    const auto started =
        client.call({{"request", "program"}, {"procedure", "mini-r50-2004"}, {"slots", {1, 2}}});
    EXPECT_TRUE(started["ok"]) << started.dump();
    wait_for_event(client, "verdict");
    return started["run"];
}

std::string token_of(const DaemonOnThread& daemon) {
    std::ifstream file(daemon.state() / "http-token");
    std::string token;
    file >> token;
    return token;
}

TEST(WebPage, ServesItsOwnFilesAndNothingElse) {
    DaemonOnThread daemon(with_web());
    const unsigned short port = web_port(daemon.socket());

    const HttpAnswer page = get(port, "/");
    EXPECT_EQ(page.status, 200);
    EXPECT_THAT(page.header("Content-Type"), StartsWith("text/html"));
    EXPECT_THAT(page.body, HasSubstr("<title>fobrig</title>"));
    EXPECT_THAT(page.header("Content-Security-Policy"), HasSubstr("default-src 'self'"));
    EXPECT_EQ(get(port, "/app.js").status, 200);
    EXPECT_EQ(get(port, "/style.css").status, 200);
    for (const char* outside :
         {"/../CMakeLists.txt", "/..%2fCMakeLists.txt", "/%2e%2e/CMakeLists.txt", "/.hidden",
          "//etc/passwd", "/runs/../../etc/passwd", "/runs/..%2f..%2fhistory.sqlite3/run.json",
          "/http-token", "/runs/x/run.exe"}) {
        const HttpAnswer answer = get(port, outside);
        EXPECT_GE(answer.status, 400) << outside;
        EXPECT_THAT(answer.body, ::testing::Not(HasSubstr("project(fobrig"))) << outside;
    }
}

TEST(WebPage, ReadsRunsThroughTheProtocolsRequestsAndDownloadsTheirFiles) {
    DaemonOnThread daemon(with_web());
    const unsigned short port = web_port(daemon.socket());
    const std::string run = program_two_fobs(daemon.socket());

    const HttpAnswer runs = get(port, "/api/runs?limit=5");
    ASSERT_EQ(runs.status, 200) << runs.body;
    EXPECT_EQ(runs.json()["runs"][0]["id"], run);
    const HttpAnswer shown = get(port, "/api/show?run=" + run);
    ASSERT_EQ(shown.status, 200);
    EXPECT_EQ(shown.json()["record"]["outcome"], "passed");
    EXPECT_EQ(get(port, "/api/show?run=no-such-run").status, 404);
    EXPECT_EQ(get(port, "/api/status").json()["busy"], false);

    const HttpAnswer svg = get(port, "/runs/" + run + "/run.svg?download=1");
    ASSERT_EQ(svg.status, 200);
    EXPECT_EQ(svg.header("Content-Type"), "image/svg+xml");
    EXPECT_THAT(svg.header("Content-Disposition"), HasSubstr(run + ".svg"));
    EXPECT_THAT(svg.body, HasSubstr("3 presses within 10 s of hold"));
    for (const char* format : {"json", "csv", "vcd", "html"}) {
        EXPECT_EQ(get(port, "/runs/" + run + "/run." + format).status, 200) << format;
    }
}

TEST(WebPage, StartsARunWithTheSameChecksAsTheSocket) {
    DaemonOnThread daemon(with_web());
    const unsigned short port = web_port(daemon.socket());
    DaemonConnection socket(daemon.socket());

    const nlohmann::json bad{{"procedure", "mini-r50-2004"}, {"slots", {1, 99}}};
    const HttpAnswer refused = post(port, "/api/program", bad);
    EXPECT_EQ(refused.status, 400);
    nlohmann::json same = bad;
    same["request"] = "program";
    const nlohmann::json by_socket = socket.call(same);
    EXPECT_EQ(refused.json()["message"], by_socket["message"]);
    EXPECT_EQ(refused.json()["field"], by_socket["field"]);
    EXPECT_EQ(post(port, "/api/program", nlohmann::json::array()).status, 400);
    EXPECT_EQ(http_call(port, http::verb::post, "/api/program",
                        "{\"procedure\":", {{"Origin", "http://127.0.0.1:" + std::to_string(port)}})
                  .status,
              400);

    socket.call({{"request", "subscribe"}});
    const HttpAnswer started =
        post(port, "/api/program", {{"procedure", "mini-r50-2004"}, {"slots", {1, 2}}});
    ASSERT_EQ(started.status, 200) << started.body;
    const nlohmann::json verdict = wait_for_event(socket, "verdict");
    EXPECT_EQ(verdict["run"], started.json()["run"]);
    EXPECT_EQ(verdict["outcome"], "passed");
    // Following and the token stay with the socket.
    EXPECT_EQ(post(port, "/api/subscribe", {}).status, 404);
    EXPECT_EQ(post(port, "/api/web-url", {}).status, 404);
    EXPECT_EQ(post(port, "/api/reload", {}).status, 404);
    EXPECT_EQ(get(port, "/api/program").status, 405);
}

TEST(WebPage, RefusesChangesFromOtherSitesAndOtherHostNames) {
    DaemonOnThread daemon(with_web());
    const unsigned short port = web_port(daemon.socket());
    const std::string local = "127.0.0.1:" + std::to_string(port);

    const HttpAnswer other_site =
        http_call(port, http::verb::post, "/api/abort", "{}", {{"Origin", "http://evil.example"}});
    EXPECT_EQ(other_site.status, 403);
    EXPECT_EQ(other_site.json()["error"], "wrong-origin");
    // A program that leaves Origin out needs the token even on loopback.
    EXPECT_EQ(http_call(port, http::verb::post, "/api/abort", "{}").status, 403);
    EXPECT_EQ(http_call(port, http::verb::post, "/api/abort", "{}",
                        {{"X-Fobrig-Token", token_of(daemon)}})
                  .status,
              200);
    // DNS rebinding: a page of another name that resolves here.
    const HttpAnswer rebound =
        http_call(port, http::verb::get, "/api/status", {}, {{"Host", "evil.example:80"}});
    EXPECT_EQ(rebound.status, 421);
    EXPECT_EQ(post(port, "/api/abort", {}).status, 200);
    EXPECT_EQ(post(port, "/api/abort", {}).json()["aborting"], false);
}

TEST(WebPage, ElsewhereThanLoopbackEveryChangeNeedsTheToken) {
    DaemonOnThread daemon(with_web("0.0.0.0"));
    const unsigned short port = web_port(daemon.socket());
    const std::string token = token_of(daemon);
    ASSERT_EQ(token.size(), 64u);
    EXPECT_EQ(std::filesystem::status(daemon.state() / "http-token").permissions(),
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);

    const HttpAnswer without = post(port, "/api/abort", {});
    EXPECT_EQ(without.status, 403);
    EXPECT_EQ(without.json()["error"], "token");
    EXPECT_EQ(post(port, "/api/abort", {}, std::string(64, '0')).status, 403);
    EXPECT_EQ(post(port, "/api/abort", {}, token).status, 200);
    EXPECT_EQ(get(port, "/api/session").json()["token_required"], true);
    // Reading stays open: the garage's screen shows the page.
    EXPECT_EQ(get(port, "/api/status").status, 200);

    DaemonConnection client(daemon.socket());
    const nlohmann::json url = client.call({{"request", "web-url"}});
    EXPECT_THAT(url["url_with_token"].get<std::string>(), HasSubstr("#token=" + token));
}

TEST(WebPage, ReadOnlyChangesNothing) {
    DaemonOnThread daemon(with_web("127.0.0.1", [](DaemonOptions& options) {
        std::ofstream(options.config_file) << "[http]\nread_only = true\n";
        options.config_file_given = true;
    }));
    const unsigned short port = web_port(daemon.socket());

    const HttpAnswer refused =
        post(port, "/api/program", {{"procedure", "mini-r50-2004"}}, token_of(daemon));
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(refused.json()["error"], "read-only");
    EXPECT_EQ(get(port, "/api/session").json()["read_only"], true);
    EXPECT_EQ(get(port, "/api/status").json()["busy"], false);
}

TEST(WebPage, CarriesTheSameEventsAsTheControlSocket) {
    DaemonOnThread daemon(with_web());
    const unsigned short port = web_port(daemon.socket());
    EventFollower browser(port);
    const auto first = browser.next();
    ASSERT_TRUE(first);
    EXPECT_EQ((*first)["event"], "status");
    EXPECT_EQ((*first)["rig"], "sim-8");

    DaemonConnection socket(daemon.socket());
    socket.call({{"request", "subscribe"}});
    socket.call({{"request", "program"}, {"procedure", "mini-r50-2004"}, {"slots", {1, 2}}});
    std::vector<std::string> by_socket;
    while (by_socket.empty() || by_socket.back() != "verdict") {
        const auto event = socket.next_event(10s);
        ASSERT_TRUE(event);
        by_socket.push_back(event->value("event", ""));
    }
    const std::vector<std::string> by_page = browser.types_until("verdict");
    EXPECT_EQ(by_page, by_socket);
    EXPECT_GT(std::count(by_page.begin(), by_page.end(), "edge"), 20);
}

TEST(WebPage, RefusesEventsToOtherSites) {
    DaemonOnThread daemon(with_web());
    const unsigned short port = web_port(daemon.socket());
    const HttpAnswer refused = http_call(port, http::verb::get, "/api/events", {},
                                         {{"Connection", "Upgrade"},
                                          {"Upgrade", "websocket"},
                                          {"Sec-WebSocket-Version", "13"},
                                          {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
                                          {"Origin", "http://evil.example"}});
    EXPECT_EQ(refused.status, 403);
}

TEST(WebPage, OversizedRequestsAreRefusedAndStalledClientsHoldUpNobody) {
    DaemonOnThread daemon(with_web());
    const unsigned short port = web_port(daemon.socket());

    const HttpAnswer big = post(port, "/api/program", {{"procedure", std::string(70000, 'x')}});
    EXPECT_EQ(big.status, 413);
    const HttpAnswer long_header =
        http_call(port, http::verb::get, "/", {}, {{"X-Padding", std::string(20000, 'x')}});
    EXPECT_EQ(long_header.status, 413);

    // Half a request, then silence: the page still answers everyone else.
    asio::io_context io;
    tcp::socket stalled(io);
    stalled.connect({asio::ip::make_address("127.0.0.1"), port});
    asio::write(stalled, asio::buffer(std::string("GET / HTTP/1.1\r\nHo")));
    EXPECT_EQ(get(port, "/api/status").status, 200);
}

TEST(WebPage, TurnsAwayClientsBeyondItsLimit) {
    DaemonOnThread daemon(with_web());
    const unsigned short port = web_port(daemon.socket());
    asio::io_context io;
    std::vector<tcp::socket> idle;
    for (std::size_t i = 0; i < WebServer::max_clients; ++i) {
        idle.emplace_back(io).connect({asio::ip::make_address("127.0.0.1"), port});
    }
    // Each connection is counted once the daemon has taken it.
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(get(port, "/api/status").status, 503);
    idle.clear();
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(get(port, "/api/status").status, 200);
}

TEST(WebPage, OffWhenTheConfigSaysSo) {
    DaemonOnThread daemon(with_web(
        "127.0.0.1", [](DaemonOptions& options) { options.http = HttpListen{.enabled = false}; }));
    DaemonConnection client(daemon.socket());
    EXPECT_EQ(client.call({{"request", "web-url"}})["error"], "web-off");
}

TEST(WebConfig, NamesTheFileLineAndFieldOfABadAddress) {
    ScratchFolder folder;
    const auto file = folder.path / "fobrig.toml";
    std::ofstream(file) << "[http]\nlisten = \"nowhere\"\n";
    const auto loaded = load_daemon_config(file, {}, true);
    ASSERT_FALSE(loaded.ok());
    EXPECT_THAT(format(loaded.errors.front()), HasSubstr("fobrig.toml:2:"));
    EXPECT_THAT(format(loaded.errors.front()), HasSubstr("listen"));
    EXPECT_THAT(format(loaded.errors.front()), HasSubstr("ADDRESS:PORT"));

    EXPECT_EQ(parse_http_listen("[::1]:8370")->address, "::1");
    EXPECT_EQ(parse_http_listen("0.0.0.0:8370")->port, 8370);
    EXPECT_FALSE(parse_http_listen("off")->enabled);
    EXPECT_FALSE(parse_http_listen("127.0.0.1:99999"));
    EXPECT_FALSE(parse_http_listen("127.0.0.1"));
}

} // namespace
} // namespace fobrig
