// The technicians' audit log: JSON lines on disk, read back newest last,
// surviving a torn line.
#include <fstream>

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "calibration/audit_log.h"
#include "calibration_test_folder.h"

namespace {

using namespace kiosk::calibration;
using namespace std::chrono;

const system_clock::time_point kTime = sys_days(year{2026} / November / 25) + hours(18) + milliseconds(5123);

TEST(AuditLogTest, EntriesComeBackInOrderWithTheirFields)
{
    CalibrationTestFolder folder;
    AuditLog log(folder.path());
    log.append(AuditEvent::Procedure, "li.wei", "pass", "background_plate", kTime);
    log.append(AuditEvent::ProfileSaved, "li.wei", "ok", "20261125T180005Z-3", kTime + seconds(1));
    log.append(AuditEvent::ProfileRollback, "wang", "ok", "20261125T170000Z-2", kTime + seconds(2));

    const auto all = AuditLog(folder.path()).read();
    ASSERT_EQ(all.entries.size(), 3u);
    EXPECT_EQ(all.unreadable_lines, 0u);
    EXPECT_EQ(all.entries[0].event, AuditEvent::Procedure);
    EXPECT_EQ(all.entries[0].time, kTime);
    EXPECT_EQ(all.entries[0].detail, "background_plate");
    EXPECT_EQ(all.entries[2].technician, "wang");

    const auto last_two = log.read(2);
    ASSERT_EQ(last_two.entries.size(), 2u);
    EXPECT_EQ(last_two.entries[0].event, AuditEvent::ProfileSaved);

    const auto first_line = [&] {
        std::ifstream in(log.path());
        std::string line;
        std::getline(in, line);
        return line;
    }();
    EXPECT_EQ(first_line, R"({"detail":"background_plate","event":"procedure","outcome":"pass",)"
                          R"("technician":"li.wei","time":"2026-11-25T18:00:05.123Z"})");
    struct stat info {};
    ASSERT_EQ(::stat(log.path().c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST(AuditLogTest, ATornLastLineIsCountedAndTheRestStillReads)
{
    CalibrationTestFolder folder;
    AuditLog log(folder.path());
    log.append(AuditEvent::Entry, "li.wei", "ok", "", kTime);
    {
        std::ofstream(log.path(), std::ios::app) << R"({"time":"2026-11-25T18:00:06.000Z","eve)";
    }
    // An append after the crash starts a line of its own.
    std::ofstream(log.path(), std::ios::app) << "\n";
    log.append(AuditEvent::Entry, "", "wrong", "", kTime + seconds(2));
    const auto contents = log.read();
    EXPECT_EQ(contents.entries.size(), 2u);
    EXPECT_EQ(contents.unreadable_lines, 1u);
}

TEST(AuditLogTest, AbsentLogReadsEmpty)
{
    CalibrationTestFolder folder;
    EXPECT_TRUE(AuditLog(folder.path()).read().entries.empty());
}

TEST(AuditLogTest, TimestampsRoundTripAndRejectOtherText)
{
    EXPECT_EQ(utc_timestamp(kTime), "2026-11-25T18:00:05.123Z");
    EXPECT_EQ(parse_utc_timestamp("2026-11-25T18:00:05.123Z"), kTime);
    EXPECT_FALSE(parse_utc_timestamp("2026-02-30T18:00:05.123Z"));
    EXPECT_FALSE(parse_utc_timestamp("2026-11-25 18:00:05"));
    EXPECT_FALSE(parse_utc_timestamp("2026-11-25T18:00:05.123Zjunk"));
}

} // namespace
