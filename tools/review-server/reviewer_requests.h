#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "review_store.h"
#include "reviewing_config.h"

namespace kiosk::review {

// The bodies and queries reviewers send, read the same way whether they come
// from the JSON API or from an HTML form. Every reader throws RequestRefused:
// 400 for a malformed, unknown or missing field, 413 for a body over
// max_form_bytes.

enum class BodyFormat { Json, Form };

struct LoginRequest {
    std::string name;
    std::string password;
};
// {"name", "password"}
LoginRequest parse_login(std::string_view body, BodyFormat format, const ReviewingConfig& config);

struct DecisionRequest {
    Verdict verdict = Verdict::Approve;
    std::string reason_code;   // one of config.reject_reasons for Reject, empty for Approve
};
// {"decision": "approve"} or {"decision": "reject", "reason": "<code>"}
DecisionRequest parse_decision(std::string_view body, BodyFormat format, const ReviewingConfig& config);

struct QueuePage {
    std::int64_t after = 0;   // submission id the page starts after
    int limit = 0;
};
// "after=<id>&limit=<n>", both optional; limit at most config.max_page.
QueuePage parse_queue_query(std::string_view query, const ReviewingConfig& config);

// A submission id in a path: a positive decimal number.
std::int64_t parse_submission_id(std::string_view text);

} // namespace kiosk::review
