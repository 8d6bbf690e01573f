#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace kiosk::test {

// The kiosk id in config/receipt/kiosk.json, and the signing key the tests
// give both the kiosk and the review service.
inline const std::string kKioskId = "GZ001";
inline const std::string kKioskSigningKey(32, '\x6b');

// What the kiosk program did.
struct KioskRun {
    int status = -1;   // exit status; -1 when it was killed after the time limit
    std::string out;
    std::string err;
};

// Runs a program to its end as a BackgroundProgram (stdout and stderr in
// program.out and program.err under `folder`), killing it and what it started
// after `limit`.
KioskRun run_program(const std::vector<std::string>& args, const std::filesystem::path& folder,
                     std::chrono::seconds limit);

// The kiosk's upload settings and keys (written into `folder`) for the
// review service on loopback `port`; returns the settings file.
std::filesystem::path write_kiosk_upload_config(const std::filesystem::path& folder, std::uint16_t port);

// The kiosk's printer config (--printer-config) for `queue` of a temporary
// cupsd on `host`:`port`, written as <folder>/printer/e2e-cups.json.
std::filesystem::path write_cups_printer_config(const std::filesystem::path& folder, const std::string& host, int port,
                                                const std::string& queue);

// The shipped health config (config/health/health.json) serving on loopback
// `port` with the bearer token in `token_file` (absolute, or beside `file`),
// readiness looked at every 200 ms; written as `file`, which is returned.
std::filesystem::path write_kiosk_health_config(const std::filesystem::path& file, std::uint16_t port,
                                                const std::filesystem::path& token_file);

// GET on loopback: status and JSON body (discarded when not JSON).
std::pair<unsigned, nlohmann::json> http_get(std::uint16_t port, const std::string& target);

// The review service's answer for a receipt, asking for up to `patience`
// while the outbox may still be delivering it.
std::pair<unsigned, nlohmann::json> receipt_in_service(std::uint16_t port, const std::string& number,
                                                       std::chrono::milliseconds patience);

// The receipt number a slip's QR code carries: the code is the number itself
// or the public status page's address ending in it.
std::string receipt_in_qr(const std::string& qr_text);

// The first group of `pattern` in `text`, empty when it does not match.
std::string first_match(const std::string& text, const std::string& pattern);

} // namespace kiosk::test
