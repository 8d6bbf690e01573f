// The ear and neck checks on drawn portraits: ears, hair, a stud, a hoop and
// a chain are painted onto a plain face with a bare neck, so each test shows
// one thing turning one check from pass to fail, and that the checks say
// "unknown" (never pass) when the region they read lies outside the frame.

#include <variant>

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "core/error.h"
#include "core/paths.h"
#include "spec/crop_plan.h"
#include "spec/document_spec.h"
#include "support/photo_set.h"
#include "synthetic_portrait.h"
#include "vision/check_context.h"
#include "vision/checks/ear_neck_checks.h"

namespace {

using namespace kiosk;
using vision::CheckResult;
using vision::CheckStatus;

const cv::Scalar kSkin(120, 150, 200);
const cv::Scalar kEarSkin(115, 140, 205);   // ears are a little redder than cheeks
const cv::Scalar kHair(30, 35, 45);
const cv::Scalar kGold(30, 190, 235);
const cv::Scalar kBlackMetal(25, 25, 25);

// Where draw_portrait puts things, in its own terms (w = half face width).
struct Layout {
    float cx, w, eye_y, chin_y;
};

Layout layout_of(const test::SyntheticPortrait& p)
{
    const auto& lm = p.face.landmarks;
    const float w = 0.5f * (lm[16].x - lm[0].x);
    return {0.5f * (lm[0].x + lm[16].x), w, lm[0].y, lm[8].y};
}

cv::Point at(const Layout& l, float dx_w, float dy_w)
{
    return {cvRound(l.cx + dx_w * l.w), cvRound(l.eye_y + dy_w * l.w)};
}

// A face with both ears showing and a bare neck and upper chest (a low
// neckline), with camera-like noise.
test::SyntheticPortrait portrait_with_ears(cv::Size size = {900, 1100}, cv::Scalar backdrop = {215, 215, 215})
{
    auto p = test::draw_portrait(size, backdrop, kSkin, kHair);
    const Layout l = layout_of(p);
    const cv::Size ear(cvRound(0.14f * l.w), cvRound(0.4f * l.w));
    cv::ellipse(p.bgr, at(l, -1.1f, 0.3f), ear, 0, 0, 360, kEarSkin, cv::FILLED);
    cv::ellipse(p.bgr, at(l, 1.1f, 0.3f), ear, 0, 0, 360, kEarSkin, cv::FILLED);
    const float chin = (l.chin_y - l.eye_y) / l.w;
    const std::vector<cv::Point> neck = {at(l, -0.45f, chin - 0.2f), at(l, 0.45f, chin - 0.2f),
                                         at(l, 1.1f, chin + 1.6f), at(l, -1.1f, chin + 1.6f)};
    cv::fillConvexPoly(p.bgr, neck, kSkin);
    // Paint the face again over the top of the neck so the jaw stays a clean edge.
    cv::ellipse(p.bgr, at(l, 0, 0), {cvRound(1.02f * l.w), cvRound(l.chin_y - l.eye_y)}, 0, 0, 180, kSkin,
                cv::FILLED);
    return p;
}

void add_noise(cv::Mat& bgr)
{
    cv::Mat noise(bgr.size(), CV_16SC3);
    cv::RNG rng(11);
    rng.fill(noise, cv::RNG::NORMAL, 0, 3);
    cv::Mat wide;
    bgr.convertTo(wide, CV_16SC3);
    wide += noise;
    wide.convertTo(bgr, CV_8UC3);
}

void cover_ears_with_hair(test::SyntheticPortrait& p)
{
    const Layout l = layout_of(p);
    cv::rectangle(p.bgr, at(l, -1.3f, -0.2f), at(l, -0.99f, 0.5f), kHair, cv::FILLED);
    cv::rectangle(p.bgr, at(l, 0.99f, -0.2f), at(l, 1.3f, 0.5f), kHair, cv::FILLED);
}

void add_gold_stud(test::SyntheticPortrait& p)
{
    const Layout l = layout_of(p);
    cv::circle(p.bgr, at(l, -1.0f, 0.62f), cvRound(0.05f * l.w), kGold, cv::FILLED);
}

void add_dark_hoop(test::SyntheticPortrait& p)
{
    const Layout l = layout_of(p);
    cv::circle(p.bgr, at(l, 1.0f, 0.85f), cvRound(0.1f * l.w), kBlackMetal, 2, cv::LINE_AA);
}

void add_chain(test::SyntheticPortrait& p)
{
    const Layout l = layout_of(p);
    const float chin = (l.chin_y - l.eye_y) / l.w;
    const cv::Scalar shade = kSkin * 0.6;
    cv::line(p.bgr, at(l, -0.4f, chin + 0.3f), at(l, -0.1f, chin + 1.2f), shade, 2, cv::LINE_AA);
    cv::line(p.bgr, at(l, 0.4f, chin + 0.3f), at(l, 0.1f, chin + 1.2f), shade, 2, cv::LINE_AA);
}

// Cuts the picture to `keep` and moves the landmarks with it.
test::SyntheticPortrait cropped(const test::SyntheticPortrait& p, const cv::Rect& keep)
{
    test::SyntheticPortrait out = p;
    out.bgr = p.bgr(keep).clone();
    const cv::Point2f shift(static_cast<float>(keep.x), static_cast<float>(keep.y));
    for (auto& pt : out.face.landmarks)
        pt -= shift;
    out.face.eye_right -= shift;
    out.face.eye_left -= shift;
    out.face.box -= keep.tl();
    return out;
}

double value_of(const CheckResult& r)
{
    const double* v = std::get_if<double>(&r.value);
    return v ? *v : -1.0;
}

class EarNeckChecks : public ::testing::Test {
protected:
    CheckResult run(CheckResult (*check)(const vision::CheckContext&), const test::SyntheticPortrait& p) const
    {
        cv::Mat gray;
        cv::cvtColor(p.bgr, gray, cv::COLOR_BGR2GRAY);
        const vision::CheckContext ctx{p.bgr, gray, p.face, spec_, crop_, test::shared_models()};
        return check(ctx);
    }

