// The health endpoint on a real io_context thread, asked by a real HTTP
// client over loopback; its /metrics read back by the independent parser.
#include <filesystem>
#include <fstream>
#include <thread>

#include <sys/stat.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "health/exposition_parser.h"
#include "health/health_endpoint.h"
#include "health/kiosk_metrics.h"
#include "health/prometheus_text.h"
#include "support/test_folder.h"

namespace kiosk::health {
namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

const std::string token = "k1osk-health-test-token-0123456789abcdef";

// A file of the test's folder, written with `mode` (a token file must be private).
std::filesystem::path write_file(const kiosk::test::TestFolder& folder, const std::string& name,
                                 const std::string& text, mode_t mode = 0600)
{
    const auto file = folder.path() / name;
    std::ofstream(file) << text;
    ::chmod(file.c_str(), mode);
    return file;
}

std::string config_text(int max_connections = 8, int read_timeout_ms = 5000)
{
    nlohmann::json config = {
        {"listen", {{"address", "127.0.0.1"}, {"port", 0}}},
        {"token_file", "token.json"},
        {"min_token_chars", 32},
        {"limits", {{"max_request_bytes", 1024}, {"max_connections", max_connections}, {"read_timeout_ms", read_timeout_ms}}},
        {"live_frame_latency_buckets_s", {0.01, 0.033, 0.1}},
    };
    return config.dump();
}

// The kiosk's side: registry, readiness and the endpoint on an io_context thread.
class RunningEndpoint {
public:
    explicit RunningEndpoint(const kiosk::test::TestFolder& folder, const std::string& config = config_text())
        : config_(load_health_config(write_file(folder, "health.json", config, 0644))),
          metrics_(registry_, config_.live_frame_latency_buckets_s, "9.9.9"), readiness_(metrics_.ready),
          endpoint_(io_, config_, load_bearer_token(config_.token_file, config_.min_token_chars), registry_,
                    readiness_)
    {
        endpoint_.start();
        thread_ = std::thread([this] { io_.run(); });
    }
    ~RunningEndpoint()
    {
        boost::asio::post(io_, [this] { endpoint_.stop(); });
        io_.stop();
        thread_.join();
    }

    unsigned short port() const { return endpoint_.port(); }
    KioskMetrics& metrics() { return metrics_; }
    Readiness& readiness() { return readiness_; }

private:
    boost::asio::io_context io_;
    HealthConfig config_;
    MetricsRegistry registry_;
    KioskMetrics metrics_;
    Readiness readiness_;
    HealthEndpoint endpoint_;
    std::thread thread_;
};

// A scraper: one connection, any number of requests.
class Client {
public:
    explicit Client(unsigned short port) : stream_(io_) { stream_.connect(tcp::endpoint(boost::asio::ip::address_v4::loopback(), port)); }

    http::response<http::string_body> request(http::verb method, const std::string& target,
                                              const std::string& authorization = {}, const std::string& body = {})
    {
        http::request<http::string_body> request(method, target, 11);
        request.set(http::field::host, "127.0.0.1");
        if (!authorization.empty())
            request.set(http::field::authorization, authorization);
        if (!body.empty())
            request.body() = body;
        request.prepare_payload();
        http::write(stream_, request);
        http::response<http::string_body> response;
        if (method == http::verb::head) {
            http::response_parser<http::string_body> parser;
            parser.skip(true);
            http::read(stream_, buffer_, parser);
            return parser.release();
        }
        http::read(stream_, buffer_, response);
        return response;
    }

    http::response<http::string_body> get(const std::string& target, bool with_token = true)
    {
        return request(http::verb::get, target, with_token ? "Bearer " + token : "");
    }

    // Raw bytes, for requests a well-behaved client would not send.
    std::string exchange_raw(const std::string& bytes)
    {
        boost::asio::write(stream_.socket(), boost::asio::buffer(bytes));
        http::response<http::string_body> response;
        beast::error_code error;
        http::read(stream_, buffer_, response, error);
        return error ? "" : std::to_string(response.result_int()) + " " + response.body();
    }

