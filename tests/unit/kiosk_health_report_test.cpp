// What the kiosk's parts report into its health: each part blocks and clears
// its own readiness reason (a code) and sets its metrics; the session loop's
// events become visit counts. In process, no devices: the reports are made
// the way the runtime makes them.
#include <cmath>

#include <gtest/gtest.h>

#include "health/systemd_feed.h"
#include "kiosk/kiosk_health.h"
#include "kiosk/session_health.h"

namespace kiosk::runtime {
namespace {

using Reasons = std::map<std::string, std::string>;

health::HealthConfig loopback_config()
{
    health::HealthConfig config;
    config.address = "127.0.0.1";
    config.live_frame_latency_buckets_s = {0.01, 0.05, 0.1};
    return config;
}

health::ReadinessLimits limits(bool controller_blocks)
{
    health::ReadinessLimits limits;
    limits.outbox_oldest_pending_max = std::chrono::hours(1);
    limits.disk_free_min_bytes = 100 * 1024 * 1024;
    limits.controller_blocks = controller_blocks;
    return limits;
}

class KioskHealthReports : public ::testing::Test {
protected:
    boost::asio::io_context io_;
    KioskHealth health_{io_, loopback_config(), std::string(40, 't'), limits(false), "test"};

    Reasons reasons() const { return health_.readiness().state().reasons; }
};

TEST_F(KioskHealthReports, NotReadyUntilRunningWithACameraAndAPrinterThenEachPartItsOwnReason)
{
    EXPECT_EQ(reasons(), (Reasons{{"kiosk", "starting"}, {"camera", "starting"}, {"printer", "not_checked"}}));
    health_.camera(camera::CameraState::Streaming);
    health_.printer(printer::Problem::None);
    EXPECT_EQ(reasons(), (Reasons{{"kiosk", "starting"}}));
    EXPECT_EQ(health_.metrics().ready.value(), 0);
    health_.running();
    EXPECT_TRUE(health_.readiness().state().ready);
    EXPECT_EQ(health_.metrics().ready.value(), 1);

    health_.printer(printer::Problem::PaperOut);
    health_.camera(camera::CameraState::Unavailable);
    EXPECT_EQ(reasons(), (Reasons{{"camera", "unavailable"}, {"printer", "paper-out"}}));
    EXPECT_EQ(health_.metrics().printer_paper_out.value(), 1);
    EXPECT_EQ(health_.metrics().printer_up.value(), 0);
    EXPECT_EQ(health_.metrics().camera_fault.value(), 1);
    EXPECT_EQ(health_.metrics().camera_up.value(), 0);

    // The printer recovering leaves the camera's reason standing.
    health_.printer(printer::Problem::PaperLow);   // still prints
    EXPECT_EQ(reasons(), (Reasons{{"camera", "unavailable"}}));
    EXPECT_EQ(health_.metrics().printer_up.value(), 1);
    EXPECT_EQ(health_.metrics().printer_paper_out.value(), 0);
    health_.camera(camera::CameraState::Streaming);
    EXPECT_TRUE(health_.readiness().state().ready);

    health_.stopping();
    EXPECT_EQ(reasons(), (Reasons{{"kiosk", "stopping"}}));
}

TEST_F(KioskHealthReports, NeverCalibratedIsOlderThanAnyLimit)
{
    // Until the profile store feeds it, the age says "never calibrated".
    EXPECT_TRUE(std::isinf(health_.metrics().calibration_profile_age.value()));
    EXPECT_GT(health_.metrics().calibration_profile_age.value(), 0);
}

TEST_F(KioskHealthReports, StuckUploadsAndALowDiskBlockAtTheirConfiguredLimits)
{
    upload::OutboxStatus outbox;
    outbox.depth = 3;
    outbox.oldest_pending_age = std::chrono::seconds(3600);
    health_.outbox(outbox);
    EXPECT_EQ(reasons().count("outbox"), 0u) << "at the limit is not over it";
    EXPECT_EQ(health_.metrics().outbox_pending.value(), 3);
    EXPECT_EQ(health_.metrics().outbox_oldest_pending_age.value(), 3600);
    outbox.oldest_pending_age = std::chrono::seconds(3601);
    health_.outbox(outbox);
    EXPECT_EQ(reasons().at("outbox"), "uploads_stuck");
    health_.outbox(upload::OutboxStatus{});
    EXPECT_EQ(reasons().count("outbox"), 0u);
    EXPECT_EQ(health_.metrics().outbox_oldest_pending_age.value(), 0);

    health_.disk_free(99 * 1024 * 1024);
    EXPECT_EQ(reasons().at("disk"), "low_space");
    EXPECT_EQ(health_.metrics().disk_free.value(), 99.0 * 1024 * 1024);
    health_.disk_free(101 * 1024 * 1024);
    EXPECT_EQ(reasons().count("disk"), 0u);
}

TEST_F(KioskHealthReports, AMissingControllerIsDegradedServiceNotUnreadinessUnlessConfigured)
{
    health_.controller(lightseat::StateChanged{lightseat::ControllerState::Searching, ""});
    EXPECT_EQ(reasons().count("controller"), 0u);
    EXPECT_EQ(health_.metrics().controller_up.value(), 0);
    health_.controller(lightseat::FaultsChanged{lightseat::Faults{true, false}});
    EXPECT_EQ(health_.metrics().controller_faults.value(), 1u);

    boost::asio::io_context io;
    KioskHealth strict(io, loopback_config(), std::string(40, 't'), limits(true), "test");
    strict.controller(lightseat::StateChanged{lightseat::ControllerState::Searching, ""});
    EXPECT_EQ(strict.readiness().state().reasons.at("controller"), "searching");
    strict.controller(lightseat::FaultsChanged{lightseat::Faults{false, true}});
    EXPECT_EQ(strict.readiness().state().reasons.at("controller_board"), "board_fault");
    // The fault clearing does not hide the board that is still missing.
    strict.controller(lightseat::FaultsChanged{lightseat::Faults{}});
    EXPECT_EQ(strict.readiness().state().reasons.count("controller_board"), 0u);
    EXPECT_EQ(strict.readiness().state().reasons.at("controller"), "searching");
    strict.controller(lightseat::StateChanged{lightseat::ControllerState::Ready, ""});
    EXPECT_EQ(strict.readiness().state().reasons.count("controller"), 0u);
    EXPECT_EQ(strict.metrics().controller_up.value(), 1);
}

TEST_F(KioskHealthReports, TheSessionLoopsEventsBecomeVisitCountsAndLatency)
{
    health::SystemdNotifier notifier;   // no NOTIFY_SOCKET: says nothing
    health::SystemdFeed feed(notifier, health_.readiness(), std::nullopt);
    SessionHealth session(health_, feed);
    using session::Step;
    const auto view = [](Step step) {
        session::ViewModel v;
        v.step = step;
        return v;
    };
    auto& m = health_.metrics();

    session.handled(session::ActionTouched{session::Action::Start}, Step::Attract, view(Step::ChooseDocument));
    session.handled(session::ActionTouched{session::Action::Retake}, Step::Review, view(Step::SeatAndPose));
    session.handled(session::ReceiptPrinted{"X"}, Step::Printing, view(Step::Done));
    session.handled(session::Tick{}, Step::Done, view(Step::Attract));
    EXPECT_EQ(m.sessions_started.value(), 1u);
    EXPECT_EQ(m.capture_retakes.value(), 1u);
    EXPECT_EQ(m.sessions_completed.value(), 1u);
    EXPECT_EQ(m.sessions_abandoned("timeout").value(), 0u) << "leaving the done screen is no abandonment";
    EXPECT_GT(m.last_session_end.value(), 1.7e9);

    session.handled(session::ActionTouched{session::Action::Start}, Step::Attract, view(Step::ChooseDocument));
    session.handled(session::Tick{}, Step::ApplicantDetails, view(Step::Attract));
    session.handled(session::ActionTouched{session::Action::Start}, Step::Attract, view(Step::ChooseDocument));
    session.handled(session::OccupancyChanged{false}, Step::SeatAndPose, view(Step::Attract));
    session.handled(session::ActionTouched{session::Action::Start}, Step::Attract, view(Step::ChooseDocument));
    session.handled(session::ActionTouched{session::Action::Cancel}, Step::ChooseDocument, view(Step::Attract));
    session.handled(session::ActionTouched{session::Action::Start}, Step::Attract, view(Step::ChooseDocument));
    session.handled(session::DeviceChanged{session::Device::Camera, false, "x"}, Step::SeatAndPose,
                    view(Step::OutOfService));
    EXPECT_EQ(m.sessions_started.value(), 5u);
    EXPECT_EQ(m.sessions_abandoned("timeout").value(), 1u);
    EXPECT_EQ(m.sessions_abandoned("walked_away").value(), 1u);
    EXPECT_EQ(m.sessions_abandoned("cancelled").value(), 1u);
    EXPECT_EQ(m.sessions_abandoned("device_lost").value(), 1u);
    // A retake the limit refused (the session stays on review) is not one.
    session.handled(session::ActionTouched{session::Action::Retake}, Step::Review, view(Step::Review));
    EXPECT_EQ(m.capture_retakes.value(), 1u);

    session.guidance_published(std::chrono::milliseconds(30));
    session.guidance_published(std::chrono::milliseconds(70));
    const auto latency = m.live_frame_latency.snapshot();
    EXPECT_EQ(latency.count, 2u);
    EXPECT_EQ(latency.cumulative, (std::vector<std::uint64_t>{0, 1, 2, 2}));

    EXPECT_EQ(health_.readiness().state().reasons.count("kiosk"), 1u);
    session.ticked(session::SteadyClock::now());
    EXPECT_EQ(health_.readiness().state().reasons.count("kiosk"), 0u) << "the first tick: the loop runs";
}

} // namespace
} // namespace kiosk::runtime
