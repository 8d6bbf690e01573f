// eyes_open, mouth_closed and expression_neutral on synthetic landmark sets:
// an average neutral face (the mean of the frl-london neutral landmarks in
// eye-distance units), the same face with closed eyes, an open mouth, teeth
// showing or a smile, and shapes that are no face at all.

#include <algorithm>
#include <cmath>
#include <string>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "core/error.h"
#include "core/paths.h"
#include "spec/crop_plan.h"
#include "spec/document_spec.h"
#include "support/photo_set.h"
#include "vision/check_context.h"
#include "vision/checks/expression_checks.h"
#include "vision/checks/expression_judgement.h"
#include "vision/expression_baseline.h"

namespace {

using namespace kiosk;
using vision::CheckResult;
using vision::CheckStatus;
using Shape = std::array<cv::Point2d, 68>;

// Origin midway between the eyes, x towards the subject's left eye, y down,
// unit = eye distance.
const Shape kNeutralShape = {{
    {-1.13, 0.08}, {-1.11, 0.37}, {-1.06, 0.66}, {-1.01, 0.95}, {-0.92, 1.23}, {-0.77, 1.47},
    {-0.55, 1.66}, {-0.29, 1.79}, {0.01, 1.83},  {0.30, 1.79},  {0.57, 1.66},  {0.79, 1.48},
    {0.94, 1.24},  {1.03, 0.96},  {1.08, 0.67},  {1.12, 0.38},  {1.15, 0.08},  {-0.94, -0.18},
    {-0.81, -0.34}, {-0.61, -0.40}, {-0.39, -0.38}, {-0.19, -0.30}, {0.18, -0.30}, {0.39, -0.38},
    {0.61, -0.40}, {0.81, -0.34},  {0.95, -0.18},  {0.00, -0.06},  {0.00, 0.12},  {0.00, 0.29},
    {0.00, 0.47},  {-0.20, 0.65},  {-0.10, 0.68},  {0.00, 0.71},   {0.11, 0.68},  {0.20, 0.65},
    {-0.70, 0.01}, {-0.58, -0.08}, {-0.42, -0.08}, {-0.29, 0.02},  {-0.43, 0.06}, {-0.58, 0.06},
    {0.29, 0.02},  {0.42, -0.08},  {0.58, -0.08},  {0.69, 0.01},   {0.58, 0.06},  {0.43, 0.06},
    {-0.40, 1.08}, {-0.24, 0.98},  {-0.10, 0.93},  {0.00, 0.95},   {0.11, 0.92},  {0.25, 0.98},
    {0.41, 1.07},  {0.26, 1.16},   {0.12, 1.20},   {0.00, 1.21},   {-0.11, 1.20}, {-0.24, 1.17},
    {-0.32, 1.08}, {-0.10, 1.04},  {0.00, 1.05},   {0.11, 1.04},   {0.33, 1.07},  {0.11, 1.05},
    {0.00, 1.06},  {-0.10, 1.05},
}};

Shape closed_eyes(Shape s)
{
    // Lids meet on the line between the eye corners.
    for (int first : {36, 42}) {
        const double y = (s[first].y + s[first + 3].y) / 2;
        for (int i : {1, 2, 4, 5})
            s[first + i].y = y;
    }
    return s;
}

Shape open_mouth(Shape s, double drop)
{
    // The jaw drops: lower lip (outer 55-59, inner 65-67) moves down.
    for (int i : {55, 56, 57, 58, 59, 65, 66, 67})
        s[i].y += drop;
    return s;
}

// Corners pulled out and up, as in the frl-london smiling set on average;
// `share` of that for a fainter smile.
Shape smile(Shape s, double share = 1.0)
{
    for (int i : {48, 60}) {
        s[i].x -= 0.08 * share;
        s[i].y -= 0.07 * share;
    }
    for (int i : {54, 64}) {
        s[i].x += 0.08 * share;
        s[i].y -= 0.07 * share;
    }
    return s;
}

// A face drawn from a shape: landmarks in a frame of `size`, eyes `eye_px`
// apart around `eye_mid`, turned by `roll_deg`; skin, red lips, a dark mouth
// and, when asked, white teeth between the lips.
struct Portrait {
    cv::Mat bgr, gray;
    vision::Face face;
    spec::DocumentSpec spec = spec::load_spec(config_dir() / "specs", "exit-entry");
    spec::CropPlan crop;

