#include "review_pages.h"

#include <ctime>

#include "core/error.h"
#include "form_fields.h"
#include "html_text.h"
#include "receipt/receipt_number.h"
#include "request_refused.h"

namespace kiosk::review {
namespace http = boost::beast::http;

namespace {

constexpr std::string_view kReviewPrefix = "/review";
constexpr std::string_view kSubmissionsPrefix = "/review/submissions/";
constexpr std::string_view kStatusPrefix = "/status/";

// Minimal styling inline: the pages load nothing from elsewhere.
constexpr const char* kStyle =
    "body{font-family:sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse}"
    "td,th{border:1px solid #999;padding:.3em .6em;text-align:left;vertical-align:top}"
    ".side{display:flex;gap:2em;align-items:flex-start}.side img{max-width:none}"
    ".fail{color:#a00;font-weight:bold}.note{background:#ffd;padding:.5em}form{margin:.5em 0}";

std::string utc_time(std::int64_t ms)
{
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &tm);
    return text;
}

std::string json_text(const nlohmann::json& value)
{
    return value.is_string() ? value.get<std::string>() : value.dump();
}

bool is_form(const HttpRequest& request)
{
    return header(request, "Content-Type").starts_with("application/x-www-form-urlencoded");
}

} // namespace

ReviewPages::ReviewPages(const ReviewingConfig& config, const TextCatalog& text, ReviewStore& store,
                         ReviewerApi& reviewer_api, bool over_tls)
    : config_(config), text_(text), store_(store), reviewer_api_(reviewer_api), over_tls_(over_tls)
{
}

bool ReviewPages::serves(const std::string& path)
{
    return path == kReviewPrefix || path.starts_with(std::string(kReviewPrefix) + "/") || path == "/status" ||
           path.starts_with(kStatusPrefix);
}

std::string ReviewPages::t(const std::string& key) const
{
    return html_escape(text_.text(key));
}

std::string ReviewPages::page(const std::string& title_key, const std::string& body) const
{
    return "<!DOCTYPE html>\n<html lang=\"" + html_escape(text_.locale()) +
           "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>" +
           t(title_key) + "</title><style>" + kStyle + "</style></head><body><h1>" + t(title_key) + "</h1>\n" + body +
           "\n</body></html>\n";
}

void ReviewPages::handle(const HttpRequest& request, const Target& target, const Reply& reply)
{
    // Signing in waits for the password check; every other page is answered at once.
    if (target.path == "/review/login" && request.method() == http::verb::post) {
        try {
            return sign_in(request, reply);
        } catch (const RequestRefused& refused) {
            return reply(refusal_page(request, refused));
        }
    }
    reply(answer(request, target));
}

HttpResponse ReviewPages::answer(const HttpRequest& request, const Target& target)
{
    try {
        if (target.path == "/status" || target.path.starts_with(kStatusPrefix)) {
            if (request.method() != http::verb::get)
                throw RequestRefused(405, "use GET for the status page");
            if (target.path == "/status") {
                const auto fields = parse_form_fields(target.query, 1);
                return status_page(request, fields.contains("number") ? fields.at("number") : std::string());
            }
            return status_page(request, target.path.substr(kStatusPrefix.size()));
        }
        return reviewer_page(request, target);
    } catch (const RequestRefused& refused) {
        return refusal_page(request, refused);
    }
}

HttpResponse ReviewPages::refusal_page(const HttpRequest& request, const RequestRefused& refused)
{
    // A reviewer page without a session: to the sign-in form rather than a bare 401.
    if (refused.status() == 401)
        return redirect_response(request, "/review/login");
    return error_page(request, refused.status(), refused.what());
}

