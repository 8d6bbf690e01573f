#include "upload/submission_body.h"

#include <sodium.h>

namespace kiosk::upload {

std::string encode_submission_body(const Submission& submission)
{
    const auto& photo = submission.photo_jpeg;
    std::string base64(sodium_base64_encoded_len(photo.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(base64.data(), base64.size(), reinterpret_cast<const unsigned char*>(photo.data()), photo.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    base64.pop_back();   // the terminating NUL libsodium counts in the length
    nlohmann::json body = {{"receipt_number", submission.receipt_number},
                                 {"spec", submission.spec},
                                 {"city", submission.city},
                                 {"kiosk_id", submission.kiosk_id},
                                 {"assessment", submission.assessment},
                                 {"photo_jpeg_base64", base64}};
    if (submission.applicant)
        body["applicant"] = *submission.applicant;
    return body.dump();
}

} // namespace kiosk::upload
