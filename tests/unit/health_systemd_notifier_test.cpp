// sd_notify through libsystemd into a fake NOTIFY_SOCKET: a unix datagram
// socket the test binds and reads, as systemd's manager would.
#include <cstdlib>

#include <gtest/gtest.h>

#include "health/systemd_feed.h"
#include "health/systemd_notifier.h"
#include "support/fake_notify_socket.h"

namespace kiosk::health {
namespace {

using test::FakeNotifySocket;

TEST(SystemdNotifier, ReadyWatchdogStatusAndStoppingReachTheSocket)
{
    FakeNotifySocket systemd;
    SystemdNotifier notifier;
    EXPECT_TRUE(notifier.status("starting: camera, controller, printer"));
    EXPECT_EQ(systemd.receive(), "STATUS=starting: camera, controller, printer");
    EXPECT_TRUE(notifier.ready());
    EXPECT_EQ(systemd.receive(), "READY=1");
    EXPECT_TRUE(notifier.watchdog());
    EXPECT_EQ(systemd.receive(), "WATCHDOG=1");
    EXPECT_TRUE(notifier.stopping());
    EXPECT_EQ(systemd.receive(), "STOPPING=1");
}

TEST(SystemdNotifier, AStatusCannotSmuggleASecondAssignment)
{
    FakeNotifySocket systemd;
    SystemdNotifier notifier;
    notifier.status("printer: paper out\nREADY=1");
    EXPECT_EQ(systemd.receive(), "STATUS=printer: paper out READY=1");
}

TEST(SystemdNotifier, OutsideSystemdEveryCallIsANoOp)
{
    ::unsetenv("NOTIFY_SOCKET");
    SystemdNotifier notifier;
    EXPECT_FALSE(notifier.ready());
    EXPECT_FALSE(notifier.watchdog());
    EXPECT_FALSE(notifier.status("idle"));
    EXPECT_FALSE(SystemdNotifier::watchdog_interval());
}

TEST(SystemdNotifier, WatchdogIntervalIsWhatSystemdAsksOfThisProcess)
{
    ::setenv("WATCHDOG_USEC", "20000000", 1);
    ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
    EXPECT_EQ(SystemdNotifier::watchdog_interval(), std::chrono::seconds(20));
    // Meant for another process (a child that inherited the environment): not ours to feed.
    ::setenv("WATCHDOG_PID", std::to_string(::getpid() + 1).c_str(), 1);
    EXPECT_FALSE(SystemdNotifier::watchdog_interval());
    ::unsetenv("WATCHDOG_USEC");
    ::unsetenv("WATCHDOG_PID");
}

TEST(SystemdFeed, ReadyOnceThenStatusOnChangeAndWatchdogAtHalfTheInterval)
{
    FakeNotifySocket systemd;
    SystemdNotifier notifier;
    Gauge ready_gauge;
    Readiness readiness(ready_gauge);
    SystemdFeed feed(notifier, readiness, std::chrono::milliseconds(1000));
    const auto t0 = SystemdFeed::Clock::now();

    feed.tick(t0);
    EXPECT_EQ(systemd.receive(), "READY=1");
    EXPECT_EQ(systemd.receive(), "STATUS=not ready: kiosk=starting");
    EXPECT_EQ(systemd.receive(), "WATCHDOG=1");

    // Within half the interval and nothing changed: silence.
    feed.tick(t0 + std::chrono::milliseconds(499));
    EXPECT_FALSE(systemd.receive(std::chrono::milliseconds(50)));

    readiness.clear("kiosk");
    feed.tick(t0 + std::chrono::milliseconds(500));
    EXPECT_EQ(systemd.receive(), "STATUS=ready");
    EXPECT_EQ(systemd.receive(), "WATCHDOG=1");

    readiness.block("printer", "paper-out");
    feed.tick(t0 + std::chrono::milliseconds(600));
    EXPECT_EQ(systemd.receive(), "STATUS=not ready: printer=paper-out");
    EXPECT_FALSE(systemd.receive(std::chrono::milliseconds(50)));

    feed.stopping();
    EXPECT_EQ(systemd.receive(), "STOPPING=1");
    EXPECT_EQ(systemd.receive(), "STATUS=stopping");
}

TEST(SystemdFeed, NoWatchdogPingsWhenSystemdAskedForNone)
{
    FakeNotifySocket systemd;
    SystemdNotifier notifier;
    Gauge ready_gauge;
    Readiness readiness(ready_gauge);
    SystemdFeed feed(notifier, readiness, std::nullopt);
    const auto t0 = SystemdFeed::Clock::now();
    feed.tick(t0);
    EXPECT_EQ(systemd.receive(), "READY=1");
    EXPECT_EQ(systemd.receive(), "STATUS=not ready: kiosk=starting");
    feed.tick(t0 + std::chrono::hours(1));
    EXPECT_FALSE(systemd.receive(std::chrono::milliseconds(50)));
}

} // namespace
} // namespace kiosk::health
