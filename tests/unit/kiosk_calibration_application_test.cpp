// What the running kiosk takes from a calibration profile: the session's
// servos its lamps, its measured seat stops and the seat travel per frame
// height from the eye-line slope at the live frame's size; the camera its
// controls; the vision engine its background plate. Anything the profile
// lacks goes back to the configured figure.

#include <fstream>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include "camera/replay_settings.h"
#include "camera/replay_source.h"
#include "core/paths.h"
#include "kiosk/calibration_application.h"
#include "support/test_folder.h"

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

// The application on a replay camera that is not streaming (the frame
// height then comes from the stream request), collecting what it hands on.
class ApplyingAProfile : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::filesystem::create_directories(folder_.path() / "footage");
        cv::imwrite((folder_.path() / "footage" / "booth.png").string(), cv::Mat(360, 640, CV_8UC3, cv::Scalar::all(200)));
        camera_ = std::make_unique<camera::ReplaySource>(
            folder_.path() / "footage", camera::ReplaySettings::load(config_dir() / "camera" / "replay.json"));
        configured_controls_ = camera_->controls();
        application_ = std::make_unique<runtime::CalibrationApplication>(
            *camera_, cv::Size(1280, 720), nullptr, configured,
            [this](std::shared_ptr<const vision::BackdropPlate> plate) { plates_.push_back(std::move(plate)); },
            [this](session::Event event) { events_.push_back(std::move(event)); });
    }

    calibration::ProfileLookup lookup(calibration::CalibrationProfile profile) const
    {
        return {std::move(profile), std::chrono::seconds(5), ""};
    }

    const session::BoothCalibrated& last_booth() const { return std::get<session::BoothCalibrated>(events_.back()); }

    kiosk::test::TestFolder folder_{"kiosk-calibration-application"};
    std::unique_ptr<camera::ReplaySource> camera_;
    camera::CameraControls configured_controls_;
    std::unique_ptr<runtime::CalibrationApplication> application_;
    std::vector<std::shared_ptr<const vision::BackdropPlate>> plates_;
    std::vector<session::Event> events_;
};

TEST_F(ApplyingAProfile, EveryPartReachesItsUserAndAProfileWithoutThemPutsTheConfiguredOnesBack)
{
    calibration::CalibrationProfile measured;
    measured.id = "20261125T210000Z-3";
    measured.camera = camera::CameraControls{false, std::chrono::microseconds(8000), 2.5f, false, {1.8f, 1.4f}};
    measured.lights = lightseat::LightLevels{420, 380, 610};
    measured.seat = calibration::SeatMap{365, 655, -1.2};
    measured.background_plate = folder_.path() / "background.png";
    cv::imwrite(measured.background_plate->string(), cv::Mat(360, 640, CV_8UC3, cv::Scalar(190, 200, 205)));

    application_->apply(lookup(measured));
    EXPECT_EQ(camera_->controls(), *measured.camera);
    ASSERT_EQ(plates_.size(), 1u);
    ASSERT_TRUE(plates_.back());
    EXPECT_EQ(plates_.back()->size(), cv::Size(640, 360));
    ASSERT_EQ(events_.size(), 1u);
    EXPECT_EQ(last_booth().lights, measured.lights);
    EXPECT_EQ(last_booth().seat_travel->min_mm, 365);
    EXPECT_DOUBLE_EQ(*last_booth().seat_mm_per_frame_height, 600.0) << "720 lines of the requested stream / 1.2 px/mm";

    // Rolled back to a profile made before any of that was measured.
    calibration::CalibrationProfile earlier;
    earlier.id = "20261120T090000Z-2";
    application_->apply(lookup(earlier));
    EXPECT_EQ(camera_->controls(), configured_controls_);
    ASSERT_EQ(plates_.size(), 2u);
    EXPECT_FALSE(plates_.back()) << "the engine keeps no plate the active profile does not have";
    EXPECT_EQ(last_booth().lights, configured.lights);
    EXPECT_EQ(last_booth().seat_travel->max_mm, 620);
    EXPECT_EQ(last_booth().seat_mm_per_frame_height, 580.0);
}

TEST_F(ApplyingAProfile, AnUnreadablePlateCostsOnlyThePlate)
{
    calibration::CalibrationProfile profile;
    profile.id = "20261125T210000Z-4";
    profile.lights = lightseat::LightLevels{500, 510, 650};
    profile.background_plate = folder_.path() / "background.png";
    std::ofstream(*profile.background_plate) << "not a picture";
    application_->apply(lookup(profile));
    ASSERT_EQ(plates_.size(), 1u);
    EXPECT_FALSE(plates_.back());
    EXPECT_EQ(last_booth().lights, profile.lights);
}

} // namespace
