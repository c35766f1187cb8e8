// What each URL of the web page answers. The API is the control protocol itself: GET
// /api/status, /api/runs, /api/show, /api/fobs read, POST /api/program, /verify, /batch,
// /abort, /ack change, each passed to the daemon's one handler of that request as the same
// JSON; /runs/ID/run.FORMAT downloads a run's files; anything else is a static file.
#pragma once

#include "rig/web/static_files.hpp"
#include "rig/web/web_access.hpp"

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>

namespace fobrig {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

class WebRoutes {
public:
    // One request line of the control protocol in, its answer out (ok or a refusal).
    using Requests = std::function<nlohmann::json(const std::string& line)>;

    WebRoutes(WebAccess access, StaticFiles files, Requests requests);

    HttpResponse answer(const HttpRequest& request) const;
    // For a WebSocket upgrade of /api/events: a refusal, or nothing when it may follow.
    std::optional<HttpResponse> refuse_events(const HttpRequest& request) const;
    // The first message on the events stream: the rig's status, as `subscribe` answers.
    std::string first_event() const;

private:
    HttpResponse api_read(const HttpRequest& request, const std::string& name,
                          std::string_view query) const;
    HttpResponse api_change(const HttpRequest& request, const std::string& name) const;
    // ?download=1 makes it a file to save rather than a page to show.
    HttpResponse download(const HttpRequest& request, std::string_view path,
                          std::string_view query) const;
    HttpResponse session(const HttpRequest& request) const;

    WebAccess access_;
    StaticFiles files_;
    Requests requests_;
};

// A plain response with the headers every answer carries.
HttpResponse web_response(const HttpRequest& request, int status, std::string_view media_type,
                          std::string body);

} // namespace fobrig
