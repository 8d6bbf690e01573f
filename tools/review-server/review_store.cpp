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
    // Reviewers, their sessions and one decision per submission version. A
    // decision names the version it judged, so a resubmission starts clean
    // while the earlier rejection stays in the history.
    R"sql(
    CREATE TABLE reviewers (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        name            TEXT NOT NULL UNIQUE,
        password_hash   TEXT NOT NULL,
        failed_logins   INTEGER NOT NULL DEFAULT 0,
        locked_until_ms INTEGER NOT NULL DEFAULT 0,
        created_at_ms   INTEGER NOT NULL
    );
    CREATE TABLE sessions (
        token_sha256  TEXT PRIMARY KEY,
        reviewer_id   INTEGER NOT NULL REFERENCES reviewers (id),
        expires_at_ms INTEGER NOT NULL
    );
    CREATE TABLE decisions (
        submission_id INTEGER PRIMARY KEY REFERENCES submissions (id),
        reviewer_id   INTEGER NOT NULL REFERENCES reviewers (id),
        decision      TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
        reason_code   TEXT,
        decided_at_ms INTEGER NOT NULL,
        CHECK ((decision = 'rejected') = (reason_code IS NOT NULL))
    );
    CREATE INDEX receipts_by_status ON receipts (status);
    )sql",
    // The queue read as an index range: each pending receipt by its latest
    // submission id, so a page costs its own rows however many receipts
    // wait or have been decided.
    R"sql(
    ALTER TABLE receipts ADD COLUMN latest_submission_id INTEGER REFERENCES submissions (id);
    UPDATE receipts SET latest_submission_id =
        (SELECT MAX(id) FROM submissions WHERE submissions.receipt_number = receipts.receipt_number);
    CREATE INDEX receipts_pending ON receipts (latest_submission_id) WHERE status = 'pending';
    )sql",
    // The applicant's details, sealed (nonce and secretbox ciphertext); NULL
    // when the kiosk sent none.
    R"sql(
    ALTER TABLE submissions ADD COLUMN applicant_sealed BLOB;
    )sql",
};

} // namespace

ReviewStore::ReviewStore(std::filesystem::path data_dir, const upload::AtRestCipher::Key& applicant_key)
    : data_dir_(std::move(data_dir)), db_(prepare_data_dir(data_dir_)), applicant_cipher_(applicant_key)
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
        "received_at_ms, applicant_sealed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    row.bind(1, submission.receipt_number)
        .bind(2, sha)
        .bind(3, static_cast<std::int64_t>(submission.photo_jpeg.size()))
        .bind(4, submission.spec)
        .bind(5, submission.city)
        .bind(6, submission.kiosk_id)
        .bind(7, submission.assessment.dump())
        .bind(8, to_ms(now));
    if (submission.applicant) {
        const auto sealed = applicant_cipher_.seal(submission.applicant->dump());
        row.bind_blob(9, std::span(reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size()));
    } else {
        row.bind_null(9);
    }
    row.run();
    auto latest = db_.prepare(
        "UPDATE receipts SET latest_submission_id = (SELECT MAX(id) FROM submissions WHERE receipt_number = ?1) "
        "WHERE receipt_number = ?1");
    latest.bind(1, submission.receipt_number);
    latest.run();
    transaction.commit();
    return status ? Outcome::Resubmitted : Outcome::Created;
}

namespace {

// The columns of SubmissionSummary, in order, for a submissions row `s`.
constexpr const char* kSummaryColumns =
    "s.id, s.receipt_number, s.spec, s.city, s.kiosk_id, s.received_at_ms, "
    "(SELECT COUNT(*) FROM submissions v WHERE v.receipt_number = s.receipt_number AND v.id <= s.id)";

SubmissionSummary read_summary(const SqliteStatement& row)
{
    return SubmissionSummary{row.column_int(0),      row.column_text(1), row.column_text(2),
                             row.column_text(3),     row.column_text(4), row.column_int(5),
                             static_cast<int>(row.column_int(6))};
}

} // namespace

std::vector<SubmissionSummary> ReviewStore::queue(std::int64_t after, int limit)
{
    auto rows = db_.prepare(std::string("SELECT ") + kSummaryColumns +
                            " FROM receipts r INDEXED BY receipts_pending "
                            "JOIN submissions s ON s.id = r.latest_submission_id "
                            "WHERE r.status = 'pending' AND r.latest_submission_id > ?1 "
                            "ORDER BY r.latest_submission_id LIMIT ?2");
    rows.bind(1, after).bind(2, static_cast<std::int64_t>(limit));
    std::vector<SubmissionSummary> entries;
    while (rows.step())
        entries.push_back(read_summary(rows));
    return entries;
}

std::optional<SubmissionDetail> ReviewStore::submission(std::int64_t id)
{
    auto row = db_.prepare(std::string("SELECT ") + kSummaryColumns +
                           ", s.assessment, s.photo_sha256, "
                           "s.id = (SELECT MAX(id) FROM submissions WHERE receipt_number = s.receipt_number), "
                           "COALESCE(d.decision, ''), COALESCE(d.reason_code, ''), s.applicant_sealed "
                           "FROM submissions s LEFT JOIN decisions d ON d.submission_id = s.id WHERE s.id = ?");
    row.bind(1, id);
    if (!row.step())
        return std::nullopt;
    SubmissionDetail detail;
    detail.summary = read_summary(row);
    detail.assessment = nlohmann::json::parse(row.column_text(7), nullptr, false);
    detail.photo_sha256 = row.column_text(8);
    detail.latest = row.column_int(9) != 0;
    detail.decision = row.column_text(10);
    detail.reason_code = row.column_text(11);
    if (!row.column_is_null(12)) {
        const auto sealed = row.column_blob(12);
        detail.applicant = nlohmann::json::parse(
            applicant_cipher_.open(std::string_view(reinterpret_cast<const char*>(sealed.data()), sealed.size())));
    }
    row.run();
    return detail;
}

ReviewStore::DecisionOutcome ReviewStore::decide(std::int64_t submission_id, std::int64_t reviewer_id, Verdict verdict,
                                                 const std::string& reason_code,
                                                 std::chrono::system_clock::time_point now)
{
    // Inside the write transaction, so two reviewers deciding at once cannot both win.
    SqliteTransaction transaction(db_);
    const auto current = submission(submission_id);
    if (!current)
        return DecisionOutcome::NoSuchSubmission;
    if (!current->decision.empty())
        return DecisionOutcome::AlreadyDecided;
    const bool approve = verdict == Verdict::Approve;
    auto insert = db_.prepare(
        "INSERT INTO decisions (submission_id, reviewer_id, decision, reason_code, decided_at_ms) VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, submission_id).bind(2, reviewer_id).bind(3, approve ? "approved" : "rejected").bind(5, to_ms(now));
    if (approve)
        insert.bind_null(4);
    else
        insert.bind(4, reason_code);
    insert.run();
    auto receipt = db_.prepare("UPDATE receipts SET status = ?, reason = ?, updated_at_ms = ? WHERE receipt_number = ?");
    receipt.bind(1, approve ? "approved" : "rejected").bind(3, to_ms(now)).bind(4, current->summary.receipt_number);
    if (approve)
        receipt.bind_null(2);
    else
        receipt.bind(2, reason_code);
    receipt.run();
    transaction.commit();
    return DecisionOutcome::Recorded;
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
