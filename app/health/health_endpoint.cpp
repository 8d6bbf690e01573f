#include "health/health_endpoint.h"

#include <optional>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <spdlog/spdlog.h>

#include "health/health_routes.h"

namespace kiosk::health {

namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

struct HealthEndpoint::State {
    State(boost::asio::io_context& io, const HealthConfig& config, std::string token, const MetricsRegistry& registry,
          const Readiness& readiness)
        : acceptor(io, tcp::endpoint(boost::asio::ip::make_address(config.address),
                                     static_cast<unsigned short>(config.port))),
          limits(config.limits), routes(std::move(token), registry, readiness)
    {
    }

    tcp::acceptor acceptor;
    EndpointLimits limits;
    HealthRoutes routes;
    int open_connections = 0;   // touched only on the io_context's thread
};

namespace {

// One scraper's connection: requests one at a time, keep-alive honoured,
// closed when idle past the read timeout. Holds the endpoint's state so a
// connection still open when the endpoint goes away stays valid.
class Connection : public std::enable_shared_from_this<Connection> {
public:
    Connection(tcp::socket socket, std::shared_ptr<HealthEndpoint::State> state)
        : stream_(std::move(socket)), state_(std::move(state))
    {
        ++state_->open_connections;
    }
    ~Connection() { --state_->open_connections; }

    void read_next()
    {
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(state_->limits.max_request_bytes));
        // The routes take no body; any body at all is refused.
        parser_->body_limit(0);
        stream_.expires_after(state_->limits.read_timeout);
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code error, std::size_t) { self->on_read(error); });
    }

private:
    void on_read(beast::error_code error)
    {
        const unsigned version = 11;
        if (error == http::error::end_of_stream || error == beast::error::timeout)
            return close();
        if (error == http::error::body_limit)
            return write(refusal(http::status::payload_too_large, "requests here carry no body", version), false);
        if (error == http::error::header_limit || error == http::error::buffer_overflow)
            return write(refusal(http::status::request_header_fields_too_large,
                                 "request headers exceed " + std::to_string(state_->limits.max_request_bytes) +
                                     " bytes",
                                 version),
                         false);
        if (error) {
            // Not HTTP at all: there is no request to answer, so the answer is to hang up.
            spdlog::debug("health endpoint: connection dropped: {}", error.message());
            return close();
        }
        const HealthRequest& request = parser_->get();
        HealthResponse response = state_->routes.answer(request);
        const bool keep_alive = request.keep_alive();
        if (request.method() == http::verb::head) {
            // The length a GET would get, without the body.
            response.prepare_payload();
            response.body().clear();
        }
        write(std::move(response), keep_alive);
    }

    void write(HealthResponse response, bool keep_alive)
    {
        auto message = std::make_shared<HealthResponse>(std::move(response));
        message->keep_alive(keep_alive);
        if (message->find(http::field::content_length) == message->end())
            message->prepare_payload();
        stream_.expires_after(state_->limits.read_timeout);
        http::async_write(stream_, *message,
                          [self = shared_from_this(), message](beast::error_code error, std::size_t) {
                              if (error || !message->keep_alive())
                                  return self->close();
                              self->read_next();
                          });
    }

    void close()
    {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream_.socket().close(ignored);
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    std::shared_ptr<HealthEndpoint::State> state_;
};

void accept_next(const std::shared_ptr<HealthEndpoint::State>& state)
{
    state->acceptor.async_accept([state](beast::error_code error, tcp::socket socket) {
        if (error == boost::asio::error::operation_aborted)
            return;
        if (error) {
            spdlog::warn("health endpoint: accept failed: {}", error.message());
        } else if (state->open_connections >= state->limits.max_connections) {
            // Bounded by design: a flood of scrapers must not starve the kiosk's own io_context.
            spdlog::debug("health endpoint: over {} connections, closing a new one", state->limits.max_connections);
            beast::error_code ignored;
            socket.close(ignored);
        } else {
            std::make_shared<Connection>(std::move(socket), state)->read_next();
        }
        accept_next(state);
    });
}

} // namespace

HealthEndpoint::HealthEndpoint(boost::asio::io_context& io, const HealthConfig& config, std::string bearer_token,
                               const MetricsRegistry& registry, const Readiness& readiness)
    : state_(std::make_shared<State>(io, config, std::move(bearer_token), registry, readiness))
{
}

HealthEndpoint::~HealthEndpoint()
{
    stop();
}

void HealthEndpoint::start()
{
    accept_next(state_);
}

void HealthEndpoint::stop()
{
    beast::error_code ignored;
    state_->acceptor.close(ignored);
}

unsigned short HealthEndpoint::port() const
{
    return state_->acceptor.local_endpoint().port();
}

} // namespace kiosk::health
