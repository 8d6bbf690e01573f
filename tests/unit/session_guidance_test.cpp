// One instruction at a time: the configured priority decides, checks without
// advice are passed over, and a passing assessment asks for nothing.
#include <gtest/gtest.h>

#include "session/guidance.h"
#include "session_visit_driver.h"

namespace {

using namespace kiosk::session;
using namespace kiosk::session::testing;
using kiosk::vision::CheckStatus;

class Guidance : public ::testing::Test {
protected:
    VisitDriver kiosk;
    kiosk::vision::Assessment a = passing_assessment(kiosk.spec("exit-entry"));
    const std::vector<std::string>& priority = kiosk.settings().guidance_priority;
};

TEST_F(Guidance, NothingWhenEveryCheckPasses) { EXPECT_FALSE(pick_instruction(a, priority)); }

TEST_F(Guidance, TheFirstFailingCheckInPriorityOrderSpeaks)
{
    set_check(a, "colour_cast", CheckStatus::Fail, "colour_looks_wrong");
    set_check(a, "necklace", CheckStatus::Fail, "remove_necklace");
    set_check(a, "face_size", CheckStatus::Fail, "move_closer");
    EXPECT_EQ(pick_instruction(a, priority), "move_closer");
    EXPECT_EQ(pick_instruction(a, {"colour_cast", "face_size"}), "colour_looks_wrong") << "the order is config";
}

TEST_F(Guidance, AnUnknownCheckCountsLikeAFailure)
{
    set_check(a, "sharpness", CheckStatus::Fail, "hold_still");
    set_check(a, "eyes_open", CheckStatus::Unknown, "open_eyes");
    EXPECT_EQ(pick_instruction(a, priority), "open_eyes");
}

TEST_F(Guidance, ChecksDeferredWithoutAdviceArePassedOver)
{
    set_check(a, "glasses", CheckStatus::Unknown, "");
    set_check(a, "earrings", CheckStatus::Unknown, "");
    set_check(a, "yaw", CheckStatus::Fail, "turn_head_straight");
    EXPECT_EQ(pick_instruction(a, priority), "turn_head_straight");
    set_check(a, "yaw", CheckStatus::Pass, "");
    EXPECT_FALSE(pick_instruction(a, priority)) << "nothing the citizen can be told";
}

TEST_F(Guidance, ChecksMissingFromThePriorityListComeLastInReportOrder)
{
    set_check(a, "colour_cast", CheckStatus::Fail, "colour_looks_wrong");
    set_check(a, "exposure", CheckStatus::Fail, "picture_too_dark");
    EXPECT_EQ(pick_instruction(a, {"face_count"}), "picture_too_dark");
}

TEST_F(Guidance, NoFaceAsksTheCitizenToFaceTheCamera)
{
    a.face.reset();
    a.faces_found = 0;
    set_check(a, "face_count", CheckStatus::Fail, "face_the_camera");
    set_check(a, "face_size", CheckStatus::Unknown, "");
    EXPECT_EQ(pick_instruction(a, priority), "face_the_camera");
}

} // namespace