HttpResponse ReviewPages::reviewer_page(const HttpRequest& request, const Target& target)
{
    const auto& path = target.path;
    const bool get = request.method() == http::verb::get;
    const bool post = request.method() == http::verb::post;
    if (path == kReviewPrefix || path == "/review/")
        return redirect_response(request, "/review/queue");
    if (path == "/review/login") {
        if (get)
            return login_page(request, http::status::ok, {});
        throw RequestRefused(405, "use GET or POST for the sign-in page");
    }
    if (path == "/review/logout") {
        if (!post)
            throw RequestRefused(405, "use POST to sign out");
        reviewer_api_.sign_out(request);
        auto response = redirect_response(request, "/review/login");
        response.set(http::field::set_cookie,
                     std::string(kSessionCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        return response;
    }
    if (path == "/review/queue") {
        if (!get)
            throw RequestRefused(405, "use GET for the queue");
        return queue_page(request, target);
    }
    if (path.starts_with(kSubmissionsPrefix)) {
        const std::string_view rest = std::string_view(path).substr(kSubmissionsPrefix.size());
        const auto slash = rest.find('/');
        const auto id = parse_submission_id(rest.substr(0, slash));
        const auto part = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
        if (part.empty() && get)
            return submission_page(request, id);
        if (part == "decision" && post)
            return decision(request, id);
        if (part.empty() || part == "decision")
            throw RequestRefused(405, part.empty() ? "use GET for a submission" : "use POST for a decision");
    }
    throw RequestRefused(404, "no such page");
}

HttpResponse ReviewPages::login_page(const HttpRequest& request, http::status status, const std::string& message)
{
    std::string body;
    if (!message.empty())
        body += "<p class=\"note\">" + html_escape(message) + "</p>\n";
    body += "<form method=\"post\" action=\"/review/login\">"
            "<p><label>" + t("review.page.name") + "<br><input name=\"name\" autocomplete=\"username\" maxlength=\"" +
            std::to_string(config_.max_name_chars) + "\" required></label></p>"
            "<p><label>" + t("review.page.password") +
            "<br><input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label></p>"
            "<p><button type=\"submit\">" + t("review.page.sign_in") + "</button></p></form>";
    return html_response(request, status, page("review.page.sign_in_title", body));
}

void ReviewPages::sign_in(const HttpRequest& request, const Reply& reply)
{
    if (!is_form(request))
        throw RequestRefused(415, "send the sign-in form as application/x-www-form-urlencoded");
    const auto credentials = parse_login(request.body(), BodyFormat::Form, config_);
    reviewer_api_.sign_in(request, credentials, [this, &request](const ReviewerApi::LoginOutcome& outcome) {
        if (const auto* session = std::get_if<ReviewerSession>(&outcome)) {
            auto response = redirect_response(request, "/review/queue");
            // HttpOnly: no script can read it; SameSite=Strict: another site's form
            // cannot post with it; Secure over TLS: never sent in the clear.
            response.set(http::field::set_cookie, std::string(kSessionCookie) + "=" + session->token +
                                                      "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                                                      std::to_string(config_.session_lifetime.count()) +
                                                      (over_tls_ ? "; Secure" : ""));
            return response;
        }
        const auto& refused = std::get<LoginRefused>(outcome);
        auto response = login_page(request, refused.locked() ? http::status::too_many_requests : http::status::unauthorized,
                                   text_.text(refused.locked() ? "review.page.locked" : "review.page.wrong_login"));
        if (refused.locked())
            response.set(http::field::retry_after, std::to_string(refused.retry_after().count()));
        return response;
    }, reply);
}

HttpResponse ReviewPages::queue_page(const HttpRequest& request, const Target& target)
{
    reviewer_api_.require_reviewer(request);
    const auto query = parse_queue_query(target.query, config_);
    auto entries = store_.queue(query.after, query.limit + 1);
    const bool more = entries.size() > static_cast<std::size_t>(query.limit);
    if (more)
        entries.pop_back();
    std::string body = "<form method=\"post\" action=\"/review/logout\"><button type=\"submit\">" +
                       t("review.page.sign_out") + "</button></form>\n";
    if (entries.empty()) {
        body += "<p>" + t("review.page.queue_empty") + "</p>";
    } else {
        body += "<table><tr><th>" + t("review.page.receipt_number") + "</th><th>" + t("review.page.document") +
                "</th><th>" + t("review.page.city") + "</th><th>" + t("review.page.kiosk") + "</th><th>" +
                t("review.page.received") + "</th><th>" + t("review.page.version") + "</th><th></th></tr>\n";
        for (const auto& e : entries) {
            body += "<tr><td>" + html_escape(e.receipt_number) + "</td><td>" + html_escape(e.spec) + "</td><td>" +
                    html_escape(e.city) + "</td><td>" + html_escape(e.kiosk_id) + "</td><td>" +
                    html_escape(utc_time(e.received_at_ms)) + "</td><td>" + std::to_string(e.version) +
                    "</td><td><a href=\"/review/submissions/" + std::to_string(e.id) + "\">" + t("review.page.open") +
                    "</a></td></tr>\n";
        }
        body += "</table>";
    }
    if (more)
        body += "<p><a href=\"/review/queue?after=" + std::to_string(entries.back().id) + "\">" + t("review.page.more") +
                "</a></p>";
    return html_response(request, http::status::ok, page("review.page.queue_title", body));
}

HttpResponse ReviewPages::submission_page(const HttpRequest& request, std::int64_t id)
{
    reviewer_api_.require_reviewer(request);
    const auto detail = reviewer_api_.submission(id);
    const auto& s = detail.summary;
    const auto number = std::to_string(s.id);

    std::string facts = "<table>";
    const auto fact = [&](const std::string& key, const std::string& value) {
        facts += "<tr><th>" + t(key) + "</th><td>" + html_escape(value) + "</td></tr>";
    };
    fact("review.page.receipt_number", s.receipt_number);
    fact("review.page.document", s.spec);
    fact("review.page.city", s.city);
    fact("review.page.kiosk", s.kiosk_id);
    fact("review.page.received", utc_time(s.received_at_ms));
    fact("review.page.version", std::to_string(s.version));
    // The typed details let the reviewer match the photo to the person; only signed-in reviewers reach this page.
    if (detail.applicant) {
        for (const auto& [field, key] : {std::pair{"name", "review.page.applicant_name"},
                                         std::pair{"id_number", "review.page.applicant_id_number"},
                                         std::pair{"phone", "review.page.applicant_phone"}}) {
            if (detail.applicant->contains(field))
                fact(key, json_text(detail.applicant->at(field)));
        }
    }
    facts += "</table>";

    // The kiosk's results: each top-level field, and the per-check list as a table.
    std::string checks = "<h2>" + t("review.page.checks") + "</h2><table>";
    if (detail.assessment.is_object()) {
        for (const auto& [name, value] : detail.assessment.items()) {
            if (name == "checks" && value.is_array())
                continue;
            checks += "<tr><th>" + html_escape(name) + "</th><td>" + html_escape(json_text(value)) + "</td></tr>";
        }
        checks += "</table>";
        const auto list = detail.assessment.find("checks");
        if (list != detail.assessment.end() && list->is_array()) {
            checks += "<table><tr><th>id</th><th>status</th><th>value</th><th>limit</th></tr>";
            for (const auto& check : *list) {
                if (!check.is_object())
                    continue;
                const auto status = json_text(check.value("status", nlohmann::json("")));
                checks += std::string("<tr") + (status == "pass" ? "" : " class=\"fail\"") + "><td>" +
                          html_escape(json_text(check.value("id", nlohmann::json("")))) + "</td><td>" +
                          html_escape(status) + "</td><td>" +
                          html_escape(json_text(check.value("value", nlohmann::json("")))) + "</td><td>" +
                          html_escape(json_text(check.value("limit", nlohmann::json("")))) + "</td></tr>";
            }
            checks += "</table>";
        }
    } else {
        checks += "</table>";
    }

    std::string decide;
    if (!detail.decision.empty()) {
        decide = "<p class=\"note\">" + t("review.page.decided") + ": " + t("review.status." + detail.decision);
        if (!detail.reason_code.empty())
            decide += " (" + t("review.reason." + detail.reason_code) + ")";
        decide += "</p>";
    } else {
        const auto action = "/review/submissions/" + number + "/decision";
        decide = "<form method=\"post\" action=\"" + action +
                 "\"><input type=\"hidden\" name=\"decision\" value=\"approve\"><button type=\"submit\">" +
                 t("review.page.approve") + "</button></form>";
        decide += "<form method=\"post\" action=\"" + action +
                  "\"><input type=\"hidden\" name=\"decision\" value=\"reject\"><label>" + t("review.page.reason") +
                  " <select name=\"reason\" required><option value=\"\"></option>";
        for (const auto& code : config_.reject_reasons)
            decide += "<option value=\"" + html_escape(code) + "\">" + t("review.reason." + code) + "</option>";
        decide += "</select></label> <button type=\"submit\">" + t("review.page.reject") + "</button></form>";
    }

    // The photo at its own pixel size (max-width:none): reviewers judge detail, so no scaling.
    const std::string body = "<p><a href=\"/review/queue\">" + t("review.page.back") + "</a></p><div class=\"side\">" +
                             "<img src=\"/v1/review/submissions/" + number + "/photo\" alt=\"" +
                             html_escape(s.receipt_number) + "\"><div>" + facts + checks + decide + "</div></div>";
    return html_response(request, http::status::ok, page("review.page.submission_title", body));
}

HttpResponse ReviewPages::decision(const HttpRequest& request, std::int64_t id)
{
    const auto reviewer = reviewer_api_.require_reviewer(request);
    if (!is_form(request))
        throw RequestRefused(415, "send the decision form as application/x-www-form-urlencoded");
    reviewer_api_.decide(id, reviewer, parse_decision(request.body(), BodyFormat::Form, config_));
    return redirect_response(request, "/review/queue");
}

HttpResponse ReviewPages::status_page(const HttpRequest& request, const std::string& typed_number)
{
    std::string body = "<form method=\"get\" action=\"/status\"><label>" + t("review.page.receipt_number") +
                       " <input name=\"number\" maxlength=\"32\" value=\"" + html_escape(typed_number.substr(0, 32)) +
                       "\"></label> <button type=\"submit\">" + t("review.status_page.look_up") + "</button></form>\n";
    if (typed_number.empty())
        return html_response(request, http::status::ok, page("review.status_page.title", body));

    std::optional<receipt::ReceiptNumber> number;
    try {
        number = receipt::ReceiptNumber::parse(typed_number.substr(0, 64));
    } catch (const InputError&) {
        body += "<p class=\"note\">" + t("review.status_page.invalid") + "</p>";
        return html_response(request, http::status::bad_request, page("review.status_page.title", body));
    }
    const auto status = store_.status(number->str());
    if (!status) {
        body += "<p class=\"note\">" + t("review.status_page.unknown") + "</p>";
        return html_response(request, http::status::not_found, page("review.status_page.title", body));
    }
    body += "<table><tr><th>" + t("review.page.receipt_number") + "</th><td>" + html_escape(number->grouped()) +
            "</td></tr><tr><th>" + t("review.status_page.status") + "</th><td>" + t("review.status." + status->status) +
            "</td></tr>";
    if (!status->reason.empty())
        body += "<tr><th>" + t("review.page.reason") + "</th><td>" + t("review.reason." + status->reason) + "</td></tr>";
    body += "</table>";
    if (status->status == "rejected")
        body += "<p>" + t("review.status_page.resubmit") + "</p>";
    return html_response(request, http::status::ok, page("review.status_page.title", body));
}

HttpResponse ReviewPages::error_page(const HttpRequest& request, unsigned status, const std::string& reason)
{
    const std::string body = "<p class=\"note\">" + html_escape(reason) + "</p><p><a href=\"/review/queue\">" +
                             t("review.page.back") + "</a></p>";
    return html_response(request, static_cast<http::status>(status), page("review.page.error_title", body));
}

} // namespace kiosk::review
