#include "upload/at_rest_cipher.h"

#include <sodium.h>

#include "core/error.h"

namespace kiosk::upload {

static_assert(AtRestCipher::kKeySize == crypto_secretbox_KEYBYTES);
static_assert(AtRestCipher::kKeySize == crypto_kdf_KEYBYTES);

namespace {

// crypto_kdf's context: exactly eight characters naming what the subkey is for.
constexpr char kDigestContext[crypto_kdf_CONTEXTBYTES + 1] = "outboxid";
constexpr std::uint64_t kDigestSubkeyId = 1;

} // namespace

AtRestCipher::AtRestCipher(const Key& key) : key_(key)
{
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium cannot initialise");
    crypto_kdf_derive_from_key(digest_key_.data(), digest_key_.size(), kDigestSubkeyId, kDigestContext, key_.data());
}

std::string AtRestCipher::seal(std::string_view plain) const
{
    std::string sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
    auto* out = reinterpret_cast<unsigned char*>(sealed.data());
    randombytes_buf(out, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plain.data()),
                          plain.size(), out, key_.data());
    return sealed;
}

std::string AtRestCipher::open(std::string_view sealed) const
{
    if (sealed.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
        throw InputError("sealed data is too short to be one");
    const auto* in = reinterpret_cast<const unsigned char*>(sealed.data());
    std::string plain(sealed.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), in + crypto_secretbox_NONCEBYTES,
                                   sealed.size() - crypto_secretbox_NONCEBYTES, in, key_.data()) != 0)
        throw InputError("sealed data does not open with this kiosk's key (altered, or another key)");
    return plain;
}

std::string AtRestCipher::digest(std::string_view plain) const
{
    std::array<unsigned char, crypto_generichash_BYTES> hash{};
    crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                       digest_key_.data(), digest_key_.size());
    std::string hex(hash.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
    hex.pop_back();   // the terminating NUL libsodium counts in the length
    return hex;
}

} // namespace kiosk::upload
