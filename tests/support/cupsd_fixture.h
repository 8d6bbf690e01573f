#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include <sys/types.h>

namespace kiosk::test {

// A real cupsd for one test, run as an ordinary child process on 127.0.0.1
// with its own configuration, spool, state and logs in a private temporary
// folder. Works as root (CI) and as an ordinary user. The destructor stops
// cupsd (and so its backends) and removes the folder with every job in it.
class TemporaryCupsd {
public:
    // Throws std::runtime_error, with cupsd's error log, when it does not
    // answer IPP within `timeout`.
    explicit TemporaryCupsd(std::chrono::milliseconds timeout = std::chrono::seconds(30));
    ~TemporaryCupsd();
    TemporaryCupsd(const TemporaryCupsd&) = delete;
    TemporaryCupsd& operator=(const TemporaryCupsd&) = delete;

    std::string host() const { return "127.0.0.1"; }
    int port() const { return port_; }
    // From starting the process to the first IPP answer.
    std::chrono::milliseconds startup_time() const { return startup_time_; }

    // Adds an enabled raw queue whose device is one of the test backends in
    // tests/integration/cups-backends (capture, fault, lowpaper); `query`
    // is passed on in the device URI (the fault backend's reason). Returns
    // the folder the backend writes each job's document into.
    std::filesystem::path add_queue(const std::string& queue, const std::string& backend,
                                    const std::string& query = "");

    void pause(const std::string& queue);
    void resume(const std::string& queue);
    void reject_jobs(const std::string& queue);

    // Jobs the queue has seen in any state, for "nothing was submitted".
    int job_count(const std::string& queue) const;

    std::string error_log() const;

private:
    void write_config() const;
    void start();
    void wait_until_ready(std::chrono::milliseconds timeout);
    void admin(int operation, const std::string& queue) const;

    std::filesystem::path root_;
    int port_ = 0;
    pid_t pid_ = -1;
    std::chrono::milliseconds startup_time_{0};
};

} // namespace kiosk::test
