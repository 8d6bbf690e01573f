#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kiosk {

class JsonFields;

// How hard an Argon2id hash is to compute (libsodium crypto_pwhash_str's
// opslimit and memlimit). Higher is slower for the kiosk and for a guesser.
struct KdfCost {
    unsigned long long ops_limit = 0;
    std::size_t mem_limit_bytes = 0;
};

// Reads "kdf_ops_limit" and "kdf_mem_limit_kib" from a config section,
// refusing a cost below libsodium's minimum (ConfigError naming the field).
KdfCost read_kdf_cost(const JsonFields& section);

// Secrets people type (reviewer passwords, technician PINs) are kept only as
// Argon2id hash strings: salted, with the cost inside, so a changed cost
// still verifies the old hashes. Throws std::runtime_error when libsodium
// cannot start or the cost's memory cannot be had.
std::string hash_secret(std::string_view secret, const KdfCost& cost);

// Constant-time for a given hash; false for a malformed hash.
bool secret_matches(const std::string& hash, std::string_view secret);

// The hash was made at another cost than `cost` (the config changed since).
bool hash_needs_new_cost(const std::string& hash, const KdfCost& cost);

} // namespace kiosk
