// review-server: the review centre's service that kiosks upload to.
// Usage: review-server --config config/review-server/server.json
// Prints "listening on <address>:<port>" on stdout once it accepts
// connections, and stops cleanly on SIGTERM or SIGINT.
#include <iostream>

#include <CLI/CLI.hpp>
#include <boost/asio/signal_set.hpp>
#include <spdlog/spdlog.h>

#include "core/logging.h"
#include "core/paths.h"
#include "http_listener.h"
#include "review_api.h"
#include "review_store.h"
#include "server_config.h"

int main(int argc, char** argv)
{
    CLI::App app("The review centre's service: kiosks upload accepted photos here.");
    std::string config_file;
    std::string log_level = "info";
    app.add_option("--config", config_file, "server settings (default: config/review-server/server.json)");
    app.add_option("--log-level", log_level, "trace, debug, info, warn, error or off");
    CLI11_PARSE(app, argc, argv);
    kiosk::setup_logging("review-server", log_level);

    try {
        const auto config = kiosk::review::load_server_config(
            config_file.empty() ? kiosk::config_dir() / "review-server" / "server.json" : std::filesystem::path(config_file));
        kiosk::review::ReviewStore store(config.data_dir);
        kiosk::review::ReviewApi api(config, kiosk::review::load_kiosk_keys(config.kiosk_keys_file), store);

        boost::asio::io_context io;
        const boost::asio::ip::tcp::endpoint endpoint(boost::asio::ip::make_address(config.listen_address), config.port);
        kiosk::review::HttpListener listener(io, endpoint, config.limits,
                                             [&api](const auto& request) { return api.handle(request); });
        listener.start();
        boost::asio::signal_set signals(io, SIGINT, SIGTERM);
        signals.async_wait([&io](const boost::system::error_code&, int) { io.stop(); });

        std::cout << "listening on " << config.listen_address << ":" << listener.port() << std::endl;
        // One thread serves every connection, so the store needs no locking.
        io.run();
        spdlog::info("stopped");
        return 0;
    } catch (const std::exception& e) {
        spdlog::error("{}", e.what());
        return 1;
    }
}
