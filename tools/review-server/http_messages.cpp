#include "http_messages.h"

#include <spdlog/spdlog.h>

#include "form_fields.h"

namespace kiosk::review {
namespace http = boost::beast::http;

namespace {

HttpResponse private_response(const HttpRequest& request, http::status status)
{
    HttpResponse response(status, request.version());
    response.set(http::field::cache_control, "no-store");
    response.keep_alive(request.keep_alive());
    return response;
}

} // namespace

HttpResponse json_response(const HttpRequest& request, http::status status, const nlohmann::json& body)
{
    auto response = private_response(request, status);
    response.set(http::field::content_type, "application/json");
    response.body() = body.dump();
    response.prepare_payload();
    return response;
}

HttpResponse service_failure_response(const HttpRequest& request, const std::exception& failure)
{
    spdlog::error("request failed inside the service: {}", failure.what());
    return json_response(request, http::status::internal_server_error,
                         {{"error", "the service could not store the request; retry later"}});
}

HttpResponse html_response(const HttpRequest& request, http::status status, std::string html)
{
    auto response = private_response(request, status);
    response.set(http::field::content_type, "text/html; charset=utf-8");
    // The pages load nothing from elsewhere and run no script; say so to the browser.
    response.set("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; "
                                            "form-action 'self'; frame-ancestors 'none'");
    response.set("X-Content-Type-Options", "nosniff");
    response.body() = std::move(html);
    response.prepare_payload();
    return response;
}

HttpResponse redirect_response(const HttpRequest& request, std::string_view location)
{
    auto response = private_response(request, http::status::see_other);
    response.set(http::field::location, boost::beast::string_view(location.data(), location.size()));
    response.prepare_payload();
    return response;
}

std::string header(const HttpRequest& request, std::string_view name)
{
    const auto it = request.find(boost::beast::string_view(name.data(), name.size()));
    return it == request.end() ? std::string() : std::string(it->value());
}

std::string session_token(const HttpRequest& request)
{
    constexpr std::string_view kBearer = "Bearer ";
    const auto authorization = header(request, "Authorization");
    if (authorization.starts_with(kBearer))
        return authorization.substr(kBearer.size());
    return cookie_value(header(request, "Cookie"), kSessionCookie);
}

Target split_target(std::string_view target)
{
    const auto mark = target.find('?');
    if (mark == std::string_view::npos)
        return {std::string(target), {}};
    return {std::string(target.substr(0, mark)), std::string(target.substr(mark + 1))};
}

} // namespace kiosk::review
