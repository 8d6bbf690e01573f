#include "upload/outbox.h"

#include <set>
#include <system_error>

#include "core/error.h"
#include "receipt/receipt_number.h"
#include "core/durable_file.h"

namespace kiosk::upload {
namespace {

std::int64_t to_ms(WallClock::time_point t)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

WallClock::time_point from_ms(std::int64_t ms)
{
    return WallClock::time_point(std::chrono::milliseconds(ms));
}

// Creates the spool folders (owner only: they hold personal data) and names the database in them.
std::filesystem::path prepare_spool(const std::filesystem::path& spool_dir)
{
    using std::filesystem::perms;
    std::filesystem::create_directories(spool_dir / "photos");
    std::filesystem::permissions(spool_dir, perms::owner_all);
    std::filesystem::permissions(spool_dir / "photos", perms::owner_all);
    return spool_dir / "outbox.db";
}

// Each entry brings the schema from version (index) to (index + 1). Append
// only: a kiosk in the field may be at any earlier version.
constexpr const char* kMigrations[] = {
    R"sql(
    CREATE TABLE submissions (
        receipt_number     TEXT PRIMARY KEY,
        state              TEXT NOT NULL CHECK (state IN ('pending', 'acknowledged')),
        sealed_details     BLOB NOT NULL,
        created_at_ms      INTEGER NOT NULL,
        failures           INTEGER NOT NULL DEFAULT 0,
        next_attempt_at_ms INTEGER NOT NULL,
        last_error         TEXT,
        acknowledged_at_ms INTEGER
    );
    CREATE INDEX submissions_due ON submissions (state, next_attempt_at_ms);
    CREATE TABLE outbox_health (
        id               INTEGER PRIMARY KEY CHECK (id = 1),
        last_error       TEXT,
        last_error_at_ms INTEGER
    );
    INSERT INTO outbox_health (id) VALUES (1);
    )sql",
    // A receipt number may hold several photos (a retake of a rejected
    // receipt is its next version), so entries get an id of their own, their
    // photo's keyed digest (with the number, the idempotency key; NULL for an
    // entry from before, filled in when the outbox opens) and their file's name.
    R"sql(
    CREATE TABLE entries (
        id                 INTEGER PRIMARY KEY AUTOINCREMENT,
        receipt_number     TEXT NOT NULL,
        photo_digest       TEXT,
        photo_file         TEXT NOT NULL UNIQUE,
        state              TEXT NOT NULL CHECK (state IN ('pending', 'acknowledged')),
        sealed_details     BLOB NOT NULL,
        created_at_ms      INTEGER NOT NULL,
        failures           INTEGER NOT NULL DEFAULT 0,
        next_attempt_at_ms INTEGER NOT NULL,
        last_error         TEXT,
        acknowledged_at_ms INTEGER,
        UNIQUE (receipt_number, photo_digest)
    );
    INSERT INTO entries (receipt_number, photo_file, state, sealed_details, created_at_ms, failures,
                         next_attempt_at_ms, last_error, acknowledged_at_ms)
        SELECT receipt_number, receipt_number || '.sealed', state, sealed_details, created_at_ms, failures,
               next_attempt_at_ms, last_error, acknowledged_at_ms
        FROM submissions ORDER BY created_at_ms, receipt_number;
    DROP TABLE submissions;
    CREATE INDEX entries_due ON entries (state, next_attempt_at_ms);
    CREATE INDEX entries_by_receipt ON entries (receipt_number, id);
    )sql",
};

constexpr const char* kPhotoSuffix = ".sealed";

// Pending entries that are the oldest pending one under their receipt
// number: only those may be sent, so versions reach the service in order.
constexpr const char* kHeadOfItsReceipt =
    "e.state = 'pending' AND NOT EXISTS (SELECT 1 FROM entries earlier WHERE earlier.receipt_number = "
    "e.receipt_number AND earlier.state = 'pending' AND earlier.id < e.id)";

} // namespace

