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

// What a login learns from the database before the password is checked.
struct LoginAttempt {
    std::int64_t reviewer_id = 0;   // 0: no reviewer has the name
    std::string password_hash;      // as stored; empty for an unknown name
};

// The password check's result, worked out away from the database.
struct PasswordCheck {
    bool matches = false;
    std::string new_hash;   // a re-hash at the configured cost, when the stored one's differs and the password matched
};

// Reviewer accounts and their sessions, in the review database (tables
// `reviewers` and `sessions`, created by ReviewStore's migrations).
// Passwords are kept only as Argon2id hashes (libsodium crypto_pwhash_str);
// session tokens are random and kept only as their SHA-256. After
// `max_failed_logins` wrong passwords in a row an account is locked for
// `lock_duration`, whatever password comes next.
//
// A login runs in three steps so the slow middle one can leave the thread
// that owns the database: begin_login and finish_login use the database,
// check_password only the CPU (login() runs all three in a row).
class ReviewerAccounts {
public:
    ReviewerAccounts(SqliteDb& db, const ReviewingConfig& config);

    // Throws InputError for a name that is not 1..max_name_chars of a-z,
    // 0-9, '.', '_', '-', a password outside the configured length, or a name
    // already taken.
    Reviewer add(std::string_view name, std::string_view password, std::chrono::system_clock::time_point now);

    // Throws LoginRefused.
    ReviewerSession login(std::string_view name, std::string_view password, std::chrono::system_clock::time_point now);

    // Looks the name up; throws LoginRefused when the account is locked.
    LoginAttempt begin_login(std::string_view name, std::chrono::system_clock::time_point now);
    // One Argon2id computation whether or not the name exists, so the answer
    // time does not reveal which names do. Safe on any thread.
    PasswordCheck check_password(const LoginAttempt& attempt, std::string_view password) const;
    // Counts a wrong password (locking the account after too many) or opens
    // a session; throws LoginRefused. Reads the account again: another login
    // may have locked it while this one's password was being checked.
    ReviewerSession finish_login(const LoginAttempt& attempt, const PasswordCheck& check,
                                 std::chrono::system_clock::time_point now);

    // The reviewer a live session token belongs to; nullopt for an unknown,
    // malformed or expired token (an expired one is deleted).
    std::optional<Reviewer> reviewer_for(std::string_view token, std::chrono::system_clock::time_point now);

    void logout(std::string_view token);

private:
    std::string hash_password(std::string_view password) const;

    SqliteDb& db_;
    const ReviewingConfig& config_;
};

} // namespace kiosk::review
