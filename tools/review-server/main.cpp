// review-server: the review centre's service that kiosks upload to and
// reviewers decide in.
// Usage: review-server [--config config/review-server/server.json]
//        review-server add-reviewer <name> [--config ...]   (password on stdin)
// Serving, it prints "listening on <address>:<port>" on stdout once it
// accepts connections, and stops cleanly on SIGTERM or SIGINT.
#include <iostream>
#include <optional>

#include <CLI/CLI.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <spdlog/spdlog.h>
#include <termios.h>
#include <unistd.h>

#include "core/error.h"
#include "core/logging.h"
#include "core/paths.h"
#include "core/text_catalog.h"
#include "applicant_key.h"
#include "http_listener.h"
#include "password_check_pool.h"
#include "review_api.h"
#include "review_store.h"
#include "reviewer_accounts.h"
#include "reviewing_config.h"
#include "server_config.h"

namespace {

// One line from stdin, without echo when a person types it: a password must
// never be in argv (every user sees it in ps) nor on the screen.
std::string read_password()
{
    const bool terminal = ::isatty(STDIN_FILENO);
    termios saved{};
    if (terminal) {
        std::cerr << "password: " << std::flush;
        ::tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string password;
    std::getline(std::cin, password);
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::cerr << "\n";
    }
    if (!password.empty() && password.back() == '\r')
        password.pop_back();
    return password;
}

int add_reviewer(const kiosk::review::ServerConfig& config, const std::string& name)
{
    const auto reviewing = kiosk::review::load_reviewing_config(config.reviewing_file);
    kiosk::review::ReviewStore store(config.data_dir, kiosk::review::load_or_create_applicant_key(config.applicant_key_file));
    kiosk::review::ReviewerAccounts accounts(store.db(), reviewing);
    const auto reviewer = accounts.add(name, read_password(), std::chrono::system_clock::now());
    std::cout << "reviewer " << reviewer.id << " added" << std::endl;
    return 0;
}

// TLS 1.2 and newer only, with the service's certificate chain and key.
// Throws (naming the file) when either cannot be read or they do not match.
std::optional<boost::asio::ssl::context> tls_context(const kiosk::review::ServerConfig& config)
{
    if (!config.tls)
        return std::nullopt;
    std::optional<boost::asio::ssl::context> tls(std::in_place, boost::asio::ssl::context::tls_server);
    tls->set_options(boost::asio::ssl::context::default_workarounds | boost::asio::ssl::context::no_sslv2 |
                     boost::asio::ssl::context::no_sslv3 | boost::asio::ssl::context::no_tlsv1 |
                     boost::asio::ssl::context::no_tlsv1_1);
    const auto load = [](const std::filesystem::path& file, const auto& use) {
        try {
            use(file.string());
        } catch (const boost::system::system_error& e) {
            throw kiosk::ConfigError("TLS file " + file.string() + ": " + e.what());
        }
    };
    load(config.tls->certificate_chain_file, [&](const std::string& f) { tls->use_certificate_chain_file(f); });
    load(config.tls->private_key_file,
         [&](const std::string& f) { tls->use_private_key_file(f, boost::asio::ssl::context::pem); });
    return tls;
}

int serve(const kiosk::review::ServerConfig& config)
{
    const auto reviewing = kiosk::review::load_reviewing_config(config.reviewing_file);
    const auto text = kiosk::TextCatalog::load(kiosk::config_dir() / "text", reviewing.locale);
    kiosk::review::require_review_texts(reviewing, text);
    kiosk::review::ReviewStore store(config.data_dir, kiosk::review::load_or_create_applicant_key(config.applicant_key_file));
    kiosk::review::ReviewerAccounts accounts(store.db(), reviewing);
    auto kiosk_keys = kiosk::review::load_kiosk_keys(config.kiosk_keys_file);
    auto tls = tls_context(config);

    boost::asio::io_context io;
    // Declared after io: its threads post results to io, so it must be gone before io is.
    kiosk::review::PasswordCheckPool password_checks(io.get_executor(), reviewing.check_threads,
                                                     reviewing.max_waiting_checks);
    kiosk::review::ReviewApi api(config, std::move(kiosk_keys), store, accounts, password_checks, reviewing, text);
    const boost::asio::ip::tcp::endpoint endpoint(boost::asio::ip::make_address(config.listen_address), config.port);
    kiosk::review::HttpListener listener(io, endpoint, config.limits, tls ? &*tls : nullptr,
                                         [&api](const auto& request, auto reply) { api.handle(request, reply); });
    listener.start();
    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&io](const boost::system::error_code&, int) { io.stop(); });

    spdlog::info("serving {}", tls ? "HTTPS" : "plain HTTP");
    std::cout << "listening on " << config.listen_address << ":" << listener.port() << std::endl;
    // One thread serves every connection and alone uses the store, so it needs
    // no locking; only the password checks run on threads of their own.
    io.run();
    spdlog::info("stopped");
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    CLI::App app("The review centre's service: kiosks upload accepted photos here and reviewers decide on them.");
    app.fallthrough();
    std::string config_file;
    std::string log_level = "info";
    app.add_option("--config", config_file, "server settings (default: config/review-server/server.json)");
    app.add_option("--log-level", log_level, "trace, debug, info, warn, error or off");
    auto* add = app.add_subcommand("add-reviewer", "create a reviewer account; the password is read from stdin");
    std::string reviewer_name;
    add->add_option("name", reviewer_name, "the reviewer's sign-in name (a-z, 0-9, '.', '_', '-')")->required();
    CLI11_PARSE(app, argc, argv);
    kiosk::setup_logging("review-server", log_level);

    try {
        const auto config = kiosk::review::load_server_config(
            config_file.empty() ? kiosk::config_dir() / "review-server" / "server.json" : std::filesystem::path(config_file));
        return add->parsed() ? add_reviewer(config, reviewer_name) : serve(config);
    } catch (const kiosk::InputError& e) {
        std::cerr << "review-server: " << e.what() << std::endl;
        return 2;
    } catch (const std::exception& e) {
        spdlog::error("{}", e.what());
        return 1;
    }
}
