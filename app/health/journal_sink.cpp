#include "health/journal_sink.h"

#include <cstdio>
#include <cstdlib>

#include <sys/stat.h>
#include <sys/uio.h>

#include <spdlog/spdlog.h>
#include <systemd/sd-journal.h>

#include "health/log_fields.h"

namespace kiosk::health {

namespace {

int syslog_priority(spdlog::level::level_enum level)
{
    switch (level) {
    case spdlog::level::critical: return 2;
    case spdlog::level::err: return 3;
    case spdlog::level::warn: return 4;
    case spdlog::level::info: return 6;
    default: return 7;
    }
}

// The kiosk's messages start with the part that speaks ("session: ...",
// "printer status: ..."): that prefix, when the message has one.
std::string_view component_of(std::string_view text)
{
    const auto colon = text.find(": ");
    if (colon == std::string_view::npos || colon == 0 || colon > 32)
        return {};
    const auto prefix = text.substr(0, colon);
    for (char c : prefix)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' || c == '-' || c == '_'))
            return {};
    return prefix;
}

} // namespace

JournalRecord journal_record(const spdlog::details::log_msg& message, std::string_view identifier)
{
    const std::string_view text(message.payload.data(), message.payload.size());
    JournalRecord record;
    record.push_back("MESSAGE=" + std::string(text));
    record.push_back("PRIORITY=" + std::to_string(syslog_priority(message.level)));
    record.push_back("SYSLOG_IDENTIFIER=" + std::string(identifier));
    record.push_back("TID=" + std::to_string(message.thread_id));
    if (const auto component = component_of(text); !component.empty())
        record.push_back("KIOSK_COMPONENT=" + std::string(component));
    for (const auto& [name, value] : LogFields::current())
        record.push_back(name + "=" + value);
    return record;
}

JournalSink::JournalSink(std::string identifier, Send send) : identifier_(std::move(identifier)), send_(std::move(send))
{
}

int JournalSink::send_to_journald(const JournalRecord& record)
{
    std::vector<iovec> entries;
    entries.reserve(record.size());
    for (const auto& entry : record)
        entries.push_back(iovec{const_cast<char*>(entry.data()), entry.size()});
    return sd_journal_sendv(entries.data(), static_cast<int>(entries.size()));
}

void JournalSink::sink_it_(const spdlog::details::log_msg& message)
{
    // A journal that cannot take the record must not stop the kiosk.
    send_(journal_record(message, identifier_));
}

bool stderr_is_journal()
{
    const char* stream = std::getenv("JOURNAL_STREAM");
    if (!stream)
        return false;
    unsigned long long device = 0, inode = 0;
    if (std::sscanf(stream, "%llu:%llu", &device, &inode) != 2)
        return false;
    struct stat info {};
    return ::fstat(2, &info) == 0 && info.st_dev == device && info.st_ino == inode;
}

void log_to_journal(std::string_view identifier)
{
    auto logger = spdlog::default_logger();
    logger->sinks().clear();
    logger->sinks().push_back(std::make_shared<JournalSink>(std::string(identifier)));
}

} // namespace kiosk::health