    spec::DocumentSpec spec_ = spec::load_spec(config_dir() / "specs", "exit-entry");
    spec::CropPlan crop_;
};

TEST_F(EarNeckChecks, PlainPortraitPassesAllThree)
{
    auto p = portrait_with_ears();
    add_noise(p.bgr);
    for (auto check : {vision::check_ears_visible, vision::check_earrings, vision::check_necklace}) {
        const CheckResult r = run(check, p);
        EXPECT_EQ(r.status, CheckStatus::Pass) << r.id << ": " << r.detail;
        EXPECT_TRUE(r.advice.empty()) << r.id;
        ASSERT_TRUE(r.limit.max.has_value()) << r.id;
        EXPECT_LE(value_of(r), *r.limit.max) << r.id;
    }
    EXPECT_LT(value_of(run(vision::check_ears_visible, p)), 0.2) << "drawn ears read as covered";
}

TEST_F(EarNeckChecks, HairOverTheEarsFails)
{
    auto p = portrait_with_ears();
    cover_ears_with_hair(p);
    add_noise(p.bgr);
    const CheckResult r = run(vision::check_ears_visible, p);
    EXPECT_EQ(r.id, "ears_visible");
    EXPECT_EQ(r.status, CheckStatus::Fail);
    EXPECT_EQ(r.advice, "show_ears");
    EXPECT_GT(value_of(r), 0.9);
    EXPECT_FALSE(r.detail.empty());
}

TEST_F(EarNeckChecks, LightBlueBackdropBesideTheEarsIsNotHair)
{
    // Exit-entry accepts a light-blue backdrop; its colour is not neutral.
    auto p = portrait_with_ears({900, 1100}, {245, 225, 200});
    add_noise(p.bgr);
    const CheckResult r = run(vision::check_ears_visible, p);
    EXPECT_EQ(r.status, CheckStatus::Pass) << r.detail;
    EXPECT_LT(value_of(r), 0.2);
}

TEST_F(EarNeckChecks, GoldStudFails)
{
    auto p = portrait_with_ears();
    add_gold_stud(p);
    add_noise(p.bgr);
    const CheckResult r = run(vision::check_earrings, p);
    EXPECT_EQ(r.status, CheckStatus::Fail);
    EXPECT_EQ(r.advice, "remove_earrings");
    EXPECT_NE(r.detail.find("gold"), std::string::npos) << r.detail;
}

TEST_F(EarNeckChecks, DarkHoopBelowTheLobeFails)
{
    auto p = portrait_with_ears();
    add_dark_hoop(p);
    add_noise(p.bgr);
    const CheckResult r = run(vision::check_earrings, p);
    EXPECT_EQ(r.status, CheckStatus::Fail);
    EXPECT_NE(r.detail.find("hanging"), std::string::npos) << r.detail;
}

TEST_F(EarNeckChecks, HairHangingPastTheLobeIsNotAnEarring)
{
    // A dark lock running from above the ear down past the lobe and out of
    // the region: the shape hair has, which the earring test must ignore.
    auto p = portrait_with_ears();
    const Layout l = layout_of(p);
    cv::line(p.bgr, at(l, -1.15f, -0.3f), at(l, -1.2f, 1.6f), kHair, 6);
    add_noise(p.bgr);
    EXPECT_EQ(run(vision::check_earrings, p).status, CheckStatus::Pass);
}

TEST_F(EarNeckChecks, ChainOnTheNeckFails)
{
    auto p = portrait_with_ears();
    add_chain(p);
    add_noise(p.bgr);
    const CheckResult r = run(vision::check_necklace, p);
    EXPECT_EQ(r.status, CheckStatus::Fail);
    EXPECT_EQ(r.advice, "remove_necklace");
    EXPECT_GT(value_of(r), 1.0) << "two drawn strands of about 1.2 IED each";
}

TEST_F(EarNeckChecks, CreaseAcrossTheNeckIsNotANecklace)
{
    auto p = portrait_with_ears();
    const Layout l = layout_of(p);
    const float chin = (l.chin_y - l.eye_y) / l.w;
    cv::line(p.bgr, at(l, -0.4f, chin + 0.4f), at(l, 0.4f, chin + 0.45f), kSkin * 0.6, 2, cv::LINE_AA);
    add_noise(p.bgr);
    EXPECT_EQ(run(vision::check_necklace, p).status, CheckStatus::Pass);
}

TEST_F(EarNeckChecks, EarBeyondTheFrameIsUnknown)
{
    auto whole = portrait_with_ears();
    add_noise(whole.bgr);
    const Layout l = layout_of(whole);
    const int cut = cvRound(l.cx - 1.05f * l.w);   // through the subject's right ear
    const auto p = cropped(whole, cv::Rect(cut, 0, whole.bgr.cols - cut, whole.bgr.rows));
    for (auto check : {vision::check_ears_visible, vision::check_earrings}) {
        const CheckResult r = run(check, p);
        EXPECT_EQ(r.status, CheckStatus::Unknown) << r.id;
        EXPECT_NE(r.detail.find("outside the frame"), std::string::npos) << r.id << ": " << r.detail;
    }
    EXPECT_EQ(run(vision::check_necklace, p).status, CheckStatus::Pass) << "the neck is still in the frame";
}

TEST_F(EarNeckChecks, NeckBeyondTheFrameIsUnknown)
{
    auto whole = portrait_with_ears();
    add_chain(whole);
    add_noise(whole.bgr);
    const Layout l = layout_of(whole);
    const auto p = cropped(whole, cv::Rect(0, 0, whole.bgr.cols, cvRound(l.chin_y + 0.3f * l.w)));
    const CheckResult r = run(vision::check_necklace, p);
    EXPECT_EQ(r.status, CheckStatus::Unknown);
    EXPECT_FALSE(r.detail.empty());
}

TEST_F(EarNeckChecks, FaceTooSmallForJewelleryIsUnknown)
{
    // About 49 px between the eyes: ears still measurable, studs and chains not.
    auto p = portrait_with_ears({360, 440});
    add_gold_stud(p);
    add_noise(p.bgr);
    ASSERT_LT(p.face.inter_eye_distance(), spec_.checks.number("earrings", "min_eye_distance_px"));
    for (auto check : {vision::check_earrings, vision::check_necklace}) {
        const CheckResult r = run(check, p);
        EXPECT_EQ(r.status, CheckStatus::Unknown) << r.id;
        EXPECT_NE(r.detail.find("too small"), std::string::npos) << r.id << ": " << r.detail;
    }
    EXPECT_EQ(run(vision::check_ears_visible, p).status, CheckStatus::Pass);
}

TEST_F(EarNeckChecks, LimitsComeFromTheSpec)
{
    auto p = portrait_with_ears();
    cover_ears_with_hair(p);
    add_noise(p.bgr);
    ASSERT_EQ(run(vision::check_ears_visible, p).status, CheckStatus::Fail);

    // A city that tolerates hair over the ears overrides the limit in its spec.
    auto values = spec_.checks.raw();
    values["ears_visible"]["max_hair_cover"] = 1.0;
    spec_.checks = spec::Thresholds(spec_.id, values);
    const CheckResult r = run(vision::check_ears_visible, p);
    EXPECT_EQ(r.status, CheckStatus::Pass);
    EXPECT_EQ(r.limit.max, 1.0);
}

TEST_F(EarNeckChecks, MissingLimitIsAConfigError)
{
    auto values = spec_.checks.raw();
    values["necklace"].erase("max_line_length_ied");
    spec_.checks = spec::Thresholds(spec_.id, values);
    const auto p = portrait_with_ears();
    EXPECT_THROW(run(vision::check_necklace, p), ConfigError);
}

} // namespace
