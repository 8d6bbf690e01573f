#include "support/fake_journald.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <poll.h>
#include <unistd.h>

#include <cstdint>
#include <stdexcept>

namespace kiosk::test {
namespace {

std::map<std::string, std::string> parse(const std::string& datagram)
{
    std::map<std::string, std::string> fields;
    std::size_t at = 0;
    while (at < datagram.size()) {
        const auto end = datagram.find('\n', at);
        if (end == std::string::npos)
            break;
        const std::string line = datagram.substr(at, end - at);
        if (const auto equals = line.find('='); equals != std::string::npos) {
            fields[line.substr(0, equals)] = line.substr(equals + 1);
            at = end + 1;
        } else {
            std::uint64_t size = 0;
            datagram.copy(reinterpret_cast<char*>(&size), 8, end + 1);
            fields[line] = datagram.substr(end + 9, size);
            at = end + 9 + size + 1;
        }
    }
    return fields;
}

} // namespace

const std::filesystem::path& FakeJournald::socket_path()
{
    static const std::filesystem::path path = "/run/systemd/journal/socket";
    return path;
}

std::optional<std::string> FakeJournald::unavailable()
{
    if (::geteuid() != 0)
        return "binding " + socket_path().string() + " in place of journald needs root";
    if (std::filesystem::exists(socket_path()))
        return "a journald owns " + socket_path().string() + ": its records cannot be read back here";
    return std::nullopt;
}

FakeJournald::FakeJournald()
{
    // Only what this object makes is removed again.
    for (auto folder = socket_path().parent_path(); !std::filesystem::exists(folder); folder = folder.parent_path())
        made_.push_back(folder);
    std::filesystem::create_directories(socket_path().parent_path());
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    socket_path().string().copy(address.sun_path, sizeof address.sun_path - 1);
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        if (fd_ >= 0)
            ::close(fd_);
        throw std::runtime_error("cannot bind " + socket_path().string());
    }
    const int size = 8 << 20;
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    reader_ = std::thread([this] { read(); });
}

FakeJournald::~FakeJournald()
{
    stop_ = true;
    reader_.join();
    ::close(fd_);
    std::filesystem::remove(socket_path());
    for (const auto& folder : made_)
        std::filesystem::remove(folder);
}

std::vector<std::map<std::string, std::string>> FakeJournald::records() const
{
    std::lock_guard lock(mutex_);
    return records_;
}

std::string FakeJournald::raw() const
{
    std::lock_guard lock(mutex_);
    return raw_;
}

void FakeJournald::read()
{
    std::vector<char> buffer(1 << 20);
    while (!stop_) {
        pollfd ready{fd_, POLLIN, 0};
        if (::poll(&ready, 1, 100) != 1)
            continue;
        const ssize_t length = ::recv(fd_, buffer.data(), buffer.size(), 0);
        if (length <= 0)
            continue;
        const std::string datagram(buffer.data(), static_cast<std::size_t>(length));
        std::lock_guard lock(mutex_);
        raw_ += datagram;
        records_.push_back(parse(datagram));
    }
}

} // namespace kiosk::test
