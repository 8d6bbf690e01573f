#pragma once

#include <string>

#include <boost/beast/http.hpp>

#include "health/metrics_registry.h"
#include "health/readiness.h"

namespace kiosk::health {

using HealthRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HealthResponse = boost::beast::http::response<boost::beast::http::string_body>;

// What the endpoint answers to one well-formed request (see HealthEndpoint);
// the connection's own refusals (size, count, time) are not decided here.
class HealthRoutes {
public:
    HealthRoutes(std::string bearer_token, const MetricsRegistry& registry, const Readiness& readiness);

    HealthResponse answer(const HealthRequest& request) const;

private:
    bool authorised(const HealthRequest& request) const;

    std::string bearer_token_;
    const MetricsRegistry& registry_;
    const Readiness& readiness_;
};

// A response with a JSON body {"error": reason}.
HealthResponse refusal(boost::beast::http::status status, const std::string& reason, unsigned version);

} // namespace kiosk::health
