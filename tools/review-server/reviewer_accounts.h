#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/sqlite_db.h"
#include "reviewing_config.h"

namespace kiosk::review {

struct Reviewer {
    std::int64_t id = 0;
    std::string name;
};

struct ReviewerSession {
    std::string token;     // 64 hex characters, given to the reviewer once; only its hash is stored
    std::chrono::system_clock::time_point expires_at;
};

// A login that did not succeed. `locked` tells the caller to answer 429
// with `retry_after`; otherwise the name or the password was wrong, and
// which of the two is deliberately not said.
class LoginRefused : public std::runtime_error {
public:
    LoginRefused(const std::string& reason, bool locked, std::chrono::seconds retry_after)
        : std::runtime_error(reason), locked_(locked), retry_after_(retry_after)
    {
    }
    bool locked() const { return locked_; }
    std::chrono::seconds retry_after() const { return retry_after_; }

private:
    bool locked_;
    std::chrono::seconds retry_after_;
};

// Reviewer accounts and their sessions, in the review database (tables
// `reviewers` and `sessions`, created by ReviewStore's migrations).
// Passwords are kept only as Argon2id hashes (libsodium crypto_pwhash_str);
// session tokens are random and kept only as their SHA-256. After
// `max_failed_logins` wrong passwords in a row an account is locked for
// `lock_duration`, whatever password comes next.
class ReviewerAccounts {
public:
    ReviewerAccounts(SqliteDb& db, const ReviewingConfig& config);

    // Throws InputError for a name that is not 1..max_name_chars of a-z,
    // 0-9, '.', '_', '-', a password outside the configured length, or a name
    // already taken.
    Reviewer add(std::string_view name, std::string_view password, std::chrono::system_clock::time_point now);

    // Throws LoginRefused. Takes as long for an unknown name as for a wrong
    // password, so the answer time does not reveal which names exist.
    ReviewerSession login(std::string_view name, std::string_view password, std::chrono::system_clock::time_point now);

    // The reviewer a live session token belongs to; nullopt for an unknown,
    // malformed or expired token (an expired one is deleted).
    std::optional<Reviewer> reviewer_for(std::string_view token, std::chrono::system_clock::time_point now);

    void logout(std::string_view token);

private:
    std::string hash_password(std::string_view password) const;

    SqliteDb& db_;
    const ReviewingConfig& config_;
    std::string unknown_name_hash_;   // verified against when the name is unknown, to spend the same time
};

} // namespace kiosk::review
