#include <gtest/gtest.h>

#include <fstream>

#include "core/backoff.h"
#include "camera/motion_script.h"
#include "camera/replay_settings.h"
#include "camera/sensor_model.h"
#include "camera_test_folder.h"
#include "core/error.h"

namespace kiosk::camera {
namespace {

using nlohmann::json;
using test::ScratchFolder;

MotionScript pan_script()
{
    return MotionScript::from_json(json::parse(R"({
        "keyframes": [
            {"t": 0, "x": -0.2, "zoom": 1.0},
            {"t": 2, "x": 0.2, "zoom": 1.5, "roll": 10},
            {"t": 4, "x": 0.2, "zoom": 1.5, "roll": 10, "ease": "smooth"}
        ]})"),
                                   "test");
}

TEST(MotionScript, InterpolatesBetweenKeyframes)
{
    const MotionScript script = pan_script();
    EXPECT_DOUBLE_EQ(script.pose_at(0).x, -0.2);
    EXPECT_NEAR(script.pose_at(1).x, 0.0, 1e-9);
    EXPECT_NEAR(script.pose_at(1).zoom, 1.25, 1e-9);
    EXPECT_NEAR(script.pose_at(1).roll, 5.0, 1e-9);
    EXPECT_DOUBLE_EQ(script.pose_at(2).x, 0.2);
}

TEST(MotionScript, HoldsTheLastPoseUnlessItLoops)
{
    EXPECT_DOUBLE_EQ(pan_script().pose_at(100).x, 0.2);
    auto j = json::parse(R"({"loop": true, "keyframes": [{"t": 0, "x": 0}, {"t": 2, "x": 1}]})");
    const MotionScript looping = MotionScript::from_json(j, "test");
    EXPECT_NEAR(looping.pose_at(2.5).x, 0.25, 1e-9);
}

TEST(MotionScript, SmoothEasingStartsAndEndsGently)
{
    auto j = json::parse(R"({"keyframes": [{"t": 0, "x": 0}, {"t": 1, "x": 1, "ease": "smooth"}]})");
    const MotionScript script = MotionScript::from_json(j, "test");
    EXPECT_LT(script.pose_at(0.1).x, 0.1);   // slower than linear at the start
    EXPECT_NEAR(script.pose_at(0.5).x, 0.5, 1e-9);
    EXPECT_GT(script.pose_at(0.9).x, 0.9);   // and at the end
}

TEST(MotionScript, SwayMovesAStillSubjectALittle)
{
    auto j = json::parse(R"({"sway": {"amplitude": 0.01, "period_s": 2}, "keyframes": [{"t": 0}]})");
    const MotionScript script = MotionScript::from_json(j, "test");
    EXPECT_NEAR(script.pose_at(0.5).x, 0.01, 1e-9);   // a quarter period: full swing
    EXPECT_LE(std::abs(script.pose_at(1.7).x), 0.01);
}

TEST(MotionScript, RejectsImpossibleScriptsNamingTheKeyframe)
{
    const auto reject = [](const char* text, const char* expected) {
        try {
            MotionScript::from_json(json::parse(text), "walk.json");
            ADD_FAILURE() << "accepted " << text;
        } catch (const ConfigError& e) {
            EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("walk.json"), std::string::npos) << e.what();
        }
    };
    reject(R"({"keyframes": [{"t": 0}, {"t": 0}]})", "keyframe 1");
    reject(R"({"keyframes": [{"t": 1}]})", "t = 0");
    reject(R"({"keyframes": [{"t": 0, "zoom": 0}]})", "zoom");
    reject(R"({"keyframes": []})", "at least one");
    reject(R"({"keyframes": [{"t": 0, "ease": "bouncy"}]})", "ease");
    reject(R"({"frames": []})", "keyframes");
}

TEST(Backoff, GrowsByTheFactorUpToTheCeiling)
{
    Backoff backoff(BackoffSettings{std::chrono::milliseconds(100), std::chrono::milliseconds(500), 2.0});
    EXPECT_EQ(backoff.next_delay().count(), 100);
    EXPECT_EQ(backoff.next_delay().count(), 200);
    EXPECT_EQ(backoff.next_delay().count(), 400);
    EXPECT_EQ(backoff.next_delay().count(), 500);
    EXPECT_EQ(backoff.next_delay().count(), 500);
    EXPECT_EQ(backoff.attempts(), 5);
    backoff.reset();
    EXPECT_EQ(backoff.next_delay().count(), 100);
}

TEST(Backoff, RejectsACeilingBelowTheStart)
{
    EXPECT_THROW(BackoffSettings::from_json(json::parse(R"({"initial_ms": 500, "max_ms": 100, "factor": 2})"), "x"),
                 ConfigError);
    EXPECT_THROW(BackoffSettings::from_json(json::parse(R"({"initial_ms": 100, "max_ms": 500, "factor": 0.5})"), "x"),
                 ConfigError);
}

