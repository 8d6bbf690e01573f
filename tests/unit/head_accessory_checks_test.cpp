// The head-accessory and hair checks on drawn portraits: each accessory is
// painted onto an otherwise plain face, so every test shows that one thing
// turns one check from pass to fail (and that the plain face passes them all).

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "core/paths.h"
#include "spec/crop_plan.h"
#include "spec/document_spec.h"
#include "support/photo_set.h"
#include "synthetic_portrait.h"
#include "vision/check_context.h"
#include "vision/checks/head_accessory_checks.h"
#include "vision/checks/upright_view.h"

namespace {

using namespace kiosk;
using vision::CheckResult;
using vision::CheckStatus;

const cv::Scalar kHair(30, 35, 45);

// A portrait with camera-like noise everywhere and strand-like texture in the
// hair, since the checks tell hair from fabric and skin by texture.
test::SyntheticPortrait textured_portrait()
{
    auto p = test::draw_portrait({900, 1100}, {215, 215, 215}, {120, 150, 200}, kHair);
    cv::Mat hair_mask;
    cv::inRange(p.bgr, kHair, kHair, hair_mask);
    cv::RNG rng(7);
    for (int i = 0; i < 1500; ++i) {
        const cv::Point a(rng.uniform(0, p.bgr.cols), rng.uniform(0, p.bgr.rows));
        if (!hair_mask.at<uchar>(a))
            continue;
        const cv::Point b = a + cv::Point(rng.uniform(-12, 13), rng.uniform(-30, 31));
        cv::line(p.bgr, a, b, cv::Scalar::all(rng.uniform(45, 80)), 1, cv::LINE_AA);
    }
    cv::Mat noise(p.bgr.size(), CV_16SC3);
    cv::randn(noise, 0, 4);
    cv::Mat noisy;
    p.bgr.convertTo(noisy, CV_16SC3);
    noisy += noise;
    noisy.convertTo(p.bgr, CV_8UC3);
    return p;
}

double ied(const vision::Face& f) { return cv::norm(f.eye_left - f.eye_right); }

double brow_y(const vision::Face& f)
{
    double y = 0;
    for (int i = 17; i <= 26; ++i)
        y += f.landmarks[i].y;
    return y / 10;
}

class HeadAccessoryChecks : public ::testing::Test {
protected:
    void SetUp() override
    {
        portrait = textured_portrait();
        spec = spec::load_spec(config_dir() / "specs", "exit-entry");
    }

    CheckResult run(CheckResult (*check)(const vision::CheckContext&)) const
    {
        cv::Mat gray;
        cv::cvtColor(portrait.bgr, gray, cv::COLOR_BGR2GRAY);
        const vision::CheckContext ctx{portrait.bgr, gray, portrait.face, spec, crop, test::shared_models()};
        return check(ctx);
    }

    // Dark frames around both eyes joined by a bridge.
    void draw_glasses()
    {
        const auto& f = portrait.face;
        const int t = std::max(3, cvRound(0.05 * ied(f)));
        const cv::Size half(cvRound(0.3 * ied(f)), cvRound(0.22 * ied(f)));
        for (const cv::Point2f eye : {f.eye_right, f.eye_left})
            cv::rectangle(portrait.bgr, cv::Rect(cv::Point(eye) - cv::Point(half), cv::Point(eye) + cv::Point(half)),
                          {20, 20, 20}, t);
        cv::line(portrait.bgr, cv::Point(f.eye_right) + cv::Point(half.width, -cvRound(0.1 * ied(f))),
                 cv::Point(f.eye_left) - cv::Point(half.width, cvRound(0.1 * ied(f))), {20, 20, 20}, t);
    }

