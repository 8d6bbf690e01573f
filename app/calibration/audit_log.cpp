#include "calibration/audit_log.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "core/durable_file.h"
#include "core/file_lock.h"

namespace kiosk::calibration {
namespace {

constexpr std::array<std::pair<AuditEvent, const char*>, 6> kEventNames{{
    {AuditEvent::Entry, "entry"},
    {AuditEvent::PinSet, "pin_set"},
    {AuditEvent::PinRemoved, "pin_removed"},
    {AuditEvent::Procedure, "procedure"},
    {AuditEvent::ProfileSaved, "profile_saved"},
    {AuditEvent::ProfileRollback, "profile_rollback"},
}};

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path)
{
    throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

// audit.<n>.jsonl, n in six digits or more so that a listing sorts them too.
std::string rotated_name(std::uint64_t number)
{
    char text[48];
    std::snprintf(text, sizeof text, "audit.%06llu.jsonl", static_cast<unsigned long long>(number));
    return text;
}

std::optional<std::uint64_t> rotated_number(const std::string& name)
{
    constexpr std::string_view prefix = "audit.", suffix = ".jsonl";
    if (name.size() <= prefix.size() + suffix.size() || !name.starts_with(prefix) || !name.ends_with(suffix))
        return std::nullopt;
    const std::string digits = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    if (digits.size() > 18 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return std::stoull(digits);
}

std::optional<AuditEntry> parse_line(const std::string& line)
{
    const auto json = nlohmann::json::parse(line, nullptr, false);
    if (!json.is_object() || !json.value("time", nlohmann::json()).is_string() ||
        !json.value("event", nlohmann::json()).is_string())
        return std::nullopt;
    const auto time = parse_utc_timestamp(json["time"].get<std::string>());
    const auto event = audit_event_from_name(json["event"].get<std::string>());
    if (!time || !event)
        return std::nullopt;
    const auto text_field = [&](const char* name) {
        const auto it = json.find(name);
        return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    return AuditEntry{*time, *event, text_field("technician"), text_field("outcome"), text_field("detail")};
}

AuditLog::Contents read_file(const std::filesystem::path& file)
{
    AuditLog::Contents contents;
    std::string text;
    try {
        text = read_whole_file(file);
    } catch (const std::system_error& error) {
        // Removed as the oldest by a rotation since it was listed: it held
        // nothing newer than what is still there.
        if (error.code() == std::errc::no_such_file_or_directory)
            return contents;
        throw;
    }
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string line = text.substr(start, end - start);
        start = end + 1;
        if (line.empty())
            continue;
        if (auto entry = parse_line(line))
            contents.entries.push_back(std::move(*entry));
        else
            ++contents.unreadable_lines;
    }
    return contents;
}

// Newest file first, as far back as `last` entries reach (all when 0).
AuditLog::Contents read_newest(const std::vector<std::filesystem::path>& files, std::size_t last)
{
    std::vector<AuditLog::Contents> read;
    std::size_t entries = 0;
    for (auto file = files.rbegin(); file != files.rend() && (last == 0 || entries < last); ++file) {
        read.push_back(read_file(*file));
        entries += read.back().entries.size();
    }
    AuditLog::Contents contents;
    for (auto part = read.rbegin(); part != read.rend(); ++part) {
        contents.entries.insert(contents.entries.end(), std::make_move_iterator(part->entries.begin()),
                                std::make_move_iterator(part->entries.end()));
        contents.unreadable_lines += part->unreadable_lines;
    }
    if (last != 0 && contents.entries.size() > last)
        contents.entries.erase(contents.entries.begin(),
                               contents.entries.end() - static_cast<std::ptrdiff_t>(last));
    return contents;
}

} // namespace

const char* audit_event_name(AuditEvent event)
{
    for (const auto& [value, name] : kEventNames)
        if (value == event)
            return name;
    return "unknown";
}

std::optional<AuditEvent> audit_event_from_name(const std::string& name)
{
    for (const auto& [value, text] : kEventNames)
        if (name == text)
            return value;
    return std::nullopt;
}

std::string utc_timestamp(std::chrono::system_clock::time_point time)
{
    const auto ms = std::chrono::floor<std::chrono::milliseconds>(time);
    const auto day = std::chrono::floor<std::chrono::days>(ms);
    const std::chrono::year_month_day date(day);
    const std::chrono::hh_mm_ss clock(ms - day);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                  static_cast<int>(clock.seconds().count()), static_cast<int>(clock.subseconds().count()));
    return text;
}

std::optional<std::chrono::system_clock::time_point> parse_utc_timestamp(const std::string& text)
{
    int y = 0, h = 0, mi = 0, s = 0, ms = 0, consumed = 0;
    unsigned mo = 0, d = 0;
    if (std::sscanf(text.c_str(), "%4d-%2u-%2uT%2d:%2d:%2d.%3dZ%n", &y, &mo, &d, &h, &mi, &s, &ms, &consumed) != 7 ||
        static_cast<std::size_t>(consumed) != text.size())
        return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year(y), std::chrono::month(mo), std::chrono::day(d)};
    if (!date.ok() || h > 23 || mi > 59 || s > 59 || h < 0 || mi < 0 || s < 0 || ms < 0)
        return std::nullopt;
    return std::chrono::sys_days(date) + std::chrono::hours(h) + std::chrono::minutes(mi) + std::chrono::seconds(s) +
           std::chrono::milliseconds(ms);
}

