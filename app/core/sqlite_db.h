#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace kiosk {

// A database call failed; the message carries SQLite's own explanation and
// the statement's purpose, never the values bound to it (they may be personal).
class DatabaseError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class SqliteStatement;

// One open SQLite database file, closed when the object goes.
// Opened in WAL mode with synchronous=FULL: a committed transaction survives
// a power cut, which is what the outbox and the review service promise.
class SqliteDb {
public:
    explicit SqliteDb(const std::filesystem::path& file);
    ~SqliteDb();
    SqliteDb(const SqliteDb&) = delete;
    SqliteDb& operator=(const SqliteDb&) = delete;

    // Runs one or more statements that take no parameters.
    void exec(std::string_view sql);
    SqliteStatement prepare(std::string_view sql);
    std::int64_t changes() const;

    // PRAGMA user_version: the schema version the migrations have reached.
    int user_version();
    void set_user_version(int version);

    // Brings the schema up to date: runs steps[user_version()..] in order, each
    // in its own transaction together with the version bump, so a crash midway
    // leaves a database at a whole version. Throws DatabaseError naming `what`
    // when the file is newer than the steps this program knows.
    void migrate(std::span<const char* const> steps, std::string_view what);

    sqlite3* handle() const { return db_; }

private:
    sqlite3* db_ = nullptr;
};

// A prepared statement, finalized when the object goes. Parameters are
// numbered from 1 and columns from 0, as in SQLite itself.
class SqliteStatement {
public:
    SqliteStatement(sqlite3* db, std::string_view sql);
    ~SqliteStatement();
    SqliteStatement(SqliteStatement&& other) noexcept;
    SqliteStatement& operator=(SqliteStatement&&) = delete;
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    SqliteStatement& bind(int index, std::int64_t value);
    SqliteStatement& bind(int index, std::string_view text);
    SqliteStatement& bind_blob(int index, std::span<const unsigned char> bytes);
    SqliteStatement& bind_null(int index);

    // True while a row is available; false once the statement is done.
    bool step();
    // Runs a statement that returns no rows.
    void run();

    std::int64_t column_int(int index) const;
    std::string column_text(int index) const;
    std::vector<unsigned char> column_blob(int index) const;
    bool column_is_null(int index) const;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back if commit() is never reached.
class SqliteTransaction {
public:
    explicit SqliteTransaction(SqliteDb& db);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;
    void commit();

private:
    SqliteDb& db_;
    bool done_ = false;
};

} // namespace kiosk
