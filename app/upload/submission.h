#pragma once

#include <optional>
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
    // What the citizen typed for the application (name, id_number, phone),
    // for the reviewer to match the photo to the person. Personal data: sealed
    // at rest like the photo, never logged. Absent for a submission made
    // without details (the spec asks for none).
    std::optional<nlohmann::json> applicant;

    friend bool operator==(const Submission&, const Submission&) = default;
};

} // namespace kiosk::upload
