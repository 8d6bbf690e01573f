#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kiosk::upload {

// Kiosks authenticate to the review service by signing each request with
// their own key (HMAC-SHA256), sent in three headers:
//   X-Kiosk-Id         the kiosk id
//   X-Kiosk-Timestamp  Unix time in seconds, decimal
//   X-Kiosk-Signature  lower-case hex HMAC-SHA256(kiosk key, canonical string)
//
// The canonical string is six lines joined by a single "\n", no trailing newline:
//   KIOSK-HMAC-SHA256
//   <method, upper case, e.g. POST>
//   <request target exactly as sent, path and query, e.g. /v1/submissions>
//   <kiosk id>
//   <timestamp, the same decimal text as the header>
//   <lower-case hex SHA-256 of the body; of the empty string when there is none>
//
// The body hash binds the photo and its metadata to the signature; the
// timestamp lets the service refuse old requests (its allowed clock skew is
// in its config). A replay inside that window can only resend a submission
// the service already has, which the receipt-number key makes harmless.
constexpr std::string_view kKioskIdHeader = "X-Kiosk-Id";
constexpr std::string_view kTimestampHeader = "X-Kiosk-Timestamp";
constexpr std::string_view kSignatureHeader = "X-Kiosk-Signature";

std::string sha256_hex(std::string_view bytes);

std::string canonical_request(std::string_view method, std::string_view target, std::string_view kiosk_id,
                              std::int64_t timestamp, std::string_view body);

// Lower-case hex HMAC-SHA256 of `canonical` under `key`.
std::string sign_canonical_request(std::string_view key, std::string_view canonical);

// Compares in constant time, so response timing tells an attacker nothing.
bool signature_matches(std::string_view key, std::string_view canonical, std::string_view signature_hex);

} // namespace kiosk::upload