    Portrait(const Shape& shape, double eye_px = 100, cv::Size size = {640, 480}, cv::Point2d eye_mid = {320, 160},
             double roll_deg = 0, bool teeth = false)
        : bgr(size, CV_8UC3, cv::Scalar(150, 170, 210))
    {
        const double a = roll_deg * CV_PI / 180;
        for (int i = 0; i < 68; ++i) {
            const cv::Point2d p = shape[i] * eye_px;
            face.landmarks[i] = cv::Point2f(eye_mid + cv::Point2d(p.x * std::cos(a) - p.y * std::sin(a),
                                                                  p.x * std::sin(a) + p.y * std::cos(a)));
        }
        face.eye_right = mean_of(36);
        face.eye_left = mean_of(42);
        if (std::all_of(shape.begin(), shape.end(), [](auto p) { return std::isfinite(p.x) && std::isfinite(p.y); }))
            paint_mouth(teeth);
        cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
    }

    using Judge = CheckResult (*)(const cv::Mat&, const vision::Face&, const spec::Thresholds&);
    CheckResult run(Judge judge) const { return judge(bgr, face, spec.checks); }

private:
    void paint_mouth(bool teeth)
    {
        cv::fillPoly(bgr, std::vector{polygon(48, 59)}, cv::Scalar(90, 90, 180), cv::LINE_AA);
        cv::fillPoly(bgr, std::vector{polygon(60, 67)}, teeth ? cv::Scalar(235, 235, 235) : cv::Scalar(50, 30, 40),
                     cv::LINE_AA);
    }
    cv::Point2f mean_of(int first) const
    {
        cv::Point2f sum(0, 0);
        for (int i = first; i < first + 6; ++i)
            sum += face.landmarks[i];
        return sum / 6.0f;
    }
    std::vector<cv::Point> polygon(int first, int last) const
    {
        std::vector<cv::Point> out;
        for (int i = first; i <= last; ++i)
            out.emplace_back(cvRound(face.landmarks[i].x), cvRound(face.landmarks[i].y));
        return out;
    }
};

// The three judgements in one signature, so a test can loop over them.
CheckResult eyes_open(const cv::Mat& bgr, const vision::Face& face, const spec::Thresholds& limits)
{
    return vision::judge_eyes_open(face, bgr.size(), limits);
}
CheckResult mouth_closed(const cv::Mat& bgr, const vision::Face& face, const spec::Thresholds& limits)
{
    return vision::judge_mouth_closed(bgr, face, limits);
}
CheckResult expression_neutral(const cv::Mat& bgr, const vision::Face& face, const spec::Thresholds& limits)
{
    return vision::judge_expression_neutral(face, bgr.size(), limits);
}
constexpr Portrait::Judge kAllJudges[] = {eyes_open, mouth_closed, expression_neutral};

double value(const CheckResult& r) { return std::get<double>(r.value); }

TEST(EyesOpen, OpenEyesPassWithTheMeasuredRatioAndLimit)
{
    const auto r = Portrait(kNeutralShape).run(eyes_open);
    EXPECT_EQ(r.status, CheckStatus::Pass);
    EXPECT_NEAR(value(r), 0.34, 0.02);
    ASSERT_TRUE(r.limit.min.has_value());
    EXPECT_GT(value(r), *r.limit.min);
    EXPECT_TRUE(r.advice.empty());
}

TEST(EyesOpen, ClosedEyesFailWithAdvice)
{
    const auto r = Portrait(closed_eyes(kNeutralShape)).run(eyes_open);
    EXPECT_EQ(r.status, CheckStatus::Fail);
    EXPECT_LT(value(r), *r.limit.min);
    EXPECT_EQ(r.advice, "open_eyes");
}

TEST(EyesOpen, OneClosedEyeIsEnoughToFail)
{
    Shape s = closed_eyes(kNeutralShape);
    for (int i = 42; i < 48; ++i)
        s[i] = kNeutralShape[i];
    EXPECT_EQ(Portrait(s).run(eyes_open).status, CheckStatus::Fail);
}

TEST(MouthClosed, ClosedLipsPass)
{
    const auto r = Portrait(kNeutralShape).run(mouth_closed);
    EXPECT_EQ(r.status, CheckStatus::Pass);
    EXPECT_LT(value(r), *r.limit.max);
}

TEST(MouthClosed, OpenMouthFailsWithAdvice)
{
    const auto r = Portrait(open_mouth(kNeutralShape, 0.25)).run(mouth_closed);
    EXPECT_EQ(r.status, CheckStatus::Fail);
    EXPECT_NEAR(value(r), 0.25, 0.03);
    EXPECT_GT(value(r), *r.limit.max);
    EXPECT_EQ(r.advice, "close_mouth");
}

TEST(MouthClosed, TeethBetweenBarelyPartedLipsFail)
{
    // A gap the landmarks alone would accept; the teeth in it give it away.
    const Shape parted = open_mouth(kNeutralShape, 0.04);
    const auto dark = Portrait(parted).run(mouth_closed);
    ASSERT_EQ(dark.status, CheckStatus::Pass) << dark.detail;
    const auto teeth = Portrait(parted, 100, {640, 480}, {320, 160}, 0, true).run(mouth_closed);
    EXPECT_EQ(teeth.status, CheckStatus::Fail);
    EXPECT_EQ(teeth.advice, "close_mouth");
    EXPECT_NE(teeth.detail.find("teeth"), std::string::npos) << teeth.detail;
}

TEST(ExpressionNeutral, AverageNeutralFacePasses)
{
    const auto r = Portrait(kNeutralShape).run(expression_neutral);
    EXPECT_EQ(r.status, CheckStatus::Pass);
    EXPECT_LT(value(r), *r.limit.max);
}

TEST(ExpressionNeutral, SmileFailsWithAdvice)
{
    const auto r = Portrait(smile(kNeutralShape)).run(expression_neutral);
    EXPECT_EQ(r.status, CheckStatus::Fail);
    EXPECT_GT(value(r), *r.limit.max);
    EXPECT_EQ(r.advice, "neutral_expression");
}

TEST(ExpressionChecks, MeasuresDoNotDependOnDistanceOrRoll)
{
    const Shape s = smile(open_mouth(kNeutralShape, 0.1));
    const Portrait near(s, 300, {1280, 960}, {640, 300});
    const Portrait far(s, 40, {320, 240}, {160, 80});
    const Portrait tilted(s, 100, {640, 480}, {320, 160}, 20);
    for (auto check : kAllJudges) {
        const double reference = value(Portrait(s).run(check));
        EXPECT_NEAR(value(near.run(check)), reference, 0.01);
        EXPECT_NEAR(value(far.run(check)), reference, 0.01);
        EXPECT_NEAR(value(tilted.run(check)), reference, 0.01);
    }
}

void expect_all_unknown(const Portrait& p, const std::string& because)
{
    for (auto check : kAllJudges) {
        const auto r = p.run(check);
        EXPECT_EQ(r.status, CheckStatus::Unknown) << r.id;
        EXPECT_NE(r.detail.find(because), std::string::npos) << r.id << ": " << r.detail;
        EXPECT_TRUE(std::holds_alternative<std::monostate>(r.value)) << r.id;
    }
}

TEST(ExpressionChecks, CollapsedLandmarksAreUnknown)
{
    Shape dot;
    dot.fill({0.1, 0.5});
    expect_all_unknown(Portrait(dot), "implausible");
}

TEST(ExpressionChecks, LandmarksOutOfAnatomicalOrderAreUnknown)
{
    // Mouth above the nose: the predictor's answer for a box without a face.
    Shape s = kNeutralShape;
    for (int i = 48; i < 68; ++i)
        s[i].y -= 0.9;
    expect_all_unknown(Portrait(s), "implausible");
}

TEST(ExpressionChecks, NonFiniteLandmarksAreUnknown)
{
    Shape s = kNeutralShape;
    s[57].y = std::nan("");
    expect_all_unknown(Portrait(s), "implausible");
}

TEST(ExpressionChecks, TinyFaceIsUnknown)
{
    expect_all_unknown(Portrait(kNeutralShape, 8), "too small");
}

TEST(ExpressionChecks, RegionOutsideThePictureIsUnknown)
{
    // Eyes above the top edge, mouth inside: only the eyes are undecidable.
    const Portrait cut(kNeutralShape, 100, {640, 480}, {320, -20});
    const auto eyes = cut.run(eyes_open);
    EXPECT_EQ(eyes.status, CheckStatus::Unknown);
    EXPECT_NE(eyes.detail.find("outside"), std::string::npos) << eyes.detail;
    EXPECT_EQ(cut.run(mouth_closed).status, CheckStatus::Pass);
    // Mouth below the bottom edge.
    const Portrait low(kNeutralShape, 100, {640, 480}, {320, 400});
    EXPECT_EQ(low.run(eyes_open).status, CheckStatus::Pass);
    EXPECT_EQ(low.run(mouth_closed).status, CheckStatus::Unknown);
    EXPECT_EQ(low.run(expression_neutral).status, CheckStatus::Unknown);
}

TEST(ExpressionChecks, ContextChecksGiveTheJudgements)
{
    // The CheckContext entry points the assessor calls are the judgements on
    // the context's frame, face and spec.
    const Portrait p(smile(open_mouth(kNeutralShape, 0.1)));
    const vision::CheckContext ctx{p.bgr, p.gray, p.face, p.spec, p.crop, test::shared_models()};
    const std::pair<CheckResult, CheckResult> pairs[] = {
        {vision::check_eyes_open(ctx), p.run(eyes_open)},
        {vision::check_mouth_closed(ctx), p.run(mouth_closed)},
        {vision::check_expression_neutral(ctx), p.run(expression_neutral)},
    };
    for (const auto& [via_context, direct] : pairs) {
        EXPECT_EQ(via_context.id, direct.id);
        EXPECT_EQ(via_context.status, direct.status) << direct.id;
        EXPECT_EQ(value(via_context), value(direct)) << direct.id;
    }
}

// The live path's baseline (vision::ExpressionBaseline): a faint smile that
// the absolute score lets through fails once the same person's relaxed face
// is known.
constexpr double kFaintSmile = 0.4;

struct BaselineRun {
    Portrait relaxed{kNeutralShape};
    Portrait faint{smile(kNeutralShape, kFaintSmile)};
    vision::ExpressionBaseline baseline{relaxed.spec.checks};
    int frames_needed = static_cast<int>(relaxed.spec.checks.number("expression_neutral", "baseline_frames"));

