#include "kiosk/one_run_health_token.h"

#include <array>

#include <nlohmann/json.hpp>
#include <sodium.h>

#include "core/durable_file.h"
#include "core/error.h"

namespace kiosk::runtime {

std::string write_one_run_health_token(const std::filesystem::path& file)
{
    if (sodium_init() < 0)
        throw ConfigError("libsodium cannot be initialised");
    std::array<unsigned char, 32> secret{};
    randombytes_buf(secret.data(), secret.size());
    // URL-safe base64 stays inside the token68 alphabet a bearer header carries.
    std::array<char, sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)> text{};
    sodium_bin2base64(text.data(), text.size(), secret.data(), secret.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(secret.data(), secret.size());
    const std::string token(text.data());
    write_file_durably(file, nlohmann::json{{"bearer_token", token}}.dump() + "\n");
    return token;
}

} // namespace kiosk::runtime
