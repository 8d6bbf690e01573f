#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <mutex>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "camera/booth_model.h"
#include "camera/replay_source.h"
#include "camera/subject_matte.h"
#include "camera_test_folder.h"
#include "core/error.h"
#include "support/faces.h"

namespace kiosk::camera {
namespace {

using namespace std::chrono_literals;
using test::ScratchFolder;

constexpr int backdrop_grey = 180;
const cv::Scalar skin{120, 150, 200};

// A made-up person on an even backdrop: a head and shoulders of flat skin.
cv::Mat booth_picture(cv::Size size = {640, 480})
{
    cv::Mat picture(size, CV_8UC3, cv::Scalar::all(backdrop_grey));
    const cv::Point head(size.width / 2, size.height * 2 / 5);
    cv::ellipse(picture, head, {size.width / 9, size.height / 6}, 0, 0, 360, skin, cv::FILLED);
    cv::ellipse(picture, {head.x, size.height}, {size.width / 4, size.height / 4}, 0, 0, 360, skin, cv::FILLED);
    return picture;
}

BoothModel shipped_booth() { return *test::shipped_replay_settings().booth; }

BoothState reference_state(const BoothModel& m)
{
    return {m.key_reference_level, m.key_reference_level, m.background_reference_level, m.seat_reference_mm};
}

// The booth model's relighting of a picture filmed as is (no pose change).
cv::Mat relit(const BoothModel& model, const cv::Mat& picture, const BoothState& state)
{
    const SubjectMatte matte = subject_matte(picture);
    cv::Mat alpha;
    cv::resize(matte.alpha, alpha, picture.size(), 0, 0, cv::INTER_LINEAR);
    cv::Mat frame = picture.clone();
    const double head_x = matte.head_centre.x * picture.cols / matte.alpha.cols;
    model.relight(frame, alpha, head_x, state, 2.2);
    return frame;
}

// Linear light of an 8-bit value, as the model and the sensor use it.
double linear(double value) { return std::pow(value / 255.0, 2.2); }

double mean_green(const cv::Mat& bgr, cv::Rect r) { return cv::mean(bgr(r))[1]; }

TEST(SubjectMatte, FindsTheSubjectAndItsHeadOnAnEvenBackdrop)
{
    const cv::Mat picture = booth_picture();
    const SubjectMatte matte = subject_matte(picture);
    ASSERT_FALSE(matte.empty);
    const double scale = static_cast<double>(matte.alpha.cols) / picture.cols;
    EXPECT_NEAR(matte.head_centre.x / scale, 320, 8);
    EXPECT_LT(matte.head_centre.y / scale, 192);  // in the head's upper part
    EXPECT_EQ(matte.alpha.at<uchar>(cv::Point(320 * scale, 192 * scale)), 255);
    EXPECT_EQ(matte.alpha.at<uchar>(cv::Point(20 * scale, 20 * scale)), 0);
}

TEST(SubjectMatte, AnEmptyBoothWithAGradientIsAllBackdrop)
{
    cv::Mat picture(480, 640, CV_8UC3);
    for (int x = 0; x < picture.cols; ++x)
        picture.col(x).setTo(cv::Scalar::all(140 + 60.0 * x / picture.cols));
    const SubjectMatte matte = subject_matte(picture);
    EXPECT_TRUE(matte.empty);
    EXPECT_EQ(cv::countNonZero(matte.alpha), 0);
}

TEST(SubjectMatte, SeparatesRealStudioPortraitsWithTheHeadBetweenThePupils)
{
    KIOSK_REQUIRE_FACES(faces);
    int checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(faces / "frl-london" / "neutral")) {
        if (entry.path().extension() != ".jpg" || checked == 12)
            continue;
        const auto pupils = kiosk::test::load_pupils(entry.path());
        ASSERT_TRUE(pupils);
        const cv::Mat picture = cv::imread(entry.path().string());
        const SubjectMatte matte = subject_matte(picture);
        ASSERT_FALSE(matte.empty) << "portrait " << checked;
        const double scale = static_cast<double>(matte.alpha.cols) / picture.cols;
        const double eyes_x = (pupils->left.x + pupils->right.x) / 2.0;
        const double eye_distance = pupils->left.x - pupils->right.x;
        EXPECT_NEAR(matte.head_centre.x / scale, eyes_x, 0.5 * eye_distance) << "portrait " << checked;
        // The subject is a person-sized part of the picture, not a leak into the backdrop.
        const double share = cv::countNonZero(matte.alpha) / static_cast<double>(matte.alpha.total());
        EXPECT_GT(share, 0.2) << "portrait " << checked;
        EXPECT_LT(share, 0.8) << "portrait " << checked;
        EXPECT_EQ(matte.alpha.at<uchar>(cv::Point2d(eyes_x, pupils->left.y) * scale), 255) << "portrait " << checked;
        ++checked;
    }
    EXPECT_EQ(checked, 12);
}

TEST(BoothModel, TheReferenceLevelsFilmTheFootageAsItIs)
{
    const BoothModel model = shipped_booth();
    const cv::Mat picture = booth_picture();
    const cv::Mat frame = relit(model, picture, reference_state(model));
    EXPECT_EQ(cv::norm(frame, picture, cv::NORM_INF), 0);
}

TEST(BoothModel, AWeakLeftLampDarkensTheLeftOfTheFaceAsTheFiguresSay)
{
    BoothModel model = shipped_booth();
    model.key_left_efficiency = 0.6;
    const cv::Mat picture = booth_picture();
    const cv::Mat frame = relit(model, picture, reference_state(model));

    const cv::Rect left_cheek(320 - 50, 180, 20, 20);
    const cv::Rect right_cheek(320 + 30, 180, 20, 20);
    const double left = mean_green(frame, left_cheek);
    const double right = mean_green(frame, right_cheek);
    EXPECT_LT(left, right - 5) << "left " << left << " right " << right;

    // The measured change is the model's light on that column, in linear terms.
    const double expected = model.subject_light(reference_state(model), 280, 320, 640);
    EXPECT_NEAR(linear(left) / linear(skin[1]), expected, 0.03);
    // Balanced again by giving the weak lamp more level.
    BoothState balanced = reference_state(model);
    balanced.key_left = model.key_reference_level / 0.6;
    const cv::Mat even = relit(model, picture, balanced);
    EXPECT_NEAR(mean_green(even, left_cheek), mean_green(even, right_cheek), 1.0);
    EXPECT_NEAR(mean_green(even, left_cheek), skin[1], 1.0);
}

TEST(BoothModel, TheBackgroundLampLightsTheBackdropNotTheFace)
{
    const BoothModel model = shipped_booth();
    const cv::Mat picture = booth_picture();
    BoothState brighter = reference_state(model);
    brighter.background *= 1.3;
    const cv::Mat frame = relit(model, picture, brighter);
    const cv::Rect face(300, 170, 40, 30);
    const cv::Rect backdrop(20, 20, 60, 60);
    EXPECT_NEAR(mean_green(frame, face), skin[1], 0.6);
    const double expected = model.backdrop_light(brighter, 50, 640);
    EXPECT_GT(expected, 1.15);
    EXPECT_NEAR(linear(mean_green(frame, backdrop)) / linear(backdrop_grey), expected, 0.02);
}

TEST(BoothModel, TheKeyLampsSpillOnTheBackdropFromTheirSide)
{
    const BoothModel model = shipped_booth();
    BoothState right_only = reference_state(model);
    right_only.key_left = 0;
    const cv::Mat frame = relit(model, booth_picture(), right_only);
    EXPECT_LT(mean_green(frame, {10, 10, 40, 40}), mean_green(frame, {590, 10, 40, 40}) - 3);
}

TEST(BoothModel, EveryLampOffLeavesTheHallsLight)
{
    const BoothModel model = shipped_booth();
    const BoothState dark{0, 0, 0, model.seat_reference_mm};
    EXPECT_DOUBLE_EQ(model.subject_light(dark, 100, 320, 640), model.ambient);
    EXPECT_DOUBLE_EQ(model.backdrop_light(dark, 100, 640), model.ambient);
}

TEST(BoothModel, ASettingOutOfRangeIsRefusedNamingIt)
{
    nlohmann::json j = nlohmann::json::parse(R"({
      "ambient": 0.1,
      "key_lights": {"reference_level": 600, "efficiency": {"left": 1, "right": 1}, "falloff": 1.5, "falloff_half_width": 0.1},
      "background_light": {"reference_level": 700, "efficiency": 1, "share": 0.7},
      "seat": {"reference_mm": 450, "px_per_mm": 1.2, "frame_height": 720}})");
    try {
        BoothModel::from_json(JsonFields("replay.json: booth", j));
        FAIL() << "a falloff of 1.5 was accepted";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("falloff"), std::string::npos) << e.what();
    }
    j["key_lights"]["falloff"] = 0.5;
    j["seat"].erase("px_per_mm");
    EXPECT_THROW(BoothModel::from_json(JsonFields("replay.json: booth", j)), ConfigError);
}

