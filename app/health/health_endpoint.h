#pragma once

#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "health/health_config.h"
#include "health/metrics_registry.h"
#include "health/readiness.h"

namespace kiosk::health {

// The kiosk's HTTP face for operators, served on the given io_context:
//   GET /healthz  200 while the process answers at all (no token needed)
//   GET /readyz   200 {"ready":true} or 503 {"ready":false,"reasons":{source: reason}}
//   GET /metrics  the registry in the Prometheus text format
// Everything but /healthz wants "Authorization: Bearer <token>" (401
// otherwise). Other methods get 405, other paths 404, a request with a body
// 413, oversized headers 431, each with {"error": reason}. Connections beyond
// the limit are closed on accept; a connection idle past the read timeout is
// closed. The registry and readiness must outlive the io_context's run;
// stop() and the destructor belong on the io_context's thread (or after it
// stopped).
class HealthEndpoint {
public:
    // Binds at once, so a taken port is an error at start-up (boost::system::system_error).
    HealthEndpoint(boost::asio::io_context& io, const HealthConfig& config, std::string bearer_token,
                   const MetricsRegistry& registry, const Readiness& readiness);
    ~HealthEndpoint();
    HealthEndpoint(const HealthEndpoint&) = delete;
    HealthEndpoint& operator=(const HealthEndpoint&) = delete;

    void start();
    // Stops accepting; connections under way finish on their own.
    void stop();
    unsigned short port() const;

    // The acceptor, limits and routes, shared with the open connections.
    struct State;

private:
    std::shared_ptr<State> state_;
};

} // namespace kiosk::health
