#pragma once

#include <map>
#include <string>

#include "core/text_catalog.h"
#include "http_messages.h"
#include "password_check_pool.h"
#include "review_pages.h"
#include "review_store.h"
#include "reviewer_accounts.h"
#include "reviewer_api.h"
#include "reviewing_config.h"
#include "server_config.h"

namespace kiosk::review {

// The service's HTTP API, independent of sockets:
//   POST /v1/submissions              kiosk-signed (app/upload/request_signature.h);
//                                     201 created, 200 duplicate or resubmission
//   GET  /v1/receipts/<number>        public, read-only: status, reason code and its text
//   /v1/review/...                    reviewers (reviewer_api.h)
//   /review/..., /status...           HTML pages (review_pages.h)
// Every refusal is a 4xx with {"error": "<reason>"} (an HTML page for the
// pages); a failure of the service itself is a 500 the kiosk retries.
// Reasons never echo personal data.
class ReviewApi {
public:
    ReviewApi(const ServerConfig& config, std::map<std::string, std::string> kiosk_keys, ReviewStore& store,
              ReviewerAccounts& accounts, PasswordCheckPool& password_checks, const ReviewingConfig& reviewing,
              const TextCatalog& text);

    // Replies at once, except to a login: that reply waits for the password
    // check, which runs on `password_checks` while this thread serves others.
    void handle(const HttpRequest& request, const Reply& reply);

private:
    HttpResponse submit(const HttpRequest& request);
    HttpResponse receipt_status(const HttpRequest& request, const std::string& number);
    // Returns the authenticated kiosk id or throws RequestRefused (401).
    std::string authenticate(const HttpRequest& request);

    ServerConfig config_;
    std::map<std::string, std::string> kiosk_keys_;
    ReviewStore& store_;
    const ReviewingConfig& reviewing_;
    const TextCatalog& text_;
    ReviewerApi reviewer_api_;
    ReviewPages pages_;
};

} // namespace kiosk::review
