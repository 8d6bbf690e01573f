#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "core/text_catalog.h"

namespace kiosk::review {

// What the service accepts of the applicant's details a kiosk sends with a
// photo (the name as on the ID card, the ID number, a phone number).
struct ApplicantLimits {
    std::size_t max_name_chars = 0;              // characters, not bytes
    std::size_t max_phone_digits = 0;
};

// config/review-server/reviewing.json: reviewer accounts, sessions, lock-out,
// queue paging, the rejection reasons and the applicant's details reviewers see.
struct ReviewingConfig {
    std::string locale;                          // of the HTML pages and reason texts
    std::size_t min_password_chars = 0;
    std::size_t max_password_bytes = 0;
    unsigned long long kdf_ops_limit = 0;        // Argon2id passes
    std::size_t kdf_mem_limit_bytes = 0;         // Argon2id memory
    std::size_t check_threads = 0;               // password checks run beside the network thread
    std::size_t max_waiting_checks = 0;          // logins beyond this wait for none: 503
    std::chrono::seconds session_lifetime{0};
    int max_failed_logins = 0;                   // wrong passwords in a row before the lock
    std::chrono::seconds lock_duration{0};
    int default_page = 0;
    int max_page = 0;
    std::size_t max_form_bytes = 0;              // login and decision bodies
    std::size_t max_name_chars = 0;              // reviewer names
    std::vector<std::string> reject_reasons;     // codes, in the order the pages list them
    ApplicantLimits applicant;
};

// Throws ConfigError naming the file and field; the KDF limits must be within
// what libsodium's Argon2id accepts.
ReviewingConfig load_reviewing_config(const std::filesystem::path& file);

} // namespace kiosk::review

namespace kiosk::review {

// Throws ConfigError when a rejection reason or a receipt status has no text
// in the catalog's own locale: citizens must never see a bare key.
void require_review_texts(const ReviewingConfig& config, const TextCatalog& text);

} // namespace kiosk::review
