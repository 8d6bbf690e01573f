#pragma once

#include <filesystem>
#include <string>

namespace kiosk {

// One program at a time drives a kiosk's camera, board and printer: the
// kiosk while it runs, `kioskctl calibrate` while a technician calibrates
// from a terminal. Whoever drives them holds an exclusive flock on
// `<state folder>/devices.lock` for as long as it lives; the kernel lets go
// when the process ends however it ends, so a crash never leaves a stale lock.
class DevicesLock {
public:
    // Takes the lock, creating the state folder and the file when missing,
    // and writes `holder` and this process's id into it for the next one to
    // read. Throws DevicesInUse naming the holder when another process has
    // it, ConfigError when the folder or file cannot be made.
    DevicesLock(const std::filesystem::path& state_dir, const std::string& holder);
    ~DevicesLock();
    DevicesLock(const DevicesLock&) = delete;
    DevicesLock& operator=(const DevicesLock&) = delete;

    static std::filesystem::path file_in(const std::filesystem::path& state_dir);

private:
    int fd_ = -1;
};

} // namespace kiosk
