#include "health/health_routes.h"

#include <nlohmann/json.hpp>

#include "health/prometheus_text.h"

namespace kiosk::health {

namespace http = boost::beast::http;

namespace {

HealthResponse json_response(http::status status, const nlohmann::json& body, unsigned version)
{
    HealthResponse response(status, version);
    response.set(http::field::content_type, "application/json");
    response.set(http::field::cache_control, "no-store");
    response.body() = body.dump();
    return response;
}

// Compares without stopping at the first difference, so the time an answer
// takes says nothing about how much of a guessed token was right.
bool same_secret(std::string_view presented, std::string_view expected)
{
    if (expected.empty())
        return false;
    unsigned char difference = presented.size() == expected.size() ? 0 : 1;
    for (std::size_t i = 0; i < presented.size(); ++i)
        difference |= static_cast<unsigned char>(presented[i] ^ expected[i % expected.size()]);
    return difference == 0;
}

} // namespace

HealthResponse refusal(http::status status, const std::string& reason, unsigned version)
{
    return json_response(status, {{"error", reason}}, version);
}

HealthRoutes::HealthRoutes(std::string bearer_token, const MetricsRegistry& registry, const Readiness& readiness)
    : bearer_token_(std::move(bearer_token)), registry_(registry), readiness_(readiness)
{
}

bool HealthRoutes::authorised(const HealthRequest& request) const
{
    const auto header = request.find(http::field::authorization);
    if (header == request.end())
        return false;
    const std::string_view value(header->value().data(), header->value().size());
    constexpr std::string_view scheme = "Bearer ";
    if (value.size() <= scheme.size() || value.substr(0, scheme.size()) != scheme)
        return false;
    return same_secret(value.substr(scheme.size()), bearer_token_);
}

HealthResponse HealthRoutes::answer(const HealthRequest& request) const
{
    const unsigned version = request.version();
    if (request.method() != http::verb::get && request.method() != http::verb::head) {
        HealthResponse response = refusal(http::status::method_not_allowed, "only GET and HEAD are served", version);
        response.set(http::field::allow, "GET, HEAD");
        return response;
    }
    const std::string_view target(request.target().data(), request.target().size());
    const std::string_view path = target.substr(0, target.find('?'));
    if (path.empty() || path.front() != '/')
        return refusal(http::status::bad_request, "the target must be a path", version);

    if (path == "/healthz")
        return json_response(http::status::ok, {{"status", "alive"}}, version);
    if (path != "/readyz" && path != "/metrics")
        return refusal(http::status::not_found, "no such path; try /healthz, /readyz or /metrics", version);

    if (!authorised(request)) {
        HealthResponse response = refusal(http::status::unauthorized, "a valid bearer token is required", version);
        response.set(http::field::www_authenticate, "Bearer realm=\"kiosk\"");
        return response;
    }
    if (path == "/readyz") {
        const Readiness::State state = readiness_.state();
        return json_response(state.ready ? http::status::ok : http::status::service_unavailable,
                             {{"ready", state.ready}, {"reasons", state.reasons}}, version);
    }
    HealthResponse response(http::status::ok, version);
    response.set(http::field::content_type, prometheus_content_type);
    response.set(http::field::cache_control, "no-store");
    response.body() = render_prometheus_text(registry_);
    return response;
}

} // namespace kiosk::health
