#include "reviewer_requests.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "form_fields.h"
#include "request_refused.h"

namespace kiosk::review {
namespace {

using Fields = std::map<std::string, std::string>;

// Reads a flat object of text fields, refusing names outside `known`.
Fields read_fields(std::string_view body, BodyFormat format, const std::set<std::string>& known,
                   const ReviewingConfig& config)
{
    if (body.size() > config.max_form_bytes)
        throw RequestRefused(413, "body is larger than " + std::to_string(config.max_form_bytes) + " bytes");
    Fields fields;
    if (format == BodyFormat::Form) {
        fields = parse_form_fields(body, known.size());
    } else {
        const auto json = nlohmann::json::parse(body, nullptr, false);
        if (json.is_discarded() || !json.is_object())
            throw RequestRefused(400, "body must be a JSON object");
        for (const auto& [name, value] : json.items()) {
            if (!value.is_string())
                throw RequestRefused(400, "field \"" + name.substr(0, 64) + "\" must be a string");
            fields.emplace(name, value.get<std::string>());
        }
    }
    for (const auto& [name, value] : fields) {
        if (!known.contains(name))
            throw RequestRefused(400, "unknown field \"" + name.substr(0, 64) + "\"");
    }
    return fields;
}

const std::string& required(const Fields& fields, const std::string& name)
{
    const auto it = fields.find(name);
    if (it == fields.end() || it->second.empty())
        throw RequestRefused(400, "missing field \"" + name + "\"");
    return it->second;
}

std::int64_t parse_positive(std::string_view text, const std::string& what)
{
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || value <= 0)
        throw RequestRefused(400, what + " must be a positive whole number");
    return value;
}

} // namespace

LoginRequest parse_login(std::string_view body, BodyFormat format, const ReviewingConfig& config)
{
    const auto fields = read_fields(body, format, {"name", "password"}, config);
    LoginRequest login{required(fields, "name"), required(fields, "password")};
    if (login.name.size() > config.max_name_chars)
        throw RequestRefused(400, "name is longer than " + std::to_string(config.max_name_chars) + " characters");
    if (login.password.size() > config.max_password_bytes)
        throw RequestRefused(400, "password is longer than " + std::to_string(config.max_password_bytes) + " bytes");
    return login;
}

DecisionRequest parse_decision(std::string_view body, BodyFormat format, const ReviewingConfig& config)
{
    const auto fields = read_fields(body, format, {"decision", "reason"}, config);
    const auto& decision = required(fields, "decision");
    const auto reason = fields.contains("reason") ? fields.at("reason") : std::string();
    if (decision == "approve") {
        if (!reason.empty())
            throw RequestRefused(400, "an approval takes no reason");
        return {Verdict::Approve, {}};
    }
    if (decision != "reject")
        throw RequestRefused(400, "decision must be \"approve\" or \"reject\"");
    if (reason.empty())
        throw RequestRefused(400, "a rejection needs a reason");
    const auto& reasons = config.reject_reasons;
    if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end())
        throw RequestRefused(400, "reason \"" + reason.substr(0, 64) + "\" is not one of the configured reasons");
    return {Verdict::Reject, reason};
}

QueuePage parse_queue_query(std::string_view query, const ReviewingConfig& config)
{
    const auto fields = parse_form_fields(query, 2);
    QueuePage page{0, config.default_page};
    for (const auto& [name, value] : fields) {
        if (name == "after")
            page.after = parse_positive(value, "after");
        else if (name == "limit")
            page.limit = static_cast<int>(std::min<std::int64_t>(parse_positive(value, "limit"), 1'000'000));
        else
            throw RequestRefused(400, "unknown query field \"" + name.substr(0, 64) + "\"");
    }
    if (page.limit > config.max_page)
        throw RequestRefused(400, "limit must be at most " + std::to_string(config.max_page));
    return page;
}

std::int64_t parse_submission_id(std::string_view text)
{
    return parse_positive(text, "submission id");
}

} // namespace kiosk::review
