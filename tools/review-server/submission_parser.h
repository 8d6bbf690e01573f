#pragma once

#include <string_view>

#include "request_refused.h"
#include "server_config.h"
#include "upload/submission.h"

namespace kiosk::review {

// Reads a POST /v1/submissions body (app/upload/submission_body.h) and checks
// every field against `limits`. Throws RequestRefused: 400 for a malformed
// or missing field, 413 for a photo or assessment over its limit, 415 for a
// photo that is not a JPEG.
upload::Submission parse_submission_body(std::string_view body, const InputLimits& limits);

} // namespace kiosk::review
