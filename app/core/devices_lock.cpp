#include "core/devices_lock.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "core/error.h"

namespace kiosk {

namespace {

std::string read_holder(int fd)
{
    std::string text(256, '\0');
    const ssize_t got = ::pread(fd, text.data(), text.size(), 0);
    text.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\0'))
        text.pop_back();
    return text.empty() ? "another program" : text;
}

} // namespace

std::filesystem::path DevicesLock::file_in(const std::filesystem::path& state_dir)
{
    return state_dir / "devices.lock";
}

DevicesLock::DevicesLock(const std::filesystem::path& state_dir, const std::string& holder)
{
    std::error_code ec;
    std::filesystem::create_directories(state_dir, ec);
    const auto file = file_in(state_dir);
    fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
    if (fd_ < 0)
        throw ConfigError("cannot open the devices lock " + file.string() + ": " + std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        const std::string who = read_holder(fd_);
        ::close(fd_);
        if (error == EWOULDBLOCK)
            throw DevicesInUse("the kiosk's devices are in use by " + who + " (" + file.string() + ")");
        throw ConfigError("cannot lock " + file.string() + ": " + std::strerror(error));
    }
    const std::string line = holder + " pid " + std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, line.data(), line.size(), 0) != static_cast<ssize_t>(line.size())) {
        ::close(fd_);
        throw ConfigError("cannot write the devices lock " + file.string() + ": " + std::strerror(errno));
    }
}

DevicesLock::~DevicesLock()
{
    // Emptied first so a reader never names a holder that has gone.
    if (::ftruncate(fd_, 0) != 0) {
        // The lock still goes with the descriptor; a stale name is harmless.
    }
    ::close(fd_);
}

} // namespace kiosk
