// Light balance through the real libusb driver against the board on a
// umockdev USB bus, filmed by the replay camera whose booth model reads the
// emulated board's lamps: a left key lamp at 60 % efficiency is balanced in a
// bounded number of steps (printed step by step), a dead one ends in Fail
// with the advice naming it, and the technician's own face works as the target.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "calibration/light_balance.h"
#include "lightseat/usb_board_emulation.h"
#include "lightseat/usb_lightseat_controller.h"
#include "support/controller_event_log.h"
#include "support/faces.h"
#include "unit/calibration_booth_rig.h"

namespace kiosk::calibration {
namespace {

using namespace std::chrono_literals;
using lightseat::BoardModel;
using test::BoothCamera;
using test::figure;

const std::filesystem::path calibration_json = config_dir() / "calibration" / "calibration.json";

class LightBalanceUsbTest : public testing::Test {
protected:
    void SetUp() override
    {
        const auto settings = lightseat::ControllerSettings::load(config_dir() / "lightseat" / "controller.json");
        board_ = std::make_unique<lightseat::UsbBoardEmulation>(
            lightseat::BoardSettings::load(config_dir() / "lightseat" / "board.json"), settings.vendor_id,
            settings.product_id);
        board_->plug();
        controller_ = std::make_unique<lightseat::UsbLightSeatController>(settings);
        controller_->set_event_handler([this](const lightseat::ControllerEvent& e) { log_.add(e); });
        controller_->start();
        ASSERT_TRUE(log_.wait_for(lightseat::state_is(lightseat::ControllerState::Ready), 2s))
            << controller_->state_message();
        ASSERT_EQ(controller_->set_lights({600, 600, 700}).get(), lightseat::CommandOutcome::Done);
    }

    void TearDown() override
    {
        camera_.reset();
        controller_->stop();
        controller_.reset();
        board_.reset();
    }

    // The camera films what the emulated board's lamps do: physics, while the
    // procedure reaches the board only through the USB driver.
    void film(const cv::Mat& picture, double left_efficiency, double right_efficiency = 1.0)
    {
        camera_ = std::make_unique<BoothCamera>(
            folder_, picture,
            [this] {
                lightseat::DeviceStatus status;
                board_->act_on_board([&status](BoardModel& b) { status = b.status(); });
                return test::booth_state_of(status);
            },
            [&](camera::ReplaySettings& s) {
                s.booth->key_left_efficiency = left_efficiency;
                s.booth->key_right_efficiency = right_efficiency;
            });
    }

    LightBalanceRun balance(const LightBalanceSettings& settings, const vision::Models* models = nullptr)
    {
        lines_.clear();
        auto run = balance_lights(camera_->source(), *controller_, models, settings,
                                  [this](const ProcedureProgress& p) { lines_.push_back(test::progress_line(p)); });
        for (const auto& line : lines_)
            std::cout << line << "\n";
        std::cout << "outcome " << static_cast<int>(run.report.outcome) << " " << run.report.advice_key << ": "
                  << run.report.detail << "\n";
        return run;
    }

    lightseat::LightLevels board_lights()
    {
        lightseat::LightLevels lights;
        board_->act_on_board([&lights](BoardModel& b) { lights = b.status().lights; });
        return lights;
    }

    kiosk::test::TestFolder folder_{"kiosk-calibration"};
    std::unique_ptr<lightseat::UsbBoardEmulation> board_;
    std::unique_ptr<lightseat::UsbLightSeatController> controller_;
    std::unique_ptr<BoothCamera> camera_;
    lightseat::EventLog log_;
    std::vector<std::string> lines_;
};

TEST_F(LightBalanceUsbTest, AWeakLeftLampIsBalancedWithinBoundedSteps)
{
    film(test::grey_card_booth(), 0.6);
    const auto settings = load_light_balance_settings(calibration_json);
    const auto run = balance(settings);
    ASSERT_EQ(run.report.outcome, Outcome::Pass) << run.report.detail;
    EXPECT_GE(figure(run.report, "balance"), settings.min_balance);
    EXPECT_LE(figure(run.report, "steps"), 6) << "bounded well inside max_steps";
    ASSERT_TRUE(run.levels);
    // The weak lamp ends up carrying more level, and the board holds what passed.
    EXPECT_GT(run.levels->key_left, run.levels->key_right);
    EXPECT_EQ(board_lights(), *run.levels);
    EXPECT_LE(figure(run.report, "backdrop_level_error"), settings.backdrop_tolerance);
}

TEST_F(LightBalanceUsbTest, ADeadLeftLampFailsWithAdviceNotALoop)
{
    film(test::grey_card_booth(), 0.0);
    const auto settings = load_light_balance_settings(calibration_json);
    const auto run = balance(settings);
    EXPECT_EQ(run.report.outcome, Outcome::Fail);
    EXPECT_EQ(run.report.advice_key, "calibration.advice.key_left_not_responding");
    EXPECT_LT(static_cast<int>(lines_.size()), settings.max_steps);
    EXPECT_FALSE(run.levels);
    EXPECT_EQ(board_lights(), (lightseat::LightLevels{600, 600, 700})) << "the lamps as the technician found them";
}

TEST_F(LightBalanceUsbTest, ADeadRightLampIsNamed)
{
    film(test::grey_card_booth(), 1.0, 0.0);
    const auto run = balance(load_light_balance_settings(calibration_json));
    EXPECT_EQ(run.report.outcome, Outcome::Fail);
    EXPECT_EQ(run.report.advice_key, "calibration.advice.key_right_not_responding");
}

TEST_F(LightBalanceUsbTest, TheTechniciansFaceServesAsTheTarget)
{
    KIOSK_REQUIRE_FACES(faces);
    const cv::Mat portrait = cv::imread((faces / "frl-london" / "neutral" / "002_03.jpg").string());
    ASSERT_FALSE(portrait.empty());
    film(portrait, 0.6);
    auto settings = load_light_balance_settings(calibration_json);
    settings.face = true;
    const vision::Models models;
    const auto run = balance(settings, &models);
    ASSERT_EQ(run.report.outcome, Outcome::Pass) << run.report.detail;
    EXPECT_GE(figure(run.report, "balance"), settings.min_balance);
    ASSERT_TRUE(run.levels);
    EXPECT_GT(run.levels->key_left, run.levels->key_right);
}

} // namespace
} // namespace kiosk::calibration