TEST(SensorModel, ExposureAndGainScaleLightColourGainsTint)
{
    const SensorModel sensor;   // reference 10 ms, gain 1, gamma 2.2
    cv::Mat grey(4, 4, CV_8UC3, cv::Scalar::all(100));

    cv::Mat image = grey.clone();
    CameraControls controls;
    sensor.expose(image, controls);   // auto: the reference look
    EXPECT_EQ(image.at<cv::Vec3b>(0, 0), cv::Vec3b(100, 100, 100));

    controls.auto_exposure = false;
    controls.exposure_time = std::chrono::microseconds(10000);
    controls.analogue_gain = 2.0f;
    image = grey.clone();
    sensor.expose(image, controls);
    const double doubled = 255.0 * std::pow(2.0 * std::pow(100 / 255.0, 2.2), 1 / 2.2);
    EXPECT_NEAR(image.at<cv::Vec3b>(0, 0)[1], doubled, 1.0);

    controls.analogue_gain = 1.0f;
    controls.exposure_time = std::chrono::microseconds(2500);
    image = grey.clone();
    sensor.expose(image, controls);
    EXPECT_LT(image.at<cv::Vec3b>(0, 0)[1], 100);

    controls = CameraControls{};
    controls.auto_white_balance = false;
    controls.colour_gains = ColourGains{1.5f, 0.7f};
    image = grey.clone();
    sensor.expose(image, controls);
    const cv::Vec3b px = image.at<cv::Vec3b>(0, 0);
    EXPECT_GT(px[2], px[1]);   // red up
    EXPECT_LT(px[0], px[1]);   // blue down
}

TEST(ReplaySettings, TheShippedFileLoads)
{
    const ReplaySettings s = test::shipped_replay_settings();
    EXPECT_EQ(s.stream.size, cv::Size(1280, 720));
    EXPECT_GT(s.stream.fps, 0);
    EXPECT_GT(s.still_size.area(), s.stream.size.area());
    EXPECT_GT(s.motion.duration(), 0);
}

TEST(ReplaySettings, EveryShippedMotionScriptLoads)
{
    int scripts = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kiosk::config_dir() / "camera" / "motion")) {
        if (entry.path().extension() != ".json")
            continue;
        const MotionScript script = MotionScript::load(entry.path());
        // Just before a looping script starts over.
        const SubjectPose settled = script.pose_at(script.duration() * 0.999);
        EXPECT_LT(std::abs(settled.x), 0.5) << entry.path() << " ends with the subject out of frame";
        ++scripts;
    }
    EXPECT_GE(scripts, 2);
}

TEST(ReplaySettings, ABrokenFileIsAClearErrorNamingIt)
{
    ScratchFolder folder;
    const auto file = folder.path() / "replay.json";
    std::ofstream(file) << R"({"stream": {"width": 1280, "height": )";
    try {
        ReplaySettings::load(file);
        FAIL() << "a truncated file was accepted";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
    }
}

TEST(ReplaySettings, MissingFieldsAndBadValuesAreConfigErrors)
{
    ScratchFolder folder;
    auto good = json::parse(R"({
        "stream": {"width": 1280, "height": 720, "fps": 30},
        "still": {"width": 2560, "height": 1440},
        "image_hold_s": 5,
        "motion": "still.json",
        "sensor": {"reference_exposure_us": 10000, "reference_gain": 1.0,
                   "neutral_colour_gains": [1.0, 1.0], "gamma": 2.2, "control_delay_frames": 2},
        "reconnect": {"initial_ms": 100, "max_ms": 1000, "factor": 2}
    })");
    std::ofstream(folder.path() / "still.json") << R"({"keyframes": [{"t": 0}]})";
    EXPECT_NO_THROW(ReplaySettings::from_json(good, "r.json", folder.path()));

    auto no_fps = good;
    no_fps["stream"].erase("fps");
    EXPECT_THROW(ReplaySettings::from_json(no_fps, "r.json", folder.path()), ConfigError);
    auto zero_fps = good;
    zero_fps["stream"]["fps"] = 0;
    EXPECT_THROW(ReplaySettings::from_json(zero_fps, "r.json", folder.path()), ConfigError);
    auto bad_gain = good;
    bad_gain["sensor"]["reference_gain"] = -1;
    EXPECT_THROW(ReplaySettings::from_json(bad_gain, "r.json", folder.path()), ConfigError);
    auto no_motion_file = good;
    no_motion_file["motion"] = "missing.json";
    EXPECT_THROW(ReplaySettings::from_json(no_motion_file, "r.json", folder.path()), ConfigError);
}

} // namespace
} // namespace kiosk::camera
