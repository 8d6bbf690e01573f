#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "calibration/audit_log_rotation.h"

namespace kiosk::calibration {

// What a technician did at the kiosk. Never a citizen's data: a line names
// a technician id, an outcome and English detail about the booth.
enum class AuditEvent {
    Entry,            // a PIN typed at the kiosk: outcome ok, wrong or locked
    PinSet,           // a technician's PIN set or changed (kioskctl)
    PinRemoved,
    Procedure,        // a calibration procedure ran: outcome pass, fail or error
    ProfileSaved,     // a new profile became the active one
    ProfileRollback,  // the previous profile became the active one again
};

struct AuditEntry {
    std::chrono::system_clock::time_point time;   // UTC, whole milliseconds
    AuditEvent event = AuditEvent::Entry;
    std::string technician;                        // empty when nobody was recognised
    std::string outcome;                           // "ok", "wrong", "locked", "pass", "fail", "error", ...
    std::string detail;                            // procedure name, profile id, reason
};

const char* audit_event_name(AuditEvent event);
std::optional<AuditEvent> audit_event_from_name(const std::string& name);

// The technicians' log: JSON lines appended to <state>/calibration/audit.jsonl
// (mode 0600), each flushed to disk before append() returns, so a power cut
// never loses an entry that was reported done. When an entry would take the
// file past the rotation's size it is first renamed audit.<n>.jsonl (n counts
// up) and the oldest rotated files beyond the count are removed. The kiosk
// and kioskctl may append at once: appends take turns under a lock on
// audit.lock beside the log, each entry one write() on an O_APPEND descriptor.
class AuditLog {
public:
    AuditLog(std::filesystem::path state_dir, AuditLogRotation rotation);
    // Reads, and appends without ever rotating: for kioskctl's reading and
    // for tests, not for a writer that lives as long as the kiosk.
    explicit AuditLog(std::filesystem::path state_dir);

    // Stamps the entry with `time` (the wall clock's, in UTC); throws
    // std::system_error when the line cannot be written and flushed.
    void append(AuditEvent event, const std::string& technician, const std::string& outcome,
                const std::string& detail, std::chrono::system_clock::time_point time = std::chrono::system_clock::now());

    struct Contents {
        std::vector<AuditEntry> entries;   // oldest first, at most the `last` asked for
        std::size_t unreadable_lines = 0;  // torn by a crash mid-write, or edited by hand (in the files read)
    };
    // The newest `last` entries (all when 0), across the rotated files and
    // the current one; only as many files are read as hold them. An absent
    // log reads as empty.
    Contents read(std::size_t last = 0) const;

    // The log's files in the order they were written: the rotated ones
    // oldest first, then audit.jsonl when it exists.
    std::vector<std::filesystem::path> files() const;

    // The file being written: audit.jsonl.
    const std::filesystem::path& path() const { return path_; }

private:
    void rotate_if_full(std::size_t adding) const;

    std::filesystem::path path_;
    std::optional<AuditLogRotation> rotation_;
};

// "2026-11-25T18:30:05.123Z"
std::string utc_timestamp(std::chrono::system_clock::time_point time);
// The inverse; nullopt for anything else.
std::optional<std::chrono::system_clock::time_point> parse_utc_timestamp(const std::string& text);

} // namespace kiosk::calibration
