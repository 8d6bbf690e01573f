#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "core/error.h"
#include "core/paths.h"
#include "spec/document_spec.h"
#include "synthetic_portrait.h"
#include "vision/background_model.h"
#include "vision/subject_mask.h"

namespace kiosk::vision {
namespace {

const spec::Thresholds& limits()
{
    static const auto spec = spec::load_spec(config_dir() / "specs", "exit-entry");
    return spec.checks;
}

// Share of pixels where the hard mask (alpha >= 128) and `truth` agree.
double agreement(const cv::Mat& alpha, const cv::Mat& truth)
{
    cv::Mat hard = alpha >= 128;
    cv::Mat differ;
    cv::bitwise_xor(hard, truth, differ);
    return 1.0 - static_cast<double>(cv::countNonZero(differ)) / static_cast<double>(truth.total());
}

// A Lab image whose colour follows a known smooth surface: L* falls off
// towards the edges like a lit backdrop, with a slight warm tilt left to right.
cv::Mat lit_backdrop(cv::Size size)
{
    cv::Mat lab(size, CV_32FC3);
    for (int y = 0; y < size.height; ++y)
        for (int x = 0; x < size.width; ++x) {
            const float u = 2.0f * x / (size.width - 1) - 1, v = 2.0f * y / (size.height - 1) - 1;
            lab.at<cv::Vec3f>(y, x) = {85 - 6 * u * u - 4 * v * v, 0.5f, 1 + 2 * u};
        }
    return lab;
}

TEST(BackgroundModel, FollowsASmoothLightFallOff)
{
    const cv::Mat lab = lit_backdrop({200, 160});
    const cv::Mat all(lab.size(), CV_8U, cv::Scalar(255));
    const auto m = BackgroundModel::fit(lab, all, 8.0);
    ASSERT_TRUE(m.valid());
    EXPECT_LT(m.noise(), 0.05);
    EXPECT_EQ(m.busy_fraction(), 0.0);
    EXPECT_NEAR(m.predict(0, 0)[0], 85 - 6 - 4, 0.05);
    EXPECT_NEAR(m.predict(199, 80)[2], 3, 0.05);
}

TEST(BackgroundModel, CountsWhatDepartsFromTheBackdropWithoutBendingToIt)
{
    cv::Mat lab = lit_backdrop({200, 160});
    // A dark object over the left 30 % of the frame.
    lab(cv::Rect(0, 0, 60, 160)).setTo(cv::Scalar(30, 20, -10));
    const cv::Mat all(lab.size(), CV_8U, cv::Scalar(255));
    const auto m = BackgroundModel::fit(lab, all, 8.0);
    EXPECT_NEAR(m.busy_fraction(), 0.3, 0.01);
    // The second round fits the backdrop, not the object.
    EXPECT_NEAR(m.predict(150, 80)[0], lit_backdrop({200, 160}).at<cv::Vec3f>(80, 150)[0], 1.0);
}

TEST(BackgroundModel, IsInvalidWithTooFewSamples)
{
    const cv::Mat lab = lit_backdrop({50, 50});
    cv::Mat few = cv::Mat::zeros(lab.size(), CV_8U);
    few(cv::Rect(0, 0, 5, 5)).setTo(255);
    EXPECT_FALSE(BackgroundModel::fit(lab, few, 8.0).valid());
}

TEST(SubjectMask, SeparatesADrawnPortraitFromAPlainBackdrop)
{
    const auto p = test::draw_portrait({600, 750}, {215, 215, 215});
    const auto m = separate_subject(p.bgr, p.face, limits());
    EXPECT_TRUE(m.separable) << m.note;
    EXPECT_TRUE(m.note.empty());
    ASSERT_EQ(m.alpha.size(), p.bgr.size());
    ASSERT_EQ(m.alpha.type(), CV_8U);
    EXPECT_GT(agreement(m.alpha, p.person), 0.97);
    // Inside the face and in the backdrop's corner the matte is decided, not soft.
    EXPECT_EQ(m.alpha.at<uchar>(cvRound(p.face.landmarks[30].y), cvRound(p.face.landmarks[30].x)), 255);
    EXPECT_EQ(m.alpha.at<uchar>(5, 5), 0);
}

TEST(SubjectMask, FollowsAGentleLightFallOffOnTheBackdrop)
{
    auto p = test::draw_portrait({600, 750}, {0, 0, 0});
    // Backdrop from 235 in the middle to about 195 in the corners, as studio lights leave it.
    for (int y = 0; y < p.bgr.rows; ++y)
        for (int x = 0; x < p.bgr.cols; ++x) {
            if (p.person.at<uchar>(y, x))
                continue;
            const double dx = (x - p.bgr.cols / 2.0) / p.bgr.cols, dy = (y - p.bgr.rows / 2.0) / p.bgr.rows;
            const auto v = cv::saturate_cast<uchar>(235 - 160 * (dx * dx + dy * dy));
            p.bgr.at<cv::Vec3b>(y, x) = {v, v, v};
        }
    const auto m = separate_subject(p.bgr, p.face, limits());
    EXPECT_TRUE(m.separable) << m.note;
    EXPECT_GT(agreement(m.alpha, p.person), 0.97);
}

TEST(SubjectMask, SaysNotSeparableOnABusyBackdrop)
{
    auto p = test::draw_portrait({600, 750}, {200, 200, 200});
    cv::Mat busy(p.bgr.size(), CV_8UC3);
    cv::RNG rng(7);
    // Large coloured blocks, like shelves or a poster behind the subject.
    for (int y = 0; y < busy.rows; y += 40)
        for (int x = 0; x < busy.cols; x += 40)
            cv::rectangle(busy, cv::Rect(x, y, 40, 40),
                          cv::Scalar(rng.uniform(0, 256), rng.uniform(0, 256), rng.uniform(0, 256)), cv::FILLED);
    busy.copyTo(p.bgr, ~p.person);
    const auto m = separate_subject(p.bgr, p.face, limits());
    EXPECT_FALSE(m.separable);
    EXPECT_NE(m.note.find("busy"), std::string::npos) << m.note;
    EXPECT_EQ(m.alpha.size(), p.bgr.size());
}

TEST(SubjectMask, SaysNotSeparableWhenTheSubjectMatchesTheBackdrop)
{
    // Grey hair, grey shirt and a grey face on the same grey: nothing to cut along.
    const cv::Scalar grey(180, 180, 180);
    const auto p = test::draw_portrait({600, 750}, grey, {182, 181, 183}, grey, grey);
    const auto m = separate_subject(p.bgr, p.face, limits());
    EXPECT_FALSE(m.separable);
    EXPECT_NE(m.note.find("too close to the backdrop"), std::string::npos) << m.note;
}

TEST(SubjectMask, GivesTheSameMaskEveryTimeAndLeavesTheCallersRandomStateAlone)
{
    const auto p = test::draw_portrait({480, 600}, {225, 225, 225});
    cv::theRNG().state = 12345;
    const auto a = separate_subject(p.bgr, p.face, limits());
    EXPECT_EQ(cv::theRNG().state, 12345u);
    cv::theRNG().state = 999;
    const auto b = separate_subject(p.bgr, p.face, limits());
    EXPECT_EQ(cv::countNonZero(a.alpha != b.alpha), 0);
}

TEST(SubjectMask, RejectsAnImageItCannotUse)
{
    const auto p = test::draw_portrait({200, 250}, {220, 220, 220});
    EXPECT_THROW(separate_subject(cv::Mat(), p.face, limits()), InputError);
    cv::Mat grey;
    cv::cvtColor(p.bgr, grey, cv::COLOR_BGR2GRAY);
    EXPECT_THROW(separate_subject(grey, p.face, limits()), InputError);
    EXPECT_THROW(separate_subject(p.bgr(cv::Rect(0, 0, 40, 250)).clone(), p.face, limits()), InputError);
}

} // namespace
} // namespace kiosk::vision
