#pragma once

#include <string_view>

#include "request_refused.h"
#include "reviewing_config.h"
#include "server_config.h"
#include "upload/submission.h"

namespace kiosk::review {

// Reads a POST /v1/submissions body (app/upload/submission_body.h) and checks
// every field against `limits`, the applicant's details (when sent) against
// `applicant_limits` (applicant_details.h). Throws RequestRefused: 400 for a
// malformed or missing field, 413 for a photo or assessment over its limit,
// 415 for a photo that is not a JPEG.
upload::Submission parse_submission_body(std::string_view body, const InputLimits& limits,
                                         const ApplicantLimits& applicant_limits);

} // namespace kiosk::review
