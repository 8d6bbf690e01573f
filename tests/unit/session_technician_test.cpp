// The technician's way in: the hidden gesture only while nobody is served,
// the PIN (wrong tries, the lock counted down, timeouts) and the menu, all
// with events alone.
#include <gtest/gtest.h>

#include "session_visit_driver.h"

namespace {

using namespace kiosk::session;
using namespace kiosk::session::testing;
using kiosk::calibration::Outcome;
using kiosk::calibration::ProcedureReport;

std::string notice_key(const VisitDriver& kiosk)
{
    return kiosk.view().notice ? kiosk.view().notice->key : "";
}

std::string notice_arg(const VisitDriver& kiosk, const std::string& name)
{
    return kiosk.view().notice ? kiosk.view().notice->args.at(name) : "";
}

// Types `pin` and sends it; returns the PIN the runtime was asked to check.
std::string type_and_send(VisitDriver& kiosk, const std::string& pin)
{
    kiosk.send(TechnicianPinEdited{pin});
    const auto commands = kiosk.touch(Action::Next);
    const auto* check = find<CheckTechnicianPin>(commands);
    return check ? check->pin : "";
}

std::optional<Button> button_for(const VisitDriver& kiosk, Action action)
{
    for (const auto& b : kiosk.view().buttons)
        if (b.action == action)
            return b;
    return std::nullopt;
}

bool next_enabled(const VisitDriver& kiosk)
{
    const auto next = button_for(kiosk, Action::Next);
    return next && next->enabled;
}

// Through the gesture and an accepted PIN to the menu, with this active profile.
void enter_menu(VisitDriver& kiosk, std::optional<ProfileSummary> profile)
{
    kiosk.send(TechnicianGesture{});
    type_and_send(kiosk, "246810");
    kiosk.send(TechnicianPinChecked{PinVerdict::Accepted, "li.wei", 0, {}});
    kiosk.send(CalibrationReports{{}, std::move(profile)});
}

ProfileSummary profile_summary(int version, bool can_roll_back)
{
    return {"20261125T210000Z-" + std::to_string(version), version, "li.wei", "2026-11-25 21:00", can_roll_back};
}

TEST(SessionTechnician, GestureOnTheAttractScreenOpensAMaskedPinScreen)
{
    VisitDriver kiosk;
    kiosk.send(TechnicianGesture{});
    ASSERT_EQ(kiosk.view().step, Step::TechnicianPin);
    EXPECT_EQ(kiosk.view().title.key, "calibration.pin.title");
    kiosk.send(TechnicianPinEdited{"2468"});
    EXPECT_EQ(kiosk.view().pin_digits, 4u);
    EXPECT_TRUE(kiosk.view().fields.empty()) << "the PIN is never shown as a field's text";
    EXPECT_TRUE(next_enabled(kiosk));
    // Letters and overlong input are not kept.
    kiosk.send(TechnicianPinEdited{"2468a"});
    kiosk.send(TechnicianPinEdited{"1234567890123"});
    EXPECT_EQ(kiosk.view().pin_digits, 4u);
}

TEST(SessionTechnician, GestureIsIgnoredWhileACitizenIsServed)
{
    VisitDriver kiosk;
    kiosk.walk_to_pose();
    ASSERT_EQ(kiosk.view().step, Step::SeatAndPose);
    kiosk.send(TechnicianGesture{});
    EXPECT_EQ(kiosk.view().step, Step::SeatAndPose);

    VisitDriver details;
    details.touch(Action::Start);
    details.send(DocumentChosen{"resident-id"});
    details.send(FieldEdited{Field::Name, kName});
    details.send(TechnicianGesture{});
    EXPECT_EQ(details.view().step, Step::ApplicantDetails);
}

TEST(SessionTechnician, GestureWorksOutOfServiceSoATechnicianCanFixTheKiosk)
{
    VisitDriver kiosk;
    kiosk.send(DeviceChanged{Device::Printer, false, "printer.out_of_paper"});
    ASSERT_EQ(kiosk.view().step, Step::OutOfService);
    kiosk.send(TechnicianGesture{});
    EXPECT_EQ(kiosk.view().step, Step::TechnicianPin);
}

TEST(SessionTechnician, RightPinOpensTheMenuWithTheLastResults)
{
    VisitDriver kiosk;
    kiosk.send(TechnicianGesture{});
    EXPECT_EQ(type_and_send(kiosk, "246810"), "246810");
    EXPECT_EQ(kiosk.view().pin_digits, 0u) << "the session forgets the PIN once it is sent";
    EXPECT_EQ(notice_key(kiosk), "calibration.pin.checking");
    EXPECT_FALSE(next_enabled(kiosk)) << "no second check while one is under way";

    const auto commands = kiosk.send(TechnicianPinChecked{PinVerdict::Accepted, "li.wei", 0, {}});
    EXPECT_TRUE(contains<LoadCalibrationReports>(commands));
    ASSERT_EQ(kiosk.view().step, Step::TechnicianMenu);
    EXPECT_EQ(kiosk.view().subtitle->args.at("technician"), "li.wei");
    ASSERT_EQ(kiosk.view().procedures.size(), 6u);
    EXPECT_EQ(kiosk.view().procedures[0].procedure, "background_plate");
    EXPECT_FALSE(kiosk.view().procedures[0].last);

    kiosk.send(CalibrationReports{{ProcedureReport{"light_balance", Outcome::Pass, {{"ratio", 0.98, 0.95, ">=", ""}},
                                                   "", "balanced"}}, std::nullopt});
    const auto& light = kiosk.view().procedures[2];
    EXPECT_EQ(light.name.key, "calibration.procedure.light_balance");
    ASSERT_TRUE(light.last);
    EXPECT_EQ(light.last->outcome, Outcome::Pass);
}

TEST(SessionTechnician, WrongPinsCountDownAndTheLockIsShownWithItsTime)
{
    VisitDriver kiosk;
    kiosk.send(TechnicianGesture{});
    type_and_send(kiosk, "111111");
    kiosk.send(TechnicianPinChecked{PinVerdict::Wrong, "", 4, {}});
    EXPECT_EQ(kiosk.view().step, Step::TechnicianPin);
    EXPECT_EQ(notice_key(kiosk), "calibration.pin.wrong");
    EXPECT_EQ(notice_arg(kiosk, "tries"), "4");

    type_and_send(kiosk, "222222");
    kiosk.send(TechnicianPinChecked{PinVerdict::Wrong, "", 0, std::chrono::seconds(60)});
    EXPECT_EQ(notice_key(kiosk), "calibration.pin.locked");
    EXPECT_EQ(notice_arg(kiosk, "seconds"), "60");
    kiosk.tick(15s);
    EXPECT_EQ(notice_arg(kiosk, "seconds"), "45");
    // While locked nothing is sent to be checked, however often Next is touched.
    EXPECT_EQ(type_and_send(kiosk, "246810"), "");
    EXPECT_FALSE(next_enabled(kiosk));
    // Typing keeps the screen from timing out while the lock runs down.
    for (int i = 0; i < 3; ++i) {
        kiosk.tick(14s);
        kiosk.send(TechnicianPinEdited{"2"});
    }
    kiosk.tick(4s);
    ASSERT_EQ(kiosk.view().step, Step::TechnicianPin);
    EXPECT_EQ(notice_key(kiosk), "");
    EXPECT_EQ(type_and_send(kiosk, "246810"), "246810");

    // A lock the runtime reports (set by earlier tries) shows the same way.
    kiosk.send(TechnicianPinChecked{PinVerdict::Locked, "", 0, std::chrono::seconds(120)});
    EXPECT_EQ(notice_arg(kiosk, "seconds"), "120");
}

TEST(SessionTechnician, AKioskWithoutPinsSaysSo)
{
    VisitDriver kiosk;
    kiosk.send(TechnicianGesture{});
    type_and_send(kiosk, "246810");
    kiosk.send(TechnicianPinChecked{PinVerdict::Unavailable, "", 0, {}});
    EXPECT_EQ(notice_key(kiosk), "calibration.pin.unavailable");
    EXPECT_FALSE(next_enabled(kiosk));
}

TEST(SessionTechnician, IdlePinScreenAndMenuGoBackToAttract)
{
    VisitDriver kiosk;
    kiosk.send(TechnicianGesture{});
    kiosk.send(TechnicianPinEdited{"24"});
    kiosk.wait(29s, 1s);
    EXPECT_EQ(kiosk.view().step, Step::TechnicianPin);
    EXPECT_TRUE(kiosk.view().idle_warning_seconds);
    kiosk.wait(2s, 1s);
    EXPECT_EQ(kiosk.view().step, Step::Attract);

    kiosk.send(TechnicianGesture{});
    EXPECT_EQ(kiosk.view().pin_digits, 0u) << "a new entry starts with nothing typed";
    type_and_send(kiosk, "246810");
    kiosk.send(TechnicianPinChecked{PinVerdict::Accepted, "li.wei", 0, {}});
    kiosk.wait(299s, 1s);
    EXPECT_EQ(kiosk.view().step, Step::TechnicianMenu);
    kiosk.wait(2s, 1s);
    EXPECT_EQ(kiosk.view().step, Step::Attract);
}

TEST(SessionTechnician, TheMenuWaitsForARunningProcedureThenTimesOut)
{
    VisitDriver kiosk;
    kiosk.send(TechnicianGesture{});
    type_and_send(kiosk, "246810");
    kiosk.send(TechnicianPinChecked{PinVerdict::Accepted, "li.wei", 0, {}});

    const auto chosen = kiosk.send(ProcedureChosen{"seat"});
    const auto* run = find<RunCalibration>(chosen);
    ASSERT_TRUE(run);
    EXPECT_EQ(run->procedure, "seat");
    EXPECT_EQ(run->technician, "li.wei");
    EXPECT_TRUE(kiosk.view().procedures[3].running);
    EXPECT_FALSE(find<RunCalibration>(kiosk.send(ProcedureChosen{"printer"}))) << "one procedure at a time";
    EXPECT_FALSE(find<RunCalibration>(kiosk.send(ProcedureChosen{"format_disk"})));

    kiosk.wait(400s, 5s);
    EXPECT_EQ(kiosk.view().step, Step::TechnicianMenu) << "no timeout while the seat is being measured";
    kiosk.send(CalibrationReports{{ProcedureReport{"seat", Outcome::Fail, {}, "", "stalled"}}, std::nullopt});
    EXPECT_FALSE(kiosk.view().procedures[3].running);
    EXPECT_EQ(kiosk.view().procedures[3].last->detail, "stalled");
    kiosk.wait(301s, 5s);
    EXPECT_EQ(kiosk.view().step, Step::Attract);
}

TEST(SessionTechnician, CancelLeavesAndForgetsTheTechnician)
{
    VisitDriver kiosk;
    kiosk.send(TechnicianGesture{});
    type_and_send(kiosk, "246810");
    kiosk.send(TechnicianPinChecked{PinVerdict::Accepted, "li.wei", 0, {}});
    kiosk.touch(Action::Cancel);
    EXPECT_EQ(kiosk.view().step, Step::Attract);
    // A late answer for the old entry changes nothing.
    kiosk.send(TechnicianPinChecked{PinVerdict::Accepted, "li.wei", 0, {}});
    EXPECT_EQ(kiosk.view().step, Step::Attract);
    kiosk.send(TechnicianGesture{});
    EXPECT_EQ(kiosk.view().step, Step::TechnicianPin);
    EXPECT_EQ(notice_key(kiosk), "");
}

TEST(SessionTechnician, AnEmptySeatDoesNotEndTheTechniciansVisit)
{
    VisitDriver kiosk;
    kiosk.send(DeviceChanged{Device::Controller, true, ""});
    kiosk.send(OccupancyChanged{false});
    kiosk.send(TechnicianGesture{});
    kiosk.wait(20s, 1s);
    EXPECT_EQ(kiosk.view().step, Step::TechnicianPin);
}

TEST(SessionTechnician, TheMenuShowsTheRunningProceduresProgressAndCanStopIt)
{
    VisitDriver kiosk;
    enter_menu(kiosk, profile_summary(3, true));
    kiosk.send(ProcedureChosen{"light_balance"});
    kiosk::calibration::ProcedureProgress progress{"light_balance", 2, 8, {{"balance", 0.91, 0.95, ">=", ""}}};
    kiosk.send(CalibrationProgress{progress});
    kiosk.send(CalibrationProgress{{"seat", 1, 4, {}}}); // not the one running: ignored
    const auto& row = kiosk.view().procedures[2];
    ASSERT_TRUE(row.progress);
    EXPECT_EQ(row.progress->step, 2);
    EXPECT_EQ(row.progress->of, 8);
    EXPECT_FALSE(kiosk.view().procedures[3].progress);

    // The seat and lamps are being driven: leaving is refused until it is stopped.
    EXPECT_FALSE(button_for(kiosk, Action::Cancel)->enabled);
    EXPECT_FALSE(button_for(kiosk, Action::RollbackProfile)->enabled);
    kiosk.touch(Action::Cancel);
    EXPECT_EQ(kiosk.view().step, Step::TechnicianMenu);

    ASSERT_TRUE(button_for(kiosk, Action::StopProcedure));
    EXPECT_TRUE(contains<CancelCalibration>(kiosk.touch(Action::StopProcedure)));
    EXPECT_EQ(notice_key(kiosk), "calibration.menu.stopping");
    EXPECT_FALSE(contains<CancelCalibration>(kiosk.touch(Action::StopProcedure))) << "asked once";

    kiosk.send(CalibrationReports{{ProcedureReport{"light_balance", Outcome::Error, {}, "advice.cancelled", "stopped"}},
                                  profile_summary(3, true)});
    EXPECT_FALSE(kiosk.view().procedures[2].running);
    EXPECT_FALSE(kiosk.view().procedures[2].progress);
    EXPECT_FALSE(button_for(kiosk, Action::StopProcedure));
    EXPECT_TRUE(button_for(kiosk, Action::Cancel)->enabled);
}

TEST(SessionTechnician, RollbackIsOfferedOnlyWhenThereIsAProfileToGoBackTo)
{
    VisitDriver never;
    enter_menu(never, std::nullopt);
    EXPECT_FALSE(never.view().profile);
    EXPECT_FALSE(button_for(never, Action::RollbackProfile)->enabled);
    EXPECT_FALSE(contains<RollbackCalibration>(never.touch(Action::RollbackProfile)));

    VisitDriver kiosk;
    enter_menu(kiosk, profile_summary(4, true));
    ASSERT_TRUE(kiosk.view().profile);
    EXPECT_EQ(kiosk.view().profile->version, 4);
    const auto touched = kiosk.touch(Action::RollbackProfile);
    const auto* rollback = find<RollbackCalibration>(touched);
    ASSERT_TRUE(rollback);
    EXPECT_EQ(rollback->technician, "li.wei");
    EXPECT_EQ(notice_key(kiosk), "calibration.menu.rolling_back");
    EXPECT_FALSE(find<RunCalibration>(kiosk.send(ProcedureChosen{"printer"}))) << "not while rolling back";
    kiosk.send(CalibrationReports{{ProcedureReport{"seat", Outcome::Pass, {}, "", "stops 353/657"}},
                                  profile_summary(3, true)});
    EXPECT_EQ(kiosk.view().profile->version, 3);
    EXPECT_EQ(kiosk.view().procedures[3].last->detail, "stops 353/657");
    EXPECT_EQ(notice_key(kiosk), "");
}

TEST(SessionTechnician, TheNextVisitStartsFromTheCalibratedBooth)
{
    VisitDriver kiosk;
    kiosk.send(SeatChanged{500, false});
    BoothCalibrated booth;
    booth.lights = kiosk::lightseat::LightLevels{540, 660, 720};
    booth.seat_travel = kiosk::lightseat::SeatTravel{480, 560};
    booth.seat_mm_per_frame_height = 300;
    kiosk.send(booth);

    kiosk.walk_to_pose();
    const auto* lights = find<SetLights>(kiosk.all_commands());
    ASSERT_TRUE(lights);
    EXPECT_EQ(lights->levels.key_left, 540);
    EXPECT_EQ(lights->levels.key_right, 660);
    EXPECT_EQ(lights->levels.background, 720);

    // Eyes far too low: the seat goes up, but never past the measured upper stop.
    auto low = passing_assessment(kiosk.spec("resident-id"), 700);
    set_check(low, "face_centered", kiosk::vision::CheckStatus::Fail, "move_to_centre");
    const auto steered = kiosk.live(low);
    const auto* move = find<MoveSeat>(steered);
    ASSERT_TRUE(move);
    EXPECT_GT(move->target_mm, 500);
    EXPECT_LE(move->target_mm, 560);
}

} // namespace
