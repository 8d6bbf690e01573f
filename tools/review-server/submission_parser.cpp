#include "submission_parser.h"

#include <set>

#include <sodium.h>

#include "applicant_details.h"
#include "core/error.h"
#include "receipt/receipt_number.h"

namespace kiosk::review {
namespace {

std::string text_field(const nlohmann::json& body, const char* name)
{
    if (!body.contains(name))
        throw RequestRefused(400, std::string("missing field \"") + name + "\"");
    if (!body.at(name).is_string())
        throw RequestRefused(400, std::string("field \"") + name + "\" must be a string");
    return body.at(name).get<std::string>();
}

// Spec and city ids are config-file keys: short, lower case, digits and '-'.
std::string id_field(const nlohmann::json& body, const char* name, const InputLimits& limits)
{
    auto value = text_field(body, name);
    if (value.empty() || value.size() > limits.max_id_chars)
        throw RequestRefused(400, std::string("field \"") + name + "\" must be 1.." +
                                      std::to_string(limits.max_id_chars) + " characters");
    for (const char c : value) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            throw RequestRefused(400, std::string("field \"") + name + "\" may hold only a-z, 0-9, '-' and '_'");
    }
    return value;
}

std::string decode_photo(const std::string& base64, const InputLimits& limits)
{
    if (base64.size() / 4 * 3 > limits.max_photo_bytes + 2)
        throw RequestRefused(413, "photo is larger than " + std::to_string(limits.max_photo_bytes) + " bytes");
    std::string photo(base64.size() / 4 * 3 + 3, '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(photo.data()), photo.size(), base64.data(), base64.size(),
                          nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        throw RequestRefused(400, "field \"photo_jpeg_base64\" is not valid base64");
    photo.resize(length);
    if (photo.empty())
        throw RequestRefused(400, "photo is empty");
    if (photo.size() > limits.max_photo_bytes)
        throw RequestRefused(413, "photo is larger than " + std::to_string(limits.max_photo_bytes) + " bytes");
    // Every JPEG starts with the SOI marker followed by another marker.
    if (photo.size() < 3 || static_cast<unsigned char>(photo[0]) != 0xFF ||
        static_cast<unsigned char>(photo[1]) != 0xD8 || static_cast<unsigned char>(photo[2]) != 0xFF)
        throw RequestRefused(415, "photo is not a JPEG");
    return photo;
}

} // namespace

upload::Submission parse_submission_body(std::string_view text, const InputLimits& limits,
                                         const ApplicantLimits& applicant_limits)
{
    nlohmann::json body;
    try {
        body = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw RequestRefused(400, "body is not JSON (byte " + std::to_string(e.byte) + ")");
    }
    if (!body.is_object())
        throw RequestRefused(400, "body must be a JSON object");
    static const std::set<std::string> known = {"receipt_number", "spec",       "city",     "kiosk_id",
                                                "assessment",     "applicant", "photo_jpeg_base64"};
    for (const auto& [name, value] : body.items()) {
        if (!known.contains(name))
            throw RequestRefused(400, "unknown field \"" + name.substr(0, 64) + "\"");
    }

    upload::Submission submission;
    const auto typed_number = text_field(body, "receipt_number");
    try {
        submission.receipt_number = receipt::ReceiptNumber::parse(typed_number.substr(0, 64)).str();
    } catch (const InputError& e) {
        throw RequestRefused(400, std::string("receipt_number: ") + e.what());
    }
    if (submission.receipt_number != typed_number)
        throw RequestRefused(400, "receipt_number must be sent in its canonical form");
    submission.spec = id_field(body, "spec", limits);
    submission.city = id_field(body, "city", limits);
    submission.kiosk_id = text_field(body, "kiosk_id");
    if (!receipt::is_valid_kiosk_id(submission.kiosk_id))
        throw RequestRefused(400, "kiosk_id must be 5 of 0-9 A-Z");
    if (!body.contains("assessment") || !body.at("assessment").is_object())
        throw RequestRefused(400, "field \"assessment\" must be a JSON object");
    submission.assessment = body.at("assessment");
    if (submission.assessment.dump().size() > limits.max_assessment_bytes)
        throw RequestRefused(413, "assessment is larger than " + std::to_string(limits.max_assessment_bytes) + " bytes");
    if (body.contains("applicant")) {
        check_applicant(body.at("applicant"), applicant_limits);
        submission.applicant = body.at("applicant");
    }
    submission.photo_jpeg = decode_photo(text_field(body, "photo_jpeg_base64"), limits);
    return submission;
}

} // namespace kiosk::review
