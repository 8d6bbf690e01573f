#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace kiosk::test {

// What systemd's manager is to a Type=notify service: a unix datagram socket
// the test binds and reads, named in NOTIFY_SOCKET for this process (and the
// programs it starts) while the object lives.
class FakeNotifySocket {
public:
    FakeNotifySocket();
    ~FakeNotifySocket();
    FakeNotifySocket(const FakeNotifySocket&) = delete;
    FakeNotifySocket& operator=(const FakeNotifySocket&) = delete;

    // The next datagram, or nothing within `timeout`.
    std::optional<std::string> receive(std::chrono::milliseconds timeout = std::chrono::seconds(2));

private:
    std::filesystem::path folder_;
    std::string path_;
    int fd_ = -1;
};

} // namespace kiosk::test
