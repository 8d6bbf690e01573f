// The systemd watchdog as the kiosk feeds it. systemd is not PID 1 here, so
// no real restart can be shown: the tests stand in for systemd's manager with
// a unix datagram socket of their own (NOTIFY_SOCKET) and WATCHDOG_USEC.
//  - The program: `kiosk --demo --headless` must say READY=1, ping WATCHDOG=1
//    at about half the interval, and say STOPPING=1 on SIGTERM.
//  - In process: the session loop's io_context is made to hang (a posted task
//    that sleeps); the pings must stop during the hang and resume after it,
//    which is what lets systemd restart a kiosk whose main loop hangs.
#include <sys/stat.h>

#include <cstdlib>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <gtest/gtest.h>

#include "core/json_file.h"
#include "core/paths.h"
#include "e2e/kiosk_health_scrape.h"
#include "e2e/kiosk_run.h"
#include "health/systemd_feed.h"
#include "kiosk/kiosk_health.h"
#include "kiosk/session_health.h"
#include "kiosk/session_loop.h"
#include "session/session_settings.h"
#include "spec/document_spec.h"
#include "support/background_program.h"
#include "support/faces.h"
#include "support/fake_notify_socket.h"
#include "support/test_folder.h"

namespace {

using namespace std::chrono;
using namespace kiosk;
using namespace kiosk::test;

// A notification and when it arrived.
struct Heard {
    std::string message;
    steady_clock::time_point at;
};

// Everything the socket hears within `span`.
std::vector<Heard> listen(FakeNotifySocket& systemd, milliseconds span)
{
    std::vector<Heard> heard;
    const auto until = steady_clock::now() + span;
    while (steady_clock::now() < until) {
        const auto left = duration_cast<milliseconds>(until - steady_clock::now());
        if (auto message = systemd.receive(std::max(left, milliseconds(1))))
            heard.push_back({*message, steady_clock::now()});
    }
    return heard;
}

std::vector<steady_clock::time_point> pings(const std::vector<Heard>& heard)
{
    std::vector<steady_clock::time_point> at;
    for (const auto& h : heard)
        if (h.message == "WATCHDOG=1")
            at.push_back(h.at);
    return at;
}

double ms(steady_clock::duration d)
{
    return duration<double, std::milli>(d).count();
}

// Sets an environment variable for the test's life (the kiosk inherits it).
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::string& value) : name_(name) { ::setenv(name, value.c_str(), 1); }
    ~ScopedEnv() { ::unsetenv(name_); }

private:
    const char* name_;
};

class KioskWatchdog : public ::testing::Test {
protected:
    kiosk::test::TestFolder root_{"kiosk-watchdog"};
};

