#pragma once

#include <string_view>

#include "server_config.h"
#include "upload/submission.h"

namespace kiosk::review {

// A request the service refuses, with the HTTP status and the reason it sends back.
class RequestRefused : public std::runtime_error {
public:
    RequestRefused(unsigned status, const std::string& reason) : std::runtime_error(reason), status_(status) {}
    unsigned status() const { return status_; }

private:
    unsigned status_;
};

// Reads a POST /v1/submissions body (app/upload/submission_body.h) and checks
// every field against `limits`. Throws RequestRefused: 400 for a malformed
// or missing field, 413 for a photo or assessment over its limit, 415 for a
// photo that is not a JPEG.
upload::Submission parse_submission_body(std::string_view body, const InputLimits& limits);

} // namespace kiosk::review
