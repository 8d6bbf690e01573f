#pragma once

#include <stdexcept>
#include <string>

namespace kiosk::review {

// A request the service refuses, with the HTTP status and the reason it sends back.
class RequestRefused : public std::runtime_error {
public:
    RequestRefused(unsigned status, const std::string& reason) : std::runtime_error(reason), status_(status) {}
    unsigned status() const { return status_; }

private:
    unsigned status_;
};

} // namespace kiosk::review
