// Technician PINs on a real disk: Argon2id hashes in a private file, the
// lock-out after wrong tries growing and surviving a restart, and the clocks
// it is timed with moved the ways a real kiosk's can move.
#include <fstream>

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>

#include "calibration/technician_pin.h"
#include "core/durable_file.h"
#include "core/error.h"
#include "support/test_folder.h"

namespace {

using namespace kiosk;
using namespace kiosk::calibration;
using namespace std::chrono;

class FakeClock final : public AccessClock {
public:
    system_clock::time_point wall() const override { return wall_now; }
    milliseconds since_boot() const override { return boot_now; }
    std::string boot_id() const override { return boot; }

    void pass(milliseconds time)
    {
        wall_now += time;
        boot_now += time;
    }
    void reboot(milliseconds down_for)
    {
        wall_now += down_for;
        boot_now = seconds(20);
        boot += "+";
    }

    system_clock::time_point wall_now = sys_days(year{2026} / November / 25) + hours(18);
    milliseconds boot_now = hours(3);
    std::string boot = "boot-a";
};

TechnicianPinConfig test_config()
{
    TechnicianPinConfig config;
    // The cheapest Argon2id libsodium allows: the tests check the rules, not the cost.
    config.kdf = {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
    config.min_pin_digits = 6;
    config.max_pin_digits = 8;
    config.wrong_tries_before_lock = 5;
    config.first_lock = seconds(60);
    config.lock_growth = 2.0;
    config.max_lock = seconds(300);
    return config;
}

class PinTest : public ::testing::Test {
protected:
    TechnicianPins pins() { return TechnicianPins(folder.path(), test_config(), audit, clock); }

    void wrong_tries(int count)
    {
        auto p = pins();
        for (int i = 0; i < count; ++i)
            ASSERT_EQ(p.check("999999").outcome, PinOutcome::Wrong);
    }

    kiosk::test::TestFolder folder{"kiosk-calibration"};
    AuditLog audit{folder.path()};
    FakeClock clock;
};

TEST_F(PinTest, RightPinNamesItsTechnicianAndOnlyAHashIsKept)
{
    auto p = pins();
    p.set_pin("li.wei", "246810");
    p.set_pin("wang-fang", "13579135");
    EXPECT_EQ(p.check("246810").technician, "li.wei");
    EXPECT_EQ(p.check("13579135").technician, "wang-fang");
    EXPECT_EQ(p.check("246810").outcome, PinOutcome::Accepted);

    const auto file = folder.path() / "calibration" / "technicians.json";
    struct stat info {};
    ASSERT_EQ(::stat(file.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    const auto text = read_whole_file(file);
    EXPECT_EQ(text.find("246810"), std::string::npos);
    EXPECT_NE(text.find("$argon2id$"), std::string::npos);
}

TEST_F(PinTest, ChangedPinReplacesTheOldOne)
{
    auto p = pins();
    p.set_pin("li.wei", "246810");
    p.set_pin("li.wei", "864200");
    EXPECT_EQ(p.check("246810").outcome, PinOutcome::Wrong);
    EXPECT_EQ(p.check("864200").outcome, PinOutcome::Accepted);
    EXPECT_EQ(p.status().technicians.size(), 1u);
}

TEST_F(PinTest, BadIdsAndPinsAndSharedPinsAreRefused)
{
    auto p = pins();
    EXPECT_THROW(p.set_pin("Li Wei", "246810"), InputError);
    EXPECT_THROW(p.set_pin("", "246810"), InputError);
    EXPECT_THROW(p.set_pin("li.wei", "12345"), InputError);       // too short
    EXPECT_THROW(p.set_pin("li.wei", "123456789"), InputError);   // too long
    EXPECT_THROW(p.set_pin("li.wei", "12345a"), InputError);
    p.set_pin("li.wei", "246810");
    EXPECT_THROW(p.set_pin("wang", "246810"), InputError);
    EXPECT_EQ(p.status().technicians.size(), 1u);
}

TEST_F(PinTest, FiveWrongTriesLockEvenTheRightPin)
{
    auto p = pins();
    p.set_pin("li.wei", "246810");
    for (int left = 4; left >= 1; --left) {
        const auto check = p.check("111111");
        ASSERT_EQ(check.outcome, PinOutcome::Wrong);
        EXPECT_EQ(check.tries_left, left);
    }
    const auto fifth = p.check("111111");
    EXPECT_EQ(fifth.outcome, PinOutcome::Wrong);
    EXPECT_EQ(fifth.locked_for, seconds(60));

    const auto locked = p.check("246810");
    EXPECT_EQ(locked.outcome, PinOutcome::Locked);
    EXPECT_EQ(locked.locked_for, seconds(60));
    clock.pass(seconds(45));
    EXPECT_EQ(p.check("246810").locked_for, seconds(15));
    clock.pass(seconds(15));
    EXPECT_EQ(p.check("246810").outcome, PinOutcome::Accepted);
}

TEST_F(PinTest, EachLockLastsTwiceTheOneBeforeUpToTheCap)
{
    auto p = pins();
    p.set_pin("li.wei", "246810");
    for (const int expected : {60, 120, 240, 300, 300}) {
        for (int i = 0; i < 4; ++i)
            ASSERT_EQ(p.check("111111").outcome, PinOutcome::Wrong);
        EXPECT_EQ(p.check("111111").locked_for, seconds(expected));
        EXPECT_EQ(p.status().locked_for, seconds(expected));
        clock.pass(seconds(expected));
    }
    // The right PIN starts the growth again.
    EXPECT_EQ(p.check("246810").outcome, PinOutcome::Accepted);
    for (int i = 0; i < 4; ++i)
        p.check("111111");
    EXPECT_EQ(p.check("111111").locked_for, seconds(60));
}

TEST_F(PinTest, CounterAndLockSurviveARestart)
{
    pins().set_pin("li.wei", "246810");
    wrong_tries(3);
    // A new process: two more wrong tries lock, not five.
    wrong_tries(1);
    EXPECT_EQ(pins().check("111111").locked_for, seconds(60));
    clock.pass(seconds(30));
    const auto after_restart = pins().check("246810");
    EXPECT_EQ(after_restart.outcome, PinOutcome::Locked);
    EXPECT_EQ(after_restart.locked_for, seconds(30));
    EXPECT_EQ(pins().status().locks_in_a_row, 1);
}

TEST_F(PinTest, WallClockSetBackOrForwardNeitherEndsNorStretchesALock)
{
    pins().set_pin("li.wei", "246810");
    wrong_tries(5);
    clock.wall_now -= hours(24 * 365);
    EXPECT_EQ(pins().check("246810").locked_for, seconds(60));
    clock.wall_now += hours(2 * 24 * 365);
    EXPECT_EQ(pins().check("246810").locked_for, seconds(60));
    clock.boot_now += seconds(60);
    EXPECT_EQ(pins().check("246810").outcome, PinOutcome::Accepted);
}

TEST_F(PinTest, AfterARebootTheWallClockCountsButNeverBeyondTheLocksLength)
{
    pins().set_pin("li.wei", "246810");
    wrong_tries(5);
    clock.reboot(seconds(20));
    EXPECT_EQ(pins().status().locked_for, seconds(40));

    // Set back a day after the reboot: still no more than the lock's length...
    clock.reboot(seconds(0));
    clock.wall_now -= hours(24);
    const auto left = pins().check("246810").locked_for;
    EXPECT_LE(left, seconds(60));
    EXPECT_GE(left, seconds(40));
    // ...and it now runs on this boot's clock, whatever the wall clock does next.
    clock.wall_now += hours(48);
    EXPECT_EQ(pins().check("246810").outcome, PinOutcome::Locked);
    clock.boot_now += left;
    EXPECT_EQ(pins().check("246810").outcome, PinOutcome::Accepted);
}

TEST_F(PinTest, EveryTryIsAuditedWithoutThePin)
{
    auto p = pins();
    p.set_pin("li.wei", "246810");
    p.check("246810");
    wrong_tries(5);
    p.check("246810");
    ASSERT_TRUE(p.remove("li.wei"));
    EXPECT_FALSE(p.remove("li.wei"));

    const auto log = audit.read();
    ASSERT_EQ(log.entries.size(), 9u);
    EXPECT_EQ(log.entries[0].event, AuditEvent::PinSet);
    EXPECT_EQ(log.entries[0].technician, "li.wei");
    EXPECT_EQ(log.entries[1].event, AuditEvent::Entry);
    EXPECT_EQ(log.entries[1].outcome, "ok");
    EXPECT_EQ(log.entries[1].technician, "li.wei");
    EXPECT_EQ(log.entries[1].time, clock.wall_now);
    EXPECT_EQ(log.entries[2].outcome, "wrong");
    EXPECT_EQ(log.entries[2].technician, "");
    EXPECT_EQ(log.entries[6].detail, "locked for 60 s");
    EXPECT_EQ(log.entries[7].outcome, "locked");
    EXPECT_EQ(log.entries[8].event, AuditEvent::PinRemoved);
    const auto text = read_whole_file(audit.path());
    EXPECT_EQ(text.find("246810"), std::string::npos);
    EXPECT_EQ(text.find("999999"), std::string::npos);
}

TEST_F(PinTest, DamagedOrExposedPinFileIsRefusedNotIgnored)
{
    pins().set_pin("li.wei", "246810");
    const auto file = folder.path() / "calibration" / "technicians.json";
    ::chmod(file.c_str(), 0644);
    EXPECT_THROW(pins().check("246810"), ConfigError);
    ::chmod(file.c_str(), 0600);
    {
        std::ofstream(file, std::ios::trunc) << R"({"technicians":[{"id":"li.wei"}],"lock":{}})";
    }
    ::chmod(file.c_str(), 0600);
    try {
        pins().check("246810");
        FAIL() << "a damaged PIN file must not open calibration";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("kioskctl calibrate pin set"), std::string::npos) << e.what();
    }
}

TEST_F(PinTest, NoTechnicianMeansNoEntry)
{
    EXPECT_EQ(pins().check("246810").outcome, PinOutcome::Wrong);
}

} // namespace
