#pragma once

#include "core/text_catalog.h"
#include "http_messages.h"
#include "review_store.h"
#include "reviewer_accounts.h"
#include "reviewer_requests.h"
#include "reviewing_config.h"

namespace kiosk::review {

// The reviewers' JSON API under /v1/review/ (see API.md):
//   POST /v1/review/login                          {"name","password"} -> {"token","expires_at"}
//   POST /v1/review/logout
//   GET  /v1/review/queue?after=<id>&limit=<n>     pending, oldest first
//   GET  /v1/review/submissions/<id>               metadata and the kiosk's check results
//   GET  /v1/review/submissions/<id>/photo         the JPEG as the kiosk sent it
//   POST /v1/review/submissions/<id>/decision      {"decision":"approve"} or {"decision":"reject","reason":<code>}
// Everything but login needs a session token (Authorization: Bearer, or
// the pages' cookie). Throws RequestRefused for every refusal.
class ReviewerApi {
public:
    ReviewerApi(const ReviewingConfig& config, const TextCatalog& text, ReviewStore& store, ReviewerAccounts& accounts);

    // `path` starts with /v1/review/.
    HttpResponse handle(const HttpRequest& request, const Target& target);

    // The signed-in reviewer, or RequestRefused 401.
    Reviewer require_reviewer(const HttpRequest& request);

    // Login as both the API and the pages do it; throws LoginRefused.
    ReviewerSession sign_in(const LoginRequest& login);

    // Ends the request's session; RequestRefused 401 when there is none.
    void sign_out(const HttpRequest& request);

    // Records the decision or throws RequestRefused (404, 409).
    void decide(std::int64_t submission_id, const Reviewer& reviewer, const DecisionRequest& decision);

    // The submission or RequestRefused 404.
    SubmissionDetail submission(std::int64_t id);

private:
    HttpResponse login(const HttpRequest& request);
    HttpResponse queue(const HttpRequest& request, const Target& target);
    HttpResponse submission_resource(const HttpRequest& request, std::string_view rest);

    const ReviewingConfig& config_;
    const TextCatalog& text_;
    ReviewStore& store_;
    ReviewerAccounts& accounts_;
};

} // namespace kiosk::review
