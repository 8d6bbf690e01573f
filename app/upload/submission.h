#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace kiosk::upload {

// One accepted photo on its way to the review centre. The receipt number is
// the idempotency key: the kiosk and the service both treat a second copy
// with the same number as the same submission.
struct Submission {
    std::string receipt_number;   // as ReceiptNumber::str(), 15 characters
    std::string spec;             // document spec id, e.g. "cn-id-card"
    std::string city;             // city id in config/receipt/cities.json
    std::string kiosk_id;
    nlohmann::json assessment;    // the kiosk's check results, a JSON object
    std::string photo_jpeg;       // the encoded photo, byte for byte

    friend bool operator==(const Submission&, const Submission&) = default;
};

} // namespace kiosk::upload
