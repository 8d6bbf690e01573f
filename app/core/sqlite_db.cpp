#include "core/sqlite_db.h"

#include <sqlite3.h>

namespace kiosk {
namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view what)
{
    throw DatabaseError(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

} // namespace

SqliteDb::SqliteDb(const std::filesystem::path& file)
{
    const int rc = sqlite3_open_v2(file.c_str(), &db_,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = "cannot open database " + file.string() + ": " +
                                    (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
        sqlite3_close(db_);
        db_ = nullptr;
        throw DatabaseError(message);
    }
    // Another process (kioskctl, a restarted service) may hold a write lock
    // for a moment; wait for it rather than fail the caller's operation.
    sqlite3_busy_timeout(db_, 5000);
    try {
        exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
    } catch (...) {
        sqlite3_close(db_);
        db_ = nullptr;
        throw;
    }
}

SqliteDb::~SqliteDb()
{
    sqlite3_close(db_);
}

void SqliteDb::exec(std::string_view sql)
{
    char* error = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        const std::string message = error ? error : sqlite3_errmsg(db_);
        sqlite3_free(error);
        throw DatabaseError("SQL failed: " + message);
    }
}

SqliteStatement SqliteDb::prepare(std::string_view sql)
{
    return SqliteStatement(db_, sql);
}

std::int64_t SqliteDb::changes() const
{
    return sqlite3_changes64(db_);
}

int SqliteDb::user_version()
{
    auto stmt = prepare("PRAGMA user_version");
    stmt.step();
    return static_cast<int>(stmt.column_int(0));
}

void SqliteDb::set_user_version(int version)
{
    exec("PRAGMA user_version=" + std::to_string(version));
}

void SqliteDb::migrate(std::span<const char* const> steps, std::string_view what)
{
    const int known = static_cast<int>(steps.size());
    const int at = user_version();
    if (at > known)
        throw DatabaseError(std::string(what) + " database schema version " + std::to_string(at) +
                            " is newer than this program knows (" + std::to_string(known) + ")");
    for (int version = at; version < known; ++version) {
        SqliteTransaction transaction(*this);
        exec(steps[version]);
        set_user_version(version + 1);
        transaction.commit();
    }
}

SqliteStatement::SqliteStatement(sqlite3* db, std::string_view sql) : db_(db)
{
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
        fail(db_, "cannot prepare statement");
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(stmt_);
}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept : db_(other.db_), stmt_(other.stmt_)
{
    other.stmt_ = nullptr;
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value)
{
    if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK)
        fail(db_, "cannot bind integer");
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view text)
{
    if (sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8) != SQLITE_OK)
        fail(db_, "cannot bind text");
    return *this;
}

SqliteStatement& SqliteStatement::bind_blob(int index, std::span<const unsigned char> bytes)
{
    // A zero-length blob must still be a blob, not NULL, so pass a valid pointer.
    static const unsigned char empty = 0;
    if (sqlite3_bind_blob64(stmt_, index, bytes.empty() ? &empty : bytes.data(), bytes.size(), SQLITE_TRANSIENT) !=
        SQLITE_OK)
        fail(db_, "cannot bind blob");
    return *this;
}

SqliteStatement& SqliteStatement::bind_null(int index)
{
    if (sqlite3_bind_null(stmt_, index) != SQLITE_OK)
        fail(db_, "cannot bind null");
    return *this;
}

bool SqliteStatement::step()
{
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    fail(db_, "statement failed");
}

void SqliteStatement::run()
{
    while (step()) {
    }
}

std::int64_t SqliteStatement::column_int(int index) const
{
    return sqlite3_column_int64(stmt_, index);
}

std::string SqliteStatement::column_text(int index) const
{
    const auto* text = sqlite3_column_text(stmt_, index);
    return text ? std::string(reinterpret_cast<const char*>(text), sqlite3_column_bytes(stmt_, index))
                : std::string();
}

std::vector<unsigned char> SqliteStatement::column_blob(int index) const
{
    const auto* data = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_, index));
    const int size = sqlite3_column_bytes(stmt_, index);
    return data ? std::vector<unsigned char>(data, data + size) : std::vector<unsigned char>();
}

bool SqliteStatement::column_is_null(int index) const
{
    return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

SqliteTransaction::SqliteTransaction(SqliteDb& db) : db_(db)
{
    db_.exec("BEGIN IMMEDIATE");
}

SqliteTransaction::~SqliteTransaction()
{
    if (!done_) {
        try {
            db_.exec("ROLLBACK");
        } catch (const DatabaseError&) {
            // The transaction is already gone (SQLite rolls back on some errors itself).
        }
    }
}

void SqliteTransaction::commit()
{
    db_.exec("COMMIT");
    done_ = true;
}

} // namespace kiosk
