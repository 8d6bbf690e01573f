#pragma once

#include <cstddef>
#include <exception>
#include <functional>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/thread_pool.hpp>

#include "reviewer_accounts.h"

namespace kiosk::review {

// Runs the logins' Argon2id password checks on threads of their own. At the
// shipped cost one check takes about 200 ms; on the service's one network
// thread it would hold every kiosk upload and status lookup that long.
class PasswordCheckPool {
public:
    // Results come back on `network`, the thread that owns the database.
    PasswordCheckPool(boost::asio::any_io_executor network, std::size_t threads, std::size_t max_waiting);
    // Waits for the checks already running; their results are dropped with the io_context.
    ~PasswordCheckPool();

    // The check's result, or what it threw (then the result is empty).
    using Done = std::function<void(const PasswordCheck&, std::exception_ptr)>;

    // Call on the network thread. Runs `check` on a pool thread, then `done`
    // with its result on the network thread. Throws RequestRefused (503)
    // while `max_waiting` checks are queued or running, so a flood of logins
    // cannot pile up memory and delay every reviewer behind it.
    void run(std::function<PasswordCheck()> check, Done done);

private:
    boost::asio::any_io_executor network_;
    boost::asio::thread_pool pool_;
    std::size_t max_waiting_;
    std::size_t waiting_ = 0;   // changed on the network thread only
};

} // namespace kiosk::review
