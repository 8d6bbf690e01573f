// The camera procedures against the replay camera's booth model and the
// in-process simulated board: the background plate (an even booth passes, a
// gradient is flagged, a person in the booth is refused) and exposure with
// white balance (a sensor starting twice too dark with a blue cast converges;
// a booth too dark for the camera's limits fails instead of trying on).
#include <chrono>
#include <fstream>
#include <memory>
#include <thread>

#include <gtest/gtest.h>

#include "calibration/background_plate.h"
#include "calibration/exposure.h"
#include "calibration/light_balance.h"
#include "calibration/profile_store.h"
#include "core/error.h"
#include "core/text_catalog.h"
#include "lightseat/simulated_lightseat_controller.h"
#include "support/faces.h"
#include "support/photo_set.h"
#include "unit/calibration_booth_rig.h"

namespace kiosk::calibration {
namespace {

using namespace std::chrono_literals;
using test::BoothCamera;
using test::figure;

const std::filesystem::path calibration_json = config_dir() / "calibration" / "calibration.json";

class CameraCalibrationTest : public testing::Test {
protected:
    void SetUp() override
    {
        controller_ = std::make_unique<lightseat::SimulatedLightSeatController>(
            lightseat::ControllerSettings::load(config_dir() / "lightseat" / "controller.json"),
            lightseat::BoardSettings::load(config_dir() / "lightseat" / "board.json"));
        controller_->start();
        const auto give_up = std::chrono::steady_clock::now() + 2s;
        while (controller_->state() != lightseat::ControllerState::Ready && std::chrono::steady_clock::now() < give_up)
            std::this_thread::sleep_for(5ms);
        ASSERT_EQ(controller_->state(), lightseat::ControllerState::Ready) << controller_->state_message();
        // The lamps at the levels the footage counts as lit by.
        ASSERT_EQ(controller_->set_lights({600, 600, 700}).get(), lightseat::CommandOutcome::Done);
    }

    camera::BoothStateSource booth()
    {
        return [this] {
            lightseat::DeviceStatus status;
            controller_->act_on_board([&status](lightseat::BoardModel& b) { status = b.status(); });
            return test::booth_state_of(status);
        };
    }

    BackgroundPlateRun plate_of(const cv::Mat& picture)
    {
        BoothCamera camera(folder_, picture, booth());
        const auto settings = load_background_plate_settings(calibration_json);
        return capture_background_plate(camera.source(), *controller_, kiosk::test::shared_models(),
                                        spec::load_spec(config_dir() / "specs", settings.spec), settings);
    }

