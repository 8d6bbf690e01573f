#pragma once

// Kiosks' health endpoints in the test's own process, for the fleet tests and
// fleet-bench: each a real HealthEndpoint with its own MetricsRegistry,
// KioskMetrics and Readiness, all served by one io_context thread; beside
// them listeners that accept and never answer, ports that refuse, and the
// operators' inventory file naming them.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <list>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <sys/stat.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "health/health_endpoint.h"
#include "health/kiosk_metrics.h"

namespace kiosk::test {

// One kiosk's side of the endpoint: what a test sets and the port it listens on.
struct HealthKiosk {
    HealthKiosk(boost::asio::io_context& io, const health::HealthConfig& config, const std::string& token,
                const std::string& version)
        : metrics(registry, config.live_frame_latency_buckets_s, version), readiness(metrics.ready),
          endpoint(io, config, token, registry, readiness)
    {
        endpoint.start();
    }

    health::MetricsRegistry registry;
    health::KioskMetrics metrics;
    health::Readiness readiness;
    health::HealthEndpoint endpoint;
};

// Accepts connections and never says a word, like a kiosk whose io_context
// hangs; keeps when it accepted each, to see a client's parallelism.
class SilentListener {
public:
    explicit SilentListener(boost::asio::io_context& io)
        : acceptor_(io, {boost::asio::ip::address_v4::loopback(), 0})
    {
        accept();
    }
    unsigned short port() const { return acceptor_.local_endpoint().port(); }
    std::vector<std::chrono::steady_clock::time_point> accept_times() const
    {
        std::lock_guard lock(mutex_);
        return accept_times_;
    }
private:
    void accept()
    {
        acceptor_.async_accept([this](boost::system::error_code error, boost::asio::ip::tcp::socket socket) {
            if (error)
                return;
            {
                std::lock_guard lock(mutex_);
                accept_times_.push_back(std::chrono::steady_clock::now());
            }
            sockets_.push_back(std::move(socket));   // held open, never read or answered
            accept();
        });
    }

    boost::asio::ip::tcp::acceptor acceptor_;
    std::list<boost::asio::ip::tcp::socket> sockets_;
    mutable std::mutex mutex_;
    std::vector<std::chrono::steady_clock::time_point> accept_times_;
};

// A loopback port nothing listens on: connecting is refused at once.
inline unsigned short refused_port()
{
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor probe(io, {boost::asio::ip::address_v4::loopback(), 0});
    return probe.local_endpoint().port();   // closed again when probe goes
}

// Many kiosks and silent listeners on one io_context thread. Add them all,
// then start(); the thread stops with the object.
class HealthKioskFleet {
public:
    static constexpr const char* token = "fleet-test-token-0123456789abcdefghij";

    HealthKioskFleet()
    {
        config_.address = "127.0.0.1";
        config_.port = 0;
        config_.live_frame_latency_buckets_s = {0.01, 0.033, 0.1};
    }
    // Endpoints and listeners close after the thread has stopped, as HealthEndpoint asks.
    ~HealthKioskFleet()
    {
        io_.stop();
        if (thread_.joinable())
            thread_.join();
    }

    HealthKiosk& add_kiosk(const std::string& version = "1.2.3")
    {
        return kiosks_.emplace_back(io_, config_, token, version);
    }
    SilentListener& add_silent() { return silent_.emplace_back(io_); }

    void start()
    {
        thread_ = std::thread([this] { io_.run(); });
    }

private:
    boost::asio::io_context io_;
    health::HealthConfig config_;
    std::list<HealthKiosk> kiosks_;   // a list: endpoints hold the registries by reference
    std::list<SilentListener> silent_;
    std::thread thread_;
};

// An operators' inventory in a folder of the test's: write() the TOML and a
// token file per kiosk (0600, as the tool demands).
class FleetInventoryFile {
public:
    explicit FleetInventoryFile(std::filesystem::path folder) : folder_(std::move(folder))
    {
        std::filesystem::create_directories(folder_ / "tokens");
    }

    void add(const std::string& name, const std::string& hall, const std::string& url,
             const std::string& token = HealthKioskFleet::token)
    {
        const std::string token_file = "tokens/" + name + ".json";
        const auto path = folder_ / token_file;
        std::ofstream(path) << "{\"bearer_token\": \"" << token << "\"}\n";
        ::chmod(path.c_str(), 0600);
        toml_ += "[[kiosk]]\nname = \"" + name + "\"\nhall = \"" + hall + "\"\nurl = \"" + url +
                 "\"\ntoken_file = \"" + token_file + "\"\n\n";
    }

    std::filesystem::path write(const std::string& file_name = "kiosks.toml") const
    {
        const auto path = folder_ / file_name;
        std::ofstream(path) << toml_;
        return path;
    }

    static std::string url(unsigned short port) { return "http://127.0.0.1:" + std::to_string(port); }

private:
    std::filesystem::path folder_;
    std::string toml_;
};

} // namespace kiosk::test
