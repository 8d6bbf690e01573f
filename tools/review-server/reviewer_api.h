#pragma once

#include <functional>
#include <variant>

#include "core/text_catalog.h"
#include "http_messages.h"
#include "password_check_pool.h"
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
    ReviewerApi(const ReviewingConfig& config, const TextCatalog& text, ReviewStore& store, ReviewerAccounts& accounts,
                PasswordCheckPool& password_checks);

    // `path` starts with /v1/review/. Replies at once, or for a login once its password is checked.
    void handle(const HttpRequest& request, const Target& target, const Reply& reply);

    // The signed-in reviewer, or RequestRefused 401.
    Reviewer require_reviewer(const HttpRequest& request);

    // What a login comes to: a session, or the refusal to show.
    using LoginOutcome = std::variant<ReviewerSession, LoginRefused>;

    // Login as both the API and the pages do it: the account is looked up
    // here, the password is checked on the pool, and back on the network
    // thread `respond` turns the outcome into the answer sent with `reply`
    // (a failure of the store into a 500). Throws RequestRefused (503) when
    // too many logins wait for their check.
    void sign_in(const HttpRequest& request, const LoginRequest& login,
                 std::function<HttpResponse(const LoginOutcome&)> respond, const Reply& reply);

    // Ends the request's session; RequestRefused 401 when there is none.
    void sign_out(const HttpRequest& request);

    // Records the decision or throws RequestRefused (404, 409).
    void decide(std::int64_t submission_id, const Reviewer& reviewer, const DecisionRequest& decision);

    // The submission or RequestRefused 404.
    SubmissionDetail submission(std::int64_t id);

private:
    void login(const HttpRequest& request, const Reply& reply);
    HttpResponse queue(const HttpRequest& request, const Target& target);
    HttpResponse submission_resource(const HttpRequest& request, std::string_view rest);

    const ReviewingConfig& config_;
    const TextCatalog& text_;
    ReviewStore& store_;
    ReviewerAccounts& accounts_;
    PasswordCheckPool& password_checks_;
};

} // namespace kiosk::review
