#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "core/error.h"

namespace kiosk::upload {

enum class ReviewState { Pending, Approved, Rejected };

// What the review centre has decided about a receipt number, as the kiosk
// shows it to a citizen who comes back with the slip.
struct ReceiptDecision {
    std::string receipt_number;
    ReviewState state = ReviewState::Pending;
    std::string reason_code;   // a rejection's reason, a key under review.reason in config/text
    std::string reason_text;   // the service's own words for it, in the service's locale
    int submissions = 0;       // photos sent under the number, resubmissions included
};

// The service has no submission under this (well-formed) number: the photo
// has not arrived yet, or the number was never issued.
class UnknownReceipt : public InputError {
public:
    using InputError::InputError;
};

// The service could not be asked or gave an answer that is not a status:
// worth retrying later, not a fact about the receipt.
class ReviewServiceError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Reads the body of GET /v1/receipts/<number>. Throws ReviewServiceError for
// a body that is not a status (not JSON, a missing field, an unknown state,
// a rejection without its reason).
ReceiptDecision parse_receipt_decision(std::string_view body);

} // namespace kiosk::upload
