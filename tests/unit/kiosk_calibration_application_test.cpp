// What the session's servos take from a calibration profile: its lamps, its
// measured seat stops, and the seat travel per frame height from the
// eye-line slope at the live frame's size; anything the profile lacks stays
// at the configured figure.
#include <gtest/gtest.h>

#include "kiosk/calibration_application.h"

namespace {

using namespace kiosk;

const session::BoothCalibrated configured{lightseat::LightLevels{600, 600, 700}, lightseat::SeatTravel{380, 620}, 580.0};

TEST(BoothCalibrated, NoProfileKeepsEveryConfiguredFigure)
{
    const auto booth = runtime::booth_calibrated(std::nullopt, configured, 720);
    EXPECT_EQ(booth.lights, configured.lights);
    EXPECT_EQ(booth.seat_travel->min_mm, 380);
    EXPECT_EQ(booth.seat_travel->max_mm, 620);
    EXPECT_EQ(booth.seat_mm_per_frame_height, 580.0);
}

TEST(BoothCalibrated, TheMeasuredSeatAndLampsReplaceTheConfiguredOnes)
{
    calibration::CalibrationProfile profile;
    profile.lights = lightseat::LightLevels{420, 380, 610};
    profile.seat = calibration::SeatMap{365, 655, -1.5};
    const auto booth = runtime::booth_calibrated(profile, configured, 720);
    EXPECT_EQ(booth.lights, profile.lights);
    ASSERT_TRUE(booth.seat_travel);
    EXPECT_EQ(booth.seat_travel->min_mm, 365);
    EXPECT_EQ(booth.seat_travel->max_mm, 655);
    // 720 px of frame at 1.5 px per mm of seat, whichever way the eyes move.
    ASSERT_TRUE(booth.seat_mm_per_frame_height);
    EXPECT_DOUBLE_EQ(*booth.seat_mm_per_frame_height, 480.0);
    // The same slope read in a 1080-line frame is a larger seat travel.
    EXPECT_DOUBLE_EQ(*runtime::booth_calibrated(profile, configured, 1080).seat_mm_per_frame_height, 720.0);
}

TEST(BoothCalibrated, ASeatMeasuredWithoutTheEyeLineKeepsTheConfiguredSlope)
{
    calibration::CalibrationProfile profile;
    profile.seat = calibration::SeatMap{370, 640, 0.0};
    const auto booth = runtime::booth_calibrated(profile, configured, 720);
    EXPECT_EQ(booth.seat_travel->max_mm, 640);
    EXPECT_EQ(booth.seat_mm_per_frame_height, 580.0);
    EXPECT_EQ(booth.lights, configured.lights);
}

TEST(BoothCalibrated, StopsThatEncloseNoTravelAreNotTaken)
{
    calibration::CalibrationProfile profile;
    profile.seat = calibration::SeatMap{500, 500, -1.0};
    const auto booth = runtime::booth_calibrated(profile, configured, 720);
    EXPECT_EQ(booth.seat_travel->min_mm, 380);
    EXPECT_EQ(booth.seat_travel->max_mm, 620);
}

} // namespace
