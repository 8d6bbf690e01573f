#pragma once

#include <array>
#include <string>
#include <string_view>

namespace kiosk::upload {

// Seals what the outbox keeps on disk (photos, applicant details) with
// libsodium's secretbox (XSalsa20-Poly1305): a stolen disk shows nothing, and
// a file changed on disk is detected rather than uploaded. Each sealed text
// is a fresh random nonce followed by the ciphertext.
class AtRestCipher {
public:
    static constexpr std::size_t kKeySize = 32;
    using Key = std::array<unsigned char, kKeySize>;

    explicit AtRestCipher(const Key& key);

    std::string seal(std::string_view plain) const;
    // Throws InputError when `sealed` was not made with this key or was altered.
    std::string open(std::string_view sealed) const;

    // A keyed BLAKE2b-256 of `plain`, as hex: the same text always gives the
    // same digest, so the outbox can tell a retried photo from a new one
    // without keeping it readable, and nobody without the key can test a
    // guessed photo against it. Keyed with a subkey derived from the sealing
    // key, so one key never serves two primitives.
    std::string digest(std::string_view plain) const;

private:
    Key key_;
    Key digest_key_;
};

} // namespace kiosk::upload
