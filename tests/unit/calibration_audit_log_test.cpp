// The technicians' audit log: JSON lines on disk, read back newest last,
// surviving a torn line; rotated by size, read across the rotated files, and
// neither losing nor doubling an entry when a crash stops a rotation midway.
#include <fstream>

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "calibration/audit_log.h"
#include "core/error.h"
#include "core/paths.h"
#include "support/test_folder.h"

namespace {

using namespace kiosk::calibration;
using namespace std::chrono;

const system_clock::time_point kTime = sys_days(year{2026} / November / 25) + hours(18) + milliseconds(5123);

TEST(AuditLogTest, EntriesComeBackInOrderWithTheirFields)
{
    kiosk::test::TestFolder folder{"kiosk-calibration"};
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
    kiosk::test::TestFolder folder{"kiosk-calibration"};
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
    kiosk::test::TestFolder folder{"kiosk-calibration"};
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

// Every entry of these tests has the same length, so a limit of whole lines is exact.
std::size_t line_bytes(const kiosk::test::TestFolder& folder)
{
    const auto scratch = folder.path() / "measure";
    AuditLog log(scratch);
    log.append(AuditEvent::Procedure, "li.wei", "pass", "entry-000", kTime);
    const auto bytes = std::filesystem::file_size(log.path());
    std::filesystem::remove_all(scratch);
    return bytes;
}

void append_numbered(AuditLog& log, int from, int to)
{
    for (int i = from; i < to; ++i) {
        char detail[16];
        std::snprintf(detail, sizeof detail, "entry-%03d", i);
        log.append(AuditEvent::Procedure, "li.wei", "pass", detail, kTime + seconds(i));
    }
}

std::vector<std::string> details(const AuditLog::Contents& contents)
{
    std::vector<std::string> out;
    for (const auto& e : contents.entries)
        out.push_back(e.detail);
    return out;
}

std::vector<std::string> numbered(int from, int to)
{
    std::vector<std::string> out;
    for (int i = from; i < to; ++i) {
        char detail[16];
        std::snprintf(detail, sizeof detail, "entry-%03d", i);
        out.push_back(detail);
    }
    return out;
}

std::vector<std::string> names(const std::vector<std::filesystem::path>& files)
{
    std::vector<std::string> out;
    for (const auto& f : files)
        out.push_back(f.filename().string());
    return out;
}

TEST(AuditLogRotationTest, AFileIsRotatedOnlyWhenTheNextEntryWouldPassTheLimit)
{
    kiosk::test::TestFolder folder{"kiosk-calibration"};
    const auto line = line_bytes(folder);
    AuditLog log(folder.path(), AuditLogRotation{3 * line, 5});
    append_numbered(log, 0, 3);
    EXPECT_EQ(names(log.files()), (std::vector<std::string>{"audit.jsonl"})) << "exactly at the limit: not yet";
    EXPECT_EQ(std::filesystem::file_size(log.path()), 3 * line);

    append_numbered(log, 3, 4);
    EXPECT_EQ(names(log.files()), (std::vector<std::string>{"audit.000001.jsonl", "audit.jsonl"}));
    EXPECT_EQ(std::filesystem::file_size(folder.path() / "calibration" / "audit.000001.jsonl"), 3 * line);
    EXPECT_EQ(std::filesystem::file_size(log.path()), line);
    struct stat info {};
    ASSERT_EQ(::stat(log.path().c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u) << "the new file is as private as the first";
    EXPECT_EQ(details(log.read()), numbered(0, 4));
}

TEST(AuditLogRotationTest, TheOldestFilesGoPastTheCount)
{
    kiosk::test::TestFolder folder{"kiosk-calibration"};
    const auto line = line_bytes(folder);
    AuditLog log(folder.path(), AuditLogRotation{2 * line, 2});
    append_numbered(log, 0, 9); // files of 0-1, 2-3, 4-5, 6-7 rotated; 8 current
    EXPECT_EQ(names(log.files()),
              (std::vector<std::string>{"audit.000003.jsonl", "audit.000004.jsonl", "audit.jsonl"}));
    EXPECT_EQ(details(log.read()), numbered(4, 9));
    for (const auto& file : log.files())
        EXPECT_LE(std::filesystem::file_size(file), 2 * line) << file;
}

TEST(AuditLogRotationTest, TheNewestEntriesAreReadAcrossFilesAndOnlyTheFilesNeeded)
{
    kiosk::test::TestFolder folder{"kiosk-calibration"};
    const auto line = line_bytes(folder);
    AuditLog log(folder.path(), AuditLogRotation{4 * line, 9});
    append_numbered(log, 0, 10); // 0-3, 4-7 rotated; 8-9 current
    EXPECT_EQ(details(log.read(3)), numbered(7, 10)) << "one from the newest rotated file, two from the current";
    EXPECT_EQ(details(log.read(0)), numbered(0, 10));
    EXPECT_EQ(details(log.read(50)), numbered(0, 10));

    // A torn line in the oldest file is counted only when that file is read.
    std::ofstream(folder.path() / "calibration" / "audit.000001.jsonl", std::ios::app) << R"({"time":"2026)";
    EXPECT_EQ(log.read(2).unreadable_lines, 0u);
    const auto all = log.read();
    EXPECT_EQ(all.unreadable_lines, 1u);
    EXPECT_EQ(details(all), numbered(0, 10));
}

// The crash points of a rotation, each left as the state it would leave on disk.
TEST(AuditLogRotationTest, ACrashAfterTheRenameLosesAndDoublesNothing)
{
    kiosk::test::TestFolder folder{"kiosk-calibration"};
    const auto line = line_bytes(folder);
    AuditLog log(folder.path(), AuditLogRotation{3 * line, 5});
    append_numbered(log, 0, 5); // 0-2 rotated as 000001; 3-4 current
    // Renamed, and the crash came before the next entry made audit.jsonl again.
    std::filesystem::rename(log.path(), folder.path() / "calibration" / "audit.000002.jsonl");
    EXPECT_EQ(details(log.read()), numbered(0, 5));

    append_numbered(log, 5, 6);
    EXPECT_EQ(names(log.files()),
              (std::vector<std::string>{"audit.000001.jsonl", "audit.000002.jsonl", "audit.jsonl"}));
    EXPECT_EQ(details(log.read()), numbered(0, 6));
}

TEST(AuditLogRotationTest, ACrashBeforeTheOldestWereRemovedIsTidiedAtTheNextRotation)
{
    kiosk::test::TestFolder folder{"kiosk-calibration"};
    const auto line = line_bytes(folder);
    // Written under a larger count, as if the removal after the last rename never ran.
    AuditLog before(folder.path(), AuditLogRotation{2 * line, 4});
    append_numbered(before, 0, 9); // 000001..000004 rotated; 8 current
    AuditLog log(folder.path(), AuditLogRotation{2 * line, 2});
    EXPECT_EQ(details(log.read()), numbered(0, 9)) << "nothing is dropped by reading";

    append_numbered(log, 9, 10); // fills audit.jsonl to the limit
    EXPECT_EQ(log.files().size(), 5u);
    append_numbered(log, 10, 11); // rotates: 000005, and the three oldest go
    EXPECT_EQ(names(log.files()),
              (std::vector<std::string>{"audit.000004.jsonl", "audit.000005.jsonl", "audit.jsonl"}));
    EXPECT_EQ(details(log.read()), numbered(6, 11));
}

TEST(AuditLogRotationTest, ACrashBeforeTheRenameLeavesAFullFileRotatedByTheNextEntry)
{
    kiosk::test::TestFolder folder{"kiosk-calibration"};
    const auto line = line_bytes(folder);
    // Past the limit: the writer that found it full died before renaming it.
    AuditLog unrotated(folder.path());
    append_numbered(unrotated, 0, 4);
    AuditLog log(folder.path(), AuditLogRotation{3 * line, 5});
    append_numbered(log, 4, 5);
    EXPECT_EQ(names(log.files()), (std::vector<std::string>{"audit.000001.jsonl", "audit.jsonl"}));
    EXPECT_EQ(std::filesystem::file_size(log.path()), line);
    EXPECT_EQ(details(log.read()), numbered(0, 5));
}

TEST(AuditLogRotationTest, OtherFilesBesideTheLogAreNotPartOfIt)
{
    kiosk::test::TestFolder folder{"kiosk-calibration"};
    const auto line = line_bytes(folder);
    AuditLog log(folder.path(), AuditLogRotation{line, 1});
    append_numbered(log, 0, 2);
    const auto dir = folder.path() / "calibration";
    std::ofstream(dir / "audit.old.jsonl") << "{}\n";
    std::ofstream(dir / "audit.12.jsonl.tmp") << "{}\n";
    std::ofstream(dir / "profile.000001.jsonl") << "{}\n";
    EXPECT_EQ(names(log.files()), (std::vector<std::string>{"audit.000001.jsonl", "audit.jsonl"}));
    EXPECT_EQ(log.read().unreadable_lines, 0u);
    append_numbered(log, 2, 3);
    EXPECT_TRUE(std::filesystem::exists(dir / "audit.old.jsonl")) << "only the log's own files are removed";
    EXPECT_EQ(names(log.files()), (std::vector<std::string>{"audit.000002.jsonl", "audit.jsonl"}));
}

TEST(AuditLogRotationTest, TheShippedSettingsLoadAndABadOneIsNamed)
{
    const auto shipped = load_audit_log_rotation(kiosk::config_dir() / "calibration" / "calibration.json");
    EXPECT_GE(shipped.max_file_bytes, 4096u);
    EXPECT_GE(shipped.rotated_files_kept, 1u);

    kiosk::test::TestFolder folder{"kiosk-calibration"};
    const auto settings = folder.path() / "calibration.json";
    std::ofstream(settings) << R"({"audit_log": {"max_file_bytes": 1048576, "rotated_files_kept": 0}})";
    try {
        load_audit_log_rotation(settings);
        ADD_FAILURE() << "a count of 0 would keep no history";
    } catch (const kiosk::ConfigError& error) {
        EXPECT_NE(std::string(error.what()).find("audit_log.rotated_files_kept"), std::string::npos) << error.what();
    }
}

} // namespace
