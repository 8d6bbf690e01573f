#include "receipt/atomic_file.h"

#include <cerrno>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

namespace kiosk::receipt {
namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path)
{
    throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

// Owns a file descriptor so every early return closes it.
class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd()
    {
        if (fd_ >= 0)
            ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

} // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes)
{
    const auto tmp = path.parent_path() / ("." + path.filename().string() + ".tmp");
    {
        Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
        if (fd.get() < 0)
            fail("cannot create", tmp);
        std::size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                const int saved = errno;
                ::unlink(tmp.c_str());
                errno = saved;
                fail("cannot write", tmp);
            }
            done += static_cast<std::size_t>(n);
        }
        if (::fsync(fd.get()) != 0)
            fail("cannot flush", tmp);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0)
        fail("cannot rename onto", path);
    const auto dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
    Fd dirfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dirfd.get() < 0 || ::fsync(dirfd.get()) != 0)
        fail("cannot flush folder", dir);
}

} // namespace kiosk::receipt