    kiosk::test::TestFolder folder_{"kiosk-calibration"};
    std::unique_ptr<lightseat::SimulatedLightSeatController> controller_;
};

TEST_F(CameraCalibrationTest, AnEvenEmptyBoothPassesAndItsPlateIsStored)
{
    const auto run = plate_of(test::empty_booth(205, 205));
    EXPECT_EQ(run.report.outcome, Outcome::Pass) << run.report.detail;
    EXPECT_LT(figure(run.report, "gradient_left_right"), 1.0);
    EXPECT_LT(figure(run.report, "colour_delta"), 1.0);
    ASSERT_FALSE(run.plate.empty());

    const auto stored = store_background_plate(run.plate, folder_.path());
    const cv::Mat back = cv::imread(stored.string());
    ASSERT_FALSE(back.empty());
    EXPECT_EQ(cv::norm(back, run.plate, cv::NORM_INF), 0);
}

TEST_F(CameraCalibrationTest, AGradientAcrossTheBackdropIsFlagged)
{
    const auto run = plate_of(test::empty_booth(150, 235));
    EXPECT_EQ(run.report.outcome, Outcome::Fail);
    EXPECT_EQ(run.report.advice_key, "calibration.advice.background_uneven");
    const auto settings = load_background_plate_settings(calibration_json);
    EXPECT_GT(figure(run.report, "gradient_left_right"), settings.max_gradient);
    EXPECT_LT(figure(run.report, "gradient_top_bottom"), 1.0) << "the gradient runs across, not down";
}

TEST_F(CameraCalibrationTest, ATintedBackdropFailsOnColour)
{
    cv::Mat tinted = test::empty_booth(205, 205);
    tinted.setTo(cv::Scalar(170, 215, 215));   // yellowish: blue short
    const auto run = plate_of(tinted);
    EXPECT_EQ(run.report.outcome, Outcome::Fail);
    EXPECT_EQ(run.report.advice_key, "calibration.advice.background_colour");
}

TEST_F(CameraCalibrationTest, SomeoneOnTheSeatIsRefusedWithTheReason)
{
    controller_->act_on_board([](lightseat::BoardModel& b) { b.set_occupied(true); });
    const auto run = plate_of(test::empty_booth(205, 205));
    EXPECT_EQ(run.report.outcome, Outcome::Error);
    EXPECT_EQ(run.report.advice_key, "calibration.advice.leave_booth_empty");
    EXPECT_NE(run.report.detail.find("sitting"), std::string::npos) << run.report.detail;
    EXPECT_TRUE(run.plate.empty());
}

TEST_F(CameraCalibrationTest, AFaceInViewIsRefusedWithTheReason)
{
    KIOSK_REQUIRE_FACES(faces);
    const cv::Mat portrait = cv::imread((faces / "frl-london" / "neutral" / "002_03.jpg").string());
    ASSERT_FALSE(portrait.empty());
    const auto run = plate_of(portrait);
    EXPECT_EQ(run.report.outcome, Outcome::Error);
    EXPECT_EQ(run.report.advice_key, "calibration.advice.leave_booth_empty");
    EXPECT_NE(run.report.detail.find("face"), std::string::npos) << run.report.detail;
}

// A sensor that needs twice the exposure the camera starts with and whose
// blue channel reads 1/0.7 too strong at neutral gains.
void dark_blue_sensor(camera::ReplaySettings& s)
{
    s.sensor.reference_exposure = std::chrono::microseconds(20000);
    s.sensor.neutral_gains = {1.0f, 0.7f};
}

TEST_F(CameraCalibrationTest, ExposureAndWhiteBalanceConvergeFromADarkBlueStart)
{
    BoothCamera camera(folder_, test::empty_booth(200, 200), booth(), dark_blue_sensor);
    const auto settings = load_exposure_settings(calibration_json, config_dir() / "specs");
    std::vector<std::string> lines;
    const auto run = set_exposure(camera.source(), settings,
                                  [&](const ProcedureProgress& p) { lines.push_back(test::progress_line(p)); });
    for (const auto& line : lines)
        std::cout << line << "\n";
    ASSERT_EQ(run.report.outcome, Outcome::Pass) << run.report.detail;
    EXPECT_LE(figure(run.report, "steps"), 5);
    ASSERT_TRUE(run.controls);
    EXPECT_FALSE(run.controls->auto_exposure);
    EXPECT_FALSE(run.controls->auto_white_balance);
    EXPECT_NEAR(run.controls->colour_gains.blue, 0.7, 0.05);
    EXPECT_NEAR(run.controls->colour_gains.red, 1.0, 0.05);
    // The light asked for: 2x for the sensor, and more to lift 200 to the spec's 230.
    const double light = run.controls->exposure_time.count() * run.controls->analogue_gain / 10000.0;
    EXPECT_NEAR(light, 2.0 * std::pow(230.0 / 200.0, 2.2), 0.2);
    EXPECT_LE(figure(run.report, "level_error"), settings.level_tolerance);
}

TEST_F(CameraCalibrationTest, ExposureOnAGreyCardWhereTheFaceWillBe)
{
    BoothCamera camera(folder_, test::grey_card_booth(), booth(), dark_blue_sensor);
    auto settings = load_exposure_settings(calibration_json, config_dir() / "specs");
    settings.grey_card = true;
    const auto run = set_exposure(camera.source(), settings);
    ASSERT_EQ(run.report.outcome, Outcome::Pass) << run.report.detail;
    EXPECT_NEAR(figure(run.report, "level"), settings.grey_card_level, settings.level_tolerance);
}

TEST_F(CameraCalibrationTest, ABoothTooDarkForTheCameraFailsWithAdviceNotALoop)
{
    BoothCamera camera(folder_, test::empty_booth(4, 4), booth());
    const auto settings = load_exposure_settings(calibration_json, config_dir() / "specs");
    const auto run = set_exposure(camera.source(), settings);
    EXPECT_EQ(run.report.outcome, Outcome::Fail);
    EXPECT_EQ(run.report.advice_key, "calibration.advice.exposure_too_dark");
    EXPECT_LT(figure(run.report, "steps"), settings.max_steps);
    EXPECT_FALSE(run.controls);
    EXPECT_EQ(camera.source().controls(), camera::CameraControls{}) << "the camera as the technician found it";
}

TEST_F(CameraCalibrationTest, ACancelledRunEndsAtOnce)
{
    BoothCamera camera(folder_, test::empty_booth(200, 200), booth(), dark_blue_sensor);
    std::stop_source stop;
    stop.request_stop();
    const auto run = set_exposure(camera.source(), load_exposure_settings(calibration_json, config_dir() / "specs"),
                                  {}, stop.get_token());
    EXPECT_EQ(run.report.outcome, Outcome::Error);
    EXPECT_EQ(run.report.advice_key, "calibration.advice.cancelled");
}

TEST_F(CameraCalibrationTest, TheProceduresPartsMakeTheProfileTheKioskRunsWith)
{
    BackgroundPlateRun plate = plate_of(test::empty_booth(205, 205));
    ASSERT_EQ(plate.report.outcome, Outcome::Pass) << plate.report.detail;
    ExposureRun exposure;
    {
        BoothCamera camera(folder_, test::empty_booth(200, 200), booth(), dark_blue_sensor);
        exposure = set_exposure(camera.source(), load_exposure_settings(calibration_json, config_dir() / "specs"));
    }
    ASSERT_EQ(exposure.report.outcome, Outcome::Pass) << exposure.report.detail;
    LightBalanceRun lights;
    {
        BoothCamera camera(folder_, test::grey_card_booth(), booth(),
                           [](camera::ReplaySettings& s) { s.booth->key_left_efficiency = 0.6; });
        lights = balance_lights(camera.source(), *controller_, nullptr, load_light_balance_settings(calibration_json));
    }
    ASSERT_EQ(lights.report.outcome, Outcome::Pass) << lights.report.detail;

    AuditLog audit(folder_.path());
    ProfileStore store(folder_.path(), ProfileStoreConfig{}, audit);
    CalibrationProfile draft = store.draft();
    draft.background_plate = store_background_plate(plate.plate, folder_.path());
    draft.camera = exposure.controls;
    draft.lights = lights.levels;
    draft.reports = {plate.report, exposure.report, lights.report};
    store.save(draft, "tech-01");

    const auto active = store.active().profile;
    ASSERT_TRUE(active);
    EXPECT_EQ(active->camera, exposure.controls);
    EXPECT_EQ(active->lights, lights.levels);
    ASSERT_TRUE(active->background_plate);
    const cv::Mat stored = cv::imread(active->background_plate->string());
    ASSERT_FALSE(stored.empty());
    EXPECT_EQ(cv::norm(stored, plate.plate, cv::NORM_INF), 0);
    ASSERT_EQ(active->reports.size(), 3u);
    EXPECT_EQ(active->reports[2].procedure, "light_balance");
}

TEST(CameraCalibrationTexts, EveryAdviceTheProceduresGiveIsWrittenInBothLanguages)
{
    const std::vector<std::string> advice = {
        "leave_booth_empty", "controller_not_ready", "camera_not_streaming", "cancelled", "background_uneven",
        "background_colour", "background_dark", "exposure_too_dark", "exposure_too_bright", "exposure_not_settling",
        "no_target", "key_left_not_responding", "key_right_not_responding", "key_left_too_weak", "key_right_too_weak",
        "lights_not_settling", "background_light_too_weak", "background_light_too_strong",
        "background_light_not_settling"};
    for (const std::string locale : {"zh-CN", "en"}) {
        const TextCatalog catalog = TextCatalog::load(config_dir() / "text", locale);
        for (const auto& key : advice)
            EXPECT_TRUE(catalog.has("calibration.advice." + key)) << locale << ": calibration.advice." << key;
    }
}

TEST(CameraCalibrationSettings, AMisplacedRegionIsRefusedNamingTheField)
{
    kiosk::test::TestFolder folder{"kiosk-calibration"};
    auto json = nlohmann::json::parse(std::ifstream(calibration_json));
    json["exposure"]["grey_card_region"] = {0.9, 0.3, 0.2, 0.2};
    const auto file = folder.path() / "calibration.json";
    std::ofstream(file) << json.dump();
    try {
        load_exposure_settings(file, config_dir() / "specs");
        FAIL() << "a region past the frame's edge was accepted";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("exposure.grey_card_region"), std::string::npos) << e.what();
    }
    json = nlohmann::json::parse(std::ifstream(calibration_json));
    json["exposure"]["background"] = "purple";
    std::ofstream(file) << json.dump();
    EXPECT_THROW(load_exposure_settings(file, config_dir() / "specs"), ConfigError);
    json = nlohmann::json::parse(std::ifstream(calibration_json));
    json["light_balance"]["max_level"] = 10;
    std::ofstream(file) << json.dump();
    EXPECT_THROW(load_light_balance_settings(file), ConfigError);
}

} // namespace
} // namespace kiosk::calibration