// The replay camera asking the booth for its state while it films.
class BoothReplay : public ::testing::Test {
protected:
    void SetUp() override
    {
        cv::imwrite((folder_.path() / "person.png").string(), booth_picture({960, 720}));
        settings_ = test::shipped_replay_settings();
        settings_.motion = MotionScript();
        state_ = reference_state(*settings_.booth);
    }

    void set_state(const BoothState& state)
    {
        std::lock_guard lock(mutex_);
        state_ = state;
    }

    // A frame filmed after the state was set (the camera asks once per frame).
    std::shared_ptr<const Frame> frame_after_change(ReplaySource& source)
    {
        auto frame = source.frames().wait_any(3s);
        for (int i = 0; frame && i < 2; ++i)
            frame = source.frames().wait_newer(frame->sequence, 2s);
        return frame;
    }

    // Where the skin-coloured subject's top is, in frame rows.
    static int subject_top(const cv::Mat& bgr)
    {
        cv::Mat skin_mask;
        cv::inRange(bgr, cv::Scalar(90, 120, 170), cv::Scalar(150, 180, 230), skin_mask);
        return cv::boundingRect(skin_mask).y;
    }

    ScratchFolder folder_;
    ReplaySettings settings_;
    std::mutex mutex_;
    BoothState state_;
    BoothStateSource source_ = [this] {
        std::lock_guard lock(mutex_);
        return state_;
    };
};

