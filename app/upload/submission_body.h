#pragma once

#include <string>

#include "upload/submission.h"

namespace kiosk::upload {

// The body of POST /v1/submissions, a JSON object:
//   receipt_number, spec, city, kiosk_id   strings
//   assessment                             object: the kiosk's check results
//   photo_jpeg_base64                      the photo, standard base64 with padding
//   applicant                              object, only when the submission has one
// One signed body carries the photo and its metadata together, so neither can
// be swapped without breaking the signature.
std::string encode_submission_body(const Submission& submission);

} // namespace kiosk::upload
