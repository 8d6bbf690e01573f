#include "review_store.h"

#include "core/durable_file.h"
#include "upload/request_signature.h"

namespace kiosk::review {
namespace {

std::filesystem::path prepare_data_dir(const std::filesystem::path& data_dir)
{
    std::filesystem::create_directories(data_dir);
    std::filesystem::permissions(data_dir, std::filesystem::perms::owner_all);
    return data_dir / "review.db";
}

std::int64_t to_ms(std::chrono::system_clock::time_point t)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

// Each entry brings the schema from version (index) to (index + 1). Append only.
constexpr const char* kMigrations[] = {
    R"sql(
    CREATE TABLE receipts (
        receipt_number TEXT PRIMARY KEY,
        status         TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
        reason         TEXT,
        updated_at_ms  INTEGER NOT NULL
    );
    CREATE TABLE submissions (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        receipt_number TEXT NOT NULL REFERENCES receipts (receipt_number),
        photo_sha256   TEXT NOT NULL,
        photo_bytes    INTEGER NOT NULL,
        spec           TEXT NOT NULL,
        city           TEXT NOT NULL,
        kiosk_id       TEXT NOT NULL,
        assessment     TEXT NOT NULL,
        received_at_ms INTEGER NOT NULL
    );
    CREATE INDEX submissions_by_receipt ON submissions (receipt_number, id);
    )sql",
};

} // namespace

ReviewStore::ReviewStore(std::filesystem::path data_dir)
    : data_dir_(std::move(data_dir)), db_(prepare_data_dir(data_dir_))
{
    db_.migrate(kMigrations, "review");
}

std::filesystem::path ReviewStore::photo_path(const std::string& sha256_hex) const
{
    // Two-character fan-out keeps any one folder small over years of photos.
    return data_dir_ / "photos" / sha256_hex.substr(0, 2) / sha256_hex;
}

void ReviewStore::store_photo(const std::string& sha256_hex, const std::string& bytes)
{
    const auto path = photo_path(sha256_hex);
    if (std::filesystem::exists(path))
        return;
    std::filesystem::create_directories(path.parent_path());
    write_file_durably(path, bytes);
}

ReviewStore::Outcome ReviewStore::submit(const upload::Submission& submission, std::chrono::system_clock::time_point now)
{
    const auto sha = upload::sha256_hex(submission.photo_jpeg);
    std::optional<std::string> status;
    std::string latest_sha;
    {
        auto current = db_.prepare(
            "SELECT r.status, s.photo_sha256 FROM receipts r JOIN submissions s USING (receipt_number) "
            "WHERE r.receipt_number = ? ORDER BY s.id DESC LIMIT 1");
        current.bind(1, submission.receipt_number);
        if (current.step()) {
            status = current.column_text(0);
            latest_sha = current.column_text(1);
        }
    }
    if (status && latest_sha == sha)
        return Outcome::Duplicate;
    if (status && *status != "rejected")
        throw SubmissionConflict("receipt " + submission.receipt_number + " is " + *status +
                                 " with a different photo; only a rejected receipt takes a new one");

    store_photo(sha, submission.photo_jpeg);
    SqliteTransaction transaction(db_);
    auto receipt = db_.prepare(
        "INSERT INTO receipts (receipt_number, status, updated_at_ms) VALUES (?1, 'pending', ?2) "
        "ON CONFLICT (receipt_number) DO UPDATE SET status = 'pending', reason = NULL, updated_at_ms = ?2");
    receipt.bind(1, submission.receipt_number).bind(2, to_ms(now));
    receipt.run();
    auto row = db_.prepare(
        "INSERT INTO submissions (receipt_number, photo_sha256, photo_bytes, spec, city, kiosk_id, assessment, "
        "received_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    row.bind(1, submission.receipt_number)
        .bind(2, sha)
        .bind(3, static_cast<std::int64_t>(submission.photo_jpeg.size()))
        .bind(4, submission.spec)
        .bind(5, submission.city)
        .bind(6, submission.kiosk_id)
        .bind(7, submission.assessment.dump())
        .bind(8, to_ms(now));
    row.run();
    transaction.commit();
    return status ? Outcome::Resubmitted : Outcome::Created;
}

std::optional<ReceiptStatus> ReviewStore::status(const std::string& receipt_number)
{
    auto query = db_.prepare(
        "SELECT r.status, COALESCE(r.reason, ''), "
        "(SELECT COUNT(*) FROM submissions WHERE receipt_number = r.receipt_number), "
        "(SELECT photo_sha256 FROM submissions WHERE receipt_number = r.receipt_number ORDER BY id DESC LIMIT 1) "
        "FROM receipts r WHERE r.receipt_number = ?");
    query.bind(1, receipt_number);
    if (!query.step())
        return std::nullopt;
    return ReceiptStatus{receipt_number, query.column_text(0), query.column_text(1),
                         static_cast<int>(query.column_int(2)), query.column_text(3)};
}

} // namespace kiosk::review
