#include "core/file_lock.h"

#include <cerrno>
#include <system_error>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace kiosk {

FileLock::FileLock(const std::filesystem::path& path) : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600))
{
    if (fd_ < 0)
        throw std::system_error(errno, std::generic_category(), "cannot open " + path.string());
    while (::flock(fd_, LOCK_EX) != 0) {
        if (errno != EINTR) {
            const int saved = errno;
            ::close(fd_);
            throw std::system_error(saved, std::generic_category(), "cannot lock " + path.string());
        }
    }
}

FileLock::~FileLock()
{
    ::close(fd_);
}

} // namespace kiosk
