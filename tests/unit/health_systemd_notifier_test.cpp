// sd_notify through libsystemd into a fake NOTIFY_SOCKET: a unix datagram
// socket the test binds and reads, as systemd's manager would.
#include <cstdlib>
#include <filesystem>
#include <optional>

#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "health/systemd_notifier.h"

namespace kiosk::health {
namespace {

class FakeNotifySocket {
public:
    FakeNotifySocket()
        : folder_(std::filesystem::temp_directory_path() / ("kiosk-notify-" + std::to_string(::getpid())))
    {
        std::filesystem::create_directories(folder_);
        path_ = (folder_ / "notify").string();
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        path_.copy(address.sun_path, sizeof address.sun_path - 1);
        if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
            throw std::runtime_error("cannot bind " + path_);
        const timeval timeout{2, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        ::setenv("NOTIFY_SOCKET", path_.c_str(), 1);
    }
    ~FakeNotifySocket()
    {
        ::unsetenv("NOTIFY_SOCKET");
        ::close(fd_);
        std::filesystem::remove_all(folder_);
    }

    // The next datagram, or nothing within two seconds.
    std::optional<std::string> receive()
    {
        char buffer[4096];
        const ssize_t length = ::recv(fd_, buffer, sizeof buffer, 0);
        if (length < 0)
            return std::nullopt;
        return std::string(buffer, static_cast<std::size_t>(length));
    }

private:
    std::filesystem::path folder_;
    std::string path_;
    int fd_ = -1;
};

TEST(SystemdNotifier, ReadyWatchdogStatusAndStoppingReachTheSocket)
{
    FakeNotifySocket systemd;
    SystemdNotifier notifier;
    EXPECT_TRUE(notifier.status("starting: camera, controller, printer"));
    EXPECT_EQ(systemd.receive(), "STATUS=starting: camera, controller, printer");
    EXPECT_TRUE(notifier.ready());
    EXPECT_EQ(systemd.receive(), "READY=1");
    EXPECT_TRUE(notifier.watchdog());
    EXPECT_EQ(systemd.receive(), "WATCHDOG=1");
    EXPECT_TRUE(notifier.stopping());
    EXPECT_EQ(systemd.receive(), "STOPPING=1");
}

TEST(SystemdNotifier, AStatusCannotSmuggleASecondAssignment)
{
    FakeNotifySocket systemd;
    SystemdNotifier notifier;
    notifier.status("printer: paper out\nREADY=1");
    EXPECT_EQ(systemd.receive(), "STATUS=printer: paper out READY=1");
}

TEST(SystemdNotifier, OutsideSystemdEveryCallIsANoOp)
{
    ::unsetenv("NOTIFY_SOCKET");
    SystemdNotifier notifier;
    EXPECT_FALSE(notifier.ready());
    EXPECT_FALSE(notifier.watchdog());
    EXPECT_FALSE(notifier.status("idle"));
    EXPECT_FALSE(SystemdNotifier::watchdog_interval());
}

TEST(SystemdNotifier, WatchdogIntervalIsWhatSystemdAsksOfThisProcess)
{
    ::setenv("WATCHDOG_USEC", "20000000", 1);
    ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
    EXPECT_EQ(SystemdNotifier::watchdog_interval(), std::chrono::seconds(20));
    // Meant for another process (a child that inherited the environment): not ours to feed.
    ::setenv("WATCHDOG_PID", std::to_string(::getpid() + 1).c_str(), 1);
    EXPECT_FALSE(SystemdNotifier::watchdog_interval());
    ::unsetenv("WATCHDOG_USEC");
    ::unsetenv("WATCHDOG_PID");
}

} // namespace
} // namespace kiosk::health
