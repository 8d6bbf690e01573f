// Reviewer accounts on a real database: Argon2id hashes, hashed session
// tokens that expire, and the lock after repeated wrong passwords.
#include <gtest/gtest.h>
#include <sodium.h>

#include "core/error.h"
#include "review_store.h"
#include "reviewer_accounts.h"
#include "support/test_folder.h"

namespace {

using namespace kiosk;
using namespace kiosk::review;
using namespace std::chrono;

const std::string kPassword = "correct horse battery";

ReviewingConfig settings()
{
    ReviewingConfig config;
    config.locale = "en";
    config.min_password_chars = 12;
    config.max_password_bytes = 256;
    // The cheapest Argon2id libsodium allows: these tests are about the rules, not the cost.
    config.kdf_ops_limit = crypto_pwhash_OPSLIMIT_MIN;
    config.kdf_mem_limit_bytes = crypto_pwhash_MEMLIMIT_MIN;
    config.session_lifetime = seconds(600);
    config.max_failed_logins = 3;
    config.lock_duration = seconds(60);
    config.max_name_chars = 16;
    return config;
}

class ReviewerAccountsTest : public ::testing::Test {
protected:
    kiosk::test::TestFolder folder_{"kiosk-upload"};
    ReviewingConfig config_ = settings();
    ReviewStore store_{folder_.path() / "data", upload::AtRestCipher::Key{}};
    ReviewerAccounts accounts_{store_.db(), config_};
    system_clock::time_point now_ = system_clock::now();
};

TEST_F(ReviewerAccountsTest, PasswordsAndTokensAreStoredOnlyAsHashes)
{
    const auto added = accounts_.add("alice", kPassword, now_);
    const auto session = accounts_.login("alice", kPassword, now_);
    EXPECT_EQ(session.token.size(), 64u);
    EXPECT_EQ(session.expires_at, now_ + config_.session_lifetime);
    const auto reviewer = accounts_.reviewer_for(session.token, now_ + seconds(1));
    ASSERT_TRUE(reviewer);
    EXPECT_EQ(reviewer->id, added.id);
    EXPECT_EQ(reviewer->name, "alice");

    auto stored = store_.db().prepare("SELECT password_hash FROM reviewers");
    stored.step();
    EXPECT_TRUE(stored.column_text(0).starts_with("$argon2id$"));
    EXPECT_EQ(stored.column_text(0).find(kPassword), std::string::npos);
    auto tokens = store_.db().prepare("SELECT COUNT(*) FROM sessions WHERE token_sha256 = ?");
    tokens.bind(1, session.token);
    tokens.step();
    EXPECT_EQ(tokens.column_int(0), 0) << "the token itself is never stored";
    EXPECT_NE(accounts_.login("alice", kPassword, now_).token, session.token) << "every login gets a new token";
}

TEST_F(ReviewerAccountsTest, ATokenExpiresAndLogoutEndsIt)
{
    accounts_.add("alice", kPassword, now_);
    const auto first = accounts_.login("alice", kPassword, now_);
    EXPECT_TRUE(accounts_.reviewer_for(first.token, first.expires_at - milliseconds(1)));
    EXPECT_FALSE(accounts_.reviewer_for(first.token, first.expires_at));
    EXPECT_FALSE(accounts_.reviewer_for(first.token, now_)) << "an expired session is deleted, not just ignored";

    const auto second = accounts_.login("alice", kPassword, now_);
    accounts_.logout(second.token);
    EXPECT_FALSE(accounts_.reviewer_for(second.token, now_));
    EXPECT_FALSE(accounts_.reviewer_for("not-a-token", now_));
    EXPECT_FALSE(accounts_.reviewer_for(std::string(64, 'a'), now_));
}

TEST_F(ReviewerAccountsTest, RepeatedWrongPasswordsLockTheAccountEvenAgainstTheRightOne)
{
    accounts_.add("alice", kPassword, now_);
    for (int i = 1; i < config_.max_failed_logins; ++i) {
        try {
            accounts_.login("alice", "wrong password " + std::to_string(i), now_);
            FAIL() << "a wrong password was accepted";
        } catch (const LoginRefused& refused) {
            EXPECT_FALSE(refused.locked()) << "attempt " << i;
        }
    }
    try {
        accounts_.login("alice", "the last wrong one", now_);
        FAIL();
    } catch (const LoginRefused& refused) {
        EXPECT_TRUE(refused.locked());
        EXPECT_EQ(refused.retry_after(), config_.lock_duration);
    }
    try {
        accounts_.login("alice", kPassword, now_ + seconds(30));
        FAIL() << "a locked account opened";
    } catch (const LoginRefused& refused) {
        EXPECT_TRUE(refused.locked());
        EXPECT_EQ(refused.retry_after(), seconds(30));
    }
    EXPECT_NO_THROW(accounts_.login("alice", kPassword, now_ + config_.lock_duration));
}

TEST_F(ReviewerAccountsTest, ARightPasswordResetsTheCount)
{
    accounts_.add("alice", kPassword, now_);
    for (int round = 0; round < 3; ++round) {
        for (int i = 1; i < config_.max_failed_logins; ++i)
            EXPECT_THROW(accounts_.login("alice", "wrong password", now_), LoginRefused);
        EXPECT_NO_THROW(accounts_.login("alice", kPassword, now_)) << "round " << round;
    }
}

TEST_F(ReviewerAccountsTest, AnUnknownNameGetsTheSameAnswerAsAWrongPassword)
{
    accounts_.add("alice", kPassword, now_);
    std::string unknown, wrong;
    try {
        accounts_.login("bob", kPassword, now_);
    } catch (const LoginRefused& refused) {
        unknown = refused.what();
        EXPECT_FALSE(refused.locked());
    }
    try {
        accounts_.login("alice", "wrong password", now_);
    } catch (const LoginRefused& refused) {
        wrong = refused.what();
    }
    EXPECT_FALSE(unknown.empty());
    EXPECT_EQ(unknown, wrong);
}

TEST_F(ReviewerAccountsTest, BadNamesAndPasswordsAreRefusedWithAReason)
{
    EXPECT_THROW(accounts_.add("Alice", kPassword, now_), InputError) << "upper case";
    EXPECT_THROW(accounts_.add("", kPassword, now_), InputError);
    EXPECT_THROW(accounts_.add("a-name-far-too-long", kPassword, now_), InputError);
    EXPECT_THROW(accounts_.add("<b>", kPassword, now_), InputError);
    EXPECT_THROW(accounts_.add("alice", "short", now_), InputError);
    EXPECT_THROW(accounts_.add("alice", std::string(257, 'x'), now_), InputError);
    // Twelve characters, though 36 bytes: the minimum counts characters.
    EXPECT_NO_THROW(accounts_.add("alice", "审核员的密码十二个字符啊", now_));
    try {
        accounts_.add("alice", kPassword, now_);
        FAIL() << "a second alice";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("exists"), std::string::npos) << e.what();
    }
}

// The service checks passwords off its network thread, between begin_login
// and finish_login; wrong passwords counted meanwhile still lock the account.
TEST_F(ReviewerAccountsTest, ALoginFinishedAfterTheAccountWasLockedMeanwhileIsRefused)
{
    accounts_.add("alice", kPassword, now_);
    const auto attempt = accounts_.begin_login("alice", now_);
    const auto check = accounts_.check_password(attempt, kPassword);
    EXPECT_TRUE(check.matches);
    for (int i = 0; i < config_.max_failed_logins; ++i)
        EXPECT_THROW(accounts_.login("alice", "wrong password", now_), LoginRefused);
    try {
        accounts_.finish_login(attempt, check, now_);
        ADD_FAILURE() << "a right password must not open a locked account";
    } catch (const LoginRefused& refused) {
        EXPECT_TRUE(refused.locked());
    }

    const auto unknown = accounts_.begin_login("nobody", now_);
    EXPECT_FALSE(accounts_.check_password(unknown, kPassword).matches);
}

} // namespace
