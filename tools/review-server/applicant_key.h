#pragma once

#include <filesystem>

#include "upload/at_rest_cipher.h"

namespace kiosk::review {

// The key that seals applicants' details in the review database, kept in the
// service's private config as {"applicant_key_hex": "<64 hex digits>"}. The
// first start without the file makes one with a fresh random key, readable
// by its owner only (0600). Throws ConfigError, naming the file, when others
// may read it, the key is not 32 bytes, or it cannot be written.
upload::AtRestCipher::Key load_or_create_applicant_key(const std::filesystem::path& file);

} // namespace kiosk::review
