#include "reviewer_accounts.h"

#include <sodium.h>

#include "core/error.h"
#include "core/password_hash.h"
#include "upload/request_signature.h"

namespace kiosk::review {
namespace {

constexpr std::size_t kTokenBytes = 32;

std::int64_t to_ms(std::chrono::system_clock::time_point t)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

// Characters, not bytes: a Chinese password of 6 characters is 18 bytes of UTF-8.
std::size_t utf8_length(std::string_view text)
{
    std::size_t count = 0;
    for (const char c : text)
        count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return count;
}

bool is_valid_name(std::string_view name, std::size_t max_chars)
{
    if (name.empty() || name.size() > max_chars)
        return false;
    return name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") == std::string_view::npos;
}

std::string random_token()
{
    unsigned char bytes[kTokenBytes];
    randombytes_buf(bytes, sizeof bytes);
    char hex[2 * kTokenBytes + 1];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return hex;
}

} // namespace

ReviewerAccounts::ReviewerAccounts(SqliteDb& db, const ReviewingConfig& config) : db_(db), config_(config)
{
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium could not be initialised");
}

std::string ReviewerAccounts::hash_password(std::string_view password) const
{
    return hash_secret(password, {config_.kdf_ops_limit, config_.kdf_mem_limit_bytes});
}

Reviewer ReviewerAccounts::add(std::string_view name, std::string_view password, std::chrono::system_clock::time_point now)
{
    if (!is_valid_name(name, config_.max_name_chars))
        throw InputError("a reviewer name is 1.." + std::to_string(config_.max_name_chars) +
                         " characters of a-z, 0-9, '.', '_' and '-'");
    if (utf8_length(password) < config_.min_password_chars)
        throw InputError("the password needs at least " + std::to_string(config_.min_password_chars) + " characters");
    if (password.size() > config_.max_password_bytes)
        throw InputError("the password is longer than " + std::to_string(config_.max_password_bytes) + " bytes");
    const auto hash = hash_password(password);
    SqliteTransaction transaction(db_);
    auto existing = db_.prepare("SELECT 1 FROM reviewers WHERE name = ?");
    existing.bind(1, name);
    if (existing.step())
        throw InputError("a reviewer with this name exists already");
    auto insert =
        db_.prepare("INSERT INTO reviewers (name, password_hash, created_at_ms) VALUES (?, ?, ?) RETURNING id");
    insert.bind(1, name).bind(2, hash).bind(3, to_ms(now));
    insert.step();
    const Reviewer reviewer{insert.column_int(0), std::string(name)};
    insert.run();
    transaction.commit();
    return reviewer;
}

namespace {

const std::string kWrongLogin = "wrong name or password";

LoginRefused locked_refusal(std::chrono::milliseconds left)
{
    return LoginRefused("too many wrong passwords; the account is locked for a while", true,
                        std::chrono::ceil<std::chrono::seconds>(left));
}

} // namespace

ReviewerSession ReviewerAccounts::login(std::string_view name, std::string_view password,
                                        std::chrono::system_clock::time_point now)
{
    const auto attempt = begin_login(name, now);
    return finish_login(attempt, check_password(attempt, password), now);
}

LoginAttempt ReviewerAccounts::begin_login(std::string_view name, std::chrono::system_clock::time_point now)
{
    auto account = db_.prepare("SELECT id, password_hash, locked_until_ms FROM reviewers WHERE name = ?");
    account.bind(1, name);
    if (!account.step())
        return {};
    const std::int64_t locked_until_ms = account.column_int(2);
    // Not even a right password opens a locked account: guessing must wait out the lock.
    if (locked_until_ms > to_ms(now))
        throw locked_refusal(std::chrono::milliseconds(locked_until_ms - to_ms(now)));
    return {account.column_int(0), account.column_text(1)};
}

PasswordCheck ReviewerAccounts::check_password(const LoginAttempt& attempt, std::string_view password) const
{
    if (attempt.reviewer_id == 0) {
        // Hashing at the configured cost takes as long as verifying against a stored hash of that cost.
        hash_password(password);
        return {};
    }
    PasswordCheck check;
    check.matches = secret_matches(attempt.password_hash, password);
    // A changed KDF cost in the config reaches each account at its next login.
    if (check.matches &&
        hash_needs_new_cost(attempt.password_hash, {config_.kdf_ops_limit, config_.kdf_mem_limit_bytes}))
        check.new_hash = hash_password(password);
    return check;
}

ReviewerSession ReviewerAccounts::finish_login(const LoginAttempt& attempt, const PasswordCheck& check,
                                               std::chrono::system_clock::time_point now)
{
    if (attempt.reviewer_id == 0)
        throw LoginRefused(kWrongLogin, false, {});
    std::int64_t failed = 0, locked_until_ms = 0;
    {
        auto account = db_.prepare("SELECT failed_logins, locked_until_ms FROM reviewers WHERE id = ?");
        account.bind(1, attempt.reviewer_id);
        if (!account.step())
            throw LoginRefused(kWrongLogin, false, {});
        failed = account.column_int(0);
        locked_until_ms = account.column_int(1);
    }
    if (locked_until_ms > to_ms(now))
        throw locked_refusal(std::chrono::milliseconds(locked_until_ms - to_ms(now)));
    if (!check.matches) {
        const bool lock = failed + 1 >= config_.max_failed_logins;
        auto update = db_.prepare("UPDATE reviewers SET failed_logins = ?, locked_until_ms = ? WHERE id = ?");
        update.bind(1, lock ? 0 : failed + 1)
            .bind(2, lock ? to_ms(now + config_.lock_duration) : locked_until_ms)
            .bind(3, attempt.reviewer_id);
        update.run();
        if (lock)
            throw locked_refusal(config_.lock_duration);
        throw LoginRefused(kWrongLogin, false, {});
    }

    ReviewerSession session{random_token(), now + config_.session_lifetime};
    SqliteTransaction transaction(db_);
    auto reset = db_.prepare("UPDATE reviewers SET failed_logins = 0 WHERE id = ?");
    reset.bind(1, attempt.reviewer_id);
    reset.run();
    if (!check.new_hash.empty()) {
        auto rehash = db_.prepare("UPDATE reviewers SET password_hash = ? WHERE id = ?");
        rehash.bind(1, check.new_hash).bind(2, attempt.reviewer_id);
        rehash.run();
    }
    auto purge = db_.prepare("DELETE FROM sessions WHERE expires_at_ms <= ?");
    purge.bind(1, to_ms(now));
    purge.run();
    auto insert = db_.prepare("INSERT INTO sessions (token_sha256, reviewer_id, expires_at_ms) VALUES (?, ?, ?)");
    insert.bind(1, upload::sha256_hex(session.token)).bind(2, attempt.reviewer_id).bind(3, to_ms(session.expires_at));
    insert.run();
    transaction.commit();
    return session;
}

std::optional<Reviewer> ReviewerAccounts::reviewer_for(std::string_view token, std::chrono::system_clock::time_point now)
{
    if (token.size() != 2 * kTokenBytes || token.find_first_not_of("0123456789abcdef") != std::string_view::npos)
        return std::nullopt;
    const auto token_hash = upload::sha256_hex(token);
    auto session = db_.prepare(
        "SELECT r.id, r.name, s.expires_at_ms FROM sessions s JOIN reviewers r ON r.id = s.reviewer_id "
        "WHERE s.token_sha256 = ?");
    session.bind(1, token_hash);
    if (!session.step())
        return std::nullopt;
    Reviewer reviewer{session.column_int(0), session.column_text(1)};
    const bool expired = session.column_int(2) <= to_ms(now);
    session.run();
    if (expired) {
        logout(token);
        return std::nullopt;
    }
    return reviewer;
}

void ReviewerAccounts::logout(std::string_view token)
{
    auto remove = db_.prepare("DELETE FROM sessions WHERE token_sha256 = ?");
    remove.bind(1, upload::sha256_hex(token));
    remove.run();
}

} // namespace kiosk::review
