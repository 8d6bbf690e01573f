#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/sqlite_db.h"
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
    std::string reason;          // why it was rejected; empty otherwise
    int submissions = 0;         // 1, or more after resubmissions
    std::string photo_sha256;    // of the latest submission
};

// The service's durable state in `data_dir`: review.db (SQLite, WAL,
// synchronous=FULL, migrated on open) and photos/ab/<sha-256 hex>, each photo
// stored once by its hash however often it is sent.
class ReviewStore {
public:
    explicit ReviewStore(std::filesystem::path data_dir);

    enum class Outcome { Created, Duplicate, Resubmitted };
    // Idempotent by receipt number: the same photo again is a Duplicate and
    // changes nothing. A different photo is a Resubmission when the receipt
    // was rejected (the number and its history stay), else SubmissionConflict.
    // The photo is on disk (fsynced) before the row is committed.
    Outcome submit(const upload::Submission& submission, std::chrono::system_clock::time_point now);

    std::optional<ReceiptStatus> status(const std::string& receipt_number);

    std::filesystem::path photo_path(const std::string& sha256_hex) const;

private:
    void store_photo(const std::string& sha256_hex, const std::string& bytes);

    std::filesystem::path data_dir_;
    SqliteDb db_;
};

} // namespace kiosk::review
