#pragma once

#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::test {

// journald's place for one test: sd_journal_sendv writes datagrams to
// /run/systemd/journal/socket, and no journald runs on the build machine, so
// the test binds that socket itself (as root) and reads the datagrams the way
// journald would. The socket and any folder made for it are removed again.
// Tests that use it share one path: register them with the CTest resource
// lock "journald_socket" so they never run at the same time.
class FakeJournald {
public:
    static const std::filesystem::path& socket_path();
    // Why the socket cannot be bound here (not root, a journald owns it), or
    // nothing when it can.
    static std::optional<std::string> unavailable();

    // Throws std::runtime_error when the socket cannot be bound.
    FakeJournald();
    ~FakeJournald();
    FakeJournald(const FakeJournald&) = delete;
    FakeJournald& operator=(const FakeJournald&) = delete;

    // Every datagram so far, its fields parsed ("FIELD=value", or a binary-safe
    // "FIELD\n" + 64-bit little-endian length + bytes).
    std::vector<std::map<std::string, std::string>> records() const;
    // Every datagram so far as received, for "this never reached the journal".
    std::string raw() const;

private:
    void read();

    int fd_ = -1;
    std::vector<std::filesystem::path> made_;   // innermost first
    std::atomic<bool> stop_{false};
    std::thread reader_;
    mutable std::mutex mutex_;
    std::vector<std::map<std::string, std::string>> records_;
    std::string raw_;
};

} // namespace kiosk::test