    // True when the server has closed this connection.
    bool closed_by_server()
    {
        char byte;
        beast::error_code error;
        stream_.socket().read_some(boost::asio::buffer(&byte, 1), error);
        return error == boost::asio::error::eof || error == boost::asio::error::connection_reset;
    }

private:
    boost::asio::io_context io_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
};

class HealthEndpointTest : public ::testing::Test {
protected:
    void SetUp() override { write_file(folder_, "token.json", nlohmann::json{{"bearer_token", token}}.dump()); }
    kiosk::test::TestFolder folder_{"kiosk-health"};
};

TEST_F(HealthEndpointTest, HealthzAnswersWithoutAToken)
{
    RunningEndpoint kiosk(folder_);
    Client client(kiosk.port());
    const auto response = client.get("/healthz", false);
    EXPECT_EQ(response.result(), http::status::ok);
    EXPECT_EQ(nlohmann::json::parse(response.body()).at("status"), "alive");
}

TEST_F(HealthEndpointTest, ReadyzAndMetricsWantTheBearerToken)
{
    RunningEndpoint kiosk(folder_);
    Client client(kiosk.port());
    for (const std::string target : {"/readyz", "/metrics"}) {
        for (const std::string& authorization :
             {std::string(), "Bearer " + token.substr(0, token.size() - 1) + "X", "Bearer " + token + "X",
              "Basic " + token, std::string("Bearer "), "bearer " + token}) {
            const auto response = client.request(http::verb::get, target, authorization);
            EXPECT_EQ(response.result(), http::status::unauthorized) << target << " with '" << authorization << "'";
            EXPECT_EQ(response[http::field::www_authenticate], "Bearer realm=\"kiosk\"");
            EXPECT_FALSE(nlohmann::json::parse(response.body()).at("error").get<std::string>().empty());
        }
    }
}

TEST_F(HealthEndpointTest, ReadyzSaysWhyNotUntilEveryPartIsBack)
{
    RunningEndpoint kiosk(folder_);
    Client client(kiosk.port());

    auto response = client.get("/readyz");
    EXPECT_EQ(response.result(), http::status::service_unavailable);
    EXPECT_EQ(nlohmann::json::parse(response.body()).at("reasons").at("kiosk"), "starting");

    kiosk.readiness().clear("kiosk");
    response = client.get("/readyz");
    EXPECT_EQ(response.result(), http::status::ok) << response.body();
    EXPECT_EQ(nlohmann::json::parse(response.body()).at("ready"), true);

    kiosk.readiness().block("printer", "paper_out");
    kiosk.readiness().block("camera", "unavailable");
    kiosk.readiness().clear("printer");
    response = client.get("/readyz");
    EXPECT_EQ(response.result(), http::status::service_unavailable);
    const auto body = nlohmann::json::parse(response.body());
    EXPECT_EQ(body.at("ready"), false);
    EXPECT_EQ(body.at("reasons"), (nlohmann::json{{"camera", "unavailable"}}));

    kiosk.readiness().clear("camera");
    EXPECT_EQ(client.get("/readyz").result(), http::status::ok);
}

TEST_F(HealthEndpointTest, MetricsAreWhatTheKioskReported)
{
    RunningEndpoint kiosk(folder_);
    kiosk.metrics().sessions_started.add(5);
    kiosk.metrics().check_failures("glasses").add(2);
    kiosk.metrics().outbox_oldest_pending_age.set(4200);
    kiosk.metrics().live_frame_latency.observe(0.02);
    kiosk.metrics().live_frame_latency.observe(0.5);
    kiosk.readiness().block("printer", "paper_out");

    Client client(kiosk.port());
    const auto response = client.get("/metrics");
    ASSERT_EQ(response.result(), http::status::ok);
    EXPECT_EQ(response[http::field::content_type], prometheus_content_type);
    const auto families = ExpositionParser::parse(response.body());
    EXPECT_EQ(families.at("kiosk_sessions_started_total").samples.at(0).value, 5);
    EXPECT_EQ(families.at("kiosk_outbox_oldest_pending_age_seconds").samples.at(0).value, 4200);
    EXPECT_EQ(families.at("kiosk_ready").samples.at(0).value, 0);
    bool glasses_seen = false;
    for (const auto& sample : families.at("kiosk_check_failures_total").samples)
        glasses_seen |= sample.labels.at("check") == "glasses" && sample.value == 2;
    EXPECT_TRUE(glasses_seen);
    for (const auto& sample : families.at("kiosk_live_frame_latency_seconds").samples) {
        if (sample.name == "kiosk_live_frame_latency_seconds_count") {
            EXPECT_EQ(sample.value, 2);
        }
        if (sample.name == "kiosk_live_frame_latency_seconds_bucket" && sample.labels.at("le") == "0.033") {
            EXPECT_EQ(sample.value, 1);
        }
    }

    // HEAD: the same length, no body, the connection still usable.
    const auto head = client.request(http::verb::head, "/metrics", "Bearer " + token);
    EXPECT_EQ(head.result(), http::status::ok);
    EXPECT_TRUE(head.body().empty());
    EXPECT_GT(std::stoul(std::string(head[http::field::content_length])), 1000u);
    EXPECT_EQ(client.get("/healthz", false).result(), http::status::ok);
}

TEST_F(HealthEndpointTest, BadRequestsGetAReason)
{
    RunningEndpoint kiosk(folder_);
    Client client(kiosk.port());

    auto response = client.request(http::verb::post, "/metrics", "Bearer " + token);
    EXPECT_EQ(response.result(), http::status::method_not_allowed);
    EXPECT_EQ(response[http::field::allow], "GET, HEAD");

    response = client.get("/secrets");
    EXPECT_EQ(response.result(), http::status::not_found);
    EXPECT_FALSE(nlohmann::json::parse(response.body()).at("error").get<std::string>().empty());

    // Query strings are allowed and ignored.
    EXPECT_EQ(client.get("/healthz?from=prometheus", false).result(), http::status::ok);

    Client with_body(kiosk.port());
    EXPECT_EQ(with_body.request(http::verb::get, "/healthz", "", "a body").result(), http::status::payload_too_large);
    EXPECT_TRUE(with_body.closed_by_server());

    Client huge(kiosk.port());
    const std::string reply = huge.exchange_raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Fill: " + std::string(2000, 'a') +
                                                "\r\n\r\n");
    EXPECT_EQ(reply.substr(0, 4), "431 ") << reply;

