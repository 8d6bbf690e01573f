#pragma once

#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/sqlite_db.h"
#include "upload/at_rest_cipher.h"
#include "upload/backoff_policy.h"
#include "upload/submission.h"

namespace kiosk::upload {

using WallClock = std::chrono::system_clock;

// What the health endpoint shows about the outbox.
struct OutboxStatus {
    std::int64_t depth = 0;                               // submissions not yet acknowledged
    std::int64_t awaiting_deletion = 0;                   // acknowledged, inside the retention window
    std::optional<std::chrono::seconds> oldest_pending_age;
    std::string last_error;                               // empty when there never was one
    std::optional<WallClock::time_point> last_error_at;
};

// How far one submission has got, for the screen that waits on it.
struct SubmissionProgress {
    bool acknowledged = false;
    int failures = 0;          // attempts that failed so far
    std::string last_error;    // the latest failure's reason, empty when none
};

// A submission that is due for an attempt now.
struct DueUpload {
    std::int64_t entry = 0;   // which outbox entry: the answer is recorded against it
    Submission submission;
    int failures = 0;         // attempts that already failed
};

// The kiosk's durable queue of photos for the review centre.
//
// A submission is "in" once add() returns: its sealed photo file is fsynced,
// then its row is committed (WAL, synchronous=FULL). From then on it survives
// crashes, power cuts and restarts until the service acknowledges it; after
// that it is kept for the retention window and then deleted, file and row.
//
// One receipt number may have several entries: a retake for a receipt the
// review centre rejected keeps its number and is the next version of it. An
// entry is one photo under one number; a later version goes out only once
// every earlier one under the same number is acknowledged, because the service
// takes a new photo only for a receipt it has rejected.
//
// Lives in `spool_dir`: outbox.db and photos/<receipt number>-<photo digest>.sealed.
// Everything personal (the photo, the applicant's details) is sealed with the
// kiosk's at-rest key; the receipt number and states are in the clear because
// they are printed on the slip anyway and the queue must be ordered by them.
// The photo digest is keyed (AtRestCipher::digest), so it reveals nothing.
//
// Safe to call from several threads (the session adds, the uploader drains).
class Outbox {
public:
    // Creates the folder and database when needed, brings the schema up to
    // date, and removes photo files that have no row: they are what a crash
    // between "photo written" and "row committed" leaves, and add() never
    // returned for them, so nobody was promised they would be sent.
    Outbox(std::filesystem::path spool_dir, AtRestCipher cipher, BackoffPolicy backoff,
           std::chrono::seconds retention);

    enum class Added { Queued, AlreadyQueued };
    // Throws InputError for a submission the service would refuse anyway
    // (a malformed receipt number, an empty photo). The receipt number and
    // the photo together are the idempotency key: adding the same photo under
    // the same number again (a retry after a crash) changes nothing and says
    // AlreadyQueued, however far the first copy has got; another photo under a
    // number already here is a resubmission, queued behind the earlier ones.
    Added add(const Submission& submission, WallClock::time_point now);

    // The pending submission whose next attempt is the earliest and due by
    // `now`, decrypted; nothing when none is due. Only the oldest pending
    // entry of a receipt number can be due. One that cannot be decrypted is
    // recorded as a failure and skipped, never deleted.
    std::optional<DueUpload> next_due(WallClock::time_point now);
    // When the earliest pending attempt is due, so an uploader can sleep until then.
    std::optional<WallClock::time_point> next_attempt_at();

    // An attempt failed: count it, remember why (no personal data: the
    // caller passes transport and status text), and schedule the next one.
    void record_failure(std::int64_t entry, const std::string& error, WallClock::time_point now);
    // The service has the submission; start its retention window.
    void record_acknowledged(std::int64_t entry, WallClock::time_point now);

    // Where the newest submission under this number stands (the one a
    // waiting citizen just handed in); nothing when the outbox does not hold
    // the number (never added, or deleted after its retention).
    std::optional<SubmissionProgress> progress(const std::string& receipt_number);

    // Deletes acknowledged submissions whose retention has passed; returns how many.
    int purge_expired(WallClock::time_point now);

    OutboxStatus status(WallClock::time_point now);

    // Where the sealed photos kept under a receipt number are, oldest entry
    // first (tests look at what is on disk).
    std::vector<std::filesystem::path> photo_paths(const std::string& receipt_number);

private:
    std::filesystem::path photo_file(const std::string& name) const;
    // Entries queued before photo digests were kept get theirs, so a retried
    // add of their photo is still recognised.
    void fill_in_photo_digests();
    void remove_orphan_files();
    // record_failure() for a caller that already holds mutex_.
    void schedule_retry(std::int64_t entry, const std::string& error, WallClock::time_point now);

    std::filesystem::path spool_dir_;
    AtRestCipher cipher_;
    BackoffPolicy backoff_;
    std::chrono::seconds retention_;
    std::mutex mutex_;
    SqliteDb db_;
    std::mt19937_64 jitter_source_;
};

} // namespace kiosk::upload