Outbox::Outbox(std::filesystem::path spool_dir, AtRestCipher cipher, BackoffPolicy backoff,
               std::chrono::seconds retention)
    : spool_dir_(std::move(spool_dir)),
      cipher_(cipher),
      backoff_(backoff),
      retention_(retention),
      db_(prepare_spool(spool_dir_)),
      jitter_source_(std::random_device{}())
{
    db_.migrate(kMigrations, "outbox");
    fill_in_photo_digests();
    remove_orphan_files();
}

void Outbox::fill_in_photo_digests()
{
    std::vector<std::pair<std::int64_t, std::string>> undigested;
    {
        auto rows = db_.prepare("SELECT id, photo_file FROM entries WHERE photo_digest IS NULL");
        while (rows.step())
            undigested.emplace_back(rows.column_int(0), rows.column_text(1));
    }
    for (const auto& [entry, name] : undigested) {
        try {
            const auto digest = cipher_.digest(cipher_.open(read_whole_file(photo_file(name))));
            auto update = db_.prepare("UPDATE entries SET photo_digest = ? WHERE id = ?");
            update.bind(1, digest).bind(2, entry);
            update.run();
        } catch (const std::exception&) {
            // Unreadable now: next_due() records why when it comes to send it.
            // Without a digest it matches no retried add, which at worst sends
            // the same photo twice, and the service keeps one copy of that.
        }
    }
}

void Outbox::remove_orphan_files()
{
    // Under the database's write lock, which add() holds from before its
    // photo is written until its row is committed: another process adding
    // right now (the kiosk, while a technician runs kioskctl) has either not
    // started its file or has committed its row, so no promised photo is taken.
    SqliteTransaction transaction(db_);
    std::set<std::string> known;
    auto rows = db_.prepare("SELECT photo_file FROM entries");
    while (rows.step())
        known.insert(rows.column_text(0));
    bool removed = false;
    for (const auto& entry : std::filesystem::directory_iterator(spool_dir_ / "photos")) {
        if (!known.contains(entry.path().filename().string())) {
            std::filesystem::remove(entry.path());
            removed = true;
        }
    }
    if (removed)
        sync_folder(spool_dir_ / "photos");
    transaction.commit();
}

std::filesystem::path Outbox::photo_file(const std::string& name) const
{
    return spool_dir_ / "photos" / name;
}

std::vector<std::filesystem::path> Outbox::photo_paths(const std::string& receipt_number)
{
    std::lock_guard lock(mutex_);
    std::vector<std::filesystem::path> paths;
    auto rows = db_.prepare("SELECT photo_file FROM entries WHERE receipt_number = ? ORDER BY id");
    rows.bind(1, receipt_number);
    while (rows.step())
        paths.push_back(photo_file(rows.column_text(0)));
    return paths;
}

Outbox::Added Outbox::add(const Submission& submission, WallClock::time_point now)
{
    // parse() accepts what a person types; the outbox wants the canonical form only.
    if (receipt::ReceiptNumber::parse(submission.receipt_number).str() != submission.receipt_number)
        throw InputError("receipt number is not in its canonical form");
    if (submission.photo_jpeg.empty())
        throw InputError("submission has no photo");
    if (!submission.assessment.is_object())
        throw InputError("assessment summary must be a JSON object");
    if (submission.applicant && !submission.applicant->is_object())
        throw InputError("applicant details must be a JSON object");

    const auto digest = cipher_.digest(submission.photo_jpeg);
    std::lock_guard lock(mutex_);
    // One write transaction from the check to the row: it keeps another
    // process's orphan sweep (remove_orphan_files) away from the photo written
    // below, and a second process adding the same photo away from its file.
    SqliteTransaction transaction(db_);
    {
        auto existing = db_.prepare("SELECT 1 FROM entries WHERE receipt_number = ? AND photo_digest = ?");
        existing.bind(1, submission.receipt_number).bind(2, digest);
        if (existing.step())
            return Added::AlreadyQueued;
    }
    // The photo first, durably; only then the row that points at it. A crash
    // in between leaves an orphan file the next start removes.
    const auto name = submission.receipt_number + "-" + digest + kPhotoSuffix;
    const auto photo = photo_file(name);
    write_file_durably(photo, cipher_.seal(submission.photo_jpeg));

    nlohmann::json details = {{"spec", submission.spec},
                              {"city", submission.city},
                              {"kiosk_id", submission.kiosk_id},
                              {"assessment", submission.assessment}};
    if (submission.applicant)
        details["applicant"] = *submission.applicant;
    const auto sealed = cipher_.seal(details.dump());
    auto insert = db_.prepare(
        "INSERT INTO entries (receipt_number, photo_digest, photo_file, state, sealed_details, created_at_ms, "
        "next_attempt_at_ms) VALUES (?, ?, ?, 'pending', ?, ?, ?)");
    insert.bind(1, submission.receipt_number)
        .bind(2, digest)
        .bind(3, name)
        .bind_blob(4, {reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size()})
        .bind(5, to_ms(now))
        .bind(6, to_ms(now));
    try {
        insert.run();
        transaction.commit();
    } catch (...) {
        // add() did not return, so nobody was promised this photo: it goes now
        // rather than staying on disk until the next start.
        std::error_code ignored;
        std::filesystem::remove(photo, ignored);
        throw;
    }
    return Added::Queued;
}

