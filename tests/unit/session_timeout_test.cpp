// Every way a visit ends without the citizen finishing it forgets them: the
// runtime is told (ForgetCitizen) and nothing personal stays on the screen.
#include <gtest/gtest.h>

#include "session_visit_driver.h"

namespace {

using namespace kiosk::session;
using namespace kiosk::session::testing;

// Nothing of the citizen left in the view model.
void expect_forgotten(const VisitDriver& kiosk, const std::vector<Command>& commands)
{
    EXPECT_TRUE(contains<ForgetCitizen>(commands));
    const ViewModel& v = kiosk.view();
    EXPECT_EQ(v.step, Step::Attract);
    EXPECT_TRUE(v.fields.empty());
    EXPECT_EQ(v.review_photo, nullptr);
    EXPECT_TRUE(v.receipt_number.empty());
    EXPECT_TRUE(v.receipt_qr_text.empty());
    EXPECT_FALSE(v.guide);
    EXPECT_EQ(v.locale, "zh-CN");
}

// Drives a fresh kiosk to `step` with personal details typed (and a photo
// taken, for the review) and the screen in English.
void drive_to(VisitDriver& kiosk, Step step)
{
    kiosk.touch(Action::ToggleLanguage);
    kiosk.touch(Action::Start);
    if (step == Step::ChooseDocument)
        return;
    if (step == Step::EnterReceiptNumber) {
        kiosk.touch(Action::ResubmitRejected);
        kiosk.send(DocumentChosen{"resident-id"});
        kiosk.send(FieldEdited{Field::ReceiptNumber, valid_receipt_number()});
        return;
    }
    kiosk.send(DocumentChosen{"resident-id"});
    kiosk.send(FieldEdited{Field::Name, kName});
    kiosk.send(FieldEdited{Field::IdNumber, kIdNumber});
    if (step == Step::ApplicantDetails)
        return;
    kiosk.touch(Action::Next);
    if (step == Step::SeatAndPose)
        return;
    kiosk.hold_until_capture();
    kiosk.send(PhotoReady{VisitDriver::photo()});
}

class IdleTimeout : public ::testing::TestWithParam<Step> {};

TEST_P(IdleTimeout, EndsTheVisitAndForgetsTheCitizen)
{
    VisitDriver kiosk;
    drive_to(kiosk, GetParam());
    ASSERT_EQ(kiosk.session().step(), GetParam());
    const auto timeout = kiosk.settings().idle.timeout.at(GetParam());
    const auto warning = kiosk.settings().idle.warning;

    kiosk.wait(timeout - warning - 1s, 1s);
    EXPECT_FALSE(kiosk.view().idle_warning_seconds) << "too early to warn";
    kiosk.wait(2s, 1s);
    ASSERT_TRUE(kiosk.view().idle_warning_seconds);
    EXPECT_LE(*kiosk.view().idle_warning_seconds, std::chrono::duration_cast<std::chrono::seconds>(warning).count());
    EXPECT_EQ(kiosk.session().step(), GetParam()) << "a warning, not yet the end";

    const auto commands = kiosk.wait(warning, 1s);
    expect_forgotten(kiosk, commands);
}

INSTANTIATE_TEST_SUITE_P(EveryStepWaitingOnTheCitizen, IdleTimeout,
                         ::testing::Values(Step::ChooseDocument, Step::EnterReceiptNumber, Step::ApplicantDetails,
                                           Step::SeatAndPose, Step::Review),
                         [](const auto& info) { return std::string(to_string(info.param)); });

TEST(SessionTimeout, TouchingTheScreenPutsTheIdleTimerBack)
{
    VisitDriver kiosk;
    drive_to(kiosk, Step::ApplicantDetails);
    const auto timeout = kiosk.settings().idle.timeout.at(Step::ApplicantDetails);
    kiosk.wait(timeout - 2s, 1s);
    ASSERT_TRUE(kiosk.view().idle_warning_seconds);
    kiosk.send(FieldFocused{Field::Phone});
    EXPECT_FALSE(kiosk.view().idle_warning_seconds);
    kiosk.wait(5s, 1s);
    EXPECT_EQ(kiosk.session().step(), Step::ApplicantDetails);
}

TEST(SessionTimeout, AFaceInFrontOfTheCameraIsNotIdle)
{
    VisitDriver kiosk;
    drive_to(kiosk, Step::SeatAndPose);
    const auto timeout = kiosk.settings().idle.timeout.at(Step::SeatAndPose);
    auto turned_away = passing_assessment(kiosk.spec("resident-id"));
    set_check(turned_away, "yaw", kiosk::vision::CheckStatus::Fail, "turn_head_straight");
    for (auto t = 0ms; t < 2 * timeout; t += 500ms) {
        kiosk.tick(500ms);
        kiosk.live(turned_away);
    }
    EXPECT_EQ(kiosk.session().step(), Step::SeatAndPose);

    auto nobody = turned_away;
    nobody.face.reset();
    nobody.faces_found = 0;
    std::vector<Command> commands;
    for (auto t = 0ms; t <= timeout; t += 500ms) {
        auto c = kiosk.tick(500ms);
        commands.insert(commands.end(), c.begin(), c.end());
        kiosk.live(nobody);
    }
    expect_forgotten(kiosk, commands);
}

TEST(SessionTimeout, TheDoneScreenReturnsToAttractAndForgets)
{
    VisitDriver kiosk;
    drive_to(kiosk, Step::Review);
    kiosk.touch(Action::Accept);
    const std::string number = valid_receipt_number();
    kiosk.send(SubmissionQueued{number, "https://review.example/r/" + number});
    kiosk.send(SubmissionAcknowledged{number});
    kiosk.send(ReceiptNotPrinted{number, "printer.out_of_paper"});
    ASSERT_EQ(kiosk.session().step(), Step::Done);
    ASSERT_FALSE(kiosk.view().receipt_qr_text.empty());
    const auto commands = kiosk.wait(kiosk.settings().idle.done_return + 1s, 1s);
    expect_forgotten(kiosk, commands);
}

TEST(SessionTimeout, LeavingTheSeatEndsTheVisitButAMomentAwayDoesNot)
{
    VisitDriver kiosk;
    drive_to(kiosk, Step::ApplicantDetails);
    const auto left = kiosk.settings().idle.person_left;
    kiosk.send(OccupancyChanged{false});
    kiosk.wait(left / 2, 500ms);
    kiosk.send(OccupancyChanged{true});
    kiosk.wait(left, 500ms);
    EXPECT_EQ(kiosk.session().step(), Step::ApplicantDetails) << "standing up to fetch the ID card is fine";

    kiosk.send(OccupancyChanged{false});
    const auto commands = kiosk.wait(left + 1s, 500ms);
    expect_forgotten(kiosk, commands);
}

TEST(SessionTimeout, CancelForgetsTheCitizen)
{
    VisitDriver kiosk;
    drive_to(kiosk, Step::Review);
    expect_forgotten(kiosk, kiosk.touch(Action::Cancel));
}

TEST(SessionTimeout, AttractNeverTimesOut)
{
    VisitDriver kiosk;
    const auto commands = kiosk.wait(10min, 10s);
    EXPECT_EQ(kiosk.session().step(), Step::Attract);
    EXPECT_TRUE(commands.empty());
}

} // namespace