    test::SyntheticPortrait portrait;
    spec::DocumentSpec spec;
    spec::CropPlan crop;
};

TEST_F(HeadAccessoryChecks, PlainFacePassesEveryCheck)
{
    for (auto check : {vision::check_glasses, vision::check_lens_glare, vision::check_head_covering,
                       vision::check_hair_accessory, vision::check_hair_over_eyebrows}) {
        const CheckResult r = run(check);
        EXPECT_EQ(r.status, CheckStatus::Pass) << r.id << ": " << r.detail;
        EXPECT_TRUE(r.advice.empty()) << r.id;
    }
    EXPECT_EQ(std::get<bool>(run(vision::check_glasses).value), false);
    EXPECT_EQ(std::get<double>(run(vision::check_lens_glare).value), 0.0);
}

TEST_F(HeadAccessoryChecks, GlassesAreReportedAndJudgedByTheSpecsPolicy)
{
    draw_glasses();
    CheckResult r = run(vision::check_glasses);
    EXPECT_EQ(std::get<bool>(r.value), true);
    EXPECT_EQ(r.status, CheckStatus::Pass);   // exit-entry allows glasses

    spec.glasses = spec::GlassesPolicy::RequiredIfWorn;
    EXPECT_EQ(run(vision::check_glasses).status, CheckStatus::Pass);

    spec.glasses = spec::GlassesPolicy::Forbidden;
    r = run(vision::check_glasses);
    EXPECT_EQ(std::get<bool>(r.value), true);
    EXPECT_EQ(r.status, CheckStatus::Fail);
    EXPECT_EQ(r.advice, "remove_glasses");
}

TEST_F(HeadAccessoryChecks, WhitePatchOnALensIsGlare)
{
    draw_glasses();
    EXPECT_EQ(run(vision::check_lens_glare).status, CheckStatus::Pass);
    const auto& f = portrait.face;
    // A reflection on the lens beside the eye, not on the eye itself.
    const cv::Point2f at = f.eye_left + cv::Point2f(0.15f, 0.15f) * static_cast<float>(ied(f));
    cv::circle(portrait.bgr, at, cvRound(0.12 * ied(f)), cv::Scalar::all(255), cv::FILLED);
    const CheckResult r = run(vision::check_lens_glare);
    EXPECT_EQ(r.status, CheckStatus::Fail);
    EXPECT_EQ(r.advice, "remove_glare");
    EXPECT_GT(std::get<double>(r.value), spec.checks.number("lens_glare", "max_glare_fraction"));
}

TEST_F(HeadAccessoryChecks, SmoothCapLowOnTheForeheadIsAHeadCovering)
{
    const auto& f = portrait.face;
    const int cap_bottom = cvRound(brow_y(f) - 0.25 * ied(f));
    cv::rectangle(portrait.bgr, cv::Rect(cv::Point(cvRound(f.landmarks[0].x - 0.2 * ied(f)), 0),
                                         cv::Point(cvRound(f.landmarks[16].x + 0.2 * ied(f)), cap_bottom)),
                  {90, 40, 20}, cv::FILLED);
    const CheckResult r = run(vision::check_head_covering);
    EXPECT_EQ(r.status, CheckStatus::Fail) << r.detail;
    EXPECT_EQ(r.advice, "remove_hat");
    EXPECT_EQ(std::get<bool>(r.value), true);
}

TEST_F(HeadAccessoryChecks, FlatBlackBandAcrossTheHairIsAHairAccessory)
{
    const auto& f = portrait.face;
    const int y = cvRound(brow_y(f) - 0.9 * ied(f));
    cv::rectangle(portrait.bgr, cv::Rect(cv::Point(cvRound(f.landmarks[0].x), y),
                                         cv::Point(cvRound(f.landmarks[16].x), y + cvRound(0.15 * ied(f)))),
                  cv::Scalar::all(2), cv::FILLED);
    const CheckResult r = run(vision::check_hair_accessory);
    EXPECT_EQ(r.status, CheckStatus::Fail) << r.detail;
    EXPECT_EQ(r.advice, "remove_hair_accessory");
}

TEST_F(HeadAccessoryChecks, BeadsInARowOverTheHeadAreAHairAccessoryScatteredGlintsAreNot)
{
    const auto& f = portrait.face;
    const double d = ied(f);
    const cv::Point2d mid = (cv::Point2d(f.eye_right) + cv::Point2d(f.eye_left)) / 2;
    const double top = brow_y(f) - 0.95 * d;
    auto bead = [&](double x_ied, double y_px) {
        cv::circle(portrait.bgr, cv::Point(cvRound(mid.x + x_ied * d), cvRound(y_px)), cvRound(0.025 * d),
                   cv::Scalar::all(190), cv::FILLED, cv::LINE_AA);
    };

    const cv::Mat plain = portrait.bgr.clone();
    cv::RNG rng(11);
    for (int i = 0; i < 13; ++i)
        bead(rng.uniform(-0.9, 0.9), top + rng.uniform(-0.25, 0.3) * d);
    EXPECT_EQ(run(vision::check_hair_accessory).status, CheckStatus::Pass);

    portrait.bgr = plain;
    for (double x = -0.9; x <= 0.9; x += 0.15)
        bead(x, top + 0.3 * x * x * d);   // an arc over the head, lowest at the temples
    const CheckResult r = run(vision::check_hair_accessory);
    EXPECT_EQ(r.status, CheckStatus::Fail) << r.detail;
    EXPECT_EQ(r.advice, "remove_hair_accessory");
}

TEST_F(HeadAccessoryChecks, FringeDownOverTheBrowsFails)
{
    const auto& f = portrait.face;
    cv::rectangle(portrait.bgr, cv::Rect(cv::Point(cvRound(f.landmarks[0].x), 0),
                                         cv::Point(cvRound(f.landmarks[16].x), cvRound(brow_y(f)))),
                  kHair, cv::FILLED);
    const CheckResult r = run(vision::check_hair_over_eyebrows);
    EXPECT_EQ(r.status, CheckStatus::Fail) << r.detail;
    EXPECT_EQ(r.advice, "hair_off_eyebrows");
    EXPECT_GT(std::get<double>(r.value), 0.9);
}

TEST_F(HeadAccessoryChecks, RegionsCutByThePicturesEdgeAreUnknownNotPass)
{
    // Cut the picture just above the brows: neither the forehead nor the hair is in it.
    const int cut = cvRound(brow_y(portrait.face) - 0.15 * ied(portrait.face));
    portrait.bgr = portrait.bgr.rowRange(cut, portrait.bgr.rows).clone();
    auto& f = portrait.face;
    for (auto& p : f.landmarks)
        p.y -= static_cast<float>(cut);
    f.eye_right.y -= static_cast<float>(cut);
    f.eye_left.y -= static_cast<float>(cut);
    for (auto check : {vision::check_head_covering, vision::check_hair_accessory, vision::check_hair_over_eyebrows}) {
        const CheckResult r = run(check);
        EXPECT_EQ(r.status, CheckStatus::Unknown) << r.id;
        EXPECT_FALSE(r.detail.empty()) << r.id;
    }
}

TEST_F(HeadAccessoryChecks, FaceCutBelowTheEyesIsUnknownNotPass)
{
    // No cheeks to learn the skin from, no lower rims to find a frame by.
    const int cut = cvRound(portrait.face.eye_left.y + 0.4 * ied(portrait.face));
    portrait.bgr = portrait.bgr.rowRange(0, cut).clone();
    for (auto check : {vision::check_glasses, vision::check_lens_glare, vision::check_head_covering,
                       vision::check_hair_accessory, vision::check_hair_over_eyebrows}) {
        const CheckResult r = run(check);
        EXPECT_EQ(r.status, CheckStatus::Unknown) << r.id;
        EXPECT_FALSE(r.detail.empty()) << r.id;
    }
}

TEST_F(HeadAccessoryChecks, FacesTooSmallToResolveAreUnknown)
{
    portrait = test::draw_portrait({200, 250}, {215, 215, 215}, {120, 150, 200}, kHair);
    ASSERT_LT(ied(portrait.face), spec.checks.number("glasses", "min_eye_distance_px"));
    for (auto check : {vision::check_glasses, vision::check_lens_glare, vision::check_head_covering,
                       vision::check_hair_accessory, vision::check_hair_over_eyebrows}) {
        const CheckResult r = run(check);
        EXPECT_EQ(r.status, CheckStatus::Unknown) << r.id;
        EXPECT_NE(r.detail.find("too small"), std::string::npos) << r.id;
    }
}

TEST(UprightView, LevelsTheEyeLineAndScalesToTheEyeDistance)
{
    vision::Face face;
    face.eye_right = {100, 300};
    face.eye_left = {300, 100};   // eye line tilted 45 degrees, 283 px long
    for (auto& p : face.landmarks)
        p = {200, 200};
    face.landmarks[8] = {200 + 300, 200 + 300};   // straight below the eyes on the tilted face
    const cv::Mat bgr(600, 600, CV_8UC3, cv::Scalar::all(128));
    const vision::UprightView view(bgr, face, cv::Rect2d(-1, -1, 2, 3), 100, vision::Shrinking::Sample);
    EXPECT_EQ(view.bgr().size(), cv::Size(200, 300));
    EXPECT_NEAR(view.landmark(0).x, 0, 1e-9);
    EXPECT_NEAR(view.landmark(0).y, 0, 1e-9);
    EXPECT_NEAR(view.landmark(8).x, 0, 1e-9);
    EXPECT_NEAR(view.landmark(8).y, std::hypot(300, 300) / std::hypot(200, 200), 1e-9);
    const cv::Point2d mid = view.to_px({0, 0});
    EXPECT_NEAR(mid.x, 100, 1e-9);
    EXPECT_NEAR(mid.y, 100, 1e-9);
    EXPECT_DOUBLE_EQ(view.inside_fraction(view.region(-0.5, -0.5, 0.5, 0.5)), 1.0);
}

// Why the ear and neck checks smooth before shrinking: a one-pixel chain
// between two samples vanishes from a plainly sampled view, and stays as a
// fainter line in a smoothed one.
TEST(UprightView, SmoothingBeforeShrinkingKeepsAThinLine)
{
    vision::Face face;
    face.eye_right = {200, 300};
    face.eye_left = {500, 300};   // 300 px apart: a 100 px/IED view reads every third pixel
    for (auto& p : face.landmarks)
        p = {350, 350};
    cv::Mat bgr(600, 600, CV_8UC3, cv::Scalar::all(200));
    bgr.col(301).setTo(cv::Scalar::all(0));   // view column 33.7: between the samples at 299 and 302
    const cv::Rect2d window(-0.5, -0.5, 1, 1);
    auto darkest = [&](vision::Shrinking shrinking) {
        const vision::UprightView view(bgr, face, window, 100, shrinking);
        double least = 0;
        cv::minMaxLoc(view.gray(), &least);
        return least;
    };
    EXPECT_EQ(darkest(vision::Shrinking::Sample), 200);
    EXPECT_LT(darkest(vision::Shrinking::SmoothFirst), 180);
}

} // namespace
