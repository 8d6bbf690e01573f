#pragma once

#include "core/text_catalog.h"
#include "http_messages.h"
#include "request_refused.h"
#include "review_store.h"
#include "reviewer_api.h"
#include "reviewing_config.h"

namespace kiosk::review {

// The HTML pages, served by the same program, plain forms, no script and
// nothing loaded from elsewhere; every word from the text catalog, every
// value from a request or the database escaped.
//   GET  /review/login, POST /review/login   sign-in form; sets the session cookie
//   POST /review/logout
//   GET  /review/queue?after=<id>            photos waiting for review, oldest first
//   GET  /review/submissions/<id>            the photo at its own pixel size beside the kiosk's check results
//   POST /review/submissions/<id>/decision   approve, or reject with a reason from the list
//   GET  /status, /status?number=<n>, /status/<n>
//                                            public, read-only: what became of a receipt number
// A reviewer page without a live session sends the browser to the sign-in form.
class ReviewPages {
public:
    // `over_tls`: the service speaks only HTTPS, so the session cookie is marked Secure.
    ReviewPages(const ReviewingConfig& config, const TextCatalog& text, ReviewStore& store, ReviewerApi& reviewer_api,
                bool over_tls);

    // True for the paths this class serves.
    static bool serves(const std::string& path);

    // Replies at once, or for a sign-in once its password is checked.
    void handle(const HttpRequest& request, const Target& target, const Reply& reply);

private:
    HttpResponse answer(const HttpRequest& request, const Target& target);
    HttpResponse refusal_page(const HttpRequest& request, const RequestRefused& refused);
    HttpResponse reviewer_page(const HttpRequest& request, const Target& target);
    HttpResponse login_page(const HttpRequest& request, boost::beast::http::status status, const std::string& message);
    void sign_in(const HttpRequest& request, const Reply& reply);
    HttpResponse queue_page(const HttpRequest& request, const Target& target);
    HttpResponse submission_page(const HttpRequest& request, std::int64_t id);
    HttpResponse decision(const HttpRequest& request, std::int64_t id);
    HttpResponse status_page(const HttpRequest& request, const std::string& typed_number);
    HttpResponse error_page(const HttpRequest& request, unsigned status, const std::string& reason);

    // A whole document around `body`, titled by catalog key `title_key`.
    std::string page(const std::string& title_key, const std::string& body) const;
    // Catalog text, escaped for HTML.
    std::string t(const std::string& key) const;

    const ReviewingConfig& config_;
    const TextCatalog& text_;
    ReviewStore& store_;
    ReviewerApi& reviewer_api_;
    bool over_tls_;
};

} // namespace kiosk::review
