// The pose step: one instruction at a time, the hold before the countdown,
// the countdown and what cancels it, and the seat and lights it steers.
#include <gtest/gtest.h>

#include "session/framing.h"
#include "session_visit_driver.h"

namespace {

using namespace kiosk::session;
using namespace kiosk::session::testing;
using kiosk::vision::CheckStatus;

TEST(SessionPose, ShowsOneInstructionTheMostImportantFirst)
{
    VisitDriver kiosk;
    kiosk.walk_to_pose();
    auto a = passing_assessment(kiosk.spec("resident-id"));
    set_check(a, "earrings", CheckStatus::Fail, "remove_earrings");
    set_check(a, "glasses", CheckStatus::Fail, "remove_glasses");
    set_check(a, "pitch", CheckStatus::Fail, "level_chin");
    kiosk.live(a);
    ASSERT_TRUE(kiosk.view().guide && kiosk.view().guide->instruction);
    EXPECT_EQ(kiosk.view().guide->instruction->key, "advice.level_chin") << "pose before accessories";
    EXPECT_FALSE(kiosk.view().guide->all_checks_pass);

    set_check(a, "pitch", CheckStatus::Pass, "");
    kiosk.live(a);
    EXPECT_EQ(kiosk.view().guide->instruction->key, "advice.remove_glasses");

    set_check(a, "glasses", CheckStatus::Pass, "");
    kiosk.live(a);
    EXPECT_EQ(kiosk.view().guide->instruction->key, "advice.remove_earrings");

    set_check(a, "earrings", CheckStatus::Pass, "");
    kiosk.live(a);
    EXPECT_FALSE(kiosk.view().guide->instruction);
    EXPECT_TRUE(kiosk.view().guide->all_checks_pass);
}

TEST(SessionPose, TheGuideCarriesTheFrameItWasComputedFrom)
{
    VisitDriver kiosk;
    kiosk.walk_to_pose();
    ASSERT_TRUE(kiosk.view().guide);
    EXPECT_EQ(kiosk.view().guide->target, kiosk.settings().default_guide) << "before any frame";
    const auto a = passing_assessment(kiosk.spec("resident-id"));
    kiosk.live(a);
    const PoseGuide& guide = *kiosk.view().guide;
    EXPECT_EQ(guide.frame_time, kiosk.now());
    EXPECT_EQ(guide.frame_sequence, 1u);
    const auto expected = guide_target(a.face->box, *a.crop, kiosk.spec("resident-id").output, kFrame);
    EXPECT_EQ(guide.target, expected);
    EXPECT_GT(guide.target.width, 0);
}

TEST(SessionPose, HoldsBeforeTheCountdownAndAFailureStartsTheHoldAgain)
{
    VisitDriver kiosk;
    kiosk.walk_to_pose();
    const auto hold = kiosk.settings().capture.hold;
    const auto good = passing_assessment(kiosk.spec("resident-id"));
    auto blink = good;
    set_check(blink, "eyes_open", CheckStatus::Fail, "open_eyes");

    kiosk.live(good);
    kiosk.tick(hold / 2);
    kiosk.live(good);
    EXPECT_NEAR(kiosk.view().guide->hold_progress, 0.5, 1e-6);
    kiosk.tick(100ms);
    kiosk.live(blink);
    EXPECT_EQ(kiosk.view().guide->hold_progress, 0);
    kiosk.tick(100ms);
    kiosk.live(good);
    kiosk.tick(hold - 100ms);
    kiosk.live(good);
    EXPECT_EQ(kiosk.session().step(), Step::SeatAndPose) << "the hold restarted at the blink";
    kiosk.tick(100ms);
    kiosk.live(good);
    EXPECT_EQ(kiosk.session().step(), Step::Countdown);
    EXPECT_EQ(kiosk.view().countdown, kiosk.settings().capture.countdown_from);
}

TEST(SessionPose, TheCountdownShowsEachNumberThenAsksForTheStill)
{
    VisitDriver kiosk;
    kiosk.walk_to_pose();
    const auto good = passing_assessment(kiosk.spec("resident-id"));
    const auto& capture = kiosk.settings().capture;
    kiosk.live(good);
    kiosk.tick(capture.hold);
    kiosk.live(good);
    ASSERT_EQ(kiosk.session().step(), Step::Countdown);
    std::vector<int> shown;
    std::vector<Command> commands;
    for (int i = 0; i < 100 && kiosk.session().step() == Step::Countdown; ++i) {
        if (shown.empty() || shown.back() != kiosk.view().countdown)
            shown.push_back(kiosk.view().countdown);
        commands = kiosk.tick(capture.countdown_step / 4);
        kiosk.live(good);
    }
    EXPECT_EQ(shown, (std::vector<int>{3, 2, 1}));
    EXPECT_EQ(kiosk.session().step(), Step::Capturing);
    EXPECT_TRUE(contains<CaptureStill>(commands));
}

TEST(SessionPose, AFailingCheckCancelsTheCountdown)
{
    VisitDriver kiosk;
    kiosk.walk_to_pose();
    const auto good = passing_assessment(kiosk.spec("resident-id"));
    kiosk.live(good);
    kiosk.tick(kiosk.settings().capture.hold);
    kiosk.live(good);
    ASSERT_EQ(kiosk.session().step(), Step::Countdown);
    kiosk.tick(kiosk.settings().capture.countdown_step);
    auto smile = good;
    set_check(smile, "expression_neutral", CheckStatus::Fail, "neutral_expression");
    const auto commands = kiosk.live(smile);
    EXPECT_EQ(kiosk.session().step(), Step::SeatAndPose);
    EXPECT_FALSE(contains<CaptureStill>(commands));
    ASSERT_TRUE(kiosk.view().guide->instruction);
    EXPECT_EQ(kiosk.view().guide->instruction->key, "advice.neutral_expression");
    // The time already counted is not carried over: a full hold again.
    kiosk.wait(kiosk.settings().capture.countdown_step * 5);
    EXPECT_EQ(kiosk.session().step(), Step::SeatAndPose);
}

TEST(SessionPose, AssessmentsForAnotherDocumentAreIgnored)
{
    VisitDriver kiosk;
    kiosk.walk_to_pose("resident-id");
    const auto stale = passing_assessment(kiosk.spec("exit-entry"));
    for (int i = 0; i < 30; ++i) {
        kiosk.tick(100ms);
        kiosk.live(stale);
    }
    EXPECT_EQ(kiosk.session().step(), Step::SeatAndPose);
    EXPECT_EQ(kiosk.view().guide->frame_sequence, 0u);
}

TEST(SessionPose, TheSeatIsSteeredAtMostOncePerIntervalAndNotWhileMoving)
{
    VisitDriver kiosk;
    kiosk.send(SeatChanged{500, false});
    kiosk.walk_to_pose();
    // Eyes low in the frame: the citizen sits too low.
    auto low = passing_assessment(kiosk.spec("resident-id"), 520);
    set_check(low, "face_centered", CheckStatus::Fail, "move_to_centre");
    auto commands = kiosk.live(low);
    const auto* move = find<MoveSeat>(commands);
    ASSERT_NE(move, nullptr);
    EXPECT_GT(move->target_mm, 500) << "raised";
    EXPECT_LE(move->target_mm, 500 + kiosk.settings().seat.max_step_mm);

    kiosk.tick(100ms);
    EXPECT_FALSE(contains<MoveSeat>(kiosk.live(low))) << "within the interval";
    kiosk.send(SeatChanged{510, true});
    kiosk.tick(kiosk.settings().seat.min_interval);
    EXPECT_FALSE(contains<MoveSeat>(kiosk.live(low))) << "while the seat is moving";
    kiosk.send(SeatChanged{move->target_mm, false});
    kiosk.tick(100ms);
    EXPECT_TRUE(contains<MoveSeat>(kiosk.live(low)));
}

TEST(SessionPose, WithoutTheControllerTheVisitGoesOnWithoutSeatOrLights)
{
    VisitDriver kiosk;
    kiosk.send(SeatChanged{500, false});
    kiosk.send(DeviceChanged{Device::Controller, false, "controller.not_connected"});
    kiosk.walk_to_pose();
    EXPECT_FALSE(contains<SetLights>(kiosk.all_commands()));
    auto low = passing_assessment(kiosk.spec("resident-id"), 520);
    set_check(low, "face_shadow", CheckStatus::Fail, "even_face_light", 1.6);
    kiosk.live(low);
    kiosk.send(OccupancyChanged{false}); // a sensor that is not there says nothing reliable
    kiosk.hold_until_capture();
    EXPECT_EQ(kiosk.session().step(), Step::Capturing);
    EXPECT_FALSE(contains<MoveSeat>(kiosk.all_commands()));
    EXPECT_FALSE(contains<SetLights>(kiosk.all_commands()));
}

TEST(SessionPose, AControllerThatComesBackDuringThePoseLightsTheBooth)
{
    VisitDriver kiosk;
    kiosk.send(SeatChanged{500, false});
    kiosk.send(DeviceChanged{Device::Controller, false, "controller.not_connected"});
    kiosk.send(DeviceChanged{Device::Controller, true, ""});
    EXPECT_FALSE(contains<SetLights>(kiosk.all_commands())) << "nobody sits in the booth yet";

    kiosk.send(DeviceChanged{Device::Controller, false, "controller.not_connected"});
    kiosk.walk_to_pose();
    EXPECT_FALSE(contains<SetLights>(kiosk.all_commands()));
    const auto commands = kiosk.send(DeviceChanged{Device::Controller, true, ""});
    const auto* lights = find<SetLights>(commands);
    ASSERT_NE(lights, nullptr) << "a board that arrives mid-pose starts with its lamps off";
    EXPECT_EQ(lights->levels, kiosk.settings().lights.start);
    EXPECT_FALSE(contains<SetLights>(kiosk.send(DeviceChanged{Device::Controller, true, ""})))
        << "a repeated ready says nothing new";
}

TEST(SessionPose, TheLightsWaitForTheirLastChangeToShow)
{
    VisitDriver kiosk;
    kiosk.walk_to_pose();
    auto shadowed = passing_assessment(kiosk.spec("resident-id"));
    set_check(shadowed, "face_shadow", CheckStatus::Fail, "even_face_light", 1.6);
    const auto settle = kiosk.settings().lights.settle;
    kiosk.tick(settle);
    EXPECT_TRUE(contains<SetLights>(kiosk.live(shadowed)));
    kiosk.tick(settle / 2);
    EXPECT_FALSE(contains<SetLights>(kiosk.live(shadowed))) << "a frame taken before the lights settled";
    kiosk.tick(settle);
    EXPECT_TRUE(contains<SetLights>(kiosk.live(shadowed)));
}

} // namespace
