#include "core/password_hash.h"

#include <stdexcept>

#include <sodium.h>

#include "core/json_fields.h"

namespace kiosk {
namespace {

void start_sodium()
{
    // sodium_init is safe to call again and from several threads.
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium could not be initialised");
}

} // namespace

KdfCost read_kdf_cost(const JsonFields& section)
{
    KdfCost cost;
    cost.ops_limit = static_cast<unsigned long long>(section.positive_int("kdf_ops_limit"));
    if (cost.ops_limit < crypto_pwhash_OPSLIMIT_MIN)
        section.fail("kdf_ops_limit", "must be at least " + std::to_string(crypto_pwhash_OPSLIMIT_MIN));
    cost.mem_limit_bytes = static_cast<std::size_t>(section.positive_int("kdf_mem_limit_kib")) * 1024;
    if (cost.mem_limit_bytes < crypto_pwhash_MEMLIMIT_MIN)
        section.fail("kdf_mem_limit_kib", "must be at least " + std::to_string(crypto_pwhash_MEMLIMIT_MIN / 1024));
    return cost;
}

std::string hash_secret(std::string_view secret, const KdfCost& cost)
{
    start_sodium();
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, secret.data(), secret.size(), cost.ops_limit, cost.mem_limit_bytes) != 0)
        throw std::runtime_error("secret hashing ran out of memory (the KDF memory limit is too high)");
    return hash;
}

bool secret_matches(const std::string& hash, std::string_view secret)
{
    start_sodium();
    return crypto_pwhash_str_verify(hash.c_str(), secret.data(), secret.size()) == 0;
}

bool hash_needs_new_cost(const std::string& hash, const KdfCost& cost)
{
    start_sodium();
    return crypto_pwhash_str_needs_rehash(hash.c_str(), cost.ops_limit, cost.mem_limit_bytes) != 0;
}

} // namespace kiosk
