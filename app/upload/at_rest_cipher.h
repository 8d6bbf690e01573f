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

private:
    Key key_;
};

} // namespace kiosk::upload
