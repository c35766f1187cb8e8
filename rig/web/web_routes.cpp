#include "rig/web/web_routes.hpp"

#include "rig/picture/run_export.hpp"
#include "rig/protocol/message.hpp"

#include <array>
#include <charconv>

namespace fobrig {

namespace http = boost::beast::http;

namespace {

constexpr std::array<std::string_view, 4> read_requests{"status", "runs", "show", "fobs"};
constexpr std::array<std::string_view, 5> change_requests{"program", "verify", "batch", "abort",
                                                          "ack"};

bool listed(const auto& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

WebCaller caller_of(const HttpRequest& request) {
    const auto header = [&](auto field) {
        const auto found = request.find(field);
        return found == request.end()
                   ? std::string_view()
                   : std::string_view(found->value().data(), found->value().size());
    };
    return {header(http::field::host), header(http::field::origin), header("X-Fobrig-Token")};
}

HttpResponse json_response(const HttpRequest& request, int status, const nlohmann::json& body) {
    return web_response(request, status, "application/json", protocol::line(body));
}

HttpResponse refused(const HttpRequest& request, const WebRefusal& refusal) {
    return json_response(request, refusal.status,
                         protocol::refusal(nullptr, refusal.code, refusal.message));
}

// The HTTP status a refusal of the protocol maps to.
int status_of(const nlohmann::json& answer) {
    if (answer.value("ok", false)) {
        return 200;
    }
    const std::string code = answer.value("error", "");
    if (code == "unknown-run") {
        return 404;
    }
    if (code == "busy") {
        return 409;
    }
    return code == "internal" ? 500 : 400;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// A query value with %XX and '+' decoded; bad escapes are kept as they are.
std::string url_decoded(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
                   hex_digit(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

// ?run=X&limit=5 as the request's fields; whole numbers as numbers, as the protocol has them.
nlohmann::json query_fields(std::string_view query) {
    nlohmann::json fields = nlohmann::json::object();
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        const auto equals = pair.find('=');
        const std::string key = url_decoded(pair.substr(0, equals));
        const std::string value =
            equals == std::string_view::npos ? "" : url_decoded(pair.substr(equals + 1));
        if (key.empty() || key == "request") {
            continue;
        }
        long long number = 0;
        const auto [end, error] =
            std::from_chars(value.data(), value.data() + value.size(), number);
        if (!value.empty() && error == std::errc{} && end == value.data() + value.size()) {
            fields[key] = number;
        } else {
            fields[key] = value;
        }
    }
    return fields;
}

} // namespace

HttpResponse web_response(const HttpRequest& request, int status, std::string_view media_type,
                          std::string body) {
    HttpResponse response{static_cast<http::status>(status), request.version()};
    response.set(http::field::server, "fobrigd");
    response.set(http::field::content_type, std::string(media_type));
    response.set(http::field::cache_control, "no-store");
    response.set("X-Content-Type-Options", "nosniff");
    response.set("X-Frame-Options", "DENY");
    // Only this page's own files; the diagram's inline <style> needs 'unsafe-inline' styles.
    response.set("Content-Security-Policy",
                 "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                 "connect-src 'self'; frame-ancestors 'none'");
    response.keep_alive(request.keep_alive());
    response.body() = std::move(body);
    response.prepare_payload();
    return response;
}

WebRoutes::WebRoutes(WebAccess access, StaticFiles files, Requests requests)
    : access_(std::move(access)), files_(std::move(files)), requests_(std::move(requests)) {}

HttpResponse WebRoutes::answer(const HttpRequest& request) const {
    if (const auto refusal = access_.check_host(caller_of(request))) {
        return refused(request, *refusal);
    }
    const std::string_view target(request.target().data(), request.target().size());
    const auto question = target.find('?');
    const std::string_view path = target.substr(0, question);
    const std::string_view query =
        question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
    const bool get = request.method() == http::verb::get || request.method() == http::verb::head;
    if (path.starts_with("/api/")) {
        const std::string name(path.substr(5));
        if (name == "session" && get) {
            return session(request);
        }
        if (get && listed(read_requests, name)) {
            return api_read(request, name, query);
        }
        if (request.method() == http::verb::post && listed(change_requests, name)) {
            return api_change(request, name);
        }
        const bool known =
            name == "session" || listed(read_requests, name) || listed(change_requests, name);
        return json_response(
            request, known ? 405 : 404,
            protocol::refusal(nullptr, known ? "method" : "unknown-request",
                              known ? "reads are GET, changes are POST" : "no API " + name));
    }
    if (!get) {
        return web_response(request, 405, "text/plain; charset=utf-8", "GET only\n");
    }
    if (path.starts_with("/runs/")) {
        return download(request, path.substr(6), query);
    }
    if (auto file = files_.find(path)) {
        return web_response(request, 200, file->media_type, std::move(file->body));
    }
    return web_response(request, 404, "text/plain; charset=utf-8", "not found\n");
}

HttpResponse WebRoutes::session(const HttpRequest& request) const {
    return json_response(request, 200,
                         {{"read_only", access_.read_only()},
                          {"token_required", access_.token_required()},
                          {"formats", export_formats}});
}

HttpResponse WebRoutes::api_read(const HttpRequest& request, const std::string& name,
                                 std::string_view query) const {
    nlohmann::json line = query_fields(query);
    line["request"] = name;
    line.erase("format"); // a run's files are downloads (/runs/ID/run.FORMAT)
    const nlohmann::json answer = requests_(line.dump());
    return json_response(request, status_of(answer), answer);
}

HttpResponse WebRoutes::api_change(const HttpRequest& request, const std::string& name) const {
    if (const auto refusal = access_.check_change(caller_of(request))) {
        return refused(request, *refusal);
    }
    nlohmann::json line = nlohmann::json::object();
    if (!request.body().empty()) {
        line = nlohmann::json::parse(request.body(), nullptr, false);
        if (!line.is_object()) {
            return json_response(
                request, 400,
                protocol::refusal(nullptr, "bad-json", "a request's body is one JSON object"));
        }
    }
    line["request"] = name;
    const nlohmann::json answer = requests_(line.dump());
    return json_response(request, status_of(answer), answer);
}

HttpResponse WebRoutes::download(const HttpRequest& request, std::string_view path,
                                 std::string_view query) const {
    // ID/run.FORMAT
    const auto slash = path.find('/');
    const std::string_view file =
        slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
    const std::string format(file.starts_with("run.") ? file.substr(4) : std::string_view());
    if (!is_export_format(format)) {
        return web_response(request, 404, "text/plain; charset=utf-8", "not found\n");
    }
    const std::string id = url_decoded(path.substr(0, slash));
    // The history checks the id: a name of its own runs only, never a path.
    const nlohmann::json answer =
        requests_(nlohmann::json{{"request", "show"}, {"run", id}, {"format", format}}.dump());
    if (!answer.contains("text")) {
        const int status = status_of(answer);
        return json_response(
            request, status == 200 ? 409 : status,
            status == 200 ? protocol::refusal(nullptr, "running", "the run has no record yet")
                          : answer);
    }
    HttpResponse response =
        web_response(request, 200, export_media_type(format), answer["text"].get<std::string>());
    if (query == "download=1") {
        response.set(http::field::content_disposition,
                     "attachment; filename=\"" + id + "." + format + "\"");
    }
    return response;
}

std::optional<HttpResponse> WebRoutes::refuse_events(const HttpRequest& request) const {
    const WebCaller caller = caller_of(request);
    if (const auto refusal = access_.check_host(caller)) {
        return refused(request, *refusal);
    }
    if (request.target() != "/api/events") {
        return web_response(request, 404, "text/plain; charset=utf-8", "not found\n");
    }
    // A page of another site must not read the rig's events through the visitor's browser.
    if (!caller.origin.empty() && caller.origin != "http://" + std::string(caller.host)) {
        return refused(request, {403, "wrong-origin", "events are for this page only"});
    }
    return std::nullopt;
}

std::string WebRoutes::first_event() const {
    nlohmann::json status = requests_(R"({"request":"status"})");
    status["event"] = "status";
    return protocol::line(status);
}

} // namespace fobrig
