#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/sqlite_db.h"
#include "upload/at_rest_cipher.h"
#include "upload/submission.h"

namespace kiosk::review {

// The receipt already has a different photo and is not open for resubmission.
class SubmissionConflict : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ReceiptStatus {
    std::string receipt_number;
    std::string status;          // pending, approved, rejected
    std::string reason;          // the reason code of a rejection; empty otherwise
    int submissions = 0;         // 1, or more after resubmissions
    std::string photo_sha256;    // of the latest submission
};

// One version of the photo under a receipt number, as a reviewer sees it.
struct SubmissionSummary {
    std::int64_t id = 0;
    std::string receipt_number;
    std::string spec;
    std::string city;
    std::string kiosk_id;
    std::int64_t received_at_ms = 0;
    int version = 0;             // 1 for the first photo, 2 after one resubmission, ...
};

struct SubmissionDetail {
    SubmissionSummary summary;
    nlohmann::json assessment;   // the kiosk's check results
    std::string photo_sha256;
    bool latest = false;         // false once a resubmission replaced it
    std::string decision;        // approved, rejected, or empty while undecided
    std::string reason_code;     // of a rejection
    std::optional<nlohmann::json> applicant;   // name, id_number, phone as the kiosk sent them; personal
};

enum class Verdict { Approve, Reject };

// The service's durable state in `data_dir`: review.db (SQLite, WAL,
// synchronous=FULL, migrated on open) and photos/ab/<sha-256 hex>, each photo
// stored once by its hash however often it is sent. The applicant's details
// are sealed with `applicant_key` before they reach the database, so the
// file never holds them in the clear.
class ReviewStore {
public:
    ReviewStore(std::filesystem::path data_dir, const upload::AtRestCipher::Key& applicant_key);

    enum class Outcome { Created, Duplicate, Resubmitted };
    // Idempotent by receipt number: the same photo again is a Duplicate and
    // changes nothing. A different photo is a Resubmission when the receipt
    // was rejected (the number and its history stay), else SubmissionConflict.
    // The photo is on disk (fsynced) before the row is committed.
    Outcome submit(const upload::Submission& submission, std::chrono::system_clock::time_point now);

    std::optional<ReceiptStatus> status(const std::string& receipt_number);

    // The reviewer queue: the latest version of every pending receipt, oldest
    // first, `limit` of them after submission id `after` (0 for the start).
    std::vector<SubmissionSummary> queue(std::int64_t after, int limit);

    // Throws InputError when the applicant's details cannot be opened with this store's key.
    std::optional<SubmissionDetail> submission(std::int64_t id);

    enum class DecisionOutcome { Recorded, NoSuchSubmission, AlreadyDecided };
    // Records one decision for one submission version and sets its receipt's
    // status, in one transaction. A version is decided once. (Every older
    // version is decided: only a rejected receipt takes a new photo.)
    // `reason_code` is required for Reject and ignored for Approve; the
    // caller checks it against the configured list.
    DecisionOutcome decide(std::int64_t submission_id, std::int64_t reviewer_id, Verdict verdict,
                           const std::string& reason_code, std::chrono::system_clock::time_point now);

    // The database, shared with ReviewerAccounts (its tables come from the same migrations).
    SqliteDb& db() { return db_; }

    std::filesystem::path photo_path(const std::string& sha256_hex) const;

private:
    void store_photo(const std::string& sha256_hex, const std::string& bytes);

    std::filesystem::path data_dir_;
    SqliteDb db_;
    upload::AtRestCipher applicant_cipher_;
};

} // namespace kiosk::review
