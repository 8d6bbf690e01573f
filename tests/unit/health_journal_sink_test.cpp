// The journal sink's records, captured where sd_journal_sendv would take
// them: the fields an operator filters on, the priority, the component, the
// structured fields of the open LogFields scopes, and nothing else.
#include <algorithm>
#include <filesystem>

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include "core/error.h"
#include "health/journal_sink.h"
#include "health/log_fields.h"

namespace kiosk::health {
namespace {

class JournalCapture : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto sink = std::make_shared<JournalSink>("kiosk", [this](const JournalRecord& record) {
            records_.push_back(record);
            return 0;
        });
        logger_ = std::make_shared<spdlog::logger>("journal-test", sink);
        logger_->set_level(spdlog::level::trace);
    }

    std::string field(std::size_t record, const std::string& name) const
    {
        for (const auto& entry : records_.at(record))
            if (entry.rfind(name + "=", 0) == 0)
                return entry.substr(name.size() + 1);
        return "<absent>";
    }

    std::shared_ptr<spdlog::logger> logger_;
    std::vector<JournalRecord> records_;
};

TEST_F(JournalCapture, EachRecordCarriesTheTextPriorityIdentifierAndComponent)
{
    logger_->info("session: visit ended at {} ({})", "review", "idle");
    logger_->warn("printer status: {}", "cupsd not answering");
    logger_->error("no prefix here");
    logger_->debug("Upper: not a component");
    ASSERT_EQ(records_.size(), 4u);
    EXPECT_EQ(field(0, "MESSAGE"), "session: visit ended at review (idle)");
    EXPECT_EQ(field(0, "PRIORITY"), "6");
    EXPECT_EQ(field(0, "SYSLOG_IDENTIFIER"), "kiosk");
    EXPECT_EQ(field(0, "KIOSK_COMPONENT"), "session");
    EXPECT_EQ(field(1, "PRIORITY"), "4");
    EXPECT_EQ(field(1, "KIOSK_COMPONENT"), "printer status");
    EXPECT_EQ(field(2, "PRIORITY"), "3");
    EXPECT_EQ(field(2, "KIOSK_COMPONENT"), "<absent>");
    EXPECT_EQ(field(3, "PRIORITY"), "7");
    EXPECT_EQ(field(3, "KIOSK_COMPONENT"), "<absent>");
    EXPECT_NE(field(0, "TID"), "<absent>");
}

TEST_F(JournalCapture, OpenScopesAddTheirFieldsToRecordsOfThisThreadOnly)
{
    {
        const LogFields visit{{"KIOSK_EVENT", "check_failed"}};
        {
            const LogFields check{{"KIOSK_CHECK", "face_size"}};
            logger_->info("health: a captured still failed face_size");
        }
        logger_->info("health: after the inner scope");
    }
    logger_->info("health: after both");
    ASSERT_EQ(records_.size(), 3u);
    EXPECT_EQ(field(0, "KIOSK_EVENT"), "check_failed");
    EXPECT_EQ(field(0, "KIOSK_CHECK"), "face_size");
    EXPECT_EQ(field(1, "KIOSK_EVENT"), "check_failed");
    EXPECT_EQ(field(1, "KIOSK_CHECK"), "<absent>");
    EXPECT_EQ(field(2, "KIOSK_EVENT"), "<absent>");
    // A record holds exactly these fields: nothing the caller did not choose.
    EXPECT_EQ(records_.at(0).size(), 7u);
}

TEST(LogFields, RefusesNamesTheJournalWouldReject)
{
    for (const char* bad : {"kiosk_event", "_PID", "1ST", "", "KIOSK-EVENT"})
        EXPECT_THROW(LogFields({{bad, "x"}}), InputError) << bad;
    EXPECT_TRUE(LogFields::current().empty());
}

TEST(JournalSink, WithoutAJournaldTheRecordIsDroppedQuietly)
{
    // No journald runs on the build machine (/run/systemd/journal/socket is
    // absent): libsystemd drops the record and reports success, as it does
    // for any program started outside systemd; the kiosk goes on.
    if (std::filesystem::exists("/run/systemd/journal/socket"))
        GTEST_SKIP() << "a journald runs here: the record would really be logged";
    EXPECT_EQ(JournalSink::send_to_journald({"MESSAGE=kiosk journal sink test", "PRIORITY=7"}), 0);
}

} // namespace
} // namespace kiosk::health
