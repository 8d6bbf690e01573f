#include "e2e/kiosk_run.h"

#include <fstream>
#include <regex>
#include <thread>

#include <boost/beast/http.hpp>

#include "core/json_file.h"
#include "core/paths.h"
#include "support/background_program.h"
#include "support/loopback_http.h"

namespace kiosk::test {

namespace {

namespace http = boost::beast::http;
using namespace std::chrono;

std::string hex(const std::string& bytes)
{
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 15]);
    }
    return out;
}

} // namespace

KioskRun run_program(const std::vector<std::string>& args, const std::filesystem::path& folder, seconds limit)
{
    BackgroundProgram program(args, folder, "program");
    KioskRun run;
    run.status = program.wait(limit);
    run.out = program.out();
    run.err = program.err();
    return run;
}

std::filesystem::path write_kiosk_upload_config(const std::filesystem::path& folder, std::uint16_t port)
{
    const auto secrets = folder / "upload-secrets.json";
    std::ofstream(secrets) << nlohmann::json{{"kiosk_id", kKioskId},
                                             {"at_rest_key_hex", hex(std::string(32, '\x11'))},
                                             {"signing_key_hex", hex(kKioskSigningKey)}}
                                  .dump();
    std::filesystem::permissions(secrets, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    const auto config = folder / "upload.json";
    std::ofstream(config) << nlohmann::json{
        {"service",
         {{"host", "127.0.0.1"}, {"port", port}, {"connect_timeout_ms", 2000}, {"request_timeout_ms", 5000}}},
        {"outbox",
         {{"spool_dir", (folder / "outbox").string()},
          {"retention_hours", 1},
          {"housekeeping_interval_ms", 1000},
          {"backoff", {{"initial_ms", 200}, {"max_ms", 2000}, {"multiplier", 2.0}, {"jitter", 0.5}}}}},
        {"secrets_file", secrets.string()}}
                                 .dump();
    return config;
}

std::filesystem::path write_cups_printer_config(const std::filesystem::path& folder, const std::string& host, int port,
                                                const std::string& queue)
{
    // The kiosk takes a printer file only from a folder named printer/, like config's own.
    const auto config = folder / "printer" / "e2e-cups.json";
    std::filesystem::create_directories(config.parent_path());
    std::ofstream(config) << nlohmann::json{{"backend", "cups"},         {"paper", "80mm"},
                                            {"copies", 1},               {"server", host},
                                            {"port", port},              {"queue", queue},
                                            {"connect_timeout_ms", 3000}, {"job_timeout_ms", 30000},
                                            {"poll_interval_ms", 100},   {"problem_grace_ms", 1500}}
                                 .dump();
    return config;
}

std::filesystem::path write_kiosk_health_config(const std::filesystem::path& file, std::uint16_t port,
                                                const std::filesystem::path& token_file)
{
    auto config = load_json_file(config_dir() / "health" / "health.json");
    config["listen"]["port"] = port;
    config["token_file"] = token_file.string();
    config["readiness"]["poll_interval_ms"] = 200;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << config.dump();
    return file;
}

std::pair<unsigned, nlohmann::json> http_get(std::uint16_t port, const std::string& target)
{
    return loopback_exchange(port, http::request<http::string_body>(http::verb::get, target, 11));
}

std::pair<unsigned, nlohmann::json> receipt_in_service(std::uint16_t port, const std::string& number,
                                                       milliseconds patience)
{
    const auto deadline = steady_clock::now() + patience;
    for (;;) {
        auto answer = http_get(port, "/v1/receipts/" + number);
        if (answer.first == 200 || steady_clock::now() > deadline)
            return answer;
        std::this_thread::sleep_for(milliseconds(100));
    }
}

std::string receipt_in_qr(const std::string& qr_text)
{
    const auto slash = qr_text.rfind('/');
    return slash == std::string::npos ? qr_text : qr_text.substr(slash + 1);
}

std::string first_match(const std::string& text, const std::string& pattern)
{
    std::smatch match;
    if (!std::regex_search(text, match, std::regex(pattern)))
        return "";
    return match[1];
}

} // namespace kiosk::test
