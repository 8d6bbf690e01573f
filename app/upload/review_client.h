#pragma once

#include <string>

#include "upload/receipt_decision.h"
#include "upload/submission.h"
#include "upload/upload_config.h"

namespace kiosk::upload {

// The answer to one upload attempt.
struct UploadAttempt {
    bool acknowledged = false;   // the service has the submission (new or already)
    std::string error;           // why not, without personal data: transport error or HTTP status
};

// Sends submissions to the review service over HTTP (Boost.Beast), signed
// with this kiosk's key (request_signature.h). Connecting and the whole
// request each have a deadline from the config, so a stalled service costs
// one timeout, never a hung uploader.
class ReviewClient {
public:
    ReviewClient(ServiceEndpoint endpoint, std::string kiosk_id, std::string signing_key);

    // POST /v1/submissions. 200 and 201 acknowledge; anything else is an error to retry.
    UploadAttempt send(const Submission& submission) const;

    // GET /v1/receipts/<number>: the review decision for a receipt number as
    // a person typed it. Throws InputError for a malformed number (nothing is
    // sent), UnknownReceipt when the service has nothing under it, and
    // ReviewServiceError when the service cannot be reached or answers
    // something else.
    ReceiptDecision fetch_receipt_decision(std::string_view receipt_number) const;

private:
    ServiceEndpoint endpoint_;
    std::string kiosk_id_;
    std::string signing_key_;
};

} // namespace kiosk::upload
