#include "upload/at_rest_cipher.h"

#include <sodium.h>

#include "core/error.h"

namespace kiosk::upload {

static_assert(AtRestCipher::kKeySize == crypto_secretbox_KEYBYTES);

AtRestCipher::AtRestCipher(const Key& key) : key_(key)
{
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium cannot initialise");
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

} // namespace kiosk::upload
