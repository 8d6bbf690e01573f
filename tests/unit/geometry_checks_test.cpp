#include <gtest/gtest.h>

#include "core/paths.h"
#include "support/photo_set.h"
#include "spec/crop_plan.h"
#include "spec/document_spec.h"
#include "vision/check_context.h"
#include "vision/checks/geometry_checks.h"

namespace {

using namespace kiosk;
using vision::CheckStatus;

spec::DocumentSpec resident_id() { return spec::load_spec(config_dir() / "specs", "resident-id"); }

// A level face in a frame of `size`, eyes `inter_eye` apart around `eye_mid`,
// with the jaw, chin and crown in adult proportions.
vision::Face synthetic_face(cv::Point2f eye_mid, float inter_eye)
{
    vision::Face f;
    f.eye_right = eye_mid + cv::Point2f(-inter_eye / 2, 0);
    f.eye_left = eye_mid + cv::Point2f(inter_eye / 2, 0);
    for (auto& p : f.landmarks)
        p = eye_mid;
    f.landmarks[0] = eye_mid + cv::Point2f(-1.15f * inter_eye, 0.2f * inter_eye);
    f.landmarks[16] = eye_mid + cv::Point2f(1.15f * inter_eye, 0.2f * inter_eye);
    f.landmarks[8] = eye_mid + cv::Point2f(0, 1.5f * inter_eye);
    f.box = cv::Rect(cv::Point(f.landmarks[0]), cv::Point(f.landmarks[16] + cv::Point2f(0, 1.4f * inter_eye)));
    return f;
}

spec::HeadMeasurements head_of(const vision::Face& f)
{
    spec::HeadMeasurements h;
    h.eye_right = f.eye_right;
    h.eye_left = f.eye_left;
    h.chin = f.landmarks[8];
    h.crown_y = f.eye_right.y - 1.6 * (f.landmarks[8].y - f.eye_right.y);
    h.crown_measured = true;
    h.face_width = cv::norm(f.landmarks[16] - f.landmarks[0]);
    return h;
}

// Runs one geometry check on a synthetic frame.
struct Scene {
    cv::Mat bgr, gray;
    vision::Face face;
    spec::DocumentSpec spec = resident_id();
    spec::CropPlan crop;

    Scene(cv::Size frame, cv::Point2f eye_mid, float inter_eye)
        : bgr(frame, CV_8UC3, cv::Scalar(200, 200, 200)), gray(frame, CV_8UC1, cv::Scalar(200)),
          face(synthetic_face(eye_mid, inter_eye))
    {
        crop = spec::plan_crop(spec, head_of(face), frame);
    }

