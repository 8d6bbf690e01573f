#include "password_check_pool.h"

#include <boost/asio/post.hpp>

#include "request_refused.h"

namespace kiosk::review {

PasswordCheckPool::PasswordCheckPool(boost::asio::any_io_executor network, std::size_t threads,
                                     std::size_t max_waiting)
    : network_(std::move(network)), pool_(threads), max_waiting_(max_waiting)
{
}

PasswordCheckPool::~PasswordCheckPool()
{
    pool_.join();
}

void PasswordCheckPool::run(std::function<PasswordCheck()> check, Done done)
{
    if (waiting_ >= max_waiting_)
        throw RequestRefused(503, "too many sign-ins are being checked; try again in a moment");
    ++waiting_;
    boost::asio::post(pool_, [this, check = std::move(check), done = std::move(done)]() mutable {
        PasswordCheck result;
        std::exception_ptr failure;
        try {
            result = check();
        } catch (...) {
            // Thrown on a pool thread it would end the process; the network thread answers it instead.
            failure = std::current_exception();
        }
        boost::asio::post(network_, [this, result = std::move(result), failure, done = std::move(done)] {
            --waiting_;
            done(result, failure);
        });
    });
}

} // namespace kiosk::review