TEST_F(BoothReplay, RaisingTheSeatLiftsTheSubjectByTheSettingsFigure)
{
    ReplaySource source(folder_.path(), settings_);
    source.connect_booth(source_);
    source.start({{1280, 720}, 30});
    const auto before = frame_after_change(source);
    ASSERT_NE(before, nullptr);

    BoothState raised = state_;
    raised.seat_mm += 50;
    set_state(raised);
    const auto after = frame_after_change(source);
    ASSERT_NE(after, nullptr);
    const double expected_px = 50 * settings_.booth->seat_px_per_mm * 720 / settings_.booth->seat_frame_height;
    EXPECT_NEAR(subject_top(before->image) - subject_top(after->image), expected_px, 2.0);
}

TEST_F(BoothReplay, TheLampsChangeTheFramesAndTheStill)
{
    ReplaySource source(folder_.path(), settings_);
    source.connect_booth(source_);
    source.start({{640, 360}, 30});
    const auto lit = frame_after_change(source);
    ASSERT_NE(lit, nullptr);
    const cv::Rect corner(10, 10, 40, 40);
    EXPECT_NEAR(mean_green(lit->image, corner), backdrop_grey, 1.0);

    set_state({0, 0, 0, settings_.booth->seat_reference_mm});
    const auto dark = frame_after_change(source);
    ASSERT_NE(dark, nullptr);
    const double ambient_grey = 255.0 * std::pow(linear(backdrop_grey) * settings_.booth->ambient, 1 / 2.2);
    EXPECT_NEAR(mean_green(dark->image, corner), ambient_grey, 2.0);
    const Frame still = source.capture_still(3s);
    EXPECT_NEAR(mean_green(still.image, {20, 20, 80, 80}), ambient_grey, 2.0);
}

TEST_F(BoothReplay, SettingsWithoutABoothCannotBeConnected)
{
    settings_.booth.reset();
    ReplaySource source(folder_.path(), settings_);
    EXPECT_THROW(source.connect_booth(source_), ConfigError);
}

} // namespace
} // namespace kiosk::camera
