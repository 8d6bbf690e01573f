#pragma once

#include <filesystem>

namespace kiosk {

// Holds an exclusive flock on `path` (created 0600 if absent) for its
// lifetime, so processes sharing a state file (the kiosk and kioskctl)
// take turns with each read-change-write. The lock lives on a file of its
// own because the state beside it is replaced by rename and cannot carry
// one. Throws std::system_error naming the file.
class FileLock {
public:
    explicit FileLock(const std::filesystem::path& path);
    ~FileLock();
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    int fd_;
};

} // namespace kiosk