    CheckResult judge(const Portrait& p, bool seated = true)
    {
        return baseline.judge(p.face, p.run(expression_neutral), seated);
    }
    void settle_on(const Portrait& p)
    {
        for (int i = 0; i < frames_needed; ++i)
            judge(p);
    }
};

TEST(ExpressionBaseline, AFaintSmileTheAbsoluteScorePassesFailsAgainstTheRelaxedFace)
{
    BaselineRun run;
    ASSERT_EQ(run.faint.run(expression_neutral).status, CheckStatus::Pass) << "the smile must be faint";
    run.settle_on(run.relaxed);
    ASSERT_TRUE(run.baseline.settled());
    const auto r = run.judge(run.faint);
    EXPECT_EQ(r.status, CheckStatus::Fail);
    EXPECT_GT(value(r), *r.limit.max);
    EXPECT_EQ(*r.limit.max, run.relaxed.spec.checks.number("expression_neutral", "max_smile_rise"));
    EXPECT_EQ(r.advice, "neutral_expression");
    EXPECT_EQ(run.judge(run.relaxed).status, CheckStatus::Pass) << "back to rest passes again";
}

TEST(ExpressionBaseline, NothingIsComparedBeforeTheRelaxedFaceIsKnown)
{
    BaselineRun run;
    for (int i = 0; i + 1 < run.frames_needed; ++i)
        run.judge(run.relaxed);
    EXPECT_FALSE(run.baseline.settled());
    // Learnt as one more relaxed frame, not judged against the others.
    EXPECT_EQ(run.judge(run.faint).status, CheckStatus::Pass);
    EXPECT_TRUE(run.baseline.settled());
}

TEST(ExpressionBaseline, ACitizenArrivingWithAFaintSmileIsNeverFailedForRelaxing)
{
    BaselineRun run;
    run.settle_on(run.faint);
    EXPECT_EQ(run.judge(run.relaxed).status, CheckStatus::Pass);
    EXPECT_EQ(run.judge(run.faint).status, CheckStatus::Pass);
}

TEST(ExpressionBaseline, ARelaxedFrameWithATwitchDoesNotSetTheBaseline)
{
    BaselineRun run;
    // One faint smile among the relaxed frames: the median ignores it.
    run.judge(run.faint);
    for (int i = 1; i < run.frames_needed; ++i)
        run.judge(run.relaxed);
    ASSERT_TRUE(run.baseline.settled());
    EXPECT_EQ(run.judge(run.faint).status, CheckStatus::Fail);
}

TEST(ExpressionBaseline, FramesNotSeatedOrWithAFailingExpressionAreNeitherLearntNorJudged)
{
    BaselineRun run;
    const Portrait broad(smile(kNeutralShape));
    for (int i = 0; i < 2 * run.frames_needed; ++i) {
        run.judge(run.relaxed, false);
        EXPECT_EQ(run.judge(broad).status, CheckStatus::Fail) << "the absolute result, unchanged";
    }
    EXPECT_FALSE(run.baseline.settled());
    run.settle_on(run.relaxed);
    const auto turned = run.judge(run.faint, false);
    EXPECT_EQ(turned.status, CheckStatus::Pass) << "a turned head's mouth says nothing about a smile";
}

TEST(ExpressionBaseline, ResetForgetsTheRelaxedFace)
{
    BaselineRun run;
    run.settle_on(run.relaxed);
    run.baseline.reset();
    EXPECT_FALSE(run.baseline.settled());
    EXPECT_EQ(run.judge(run.faint).status, CheckStatus::Pass);
}

TEST(ExpressionBaseline, ASpecWithoutItsLimitsIsAConfigError)
{
    const Portrait p(kNeutralShape);
    nlohmann::json limits = p.spec.checks.raw();
    limits["expression_neutral"].erase("max_smile_rise");
    EXPECT_THROW(vision::ExpressionBaseline(spec::Thresholds("broken", limits)), ConfigError);
    limits = p.spec.checks.raw();
    limits["expression_neutral"]["baseline_frames"] = 0;
    EXPECT_THROW(vision::ExpressionBaseline(spec::Thresholds("broken", limits)), ConfigError);
}

} // namespace
