#include "upload/receipt_decision.h"

#include <nlohmann/json.hpp>

namespace kiosk::upload {

ReceiptDecision parse_receipt_decision(std::string_view body)
{
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_discarded() || !json.is_object())
        throw ReviewServiceError("receipt status: the answer is not a JSON object");
    const auto text = [&](const char* name) {
        const auto it = json.find(name);
        if (it == json.end() || !it->is_string())
            throw ReviewServiceError(std::string("receipt status: no text field \"") + name + "\"");
        return it->get<std::string>();
    };
    ReceiptDecision decision;
    decision.receipt_number = text("receipt_number");
    const auto state = text("status");
    if (state == "pending")
        decision.state = ReviewState::Pending;
    else if (state == "approved")
        decision.state = ReviewState::Approved;
    else if (state == "rejected")
        decision.state = ReviewState::Rejected;
    else
        throw ReviewServiceError("receipt status: unknown status \"" + state.substr(0, 32) + "\"");
    if (decision.state == ReviewState::Rejected) {
        decision.reason_code = text("reason");
        decision.reason_text = text("reason_text");
    }
    const auto submissions = json.find("submissions");
    if (submissions == json.end() || !submissions->is_number_integer() || submissions->get<int>() < 1)
        throw ReviewServiceError("receipt status: \"submissions\" must be a whole number of at least 1");
    decision.submissions = submissions->get<int>();
    return decision;
}

} // namespace kiosk::upload
