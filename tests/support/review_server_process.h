#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include <sys/types.h>

namespace kiosk::test {

// A loopback port nobody listens on right now.
std::uint16_t free_loopback_port();

// The real review-server program for a test or a benchmark, serving one kiosk
// from a folder the caller owns (server.json, kiosk-keys.json, data/ and the
// server's log). The port stays the same across restarts, so a kiosk
// configured once keeps finding the service after it was killed.
class ReviewServerProcess {
public:
    // Writes the config into `folder` (created). `signing_key` is the raw key
    // the kiosk signs with. `log_level` is passed to the program.
    ReviewServerProcess(std::filesystem::path binary, std::filesystem::path folder, std::uint16_t port,
                        const std::string& kiosk_id, const std::string& signing_key,
                        std::string log_level = "warn");
    // Kills a server still running; the folder is the caller's to remove.
    ~ReviewServerProcess();
    ReviewServerProcess(const ReviewServerProcess&) = delete;
    ReviewServerProcess& operator=(const ReviewServerProcess&) = delete;

    // Returns once the program says it is listening; throws std::runtime_error
    // (with its log) when it exits or says something else.
    void start();
    // SIGTERM and wait; true when it stopped cleanly (exit status 0).
    bool stop();
    // SIGKILL and wait: no clean-up, as in a crash.
    void kill();
    bool running() const { return pid_ > 0; }

    std::uint16_t port() const { return port_; }
    std::filesystem::path data_dir() const { return folder_ / "data"; }
    // What the program is started with (and `add-reviewer` is given).
    std::filesystem::path config_file() const { return folder_ / "server.json"; }
    // Where the service keeps the photo whose SHA-256 is `sha256_hex`.
    std::filesystem::path photo_path(const std::string& sha256_hex) const;
    // Everything the program wrote on stderr, over all its runs.
    std::filesystem::path log_file() const { return folder_ / "review-server.log"; }

private:
    std::filesystem::path binary_;
    std::filesystem::path folder_;
    std::uint16_t port_;
    std::string log_level_;
    pid_t pid_ = -1;
};

} // namespace kiosk::test
