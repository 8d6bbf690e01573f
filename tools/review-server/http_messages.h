#pragma once

#include <exception>
#include <functional>
#include <string>
#include <string_view>

#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace kiosk::review {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

// Sends the answer to a request on the connection it came in on. Called once,
// on the network thread, perhaps after the handler returned (a login waits
// for its password check); the request stays valid until then.
using Reply = std::function<void(HttpResponse)>;

// Every answer is private to its caller (photos, sessions, decisions): none may be cached.
HttpResponse json_response(const HttpRequest& request, boost::beast::http::status status, const nlohmann::json& body);
HttpResponse html_response(const HttpRequest& request, boost::beast::http::status status, std::string html);
// 303 See Other: after a form post, the browser loads `location` with GET.
HttpResponse redirect_response(const HttpRequest& request, std::string_view location);

// 500 for a failure of the service itself (the store, the disk), logged
// here; the kiosk keeps the photo and retries.
HttpResponse service_failure_response(const HttpRequest& request, const std::exception& failure);

// The header's value, or empty when the request does not carry it.
std::string header(const HttpRequest& request, std::string_view name);

// The cookie the reviewer pages keep the session token in.
constexpr std::string_view kSessionCookie = "review_session";

// A reviewer's session token: from "Authorization: Bearer <token>" (the
// API) or the session cookie (the pages); empty when neither is there.
std::string session_token(const HttpRequest& request);

// The request target split at '?': path and query (without the '?').
struct Target {
    std::string path;
    std::string query;
};
Target split_target(std::string_view target);

} // namespace kiosk::review
