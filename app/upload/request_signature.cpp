#include "upload/request_signature.h"

#include <stdexcept>

#include <sodium.h>

namespace kiosk::upload {
namespace {

std::string to_hex(const unsigned char* bytes, std::size_t size)
{
    std::string hex(size * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes, size);
    hex.pop_back();
    return hex;
}

void ensure_sodium()
{
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium cannot initialise");
}

} // namespace

std::string sha256_hex(std::string_view bytes)
{
    ensure_sodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return to_hex(digest, sizeof digest);
}

std::string canonical_request(std::string_view method, std::string_view target, std::string_view kiosk_id,
                              std::int64_t timestamp, std::string_view body)
{
    std::string canonical = "KIOSK-HMAC-SHA256\n";
    canonical.append(method).append("\n");
    canonical.append(target).append("\n");
    canonical.append(kiosk_id).append("\n");
    canonical.append(std::to_string(timestamp)).append("\n");
    canonical.append(sha256_hex(body));
    return canonical;
}

std::string sign_canonical_request(std::string_view key, std::string_view canonical)
{
    ensure_sodium();
    // The HMAC-SHA256 variant that takes a key of any length (RFC 2104), not
    // crypto_auth_hmacsha256()'s fixed 32-byte key.
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(canonical.data()), canonical.size());
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_final(&state, mac);
    return to_hex(mac, sizeof mac);
}

bool signature_matches(std::string_view key, std::string_view canonical, std::string_view signature_hex)
{
    const auto expected = sign_canonical_request(key, canonical);
    if (signature_hex.size() != expected.size())
        return false;
    return sodium_memcmp(expected.data(), signature_hex.data(), expected.size()) == 0;
}

} // namespace kiosk::upload