AuditLog::AuditLog(std::filesystem::path state_dir, AuditLogRotation rotation)
    : path_(state_dir / "calibration" / "audit.jsonl"), rotation_(rotation)
{
}

AuditLog::AuditLog(std::filesystem::path state_dir) : path_(state_dir / "calibration" / "audit.jsonl") {}

std::vector<std::filesystem::path> AuditLog::files() const
{
    std::vector<std::pair<std::uint64_t, std::filesystem::path>> rotated;
    std::error_code error;
    for (const auto& item : std::filesystem::directory_iterator(path_.parent_path(), error))
        if (const auto number = rotated_number(item.path().filename().string()))
            rotated.emplace_back(*number, item.path());
    std::sort(rotated.begin(), rotated.end());
    std::vector<std::filesystem::path> files;
    for (auto& [number, file] : rotated)
        files.push_back(std::move(file));
    if (std::filesystem::exists(path_))
        files.push_back(path_);
    return files;
}

// Rotation is one rename, audit.jsonl to audit.<n>.jsonl with n one past the
// newest rotated file, so at every instant each line is in exactly one file
// and the names keep the order: a crash before the rename leaves the full
// file for the next append to rotate; a crash after it leaves no audit.jsonl,
// which the next append creates. Only then are the oldest files beyond the
// count removed, so a crash there leaves a file too many, removed at the next
// rotation. Nothing is ever copied, so nothing can be doubled. The caller
// holds the lock, so no other process appends to or renames the file meanwhile.
void AuditLog::rotate_if_full(std::size_t adding) const
{
    std::error_code error;
    const auto size = std::filesystem::file_size(path_, error);
    if (error || size == 0 || size + adding <= rotation_->max_file_bytes)
        return;
    auto rotated = files();
    rotated.pop_back(); // audit.jsonl itself
    const std::uint64_t next =
        rotated.empty() ? 1 : *rotated_number(rotated.back().filename().string()) + 1;
    const auto target = path_.parent_path() / rotated_name(next);
    if (::rename(path_.c_str(), target.c_str()) != 0)
        fail("cannot rotate the audit log", path_);
    sync_folder(path_.parent_path());
    rotated.push_back(target);

    if (rotated.size() <= rotation_->rotated_files_kept)
        return;
    const auto surplus = rotated.size() - rotation_->rotated_files_kept;
    for (std::size_t i = 0; i < surplus; ++i)
        if (::unlink(rotated[i].c_str()) != 0 && errno != ENOENT)
            fail("cannot remove an old audit log", rotated[i]);
    sync_folder(path_.parent_path());
}

void AuditLog::append(AuditEvent event, const std::string& technician, const std::string& outcome,
                      const std::string& detail, std::chrono::system_clock::time_point time)
{
    const nlohmann::json line = {{"time", utc_timestamp(time)},
                                 {"event", audit_event_name(event)},
                                 {"technician", technician},
                                 {"outcome", outcome},
                                 {"detail", detail}};
    // Replacing invalid UTF-8 keeps one bad byte from making the whole entry unwritable.
    const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";

    std::filesystem::create_directories(path_.parent_path());
    const FileLock turn(path_.parent_path() / "audit.lock");
    if (rotation_)
        rotate_if_full(text.size());

    const bool first = !std::filesystem::exists(path_);
    const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0)
        fail("cannot open the audit log", path_);
    ssize_t written;
    do
        written = ::write(fd, text.data(), text.size());
    while (written < 0 && errno == EINTR);
    const bool complete = written == static_cast<ssize_t>(text.size());
    const int saved = errno;
    const bool flushed = complete && ::fsync(fd) == 0;
    const int flush_error = errno;
    ::close(fd);
    if (!complete) {
        errno = written < 0 ? saved : EIO;
        fail("cannot append to the audit log", path_);
    }
    if (!flushed) {
        errno = flush_error;
        fail("cannot flush the audit log", path_);
    }
    // A new file's folder entry must reach the disk too (the first entry, and
    // the first after a rotation), or a power cut could lose the file with it.
    if (first)
        sync_folder(path_.parent_path());
}

AuditLog::Contents AuditLog::read(std::size_t last) const
{
    // A rotation by another process between listing the files and reading
    // them would hide the renamed file from this read: list again and, when
    // the files changed, read again.
    for (int attempt = 1;; ++attempt) {
        const auto listed = files();
        auto contents = read_newest(listed, last);
        if (attempt == 3 || files() == listed)
            return contents;
    }
}

} // namespace kiosk::calibration
