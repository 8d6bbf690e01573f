#include "calibration/audit_log.h"

#include <array>
#include <cerrno>
#include <cstdio>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "core/durable_file.h"

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

AuditLog::AuditLog(std::filesystem::path state_dir) : path_(state_dir / "calibration" / "audit.jsonl") {}

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

    const bool first = !std::filesystem::exists(path_);
    std::filesystem::create_directories(path_.parent_path());
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
    // The log's own folder entry must reach the disk the first time, or a
    // power cut could lose the whole file along with the entry.
    if (first)
        sync_folder(path_.parent_path());
}

AuditLog::Contents AuditLog::read(std::size_t last) const
{
    Contents contents;
    if (!std::filesystem::exists(path_))
        return contents;
    const std::string text = read_whole_file(path_);
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string line = text.substr(start, end - start);
        start = end + 1;
        if (line.empty())
            continue;
        const auto json = nlohmann::json::parse(line, nullptr, false);
        std::optional<AuditEntry> entry;
        if (json.is_object() && json.value("time", nlohmann::json()).is_string() &&
            json.value("event", nlohmann::json()).is_string()) {
            const auto time = parse_utc_timestamp(json["time"].get<std::string>());
            const auto event = audit_event_from_name(json["event"].get<std::string>());
            const auto text_field = [&](const char* name) {
                const auto it = json.find(name);
                return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
            };
            if (time && event)
                entry = AuditEntry{*time, *event, text_field("technician"), text_field("outcome"), text_field("detail")};
        }
        if (entry)
            contents.entries.push_back(std::move(*entry));
        else
            ++contents.unreadable_lines;
    }
    if (last != 0 && contents.entries.size() > last)
        contents.entries.erase(contents.entries.begin(),
                               contents.entries.end() - static_cast<std::ptrdiff_t>(last));
    return contents;
}

} // namespace kiosk::calibration
