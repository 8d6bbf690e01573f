#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "support/review_server_process.h"

namespace kiosk::test {

// A review-centre reviewer at a ReviewServerProcess on loopback: the account
// made with the program's own `add-reviewer`, signed in, deciding through the
// JSON API (tools/review-server/API.md) as the centre's staff do. Throws
// std::runtime_error with the service's answer when a step is refused.
class ReviewerSession {
public:
    // Makes the account and signs in; the server must be running.
    ReviewerSession(const std::filesystem::path& binary, const ReviewServerProcess& server, const std::string& name);

    // The id of the receipt's latest version while it waits in the queue.
    std::optional<std::int64_t> pending_submission(const std::string& receipt_number) const;
    // Rejects one version with a reason code from reviewing.json; the HTTP status.
    unsigned reject(std::int64_t submission_id, const std::string& reason) const;
    unsigned approve(std::int64_t submission_id) const;
    // GET /v1/review/submissions/<id>: the version, its decision and reason.
    nlohmann::json submission(std::int64_t submission_id) const;

private:
    std::uint16_t port_;
    std::string token_;
};

} // namespace kiosk::test
