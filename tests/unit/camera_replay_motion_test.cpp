#include <gtest/gtest.h>

#include <cmath>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "camera/replay_source.h"
#include "camera/scene_renderer.h"
#include "camera_test_folder.h"
#include "support/faces.h"
#include "support/photo_set.h"
#include "vision/face_locator.h"

namespace kiosk::camera {
namespace {

using namespace std::chrono_literals;

// The first portrait of the neutral set, with its measured pupils.
struct Portrait {
    std::filesystem::path folder;
    cv::Mat image;
    cv::Point2d eyes_midpoint;
};

Portrait first_neutral_portrait(const std::filesystem::path& faces)
{
    Portrait p;
    p.folder = faces / "frl-london" / "neutral";
    const auto file = p.folder / "001_03.jpg";
    p.image = cv::imread(file.string(), cv::IMREAD_COLOR);
    const auto pupils = kiosk::test::load_pupils(file);
    if (p.image.empty() || !pupils)
        return p;
    p.eyes_midpoint = cv::Point2d((pupils->right + pupils->left) * 0.5f);
    return p;
}

std::optional<vision::Face> face_in(const cv::Mat& bgr)
{
    cv::Mat grey;
    cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
    return vision::locate_faces(kiosk::test::shared_models(), grey).subject;
}

cv::Point2d eyes_of(const vision::Face& face) { return cv::Point2d((face.eye_right + face.eye_left) * 0.5f); }

double eye_line_degrees(const vision::Face& face)
{
    const cv::Point2f d = face.eye_left - face.eye_right;
    return std::atan2(d.y, d.x) * 180.0 / CV_PI;
}

// The vision code finds the face where the script put it: the renderer's
// geometry is what the scripts promise.
TEST(ReplayMotion, TheFaceIsWhereThePoseSays)
{
    KIOSK_REQUIRE_FACES(faces);
    const Portrait portrait = first_neutral_portrait(faces);
    ASSERT_FALSE(portrait.image.empty()) << "frl-london/neutral/001_03 missing from " << faces;
    const cv::Size frame_size(1280, 720);

    for (const SubjectPose pose : {SubjectPose{-0.2, 0, 1, 0}, SubjectPose{0, 0.05, 1.2, 0}, SubjectPose{0.2, 0, 0.9, 0}}) {
        const auto face = face_in(render_scene(portrait.image, pose, frame_size));
        ASSERT_TRUE(face) << "no face at x=" << pose.x;
        const cv::Point2d expected = scene_point(portrait.image.size(), pose, frame_size, portrait.eyes_midpoint);
        EXPECT_LT(cv::norm(eyes_of(*face) - expected), 0.15 * face->inter_eye_distance())
            << "pose x=" << pose.x << " zoom=" << pose.zoom;
    }
}

TEST(ReplayMotion, RollTiltsTheHeadBySoManyDegrees)
{
    KIOSK_REQUIRE_FACES(faces);
    const Portrait portrait = first_neutral_portrait(faces);
    ASSERT_FALSE(portrait.image.empty());
    const auto upright = face_in(render_scene(portrait.image, SubjectPose{}, {1280, 720}));
    const auto tilted = face_in(render_scene(portrait.image, SubjectPose{0, 0, 1, 8}, {1280, 720}));
    ASSERT_TRUE(upright && tilted);
    EXPECT_NEAR(eye_line_degrees(*tilted) - eye_line_degrees(*upright), 8.0, 2.0);
}

// A still is the same scene at the sensor's full resolution: the face is
// where the viewfinder shows it, only bigger.
TEST(ReplayMotion, AStillFramesTheFaceLikeTheViewfinder)
{
    KIOSK_REQUIRE_FACES(faces);
    const Portrait portrait = first_neutral_portrait(faces);
    ASSERT_FALSE(portrait.image.empty());
    ReplaySettings settings = test::shipped_replay_settings();
    settings.motion = MotionScript::from_json(nlohmann::json::parse(R"({"keyframes": [{"t": 0, "x": 0.1}]})"), "still");
    ReplaySource source(portrait.folder, settings);
    source.start(settings.stream);
    ASSERT_NE(source.frames().wait_any(3s), nullptr);
    const Frame still = source.capture_still(5s);
    ASSERT_EQ(still.image.size(), settings.still_size);
    const auto face = face_in(still.image);
    ASSERT_TRUE(face) << "no face in the still";
    const cv::Point2d expected =
        scene_point(portrait.image.size(), settings.motion.pose_at(0), settings.still_size, portrait.eyes_midpoint);
    EXPECT_LT(cv::norm(eyes_of(*face) - expected), 0.15 * face->inter_eye_distance());
}

// The live source follows its script: a slow walk from left to right, seen
// through the vision code frame by frame.
TEST(ReplayMotion, AStreamedWalkMovesTheFaceAsScripted)
{
    KIOSK_REQUIRE_FACES(faces);
    const Portrait portrait = first_neutral_portrait(faces);
    ASSERT_FALSE(portrait.image.empty());

    ReplaySettings settings = test::shipped_replay_settings();
    settings.motion = MotionScript::from_json(nlohmann::json::parse(R"({
        "keyframes": [{"t": 0, "x": -0.25}, {"t": 3, "x": 0.25}]})"),
                                              "walk");
    constexpr double kFps = 15;
    ReplaySource source(portrait.folder, settings);
    source.start({{1280, 720}, kFps});

    std::vector<std::shared_ptr<const Frame>> picked;
    auto frame = source.frames().wait_any(3s);
    while (frame && picked.size() < 3) {
        // The scene time of a frame from a fresh source is its sequence / rate.
        if (frame->sequence >= picked.size() * 18)
            picked.push_back(frame);
        frame = source.frames().wait_newer(frame->sequence, 2s);
    }
    source.stop();
    ASSERT_EQ(picked.size(), 3u);

    std::vector<double> xs;
    for (const auto& f : picked) {
        const auto face = face_in(f->image);
        ASSERT_TRUE(face) << "no face in frame " << f->sequence;
        const SubjectPose pose = settings.motion.pose_at(static_cast<double>(f->sequence) / kFps);
        const cv::Point2d expected = scene_point(portrait.image.size(), pose, f->image.size(), portrait.eyes_midpoint);
        EXPECT_LT(cv::norm(eyes_of(*face) - expected), 0.15 * face->inter_eye_distance())
            << "frame " << f->sequence;
        xs.push_back(eyes_of(*face).x);
    }
    EXPECT_GT(xs[1], xs[0] + 100);
    EXPECT_GT(xs[2], xs[1] + 100);
}

} // namespace
} // namespace kiosk::camera
