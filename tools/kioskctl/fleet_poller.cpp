#include "fleet_poller.h"

#include <cctype>
#include <functional>
#include <memory>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "core/error.h"

namespace kiosk::ctl {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

std::string lower_first(std::string text)
{
    if (!text.empty())
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    return text;
}

// The error text a JSON refusal from the kiosk carries ({"error": ...}), if any.
std::string refusal_reason(const std::string& body)
{
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_object() && json.contains("error") && json["error"].is_string())
        return ": " + json["error"].get<std::string>();
    return "";
}

// One kiosk: resolve, connect, GET /readyz, GET /metrics, all under one deadline.
class KioskPoll : public std::enable_shared_from_this<KioskPoll> {
public:
    using Done = std::function<void(KioskAnswer)>;

    KioskPoll(asio::io_context& io, const FleetKiosk& kiosk, const FleetSettings& settings, Done done)
        : kiosk_(kiosk), settings_(settings), done_(std::move(done)), resolver_(io), stream_(io), deadline_(io)
    {
    }

    void start()
    {
        started_ = Clock::now();
        deadline_.expires_after(settings_.timeout);
        deadline_.async_wait([self = shared_from_this()](beast::error_code error) {
            if (!error)
                self->on_deadline();
        });
        step_ = "resolving " + kiosk_.endpoint.host;
        resolver_.async_resolve(kiosk_.endpoint.host, std::to_string(kiosk_.endpoint.port),
                                [self = shared_from_this()](beast::error_code error, tcp::resolver::results_type found) {
                                    if (error)
                                        return self->fail(error);
                                    self->endpoints_ = std::move(found);
                                    self->connect("/readyz");
                                });
    }

private:
    // Everything still pending fails with operation_aborted; fail() then
    // reports the step that was under way when time ran out.
    void on_deadline()
    {
        timed_out_ = true;
        resolver_.cancel();
        stream_.close();
    }

    void connect(const std::string& path)
    {
        step_ = "connecting";
        stream_.async_connect(endpoints_, [self = shared_from_this(), path](beast::error_code error, const tcp::endpoint&) {
            if (error)
                return self->fail(error);
            self->get(path);
        });
    }

    void get(const std::string& path)
    {
        step_ = "waiting for " + path;
        request_ = {http::verb::get, kiosk_.endpoint.prefix + path, 11};
        const bool ipv6 = kiosk_.endpoint.host.find(':') != std::string::npos;
        request_.set(http::field::host, (ipv6 ? "[" + kiosk_.endpoint.host + "]" : kiosk_.endpoint.host) + ":" +
                                            std::to_string(kiosk_.endpoint.port));
        request_.set(http::field::authorization, "Bearer " + kiosk_.bearer_token);
        request_.set(http::field::user_agent, "kioskctl-fleet");
        request_.keep_alive(true);
        http::async_write(stream_, request_, [self = shared_from_this(), path](beast::error_code error, std::size_t) {
            if (error)
                return self->fail(error);
            self->read(path);
        });
    }

    void read(const std::string& path)
    {
        parser_.emplace();
        parser_->body_limit(settings_.max_response_bytes);
        http::async_read(stream_, buffer_, *parser_, [self = shared_from_this(), path](beast::error_code error, std::size_t) {
            if (error == http::error::body_limit)
                return self->finish("the " + path + " answer is larger than " +
                                    std::to_string(self->settings_.max_response_bytes) + " bytes");
            if (error)
                return self->fail(error);
            if (path == "/readyz")
                self->on_readyz(self->parser_->release());
            else
                self->on_metrics(self->parser_->release());
        });
    }

    void on_readyz(const http::response<http::string_body>& response)
    {
        answer_.answered = true;
        const auto status = response.result();
        if (status == http::status::unauthorized)
            return finish("unauthorised (HTTP 401): the kiosk refused the token");
        if (status != http::status::ok && status != http::status::service_unavailable)
            return finish("HTTP " + std::to_string(response.result_int()) + " from /readyz" +
                          refusal_reason(response.body()));
        const auto json = nlohmann::json::parse(response.body(), nullptr, false);
        if (!json.is_object() || !json.contains("ready") || !json["ready"].is_boolean())
            return finish("/readyz did not answer {\"ready\": true|false, ...}");
        const bool ready = json["ready"].get<bool>();
        if (ready != (status == http::status::ok))
            return finish("/readyz said ready=" + std::string(ready ? "true" : "false") + " with HTTP " +
                          std::to_string(response.result_int()));
        answer_.ready = ready;
        if (json.contains("reasons") && json["reasons"].is_object()) {
            for (const auto& [source, reason] : json["reasons"].items())
                answer_.reasons[source] = reason.is_string() ? reason.get<std::string>() : reason.dump();
        }
        if (response.keep_alive())
            return get("/metrics");
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream_.close();
        buffer_.consume(buffer_.size());
        connect("/metrics");
    }

    void on_metrics(const http::response<http::string_body>& response)
    {
        if (response.result() == http::status::unauthorized)
            return finish("unauthorised (HTTP 401) for /metrics: the kiosk refused the token");
        if (response.result() != http::status::ok)
            return finish("HTTP " + std::to_string(response.result_int()) + " from /metrics" +
                          refusal_reason(response.body()));
        try {
            answer_.metrics = health::ExpositionParser::parse(response.body());
        } catch (const InputError& error) {
            return finish(std::string("/metrics is not Prometheus text: ") + error.what());
        }
        finish("");
    }

    void fail(beast::error_code error)
    {
        if (timed_out_)
            return finish("timeout after " + std::to_string(settings_.timeout.count()) + " ms " + step_);
        if (error == http::error::end_of_stream || error == asio::error::eof ||
            error == asio::error::connection_reset || error == http::error::partial_message)
            return finish("the kiosk closed the connection " + step_);
        if (step_.rfind("resolving", 0) == 0)
            return finish("cannot resolve " + kiosk_.endpoint.host + ": " + lower_first(error.message()));
        finish(lower_first(error.message()) + (step_ == "connecting" ? "" : " " + step_));
    }

    void finish(const std::string& error)
    {
        if (finished_)
            return;
        finished_ = true;
        deadline_.cancel();
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream_.close();
        answer_.error = error;
        answer_.took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started_);
        done_(std::move(answer_));
    }

    const FleetKiosk& kiosk_;
    const FleetSettings& settings_;
    Done done_;
    tcp::resolver resolver_;
    beast::tcp_stream stream_;
    asio::steady_timer deadline_;
    tcp::resolver::results_type endpoints_;
    http::request<http::empty_body> request_;
    beast::flat_buffer buffer_;
    std::optional<http::response_parser<http::string_body>> parser_;
    std::string step_;
    Clock::time_point started_;
    bool timed_out_ = false;
    bool finished_ = false;
    KioskAnswer answer_;
};

} // namespace

std::vector<KioskAnswer> poll_fleet(const std::vector<FleetKiosk>& kiosks, const FleetSettings& settings)
{
    asio::io_context io;
    std::vector<KioskAnswer> answers(kiosks.size());
    std::size_t next = 0;
    int running = 0;
    std::function<void()> launch = [&] {
        while (running < settings.parallel && next < kiosks.size()) {
            const std::size_t index = next++;
            ++running;
            std::make_shared<KioskPoll>(io, kiosks[index], settings, [&, index](KioskAnswer answer) {
                answers[index] = std::move(answer);
                --running;
                launch();
            })->start();
        }
    };
    launch();
    io.run();
    return answers;
}

} // namespace kiosk::ctl