    Client absolute(kiosk.port());
    EXPECT_EQ(absolute.exchange_raw("GET http://kiosk/healthz HTTP/1.1\r\nHost: x\r\n\r\n").substr(0, 4), "400 ");

    // Not HTTP: hung up on, and the endpoint still serves the next client.
    Client garbage(kiosk.port());
    EXPECT_EQ(garbage.exchange_raw("\x16\x03\x01 not http\r\n\r\n"), "");
    EXPECT_EQ(Client(kiosk.port()).get("/healthz", false).result(), http::status::ok);
}

TEST_F(HealthEndpointTest, ConnectionsBeyondTheLimitAreClosedAndIdleOnesTimeOut)
{
    RunningEndpoint kiosk(folder_, config_text(2, 700));
    Client first(kiosk.port());
    Client second(kiosk.port());
    EXPECT_EQ(first.get("/healthz", false).result(), http::status::ok);
    EXPECT_EQ(second.get("/healthz", false).result(), http::status::ok);

    Client third(kiosk.port());
    EXPECT_TRUE(third.closed_by_server());

    // Idle past the read timeout: both are closed, and room is made again.
    EXPECT_TRUE(first.closed_by_server());
    EXPECT_TRUE(second.closed_by_server());
    EXPECT_EQ(Client(kiosk.port()).get("/healthz", false).result(), http::status::ok);
}

TEST_F(HealthEndpointTest, TokenAndConfigProblemsAreConfigErrors)
{
    const auto expect_config_error = [](const auto& load, const std::string& words) {
        try {
            load();
            ADD_FAILURE() << "no error; expected one saying " << words;
        } catch (const ConfigError& error) {
            EXPECT_NE(std::string(error.what()).find(words), std::string::npos) << error.what();
        }
    };
    const auto readable = write_file(folder_, "readable.json", nlohmann::json{{"bearer_token", token}}.dump(), 0644);
    expect_config_error([&] { load_bearer_token(readable, 32); }, "readable.json");
    const auto short_token = write_file(folder_, "short.json", R"({"bearer_token": "abc"})");
    expect_config_error([&] { load_bearer_token(short_token, 32); }, "shorter than 32");
    const auto spaced = write_file(folder_, "spaced.json", nlohmann::json{{"bearer_token", token + " x"}}.dump());
    expect_config_error([&] { load_bearer_token(spaced, 32); }, "bearer_token");

    auto config = nlohmann::json::parse(config_text());
    config["limits"]["max_connections"] = 0;
    const auto zero = write_file(folder_, "zero.json", config.dump(), 0644);
    expect_config_error([&] { load_health_config(zero); }, "max_connections");
    config = nlohmann::json::parse(config_text());
    config["live_frame_latency_buckets_s"] = {0.1, 0.05};
    const auto unordered = write_file(folder_, "unordered.json", config.dump(), 0644);
    expect_config_error([&] { load_health_config(unordered); }, "live_frame_latency_buckets_s");
    config = nlohmann::json::parse(config_text());
    config["listen"].erase("address");
    const auto no_address = write_file(folder_, "no-address.json", config.dump(), 0644);
    expect_config_error([&] { load_health_config(no_address); }, "address");
}

TEST_F(HealthEndpointTest, TheShippedConfigLoads)
{
    const auto config = load_health_config(std::filesystem::path(KIOSK_SOURCE_DIR) / "config/health/health.json");
    EXPECT_EQ(config.address, "127.0.0.1");
    EXPECT_GE(config.live_frame_latency_buckets_s.size(), 3u);
}

} // namespace
} // namespace kiosk::health
