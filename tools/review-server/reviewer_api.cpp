#include "reviewer_api.h"

#include <spdlog/spdlog.h>

#include "core/durable_file.h"
#include "request_refused.h"

namespace kiosk::review {
namespace http = boost::beast::http;

namespace {

std::int64_t unix_seconds(std::chrono::system_clock::time_point t)
{
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

nlohmann::json summary_json(const SubmissionSummary& s)
{
    return {{"id", s.id},         {"receipt_number", s.receipt_number},
            {"spec", s.spec},     {"city", s.city},
            {"kiosk_id", s.kiosk_id}, {"received_at_ms", s.received_at_ms},
            {"version", s.version}};
}

void require_json(const HttpRequest& request)
{
    if (!header(request, "Content-Type").starts_with("application/json"))
        throw RequestRefused(415, "send the body as application/json");
}

} // namespace

ReviewerApi::ReviewerApi(const ReviewingConfig& config, const TextCatalog& text, ReviewStore& store,
                         ReviewerAccounts& accounts, PasswordCheckPool& password_checks)
    : config_(config), text_(text), store_(store), accounts_(accounts), password_checks_(password_checks)
{
}

void ReviewerApi::handle(const HttpRequest& request, const Target& target, const Reply& reply)
{
    constexpr std::string_view kSubmissions = "/v1/review/submissions/";
    if (target.path == "/v1/review/login") {
        if (request.method() != http::verb::post)
            throw RequestRefused(405, "use POST for /v1/review/login");
        return login(request, reply);
    }
    if (target.path == "/v1/review/logout") {
        if (request.method() != http::verb::post)
            throw RequestRefused(405, "use POST for /v1/review/logout");
        sign_out(request);
        return reply(json_response(request, http::status::ok, {{"signed_out", true}}));
    }
    if (target.path == "/v1/review/queue") {
        if (request.method() != http::verb::get)
            throw RequestRefused(405, "use GET for /v1/review/queue");
        return reply(queue(request, target));
    }
    if (target.path.starts_with(kSubmissions))
        return reply(submission_resource(request, std::string_view(target.path).substr(kSubmissions.size())));
    throw RequestRefused(404, "no such resource");
}

Reviewer ReviewerApi::require_reviewer(const HttpRequest& request)
{
    const auto token = session_token(request);
    if (token.empty())
        throw RequestRefused(401, "sign in first: no session token");
    auto reviewer = accounts_.reviewer_for(token, std::chrono::system_clock::now());
    if (!reviewer)
        throw RequestRefused(401, "the session token is unknown or has expired; sign in again");
    return *reviewer;
}

void ReviewerApi::sign_out(const HttpRequest& request)
{
    require_reviewer(request);
    accounts_.logout(session_token(request));
}

void ReviewerApi::sign_in(const HttpRequest& request, const LoginRequest& login,
                          std::function<HttpResponse(const LoginOutcome&)> respond, const Reply& reply)
{
    LoginAttempt attempt;
    try {
        attempt = accounts_.begin_login(login.name, std::chrono::system_clock::now());
    } catch (const LoginRefused& refused) {
        return reply(respond(refused));
    }
    password_checks_.run(
        [this, attempt, password = login.password] { return accounts_.check_password(attempt, password); },
        [this, &request, attempt, respond = std::move(respond), reply](const PasswordCheck& check,
                                                                       std::exception_ptr failure) {
            // On the network thread again, with nobody above to catch: every outcome becomes an answer.
            try {
                if (failure)
                    std::rethrow_exception(failure);
                std::optional<LoginOutcome> outcome;
                try {
                    outcome = accounts_.finish_login(attempt, check, std::chrono::system_clock::now());
                } catch (const LoginRefused& refused) {
                    outcome = refused;
                }
                reply(respond(*outcome));
            } catch (const std::exception& e) {
                reply(service_failure_response(request, e));
            }
        });
}

void ReviewerApi::login(const HttpRequest& request, const Reply& reply)
{
    require_json(request);
    const auto credentials = parse_login(request.body(), BodyFormat::Json, config_);
    sign_in(request, credentials, [&request](const LoginOutcome& outcome) {
        if (const auto* session = std::get_if<ReviewerSession>(&outcome))
            return json_response(request, http::status::ok,
                                 {{"token", session->token}, {"expires_at", unix_seconds(session->expires_at)}});
        const auto& refused = std::get<LoginRefused>(outcome);
        auto response = json_response(request, refused.locked() ? http::status::too_many_requests
                                                                : http::status::unauthorized,
                                      {{"error", refused.what()}});
        if (refused.locked())
            response.set(http::field::retry_after, std::to_string(refused.retry_after().count()));
        return response;
    }, reply);
}

HttpResponse ReviewerApi::queue(const HttpRequest& request, const Target& target)
{
    require_reviewer(request);
    const auto page = parse_queue_query(target.query, config_);
    // One more than asked tells whether another page follows.
    auto entries = store_.queue(page.after, page.limit + 1);
    const bool more = entries.size() > static_cast<std::size_t>(page.limit);
    if (more)
        entries.pop_back();
    nlohmann::json items = nlohmann::json::array();
    for (const auto& entry : entries)
        items.push_back(summary_json(entry));
    nlohmann::json body = {{"submissions", items}, {"next_after", nullptr}};
    if (more)
        body["next_after"] = entries.back().id;
    return json_response(request, http::status::ok, body);
}

SubmissionDetail ReviewerApi::submission(std::int64_t id)
{
    auto detail = store_.submission(id);
    if (!detail)
        throw RequestRefused(404, "no submission with this id");
    return *detail;
}

void ReviewerApi::decide(std::int64_t submission_id, const Reviewer& reviewer, const DecisionRequest& decision)
{
    using Outcome = ReviewStore::DecisionOutcome;
    switch (store_.decide(submission_id, reviewer.id, decision.verdict, decision.reason_code,
                          std::chrono::system_clock::now())) {
    case Outcome::Recorded:
        // Reviewer by id: names of staff stay out of the log too.
        spdlog::info("submission {} {} by reviewer {}", submission_id,
                     decision.verdict == Verdict::Approve ? "approved" : "rejected", reviewer.id);
        return;
    case Outcome::NoSuchSubmission:
        throw RequestRefused(404, "no submission with this id");
    case Outcome::AlreadyDecided:
        throw RequestRefused(409, "this submission has been decided already");
    }
}

HttpResponse ReviewerApi::submission_resource(const HttpRequest& request, std::string_view rest)
{
    const auto slash = rest.find('/');
    const auto id = parse_submission_id(rest.substr(0, slash));
    const auto part = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    const auto reviewer = require_reviewer(request);

    if (part.empty()) {
        if (request.method() != http::verb::get)
            throw RequestRefused(405, "use GET for a submission");
        const auto detail = submission(id);
        auto body = summary_json(detail.summary);
        body["assessment"] = detail.assessment;
        body["applicant"] = detail.applicant.value_or(nullptr);
        body["latest"] = detail.latest;
        body["decision"] = detail.decision.empty() ? nlohmann::json() : nlohmann::json(detail.decision);
        if (!detail.reason_code.empty()) {
            body["reason"] = detail.reason_code;
            body["reason_text"] = text_.text("review.reason." + detail.reason_code);
        }
        return json_response(request, http::status::ok, body);
    }
    if (part == "photo") {
        if (request.method() != http::verb::get)
            throw RequestRefused(405, "use GET for a photo");
        const auto detail = submission(id);
        HttpResponse response(http::status::ok, request.version());
        response.set(http::field::content_type, "image/jpeg");
        response.set(http::field::cache_control, "no-store");
        response.keep_alive(request.keep_alive());
        response.body() = read_whole_file(store_.photo_path(detail.photo_sha256));
        response.prepare_payload();
        return response;
    }
    if (part == "decision") {
        if (request.method() != http::verb::post)
            throw RequestRefused(405, "use POST for a decision");
        require_json(request);
        const auto decision = parse_decision(request.body(), BodyFormat::Json, config_);
        decide(id, reviewer, decision);
        const auto detail = submission(id);
        nlohmann::json body = {{"id", id}, {"receipt_number", detail.summary.receipt_number},
                               {"decision", detail.decision}};
        if (!detail.reason_code.empty())
            body["reason"] = detail.reason_code;
        return json_response(request, http::status::created, body);
    }
    throw RequestRefused(404, "no such resource");
}

} // namespace kiosk::review