    vision::CheckResult run(vision::CheckResult (*check)(const vision::CheckContext&)) const
    {
        const vision::CheckContext ctx{bgr, gray, face, spec, crop, test::shared_models()};
        return check(ctx);
    }
};

TEST(FaceCount, ExactlyOneFacePasses)
{
    const auto limits = resident_id().checks;
    EXPECT_EQ(vision::check_face_count(1, limits).status, CheckStatus::Pass);
    const auto none = vision::check_face_count(0, limits);
    EXPECT_EQ(none.status, CheckStatus::Fail);
    EXPECT_EQ(none.advice, "face_the_camera");
    const auto two = vision::check_face_count(2, limits);
    EXPECT_EQ(two.status, CheckStatus::Fail);
    EXPECT_EQ(two.advice, "one_person_only");
    EXPECT_EQ(std::get<double>(two.value), 2.0);
}

TEST(FaceSize, StudioPortraitHasEnoughPixels)
{
    const Scene s({1350, 1350}, {675, 600}, 210);
    const auto r = s.run(vision::check_face_size);
    EXPECT_EQ(r.status, CheckStatus::Pass) << r.detail;
    EXPECT_LT(std::get<double>(r.value), 1.0);
}

TEST(FaceSize, DistantFaceWouldNeedUpscaling)
{
    // 40 px between the pupils: resident-id's 193-221 px face width needs more than 2x.
    const Scene s({1280, 720}, {640, 300}, 40);
    const auto r = s.run(vision::check_face_size);
    EXPECT_EQ(r.status, CheckStatus::Fail);
    EXPECT_EQ(r.advice, "move_closer");
    EXPECT_GT(std::get<double>(r.value), s.spec.checks.number("face_size", "max_upscale"));
}

TEST(FaceSize, ShouldersOutOfFrameFail)
{
    // Chin 60 px above the bottom edge: no room for neck and shoulders.
    const Scene s({1350, 1350}, {675, 975}, 210);
    const auto r = s.run(vision::check_face_size);
    EXPECT_EQ(r.status, CheckStatus::Fail);
    EXPECT_EQ(r.advice, "show_head_and_shoulders");
    EXPECT_NE(r.detail.find("bottom"), std::string::npos) << r.detail;
}

TEST(FaceSize, HeadCutByTheTopFails)
{
    const Scene s({1350, 1350}, {675, 250}, 210);
    const auto r = s.run(vision::check_face_size);
    EXPECT_EQ(r.status, CheckStatus::Fail);
    EXPECT_NE(r.detail.find("top"), std::string::npos) << r.detail;
}

TEST(FaceCentered, CentredFacePassesOffCentreFails)
{
    const Scene centred({1350, 1350}, {675, 600}, 210);
    EXPECT_EQ(centred.run(vision::check_face_centered).status, CheckStatus::Pass);

    const Scene edge({1350, 1350}, {200, 600}, 210);
    const auto r = edge.run(vision::check_face_centered);
    EXPECT_EQ(r.status, CheckStatus::Fail);
    EXPECT_EQ(r.advice, "move_to_centre");
    EXPECT_NEAR(std::get<double>(r.value), edge.crop.outside_fraction, 1e-12);
    EXPECT_GT(std::get<double>(r.value), 0.05);
}

TEST(Pose, LimitsComeFromTheSpec)
{
    Scene s({1350, 1350}, {675, 600}, 210);
    const auto& c = s.spec.checks;
    // Each angle may exceed the standard's limit by the estimator's own uncertainty.
    const double yaw_max = c.number("yaw", "max_abs_deg") + c.number("yaw", "estimate_uncertainty_deg");
    const double pitch_max = c.number("pitch", "max_abs_deg") + c.number("pitch", "estimate_uncertainty_deg");
    const double roll_max = c.number("roll", "max_abs_deg") + c.number("roll", "estimate_uncertainty_deg");

    s.face.pose = {yaw_max - 0.1, -(pitch_max - 0.1), roll_max - 0.1};
    EXPECT_EQ(s.run(vision::check_yaw).status, CheckStatus::Pass);
    EXPECT_EQ(s.run(vision::check_pitch).status, CheckStatus::Pass);
    EXPECT_EQ(s.run(vision::check_roll).status, CheckStatus::Pass);

    s.face.pose = {-(yaw_max + 0.1), pitch_max + 0.1, -(roll_max + 0.1)};
    const auto yaw = s.run(vision::check_yaw);
    EXPECT_EQ(yaw.status, CheckStatus::Fail);
    EXPECT_EQ(yaw.advice, "turn_head_straight");
    EXPECT_DOUBLE_EQ(*yaw.limit.max, yaw_max);
    EXPECT_DOUBLE_EQ(*yaw.limit.min, -yaw_max);
    EXPECT_EQ(s.run(vision::check_pitch).status, CheckStatus::Fail);
    EXPECT_EQ(s.run(vision::check_pitch).advice, "level_chin");
    const auto roll = s.run(vision::check_roll);
    EXPECT_EQ(roll.status, CheckStatus::Fail);
    EXPECT_EQ(roll.advice, "straighten_head");
    EXPECT_DOUBLE_EQ(std::get<double>(roll.value), -(roll_max + 0.1));
}

TEST(Pose, StricterCityOverrideIsHonoured)
{
    Scene s({1350, 1350}, {675, 600}, 210);
    auto values = s.spec.checks.raw();
    values["yaw"]["max_abs_deg"] = 2.0;
    values["yaw"]["estimate_uncertainty_deg"] = 0.0;
    s.spec.checks = spec::Thresholds("city", values);
    s.face.pose.yaw = 2.5;
    EXPECT_EQ(s.run(vision::check_yaw).status, CheckStatus::Fail);
}

} // namespace
