#include "core/durable_file.h"

#include <cerrno>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

namespace kiosk {
namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path)
{
    throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

// Owns a file descriptor so every early return closes it.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor()
    {
        if (fd_ >= 0)
            ::close(fd_);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

void write_all(int fd, std::string_view bytes, const std::filesystem::path& path)
{
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            fail("cannot write", path);
        done += static_cast<std::size_t>(n);
    }
}

} // namespace

void write_file_durably(const std::filesystem::path& path, std::string_view bytes)
{
    std::filesystem::path tmp = path;
    tmp += ".tmp";
    try {
        {
            FileDescriptor fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
            if (fd.get() < 0)
                fail("cannot create", tmp);
            write_all(fd.get(), bytes, tmp);
            if (::fsync(fd.get()) != 0)
                fail("cannot flush", tmp);
        }
        if (::rename(tmp.c_str(), path.c_str()) != 0)
            fail("cannot rename onto", path);
    } catch (...) {
        const int saved = errno;
        ::unlink(tmp.c_str());
        errno = saved;
        throw;
    }
    sync_folder(path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path());
}

std::string read_whole_file(const std::filesystem::path& path)
{
    FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0)
        fail("cannot open", path);
    std::string bytes;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            fail("cannot read", path);
        if (n == 0)
            return bytes;
        bytes.append(buffer, static_cast<std::size_t>(n));
    }
}

void sync_folder(const std::filesystem::path& folder)
{
    FileDescriptor fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0 || ::fsync(fd.get()) != 0)
        fail("cannot flush folder", folder);
}

} // namespace kiosk
