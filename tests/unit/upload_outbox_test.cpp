// The outbox on a real disk: durability across a killed process, backoff,
// acknowledgement and retention, encryption at rest, status.
#include <csignal>
#include <fstream>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/error.h"
#include "core/sqlite_db.h"
#include "receipt/receipt_number.h"
#include "core/durable_file.h"
#include "support/test_folder.h"
#include "upload/outbox.h"

namespace {

using namespace kiosk;
using namespace kiosk::upload;
using namespace std::chrono;

const AtRestCipher::Key kKey = [] {
    AtRestCipher::Key key{};
    for (std::size_t i = 0; i < key.size(); ++i)
        key[i] = static_cast<unsigned char>(i * 7 + 3);
    return key;
}();

const BackoffPolicy kBackoff{milliseconds(1000), milliseconds(60000), 2.0, 0.5};
const WallClock::time_point kStart = WallClock::time_point(seconds(1'764'000'000));

std::string number(int sequence)
{
    return receipt::ReceiptNumber::issue("GZ001", year{2025} / November / 25, sequence).str();
}

Submission submission(int sequence)
{
    Submission s;
    s.receipt_number = number(sequence);
    s.spec = "cn-id-card";
    s.city = "guangzhou";
    s.kiosk_id = "GZ001";
    s.assessment = {{"verdict", "pass"}, {"applicant_marker", "ZHANG-SAN-DETAILS"}};
    // Not a real image: a recognisable marker to look for on disk, and every
    // byte value so a text/binary mix-up would show.
    s.photo_jpeg = "\xFF\xD8\xFF PHOTO-MARKER-" + std::to_string(sequence);
    for (int b = 0; b < 256; ++b)
        s.photo_jpeg.push_back(static_cast<char>(b));
    return s;
}

class OutboxTest : public ::testing::Test {
protected:
    Outbox open(hours retention = hours(72)) { return Outbox(folder_.path() / "spool", AtRestCipher(kKey), kBackoff, retention); }
    std::filesystem::path spool() const { return folder_.path() / "spool"; }
    // The newest entry under a number, read from the database as another process would.
    std::int64_t entry_of(const std::string& receipt_number) const
    {
        SqliteDb db(spool() / "outbox.db");
        auto row = db.prepare("SELECT MAX(id) FROM entries WHERE receipt_number = ?");
        row.bind(1, receipt_number);
        row.step();
        return row.column_int(0);
    }
    kiosk::test::TestFolder folder_{"kiosk-upload"};
};

// The one sealed photo kept under a number.
std::filesystem::path only_photo(Outbox& outbox, const std::string& receipt_number)
{
    const auto paths = outbox.photo_paths(receipt_number);
    EXPECT_EQ(paths.size(), 1u) << receipt_number;
    return paths.empty() ? std::filesystem::path() : paths.front();
}

bool file_contains(const std::filesystem::path& path, const std::string& needle)
{
    if (!std::filesystem::exists(path))
        return false;
    return read_whole_file(path).find(needle) != std::string::npos;
}

TEST_F(OutboxTest, QueuesInOrderAndReturnsWhatWasAdded)
{
    Outbox outbox = open();
    EXPECT_EQ(outbox.add(submission(1), kStart), Outbox::Added::Queued);
    EXPECT_EQ(outbox.add(submission(2), kStart + seconds(1)), Outbox::Added::Queued);
    const auto due = outbox.next_due(kStart + seconds(2));
    ASSERT_TRUE(due);
    EXPECT_EQ(due->submission, submission(1));
    EXPECT_EQ(due->failures, 0);
    EXPECT_EQ(outbox.status(kStart + seconds(2)).depth, 2);
}

// A retake for a rejected receipt keeps the number: its new photo must go out
// even while the first photo's acknowledged entry is still kept for retention.
TEST_F(OutboxTest, AResubmissionUnderAnAcknowledgedNumberIsSent)
{
    Outbox outbox = open();
    ASSERT_EQ(outbox.add(submission(1), kStart), Outbox::Added::Queued);
    outbox.record_acknowledged(entry_of(number(1)), kStart + seconds(1));
    auto retake = submission(1);
    retake.photo_jpeg = "\xFF\xD8\xFF the retaken photo";
    EXPECT_EQ(outbox.add(retake, kStart + minutes(5)), Outbox::Added::Queued);
    EXPECT_EQ(outbox.status(kStart + minutes(5)).depth, 1);
    const auto due = outbox.next_due(kStart + minutes(5));
    ASSERT_TRUE(due);
    EXPECT_EQ(due->submission, retake);
    EXPECT_FALSE(outbox.progress(number(1))->acknowledged) << "the retake's progress, not the first photo's";
}

Submission retake_of(int sequence, int version)
{
    auto s = submission(sequence);
    s.photo_jpeg = "\xFF\xD8\xFF retaken photo, version " + std::to_string(version);
    return s;
}

// The number and the photo together are the idempotency key: the same photo
// added again (the kiosk retrying after a crash) is never a second entry,
// however far the first copy has got.
TEST_F(OutboxTest, TheSamePhotoUnderTheSameNumberIsQueuedOnce)
{
    Outbox outbox = open();
    ASSERT_EQ(outbox.add(submission(1), kStart), Outbox::Added::Queued);
    EXPECT_EQ(outbox.add(submission(1), kStart + seconds(1)), Outbox::Added::AlreadyQueued);
    EXPECT_EQ(outbox.status(kStart).depth, 1);
    outbox.record_acknowledged(entry_of(number(1)), kStart + seconds(2));
    EXPECT_EQ(outbox.add(submission(1), kStart + seconds(3)), Outbox::Added::AlreadyQueued) << "acknowledged already";
    ASSERT_EQ(outbox.add(retake_of(1, 2), kStart + seconds(4)), Outbox::Added::Queued);
    EXPECT_EQ(outbox.add(submission(1), kStart + seconds(5)), Outbox::Added::AlreadyQueued)
        << "an older photo coming back is not a newer version";
    EXPECT_EQ(outbox.add(retake_of(1, 2), kStart + seconds(5)), Outbox::Added::AlreadyQueued);
    EXPECT_EQ(outbox.status(kStart + seconds(5)).depth, 1);
    EXPECT_EQ(outbox.photo_paths(number(1)).size(), 2u);
}

// The service takes a new photo only for a receipt it has rejected, so a
// later version must not overtake an earlier one still waiting; other
// numbers are not held up by either.
TEST_F(OutboxTest, VersionsOfANumberGoOutInOrder)
{
    Outbox outbox = open();
    outbox.add(submission(1), kStart);
    outbox.add(retake_of(1, 2), kStart + seconds(1));
    outbox.add(submission(2), kStart + seconds(2));
    EXPECT_EQ(outbox.status(kStart + seconds(2)).depth, 3);

    auto due = outbox.next_due(kStart + seconds(2));
    ASSERT_TRUE(due);
    EXPECT_EQ(due->submission, submission(1));
    const auto first = due->entry;
    outbox.record_failure(first, "HTTP 503", kStart + seconds(2));
    due = outbox.next_due(kStart + seconds(2));
    ASSERT_TRUE(due);
    EXPECT_EQ(due->submission, submission(2)) << "the retake waits behind its first version";
    outbox.record_acknowledged(due->entry, kStart + seconds(2));
    EXPECT_FALSE(outbox.next_due(kStart + seconds(2)));
    const auto wake = outbox.next_attempt_at();
    ASSERT_TRUE(wake);
    EXPECT_GT(*wake, kStart + seconds(2)) << "the waiting retake does not wake the uploader before its turn";

    outbox.record_acknowledged(first, *wake);
    due = outbox.next_due(*wake);
    ASSERT_TRUE(due);
    EXPECT_EQ(due->submission, retake_of(1, 2));
    EXPECT_NE(due->entry, first);
    EXPECT_FALSE(outbox.progress(number(1))->acknowledged) << "progress follows the newest version";
    outbox.record_acknowledged(due->entry, *wake);
    EXPECT_TRUE(outbox.progress(number(1))->acknowledged);
    EXPECT_EQ(outbox.status(*wake).depth, 0);
}

// The kiosk is killed right after add() returned for a retake; whatever adds
// the same photo again afterwards must not make it a third entry.
TEST_F(OutboxTest, ARetakeAddedAgainAfterAKillIsQueuedOnce)
{
    {
        Outbox outbox = open();
        outbox.add(submission(1), kStart);
        outbox.record_acknowledged(entry_of(number(1)), kStart);
    }
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        Outbox outbox = open();
        outbox.add(retake_of(1, 2), kStart + minutes(1));
        ::raise(SIGKILL);
        ::_exit(0);
    }
    int wstatus = 0;
    ASSERT_EQ(::waitpid(child, &wstatus, 0), child);
    ASSERT_TRUE(WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGKILL);

    Outbox outbox = open();
    EXPECT_EQ(outbox.add(retake_of(1, 2), kStart + minutes(2)), Outbox::Added::AlreadyQueued);
    int sent = 0;
    while (auto due = outbox.next_due(kStart + minutes(2))) {
        EXPECT_EQ(due->submission, retake_of(1, 2));
        outbox.record_acknowledged(due->entry, kStart + minutes(2));
        ++sent;
    }
    EXPECT_EQ(sent, 1);
}

// A kiosk updated with photos still waiting in the one-photo-per-number
// outbox: they are carried over, sent, recognised when added again, and a
// retake queues behind them.
TEST_F(OutboxTest, AnOutboxFromBeforeVersionsIsCarriedOver)
{
    std::filesystem::create_directories(spool() / "photos");
    const AtRestCipher cipher(kKey);
    const auto old = submission(1);
    {
        SqliteDb db(spool() / "outbox.db");
        db.exec(R"sql(
            CREATE TABLE submissions (
                receipt_number TEXT PRIMARY KEY, state TEXT NOT NULL, sealed_details BLOB NOT NULL,
                created_at_ms INTEGER NOT NULL, failures INTEGER NOT NULL DEFAULT 0,
                next_attempt_at_ms INTEGER NOT NULL, last_error TEXT, acknowledged_at_ms INTEGER);
            CREATE INDEX submissions_due ON submissions (state, next_attempt_at_ms);
            CREATE TABLE outbox_health (id INTEGER PRIMARY KEY CHECK (id = 1), last_error TEXT, last_error_at_ms INTEGER);
            INSERT INTO outbox_health (id) VALUES (1);
        )sql");
        const auto details = cipher.seal(nlohmann::json{{"spec", old.spec}, {"city", old.city},
                                                        {"kiosk_id", old.kiosk_id}, {"assessment", old.assessment}}
                                             .dump());
        auto insert = db.prepare("INSERT INTO submissions (receipt_number, state, sealed_details, created_at_ms, "
                                 "next_attempt_at_ms) VALUES (?, 'pending', ?, ?, ?)");
        const auto start_ms = duration_cast<milliseconds>(kStart.time_since_epoch()).count();
        insert.bind(1, old.receipt_number)
            .bind_blob(2, {reinterpret_cast<const unsigned char*>(details.data()), details.size()})
            .bind(3, start_ms)
            .bind(4, start_ms);
        insert.run();
        db.set_user_version(1);
        write_file_durably(spool() / "photos" / (old.receipt_number + ".sealed"), cipher.seal(old.photo_jpeg));
    }
    Outbox outbox = open();
    EXPECT_EQ(outbox.add(old, kStart), Outbox::Added::AlreadyQueued) << "its photo's digest was filled in";
    EXPECT_EQ(outbox.add(retake_of(1, 2), kStart), Outbox::Added::Queued);
    auto due = outbox.next_due(kStart);
    ASSERT_TRUE(due);
    EXPECT_EQ(due->submission, old);
    outbox.record_acknowledged(due->entry, kStart);
    due = outbox.next_due(kStart);
    ASSERT_TRUE(due);
    EXPECT_EQ(due->submission, retake_of(1, 2));
}

TEST_F(OutboxTest, RefusesWhatTheServiceWouldRefuse)
{
    Outbox outbox = open();
    auto bad_number = submission(1);
    bad_number.receipt_number = "GZ00125112500011";
    EXPECT_THROW(outbox.add(bad_number, kStart), InputError);
    auto lower_case = submission(1);
    lower_case.receipt_number = number(1);
    lower_case.receipt_number[0] = 'g';
    EXPECT_THROW(outbox.add(lower_case, kStart), InputError);
    auto no_photo = submission(1);
    no_photo.photo_jpeg.clear();
    EXPECT_THROW(outbox.add(no_photo, kStart), InputError);
    EXPECT_EQ(outbox.status(kStart).depth, 0);
    EXPECT_TRUE(std::filesystem::is_empty(spool() / "photos")) << "a refused submission leaves no file";
}

TEST_F(OutboxTest, NothingPersonalIsReadableOnDisk)
{
    {
        Outbox outbox = open();
        outbox.add(submission(1), kStart);
        EXPECT_TRUE(std::filesystem::exists(only_photo(outbox, number(1))));
    }
    for (const auto& entry : std::filesystem::recursive_directory_iterator(spool())) {
        if (!entry.is_regular_file())
            continue;
        EXPECT_FALSE(file_contains(entry.path(), "PHOTO-MARKER")) << entry.path();
        EXPECT_FALSE(file_contains(entry.path(), "ZHANG-SAN")) << entry.path();
    }
    const auto mode = std::filesystem::status(spool()).permissions();
    EXPECT_EQ(mode & std::filesystem::perms::all, std::filesystem::perms::owner_all);
}

TEST_F(OutboxTest, AnotherKeyOrAnAlteredFileIsDetectedKeptAndSkipped)
{
    {
        Outbox outbox = open();
        outbox.add(submission(1), kStart);
    }
    AtRestCipher::Key other = kKey;
    other[0] ^= 1;
    {
        Outbox wrong_key(spool(), AtRestCipher(other), kBackoff, hours(72));
        EXPECT_FALSE(wrong_key.next_due(kStart));
        EXPECT_NE(wrong_key.status(kStart).last_error.find("cannot open the stored submission"), std::string::npos);
    }
    Outbox outbox = open();
    ASSERT_TRUE(outbox.next_due(kStart + minutes(5))) << "still there for the right key";
    const auto photo = only_photo(outbox, number(1));
    auto sealed = read_whole_file(photo);
    sealed[sealed.size() / 2] ^= 0x20;
    write_file_durably(photo, sealed);
    outbox.add(submission(2), kStart);
    const auto due = outbox.next_due(kStart + minutes(5));
    ASSERT_TRUE(due);
    EXPECT_EQ(due->submission, submission(2)) << "the damaged entry does not hold up the next";
    EXPECT_EQ(outbox.status(kStart + minutes(5)).depth, 2) << "a damaged entry is kept for a technician, not dropped";
}

TEST_F(OutboxTest, FailuresBackOffExponentiallyWithJitterAndAreReported)
{
    Outbox outbox = open();
    outbox.add(submission(1), kStart);
    auto now = kStart;
    milliseconds previous_ceiling(0);
    for (int failure = 1; failure <= 8; ++failure) {
        ASSERT_TRUE(outbox.next_due(now)) << "failure " << failure;
        outbox.record_failure(entry_of(number(1)), "connection refused", now);
        const auto wait = duration_cast<milliseconds>(*outbox.next_attempt_at() - now);
        const auto ceiling = std::min(kBackoff.max, kBackoff.initial * (1 << (failure - 1)));
        EXPECT_LE(wait, ceiling) << "failure " << failure;
        EXPECT_GE(wait, ceiling / 2) << "jitter 0.5 takes off at most half";
        EXPECT_GE(ceiling, previous_ceiling);
        previous_ceiling = ceiling;
        EXPECT_FALSE(outbox.next_due(now + wait - milliseconds(1))) << "not due before its time";
        now += wait;
    }
    EXPECT_EQ(outbox.next_due(now)->failures, 8);
    const auto status = outbox.status(now);
    EXPECT_EQ(status.last_error, "connection refused");
    ASSERT_TRUE(status.last_error_at);
    ASSERT_TRUE(status.oldest_pending_age);
    EXPECT_EQ(*status.oldest_pending_age, duration_cast<seconds>(now - kStart));
}

TEST_F(OutboxTest, AFailingEntryDoesNotHoldUpTheOthers)
{
    Outbox outbox = open();
    outbox.add(submission(1), kStart);
    outbox.add(submission(2), kStart);
    outbox.record_failure(entry_of(number(1)), "HTTP 500", kStart);
    const auto due = outbox.next_due(kStart);
    ASSERT_TRUE(due);
    EXPECT_EQ(due->submission.receipt_number, number(2));
}

TEST_F(OutboxTest, AcknowledgedIsKeptForTheRetentionWindowThenDeleted)
{
    Outbox outbox = open(hours(2));
    outbox.add(submission(1), kStart);
    outbox.add(submission(2), kStart);
    const auto first = entry_of(number(1));
    const auto first_photo = only_photo(outbox, number(1));
    outbox.record_acknowledged(first, kStart + minutes(1));
    outbox.record_failure(first, "late duplicate failure", kStart + minutes(1));

    auto status = outbox.status(kStart + minutes(2));
    EXPECT_EQ(status.depth, 1);
    EXPECT_EQ(status.awaiting_deletion, 1);
    EXPECT_TRUE(status.last_error.empty()) << "a failure after the acknowledgement is not an error";
    EXPECT_EQ(outbox.next_due(kStart + minutes(2))->submission.receipt_number, number(2));

    EXPECT_EQ(outbox.purge_expired(kStart + minutes(60)), 0);
    EXPECT_TRUE(std::filesystem::exists(first_photo));
    EXPECT_EQ(outbox.purge_expired(kStart + hours(2) + minutes(1)), 1);
    EXPECT_FALSE(std::filesystem::exists(first_photo));
    EXPECT_TRUE(outbox.photo_paths(number(1)).empty());
    EXPECT_TRUE(std::filesystem::exists(only_photo(outbox, number(2)))) << "pending is never purged";
    status = outbox.status(kStart + hours(3));
    EXPECT_EQ(status.awaiting_deletion, 0);
    EXPECT_EQ(status.depth, 1);
}

TEST_F(OutboxTest, EmptyOutboxReportsNoAge)
{
    Outbox outbox = open();
    const auto status = outbox.status(kStart);
    EXPECT_EQ(status.depth, 0);
    EXPECT_FALSE(status.oldest_pending_age);
    EXPECT_FALSE(outbox.next_attempt_at());
    EXPECT_FALSE(outbox.next_due(kStart));
}

// The process dies (SIGKILL: no destructors, no flush) right after add()
// returned and after an acknowledgement; the next process sees all of it.
TEST_F(OutboxTest, SurvivesTheProcessBeingKilled)
{
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        Outbox outbox = open();
        for (int i = 1; i <= 5; ++i)
            outbox.add(submission(i), kStart + seconds(i));
        outbox.record_acknowledged(entry_of(number(2)), kStart + seconds(10));
        outbox.record_failure(entry_of(number(3)), "HTTP 503", kStart + seconds(10));
        ::raise(SIGKILL);
        ::_exit(0);
    }
    int wstatus = 0;
    ASSERT_EQ(::waitpid(child, &wstatus, 0), child);
    ASSERT_TRUE(WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGKILL);

    Outbox outbox = open();
    const auto status = outbox.status(kStart + seconds(20));
    EXPECT_EQ(status.depth, 4);
    EXPECT_EQ(status.awaiting_deletion, 1);
    EXPECT_EQ(status.last_error, "HTTP 503");
    EXPECT_EQ(*status.oldest_pending_age, seconds(19));
    std::set<std::string> seen;
    auto now = kStart + seconds(20);
    while (auto due = outbox.next_due(now)) {
        const int sequence = receipt::ReceiptNumber::parse(due->submission.receipt_number).sequence();
        EXPECT_EQ(due->submission, submission(sequence));
        seen.insert(due->submission.receipt_number);
        outbox.record_acknowledged(due->entry, now);
    }
    EXPECT_EQ(seen, (std::set<std::string>{number(1), number(3), number(4), number(5)}))
        << "number 2 was acknowledged before the kill";
}

// A crash between "photo written" and "row committed" leaves a file without
// a row (and maybe a half-written temporary); the next start removes both.
TEST_F(OutboxTest, RemovesWhatACrashBeforeTheRowLeftBehind)
{
    {
        Outbox outbox = open();
        outbox.add(submission(1), kStart);
    }
    std::ofstream(spool() / "photos" / (number(2) + ".sealed")) << "sealed photo without a row";
    std::ofstream(spool() / "photos" / (number(3) + ".sealed.tmp")) << "half";
    Outbox outbox = open();
    EXPECT_TRUE(std::filesystem::exists(only_photo(outbox, number(1))));
    EXPECT_TRUE(outbox.photo_paths(number(2)).empty());
    EXPECT_FALSE(std::filesystem::exists(spool() / "photos" / (number(3) + ".sealed.tmp")));
    EXPECT_EQ(outbox.status(kStart).depth, 1);
}

// kioskctl or a restarted uploader opens the outbox (and sweeps orphan
// files) while the kiosk is adding: the sweep must never take a photo whose
// row is about to be committed, or add() would return for a submission that
// can no longer be sent.
TEST_F(OutboxTest, OpeningItElsewhereWhileAddingLosesNothing)
{
    { Outbox created = open(); }
    constexpr int kAdded = 150;
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        try {
            Outbox outbox = open();
            for (int i = 1; i <= kAdded; ++i) {
                outbox.add(submission(i), kStart);
                // Citizens come one at a time; the pause lets the other side in.
                std::this_thread::sleep_for(milliseconds(1));
            }
        } catch (const std::exception& e) {
            std::fprintf(stderr, "adding failed: %s\n", e.what());
            ::_exit(1);
        }
        ::_exit(0);
    }
    int opened = 0;
    int wstatus = 0;
    while (::waitpid(child, &wstatus, WNOHANG) == 0) {
        Outbox sweeping = open();
        ++opened;
    }
    ASSERT_TRUE(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0) << "every add() succeeded";
    EXPECT_GE(opened, 2) << "the sweeps overlapped the adds";

    Outbox outbox = open();
    int sent = 0;
    while (auto due = outbox.next_due(kStart)) {
        EXPECT_EQ(due->submission, submission(receipt::ReceiptNumber::parse(due->submission.receipt_number).sequence()));
        outbox.record_acknowledged(due->entry, kStart);
        ++sent;
    }
    EXPECT_EQ(sent, kAdded);
    EXPECT_EQ(outbox.status(kStart).last_error, "") << "every photo could still be opened";
}

TEST_F(OutboxTest, RefusesADatabaseFromANewerProgram)
{
    {
        Outbox outbox = open();
    }
    {
        SqliteDb db(spool() / "outbox.db");
        db.set_user_version(99);
    }
    EXPECT_THROW(open(), DatabaseError);
}

} // namespace
