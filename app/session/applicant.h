#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <opencv2/core.hpp>
#include <nlohmann/json.hpp>

namespace kiosk::session {

// The details a document's application needs, typed by the citizen. Personal
// data: held only for the visit, never logged, wiped when the visit ends.
enum class Field { Name, IdNumber, Phone, ReceiptNumber };

std::string_view to_string(Field field);

struct Applicant {
    std::string name;      // as on the ID card: hanzi, or Latin letters for foreign nationals
    std::string id_number; // 18 characters, GB 11643 check digit
    std::string phone;     // mainland mobile number, 11 digits
};

// The photo the citizen is about to accept: the document's file and what the
// engine found on the still it was cut from.
struct AcceptedPhoto {
    std::string spec_id;
    std::string jpeg;          // the document's file, byte for byte as it will be uploaded
    cv::Mat preview;           // the same picture decoded, BGR, never mirrored
    nlohmann::json assessment; // check results of the still, for the reviewer
};

} // namespace kiosk::session
