#include "review_api.h"

#include <charconv>

#include <spdlog/spdlog.h>

#include "core/error.h"
#include "receipt/receipt_number.h"
#include "submission_parser.h"
#include "upload/request_signature.h"

namespace kiosk::review {
namespace http = boost::beast::http;

ReviewApi::ReviewApi(const ServerConfig& config, std::map<std::string, std::string> kiosk_keys, ReviewStore& store,
                     ReviewerAccounts& accounts, PasswordCheckPool& password_checks, const ReviewingConfig& reviewing,
                     const TextCatalog& text)
    : config_(config),
      kiosk_keys_(std::move(kiosk_keys)),
      store_(store),
      reviewing_(reviewing),
      text_(text),
      reviewer_api_(reviewing, text, store, accounts, password_checks),
      pages_(reviewing, text, store, reviewer_api_, config.tls.has_value())
{
}

void ReviewApi::handle(const HttpRequest& request, const Reply& reply)
{
    const std::string target(request.target());
    try {
        if (target == "/v1/submissions") {
            if (request.method() != http::verb::post)
                throw RequestRefused(405, "use POST for /v1/submissions");
            return reply(submit(request));
        }
        constexpr std::string_view receipts = "/v1/receipts/";
        if (target.starts_with(receipts)) {
            if (request.method() != http::verb::get)
                throw RequestRefused(405, "use GET for /v1/receipts/<number>");
            return reply(receipt_status(request, target.substr(receipts.size())));
        }
        const auto split = split_target(target);
        if (split.path.starts_with("/v1/review/"))
            return reviewer_api_.handle(request, split, reply);
        if (ReviewPages::serves(split.path))
            return pages_.handle(request, split, reply);
        throw RequestRefused(404, "no such resource");
    } catch (const RequestRefused& refused) {
        reply(json_response(request, static_cast<http::status>(refused.status()), {{"error", refused.what()}}));
    } catch (const std::exception& e) {
        reply(service_failure_response(request, e));
    }
}

std::string ReviewApi::authenticate(const HttpRequest& request)
{
    const auto kiosk_id = header(request, upload::kKioskIdHeader);
    const auto timestamp_text = header(request, upload::kTimestampHeader);
    const auto signature = header(request, upload::kSignatureHeader);
    if (kiosk_id.empty() || timestamp_text.empty() || signature.empty())
        throw RequestRefused(401, "request is not signed (X-Kiosk-Id, X-Kiosk-Timestamp, X-Kiosk-Signature)");
    const auto key = kiosk_keys_.find(kiosk_id);
    if (key == kiosk_keys_.end())
        throw RequestRefused(401, "unknown kiosk");
    std::int64_t timestamp = 0;
    const auto [end, error] =
        std::from_chars(timestamp_text.data(), timestamp_text.data() + timestamp_text.size(), timestamp);
    if (error != std::errc() || end != timestamp_text.data() + timestamp_text.size())
        throw RequestRefused(401, "X-Kiosk-Timestamp is not Unix seconds");
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch()).count();
    if (std::abs(now - timestamp) > config_.max_clock_skew.count())
        throw RequestRefused(401, "X-Kiosk-Timestamp is outside the allowed clock skew");
    const auto canonical = upload::canonical_request(std::string(request.method_string()), std::string(request.target()),
                                                     kiosk_id, timestamp, request.body());
    if (!upload::signature_matches(key->second, canonical, signature))
        throw RequestRefused(401, "signature does not match");
    return kiosk_id;
}

HttpResponse ReviewApi::submit(const HttpRequest& request)
{
    const auto kiosk_id = authenticate(request);
    const auto submission = parse_submission_body(request.body(), config_.limits, reviewing_.applicant);
    if (submission.kiosk_id != kiosk_id || submission.receipt_number.substr(0, receipt::ReceiptNumber::kKioskIdLength) != kiosk_id)
        throw RequestRefused(403, "a kiosk may submit only its own receipt numbers");
    ReviewStore::Outcome outcome;
    try {
        outcome = store_.submit(submission, std::chrono::system_clock::now());
    } catch (const SubmissionConflict& conflict) {
        throw RequestRefused(409, conflict.what());
    }
    static constexpr const char* kOutcomeNames[] = {"created", "duplicate", "resubmitted"};
    const char* name = kOutcomeNames[static_cast<int>(outcome)];
    spdlog::info("submission {} from kiosk {}: {}", submission.receipt_number, kiosk_id, name);
    return json_response(request, outcome == ReviewStore::Outcome::Created ? http::status::created : http::status::ok,
                         {{"receipt_number", submission.receipt_number}, {"outcome", name}, {"status", "pending"}});
}

HttpResponse ReviewApi::receipt_status(const HttpRequest& request, const std::string& typed)
{
    std::string number;
    try {
        number = receipt::ReceiptNumber::parse(typed.substr(0, 64)).str();
    } catch (const InputError& e) {
        throw RequestRefused(400, std::string("receipt number: ") + e.what());
    }
    const auto status = store_.status(number);
    if (!status)
        throw RequestRefused(404, "no submission with this receipt number (yet)");
    nlohmann::json body = {{"receipt_number", status->receipt_number},
                           {"status", status->status},
                           {"submissions", status->submissions}};
    if (!status->reason.empty()) {
        body["reason"] = status->reason;
        body["reason_text"] = text_.text("review.reason." + status->reason);
    }
    return json_response(request, http::status::ok, body);
}

} // namespace kiosk::review