TEST_F(KioskWatchdog, TheKioskProgramSaysReadyPingsAtHalfTheIntervalAndSaysStopping)
{
    KIOSK_REQUIRE_FACES(faces);
    FakeNotifySocket systemd;
    const milliseconds interval(1000);
    ScopedEnv watchdog("WATCHDOG_USEC", std::to_string(duration_cast<microseconds>(interval).count()));
    BackgroundProgram kiosk({KIOSK_BIN, "--demo", "--headless", "--state-dir", (root_.path() / "state").string(), "--faces",
                             faces.string()},
                            root_.path(), "kiosk");

    std::optional<Heard> ready;
    const auto until = steady_clock::now() + seconds(60);
    std::vector<Heard> before_ready;
    while (!ready && steady_clock::now() < until) {
        if (auto message = systemd.receive(seconds(1))) {
            if (*message == "READY=1")
                ready = Heard{*message, steady_clock::now()};
            else
                before_ready.push_back({*message, steady_clock::now()});
        }
    }
    ASSERT_TRUE(ready) << kiosk.err();
    // Nothing is fed before the loop serves: a kiosk stuck in start-up is restarted.
    EXPECT_TRUE(pings(before_ready).empty());

    const auto heard = listen(systemd, milliseconds(4000));
    const auto at = pings(heard);
    ASSERT_GE(at.size(), 6u) << "pings at half of a " << interval.count() << " ms interval over 4 s";
    double shortest = 1e9, longest = 0;
    for (std::size_t i = 1; i < at.size(); ++i) {
        shortest = std::min(shortest, ms(at[i] - at[i - 1]));
        longest = std::max(longest, ms(at[i] - at[i - 1]));
    }
    std::cout << "WATCHDOG=1 every " << shortest << "-" << longest << " ms (" << at.size()
              << " pings in 4 s; WatchdogSec " << interval.count() << " ms, tick 100 ms)\n";
    EXPECT_GE(shortest, 0.45 * static_cast<double>(interval.count()));
    EXPECT_LT(longest, static_cast<double>(interval.count()));
    const bool status_said = std::any_of(heard.begin(), heard.end(), [](const Heard& h) {
        return h.message.starts_with("STATUS=");
    }) || std::any_of(before_ready.begin(), before_ready.end(), [](const Heard& h) {
        return h.message.starts_with("STATUS=");
    });
    EXPECT_TRUE(status_said);

    // The demo made itself a private token and says where: its endpoint answers with it.
    const auto token_file = root_.path() / "state" / "health-token.json";
    struct stat info {};
    ASSERT_EQ(::stat(token_file.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    const auto port = first_match(kiosk.out(), "health endpoint: http://127\\.0\\.0\\.1:([0-9]+)");
    ASSERT_FALSE(port.empty()) << kiosk.out();
    EXPECT_NE(kiosk.out().find(token_file.string()), std::string::npos) << kiosk.out();
    const auto token = load_private_json_file(token_file).at("bearer_token").get<std::string>();
    const auto readyz = scrape(static_cast<std::uint16_t>(std::stoi(port)), "/readyz", token);
    EXPECT_EQ(readyz.status, 200u) << readyz.body;

    kiosk.terminate();
    const auto after = listen(systemd, milliseconds(3000));
    EXPECT_TRUE(std::any_of(after.begin(), after.end(), [](const Heard& h) { return h.message == "STOPPING=1"; }));
    EXPECT_EQ(kiosk.wait(seconds(30)), 0) << kiosk.err();
}

TEST(KioskWatchdogInProcess, PingsStopWhileTheSessionLoopHangsAndResumeAfter)
{
    FakeNotifySocket systemd;
    boost::asio::io_context io;
    health::HealthConfig config;
    config.address = "127.0.0.1";
    config.live_frame_latency_buckets_s = {0.01, 0.1};
    runtime::KioskHealth health(io, config, std::string(40, 't'), health::ReadinessLimits{}, "test");
    health::SystemdNotifier notifier;
    const milliseconds interval(400);
    health::SystemdFeed feed(notifier, health.readiness(), duration_cast<microseconds>(interval));
    runtime::SessionHealth session_health(health, feed);

    const auto config_folder = config_dir();
    runtime::SessionLoop loop(io,
                              std::make_unique<session::Session>(session::SessionSettings::load(config_folder),
                                                                 spec::load_all_specs(config_folder / "specs"),
                                                                 session::SteadyClock::now()),
                              [](const session::Command&) {});
    loop.observe(session_health);
    auto work = boost::asio::make_work_guard(io);
    std::thread io_thread([&io] { io.run(); });
    loop.start_ticks(milliseconds(50));

    ASSERT_EQ(systemd.receive(), "READY=1");
    const auto steady = pings(listen(systemd, milliseconds(1200)));
    ASSERT_GE(steady.size(), 4u);

    const milliseconds hang(1500);
    const auto hang_start = steady_clock::now();
    boost::asio::post(io, [hang] { std::this_thread::sleep_for(hang); });
    const auto heard = listen(systemd, hang + milliseconds(1000));
    const auto hang_end = hang_start + hang;
    const auto at = pings(heard);
    std::size_t during = 0, resumed = 0;
    for (const auto t : at) {
        // A ping already on its way when the task was posted may land just after.
        if (t > hang_start + milliseconds(100) && t < hang_end)
            ++during;
        if (t >= hang_end)
            ++resumed;
    }
    std::cout << "in-process: " << steady.size() << " pings in 1.2 s before the hang, " << during << " during a "
              << hang.count() << " ms hang, " << resumed << " in the 1 s after it\n";
    EXPECT_EQ(during, 0u);
    ASSERT_GE(resumed, 2u);
    EXPECT_LT(ms(at[at.size() - resumed] - hang_end), 300.0) << "the first ping after the hang came late";

    loop.stop_ticks();
    work.reset();
    io.stop();
    io_thread.join();
}

} // namespace
