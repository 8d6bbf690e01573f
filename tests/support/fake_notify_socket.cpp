#include "support/fake_notify_socket.h"

#include <cstdlib>
#include <stdexcept>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace kiosk::test {

FakeNotifySocket::FakeNotifySocket()
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
    ::setenv("NOTIFY_SOCKET", path_.c_str(), 1);
}

FakeNotifySocket::~FakeNotifySocket()
{
    ::unsetenv("NOTIFY_SOCKET");
    ::close(fd_);
    std::filesystem::remove_all(folder_);
}

std::optional<std::string> FakeNotifySocket::receive(std::chrono::milliseconds timeout)
{
    pollfd ready{fd_, POLLIN, 0};
    if (::poll(&ready, 1, static_cast<int>(timeout.count())) != 1)
        return std::nullopt;
    char buffer[4096];
    const ssize_t length = ::recv(fd_, buffer, sizeof buffer, 0);
    if (length < 0)
        return std::nullopt;
    return std::string(buffer, static_cast<std::size_t>(length));
}

} // namespace kiosk::test
