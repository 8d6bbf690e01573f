#include <cmath>

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/paths.h"
#include "spec/crop_plan.h"
#include "spec/document_spec.h"

namespace {

using namespace kiosk::spec;

const cv::Size kSource(1350, 1350);

// A level adult head in a 1350x1350 studio portrait: 130 px between the
// pupils, 200 px eye line to chin, crown 215 px above the eye line.
HeadMeasurements studio_head()
{
    HeadMeasurements h;
    h.eye_right = {610, 600};
    h.eye_left = {740, 600};
    h.chin = {675, 800};
    h.crown_y = 385;
    h.crown_measured = true;
    h.face_width = 300;
    return h;
}

// The same head rotated by `deg` (clockwise on the image) about its eye midpoint.
HeadMeasurements tilted(HeadMeasurements h, double deg)
{
    const cv::Point2d mid = (h.eye_right + h.eye_left) * 0.5;
    const double c = std::cos(deg * CV_PI / 180), s = std::sin(deg * CV_PI / 180);
    auto rot = [&](cv::Point2d p) {
        const cv::Point2d d = p - mid;
        return mid + cv::Point2d(c * d.x - s * d.y, s * d.x + c * d.y);
    };
    // Crown along the rotated axis, expressed as its source y.
    const cv::Point2d crown = rot({mid.x, h.crown_y});
    h.eye_right = rot(h.eye_right);
    h.eye_left = rot(h.eye_left);
    h.chin = rot(h.chin);
    h.crown_y = crown.y;
    return h;
}

cv::Point2d apply(const cv::Matx23d& m, cv::Point2d p)
{
    return {m(0, 0) * p.x + m(0, 1) * p.y + m(0, 2), m(1, 0) * p.x + m(1, 1) * p.y + m(1, 2)};
}

// Where the rules' landmarks land in the output, computed from the plan's
// affine alone so the test does not share the planner's arithmetic.
struct Landed {
    cv::Point2d eye_right, eye_left, chin, crown;
    double face_width;
};

Landed land(const CropPlan& plan, const HeadMeasurements& h, double crown_x)
{
    return {apply(plan.source_to_output, h.eye_right), apply(plan.source_to_output, h.eye_left),
            apply(plan.source_to_output, h.chin), apply(plan.source_to_output, {crown_x, h.crown_y}),
            plan.scale * h.face_width};
}

class ShippedSpec : public ::testing::TestWithParam<std::string> {
protected:
    DocumentSpec spec() const { return load_spec(kiosk::config_dir() / "specs", GetParam()); }
};

TEST_P(ShippedSpec, LevelStudioHeadMeetsEveryRule)
{
    const DocumentSpec s = spec();
    const HeadMeasurements h = studio_head();
    const CropPlan plan = plan_crop(s, h, kSource);
    EXPECT_TRUE(plan.unmet.empty()) << plan.unmet.front();
    EXPECT_TRUE(plan.inside_source);
    EXPECT_DOUBLE_EQ(plan.outside_fraction, 0.0);
    EXPECT_NEAR(plan.rotation_deg, 0.0, 1e-9);

    const Landed o = land(plan, h, 675);
    const double W = s.output.width_px, H = s.output.height_px;
    const auto& g = s.geometry;
    EXPECT_NEAR(o.eye_right.y, o.eye_left.y, 1e-6) << "eye line level";
    if (g.face_width_px) {
        EXPECT_GE(o.face_width, g.face_width_px->min);
        EXPECT_LE(o.face_width, g.face_width_px->max);
    }
    if (g.head_length_px) {
        EXPECT_GE(o.chin.y - o.crown.y, g.head_length_px->min);
        EXPECT_LE(o.chin.y - o.crown.y, g.head_length_px->max);
    }
    if (g.crown_from_top_px) {
        EXPECT_GE(o.crown.y, g.crown_from_top_px->min);
        EXPECT_LE(o.crown.y, g.crown_from_top_px->max);
    }
    if (g.eye_line_from_bottom_min_px) {
        EXPECT_GE(H - o.eye_left.y, *g.eye_line_from_bottom_min_px);
    }
    if (g.chin_from_bottom_min_px) {
        EXPECT_GE(H - o.chin.y, *g.chin_from_bottom_min_px);
    }
    const double eye_mid_x = (o.eye_right.x + o.eye_left.x) / 2;
    if (g.eye_mid_from_left_px) {
        EXPECT_GE(eye_mid_x, g.eye_mid_from_left_px->min);
        EXPECT_LE(eye_mid_x, g.eye_mid_from_left_px->max);
    } else {
        EXPECT_NEAR(eye_mid_x, W / 2, 1e-6) << "face centred";
    }
    if (g.inter_eye_fraction_of_width) {
        const double f = cv::norm(o.eye_left - o.eye_right) / W;
        EXPECT_GE(f, g.inter_eye_fraction_of_width->min);
        EXPECT_LE(f, g.inter_eye_fraction_of_width->max);
    }
}

TEST_P(ShippedSpec, SmallTiltIsStraightenedCompletely)
{
    const DocumentSpec s = spec();
    const double limit = s.checks.number("roll", "straighten_max_deg");
    const HeadMeasurements h = tilted(studio_head(), limit * 0.6);
    EXPECT_NEAR(measured_roll_deg(h), limit * 0.6, 1e-9);
    const CropPlan plan = plan_crop(s, h, kSource);
    EXPECT_NEAR(plan.rotation_deg, limit * 0.6, 1e-9);
    const cv::Point2d r = apply(plan.source_to_output, h.eye_right);
    const cv::Point2d l = apply(plan.source_to_output, h.eye_left);
    EXPECT_NEAR(r.y, l.y, 1e-6) << "eyes level after straightening";
    EXPECT_TRUE(plan.unmet.empty()) << plan.unmet.front();
}

TEST_P(ShippedSpec, LargeTiltIsNeverHidden)
{
    const DocumentSpec s = spec();
    const double limit = s.checks.number("roll", "straighten_max_deg");
    for (double roll : {18.0, -18.0}) {
        const HeadMeasurements h = tilted(studio_head(), roll);
        const CropPlan plan = plan_crop(s, h, kSource);
        EXPECT_NEAR(std::abs(plan.rotation_deg), limit, 1e-9);
        EXPECT_EQ(plan.rotation_deg > 0, roll > 0);
        const cv::Point2d d = apply(plan.source_to_output, h.eye_left) - apply(plan.source_to_output, h.eye_right);
        const double residual = std::atan2(d.y, d.x) * 180 / CV_PI;
        EXPECT_NEAR(residual, roll - plan.rotation_deg, 1e-6) << "the rest of the tilt stays in the picture";
    }
}

TEST_P(ShippedSpec, HeadAtTheFrameEdgeIsReportedOutsideTheSource)
{
    const DocumentSpec s = spec();
    HeadMeasurements h = studio_head();
    const cv::Point2d shift(-560, 0);   // eye midpoint 115 px from the left edge
    h.eye_right += shift;
    h.eye_left += shift;
    h.chin += shift;
    const CropPlan plan = plan_crop(s, h, kSource);
    EXPECT_FALSE(plan.inside_source);
    // The window is centred on the eyes, so the part left of the frame is
    // (half the window width in source px - 115 px) over the window width.
    const double window_w = s.output.width_px / plan.scale;
    const double expected = (window_w / 2 - 115) / window_w;
    EXPECT_NEAR(plan.outside_fraction, expected, 0.02);
}

INSTANTIATE_TEST_SUITE_P(AllSpecs, ShippedSpec,
                         ::testing::Values("resident-id", "social-security", "driver-licence", "exit-entry",
                                           "exit-entry-390x567", "ride-hailing"),
                         [](const auto& info) {
                             std::string n = info.param;
                             for (char& c : n)
                                 if (c == '-')
                                     c = '_';
                             return n;
                         });

DocumentSpec shipped(const std::string& id) { return load_spec(kiosk::config_dir() / "specs", id); }

TEST(CropPlan, ResidentIdFigures)
{
    const CropPlan plan = plan_crop(shipped("resident-id"), studio_head(), kSource);
    const Landed o = land(plan, studio_head(), 675);
    EXPECT_GE(o.face_width, 193);
    EXPECT_LE(o.face_width, 221);
    EXPECT_GE(441 - o.eye_left.y, 207);
    EXPECT_GE(o.crown.y, 7);
    EXPECT_LE(o.crown.y, 21);
}

TEST(CropPlan, DriverLicenceHeadLength)
{
    const CropPlan plan = plan_crop(shipped("driver-licence"), studio_head(), kSource);
    const Landed o = land(plan, studio_head(), 675);
    EXPECT_GE(o.chin.y - o.crown.y, 224);
    EXPECT_LE(o.chin.y - o.crown.y, 260);
    EXPECT_GE(o.face_width, 165);
    EXPECT_LE(o.face_width, 189);
}

TEST(CropPlan, TallHairMakesTheEyeLineWinAndReportsTheCrown)
{
    // Hair 420 px above the eyes: at resident-id's face-width scale the eye
    // line would sit too low with the crown in its band.
    HeadMeasurements h = studio_head();
    h.crown_y = 600 - 420;
    const CropPlan plan = plan_crop(shipped("resident-id"), h, kSource);
    const Landed o = land(plan, h, 675);
    EXPECT_GE(441 - o.eye_left.y, 207 - 1e-6) << "eye line rule kept";
    ASSERT_FALSE(plan.unmet.empty());
    bool crown_reported = false;
    for (const auto& u : plan.unmet)
        crown_reported |= u.rfind("crown_from_top_px", 0) == 0;
    EXPECT_TRUE(crown_reported) << plan.unmet.front();
}

TEST(CropPlan, ConflictingSizeRulesAreBothReported)
{
    // A very wide face with a short head: driver-licence's head width and
    // head length cannot both hold.
    HeadMeasurements h = studio_head();
    h.face_width = 500;
    const CropPlan plan = plan_crop(shipped("driver-licence"), h, kSource);
    ASSERT_EQ(plan.unmet.size(), 2u);
    EXPECT_EQ(plan.unmet[0].rfind("face_width_px", 0), 0u) << plan.unmet[0];
    EXPECT_EQ(plan.unmet[1].rfind("head_length_px", 0), 0u) << plan.unmet[1];
}

TEST(CropPlan, MissingStraightenLimitIsAConfigError)
{
    DocumentSpec s = shipped("resident-id");
    s.checks = Thresholds("t", nlohmann::json::object());
    EXPECT_THROW(plan_crop(s, studio_head(), kSource), kiosk::ConfigError);
}

} // namespace