std::optional<DueUpload> Outbox::next_due(WallClock::time_point now)
{
    std::lock_guard lock(mutex_);
    // An entry that cannot be opened (altered on disk, another key) is not
    // dropped: it is kept, its failure is recorded and backed off like any
    // other, and the search goes on so it cannot hold up the rest.
    for (;;) {
        auto due = db_.prepare(std::string("SELECT e.id, e.receipt_number, e.sealed_details, e.failures, e.photo_file "
                                           "FROM entries e WHERE ") +
                               kHeadOfItsReceipt + " AND e.next_attempt_at_ms <= ? ORDER BY e.next_attempt_at_ms, e.id LIMIT 1");
        due.bind(1, to_ms(now));
        if (!due.step())
            return std::nullopt;
        DueUpload upload;
        upload.entry = due.column_int(0);
        upload.submission.receipt_number = due.column_text(1);
        upload.failures = static_cast<int>(due.column_int(3));
        const auto sealed = due.column_blob(2);
        const auto name = due.column_text(4);
        try {
            const auto details = nlohmann::json::parse(
                cipher_.open({reinterpret_cast<const char*>(sealed.data()), sealed.size()}));
            upload.submission.spec = details.at("spec").get<std::string>();
            upload.submission.city = details.at("city").get<std::string>();
            upload.submission.kiosk_id = details.at("kiosk_id").get<std::string>();
            upload.submission.assessment = details.at("assessment");
            if (details.contains("applicant"))
                upload.submission.applicant = details.at("applicant");
            upload.submission.photo_jpeg = cipher_.open(read_whole_file(photo_file(name)));
            return upload;
        } catch (const std::exception& e) {
            schedule_retry(upload.entry, std::string("cannot open the stored submission: ") + e.what(), now);
        }
    }
}

std::optional<WallClock::time_point> Outbox::next_attempt_at()
{
    std::lock_guard lock(mutex_);
    // Only an entry that may be sent counts: a version waiting behind an
    // earlier one would otherwise wake the uploader for nothing, again and again.
    auto next = db_.prepare(std::string("SELECT MIN(e.next_attempt_at_ms) FROM entries e WHERE ") + kHeadOfItsReceipt);
    next.step();
    if (next.column_is_null(0))
        return std::nullopt;
    return from_ms(next.column_int(0));
}

void Outbox::record_failure(std::int64_t entry, const std::string& error, WallClock::time_point now)
{
    std::lock_guard lock(mutex_);
    schedule_retry(entry, error, now);
}

