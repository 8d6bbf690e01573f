#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <spdlog/details/log_msg.h>
#include <spdlog/sinks/base_sink.h>

namespace kiosk::health {

// One log record as journald receives it: "FIELD=value" entries.
using JournalRecord = std::vector<std::string>;

// The record for one spdlog message: MESSAGE (the text alone; journald
// stamps the time), PRIORITY (syslog's 0-7), SYSLOG_IDENTIFIER, TID,
// KIOSK_COMPONENT (the "component: " the kiosk's messages start with), and
// the fields of the LogFields scopes open on the logging thread.
JournalRecord journal_record(const spdlog::details::log_msg& message, std::string_view identifier);

// An spdlog sink writing structured records to the systemd journal
// (sd_journal_sendv, libsystemd). Without a journald the records are
// dropped, like syslog's; the kiosk logs there only under systemd.
class JournalSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    // Returns sd_journal_sendv's result: negative errno on failure.
    using Send = std::function<int(const JournalRecord&)>;

    explicit JournalSink(std::string identifier, Send send = send_to_journald);

    static int send_to_journald(const JournalRecord& record);

protected:
    void sink_it_(const spdlog::details::log_msg& message) override;
    void flush_() override {}

private:
    std::string identifier_;
    Send send_;
};

// Whether stderr is the journal's stream (systemd sets JOURNAL_STREAM to
// stderr's "device:inode" when StandardError=journal), so the program logs
// structured records instead of text lines.
bool stderr_is_journal();

// Replaces the default logger's sinks with a JournalSink.
void log_to_journal(std::string_view identifier);

} // namespace kiosk::health