void Outbox::schedule_retry(std::int64_t entry, const std::string& error, WallClock::time_point now)
{
    SqliteTransaction transaction(db_);
    auto current = db_.prepare("SELECT failures FROM entries WHERE id = ? AND state = 'pending'");
    current.bind(1, entry);
    if (!current.step())
        return;   // acknowledged meanwhile (a duplicate answer); nothing to retry
    const int failures = static_cast<int>(current.column_int(0)) + 1;
    const double unit_random = std::uniform_real_distribution<double>(0.0, 1.0)(jitter_source_);
    const auto next = now + backoff_.delay_after(failures, unit_random);

    auto update = db_.prepare("UPDATE entries SET failures = ?, next_attempt_at_ms = ?, last_error = ? WHERE id = ?");
    update.bind(1, failures).bind(2, to_ms(next)).bind(3, error).bind(4, entry);
    update.run();
    auto health = db_.prepare("UPDATE outbox_health SET last_error = ?, last_error_at_ms = ? WHERE id = 1");
    health.bind(1, error).bind(2, to_ms(now));
    health.run();
    transaction.commit();
}

void Outbox::record_acknowledged(std::int64_t entry, WallClock::time_point now)
{
    std::lock_guard lock(mutex_);
    auto update = db_.prepare(
        "UPDATE entries SET state = 'acknowledged', acknowledged_at_ms = ? WHERE id = ? AND state = 'pending'");
    update.bind(1, to_ms(now)).bind(2, entry);
    update.run();
}

std::optional<SubmissionProgress> Outbox::progress(const std::string& receipt_number)
{
    std::lock_guard lock(mutex_);
    auto row = db_.prepare(
        "SELECT state, failures, last_error FROM entries WHERE receipt_number = ? ORDER BY id DESC LIMIT 1");
    row.bind(1, receipt_number);
    if (!row.step())
        return std::nullopt;
    SubmissionProgress progress;
    progress.acknowledged = row.column_text(0) == "acknowledged";
    progress.failures = static_cast<int>(row.column_int(1));
    if (!row.column_is_null(2))
        progress.last_error = row.column_text(2);
    return progress;
}

int Outbox::purge_expired(WallClock::time_point now)
{
    std::lock_guard lock(mutex_);
    const auto cutoff = to_ms(now - retention_);
    std::vector<std::pair<std::int64_t, std::string>> expired;   // entry, photo file
    {
        auto rows = db_.prepare(
            "SELECT id, photo_file FROM entries WHERE state = 'acknowledged' AND acknowledged_at_ms <= ?");
        rows.bind(1, cutoff);
        while (rows.step())
            expired.emplace_back(rows.column_int(0), rows.column_text(1));
    }
    if (expired.empty())
        return 0;
    // Files first: a crash after this leaves rows without photos, which the
    // next purge deletes; the other order would leave photos nobody removes.
    for (const auto& [entry, name] : expired)
        std::filesystem::remove(photo_file(name));
    sync_folder(spool_dir_ / "photos");
    SqliteTransaction transaction(db_);
    for (const auto& [entry, name] : expired) {
        auto remove = db_.prepare("DELETE FROM entries WHERE id = ?");
        remove.bind(1, entry);
        remove.run();
    }
    transaction.commit();
    return static_cast<int>(expired.size());
}

OutboxStatus Outbox::status(WallClock::time_point now)
{
    std::lock_guard lock(mutex_);
    OutboxStatus status;
    auto counts = db_.prepare(
        "SELECT SUM(state = 'pending'), SUM(state = 'acknowledged'), "
        "MIN(CASE WHEN state = 'pending' THEN created_at_ms END) FROM entries");
    counts.step();
    status.depth = counts.column_int(0);
    status.awaiting_deletion = counts.column_int(1);
    if (!counts.column_is_null(2)) {
        const auto age = now - from_ms(counts.column_int(2));
        status.oldest_pending_age = std::max(std::chrono::seconds(0), std::chrono::duration_cast<std::chrono::seconds>(age));
    }
    auto health = db_.prepare("SELECT last_error, last_error_at_ms FROM outbox_health WHERE id = 1");
    health.step();
    status.last_error = health.column_text(0);
    if (!health.column_is_null(1))
        status.last_error_at = from_ms(health.column_int(1));
    return status;
}

} // namespace kiosk::upload
