#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include <opencv2/imgproc.hpp>

#include "core/error.h"
#include "core/paths.h"
#include "spec/crop_plan.h"
#include "spec/document_spec.h"
#include "synthetic_portrait.h"
#include "vision/backdrop_measures.h"
#include "vision/backdrop_plate.h"
#include "vision/background_model.h"
#include "vision/crop_window.h"
#include "vision/subject_mask.h"

namespace kiosk::vision {
namespace {

const spec::DocumentSpec& exit_entry()
{
    static const auto spec = spec::load_spec(config_dir() / "specs", "exit-entry");
    return spec;
}

// A backdrop lit unevenly on purpose: brighter top left, darker bottom right,
// as a lamp aimed off-centre leaves it.
cv::Mat uneven_backdrop(cv::Size size)
{
    cv::Mat bgr(size, CV_8UC3);
    for (int y = 0; y < size.height; ++y)
        for (int x = 0; x < size.width; ++x) {
            const double u = static_cast<double>(x) / size.width, v = static_cast<double>(y) / size.height;
            bgr.at<cv::Vec3b>(y, x) = cv::Vec3b::all(cv::saturate_cast<uchar>(230 - 40 * u * u - 30 * v));
        }
    return bgr;
}

TEST(BackdropPlate, RefusesWhatIsNoPicture)
{
    EXPECT_THROW(BackdropPlate(cv::Mat()), InputError);
    EXPECT_THROW(BackdropPlate(cv::Mat(100, 100, CV_8UC1, cv::Scalar(200))), InputError);
    EXPECT_THROW(BackdropPlate(cv::Mat(40, 100, CV_8UC3, cv::Scalar::all(200))), InputError);
}

TEST(BackdropPlate, ResamplesToFramesOfItsShapeOnly)
{
    const BackdropPlate plate(uneven_backdrop({640, 360}));
    EXPECT_EQ(plate.at_size({640, 360}).size(), cv::Size(640, 360));
    const cv::Mat still = plate.at_size({1920, 1080});
    ASSERT_EQ(still.size(), cv::Size(1920, 1080));
    // The same part of the booth: the corners keep their brightness.
    EXPECT_NEAR(still.at<cv::Vec3b>(0, 0)[0], 230, 2);
    EXPECT_NEAR(still.at<cv::Vec3b>(1079, 1919)[0], 230 - 40 - 30, 3);
    // A 4:3 still frames another part of the booth than a 16:9 plate.
    EXPECT_TRUE(plate.at_size({1600, 1200}).empty());
    EXPECT_TRUE(plate.at_size({0, 0}).empty());
}

TEST(BackdropPlate, ResamplingIsSafeFromManyThreads)
{
    const BackdropPlate plate(uneven_backdrop({320, 180}));
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&plate, &wrong, t] {
            for (int i = 0; i < 50; ++i) {
                const cv::Size size{160 * (1 + (i + t) % 5), 90 * (1 + (i + t) % 5)};
                if (plate.at_size(size).size() != size)
                    ++wrong;
            }
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(wrong.load(), 0);
}

TEST(LevelMatchedPlate, FollowsExposureDriftAndAOneSidedLampButNotAShadow)
{
    const cv::Mat plate_lab = to_lab(uneven_backdrop({200, 120}));
    cv::Mat frame_lab = plate_lab.clone();
    // Darker by 6 L* overall and by 4 more towards the right since the plate,
    // a slight warm shift, and a shadow of 12 L* on a patch.
    for (int y = 0; y < frame_lab.rows; ++y)
        for (int x = 0; x < frame_lab.cols; ++x) {
            auto& p = frame_lab.at<cv::Vec3f>(y, x);
            p[0] -= 6.0f + 4.0f * x / frame_lab.cols;
            p[2] += 1.5f;
        }
    const cv::Rect shadow(120, 30, 30, 40);
    frame_lab(shadow) -= cv::Scalar(12, 0, 0);
    const cv::Mat all(frame_lab.size(), CV_8U, cv::Scalar(255));
    const cv::Mat matched = level_matched_plate(frame_lab, plate_lab, all);
    const cv::Mat d = lab_distance(frame_lab, matched);
    cv::Mat outside = all.clone();
    outside(shadow).setTo(0);
    double worst_outside = 0;
    cv::minMaxLoc(d, nullptr, &worst_outside, nullptr, nullptr, outside);
    EXPECT_LT(worst_outside, 0.3);
    EXPECT_NEAR(cv::mean(d(shadow))[0], 12.0, 0.3);
}

TEST(LevelMatchedPlate, KeepsThePlateWithTooLittleBackdrop)
{
    const cv::Mat plate_lab = to_lab(uneven_backdrop({100, 80}));
    const cv::Mat frame_lab = plate_lab - cv::Scalar(10, 0, 0);
    cv::Mat few = cv::Mat::zeros(plate_lab.size(), CV_8U);
    few(cv::Rect(0, 0, 5, 5)).setTo(255);
    EXPECT_LT(cv::norm(level_matched_plate(frame_lab, plate_lab, few), plate_lab, cv::NORM_INF), 1e-4);
}

// A drawn portrait on the uneven backdrop; its plate is the backdrop alone.
struct Booth {
    test::SyntheticPortrait portrait;
    cv::Mat plate;
};

Booth uneven_booth()
{
    Booth b;
    b.plate = uneven_backdrop({600, 750});
    b.portrait = test::draw_portrait(b.plate.size(), {0, 0, 0});
    b.plate.copyTo(b.portrait.bgr, ~b.portrait.person);
    return b;
}

TEST(SubjectMask, WithAPlateFollowsTheTrueOutline)
{
    const Booth b = uneven_booth();
    const BackdropPlate plate(b.plate);
    const auto m = separate_subject(b.portrait.bgr, b.portrait.face, exit_entry().checks, &plate);
    EXPECT_TRUE(m.separable) << m.note;
    cv::Mat differ;
    cv::bitwise_xor(m.alpha >= 128, b.portrait.person, differ);
    EXPECT_LT(cv::countNonZero(differ), 0.01 * static_cast<double>(differ.total()));
}

TEST(SubjectMask, WithAPlateTheBackdropsOwnMarksAreNotBusy)
{
    // Marks on the backdrop (a seam, a fixing plate) that were there when the
    // plate was taken: the booth as it is, not something in it.
    Booth b = uneven_booth();
    for (int x = 10; x < b.plate.cols; x += 60)
        cv::rectangle(b.plate, cv::Rect(x, 5, 30, b.plate.rows - 10), cv::Scalar(120, 140, 150), cv::FILLED);
    b.plate.copyTo(b.portrait.bgr, ~b.portrait.person);
    const auto& limits = exit_entry().checks;

    const auto without = separate_subject(b.portrait.bgr, b.portrait.face, limits);
    EXPECT_FALSE(without.separable);
    EXPECT_GT(without.busy_fraction, limits.number("subject_mask", "max_busy_fraction"));

    const BackdropPlate plate(b.plate);
    const auto with = separate_subject(b.portrait.bgr, b.portrait.face, limits, &plate);
    EXPECT_TRUE(with.separable) << with.note;
    EXPECT_LT(with.busy_fraction, 0.01);
}

TEST(BackdropMeasures, AgainstThePlateCountsACastShadowNotTheLampFalloff)
{
    const Booth b = uneven_booth();
    const BackdropPlate plate(b.plate);
    const auto& spec = exit_entry();
    const auto& face = b.portrait.face;
    const CropWindow window{{cv::Point2f(0, 0), cv::Point2f(599, 0), cv::Point2f(599, 749), cv::Point2f(0, 749)}};
    const double busy_delta = spec.checks.number("background_uniform", "busy_delta");

    const auto clean = measure_backdrop(b.portrait.bgr, face, window, busy_delta, b.portrait.person, &plate);
    ASSERT_TRUE(clean.measured) << clean.why_not;
    EXPECT_TRUE(clean.against_plate);
    EXPECT_LT(clean.darkening, 1.0);

    // A soft shadow right of the head taking a third of the light.
    cv::Mat shaded = b.portrait.bgr.clone();
    cv::Mat shadow = cv::Mat::zeros(shaded.size(), CV_8U);
    const cv::Point2f eyes = (face.eye_left + face.eye_right) * 0.5f;
    const float w = face.eye_left.x - face.eye_right.x;
    cv::ellipse(shadow, cv::Point(cvRound(eyes.x + 1.3f * w), cvRound(eyes.y)), cv::Size(cvRound(w), cvRound(2 * w)),
                0, 0, 360, cv::Scalar(255), cv::FILLED);
    shadow &= ~b.portrait.person;
    cv::Mat darker;
    shaded.convertTo(darker, -1, 0.67);
    darker.copyTo(shaded, shadow);
    const auto cast = measure_backdrop(shaded, face, window, busy_delta, b.portrait.person, &plate);
    ASSERT_TRUE(cast.measured) << cast.why_not;
    EXPECT_GT(cast.darkening, spec.checks.number("background_shadow", "max_plate_darkening"));

    // Without the plate the same frame is measured as before.
    const auto plain = measure_backdrop(shaded, face, window, busy_delta, b.portrait.person);
    EXPECT_FALSE(plain.against_plate);
}

TEST(BackdropMeasures, AStalePlateIsIgnoredNotReadAsAShadow)
{
    const Booth b = uneven_booth();
    // The backdrop was changed for a striped one since the plate was taken:
    // against the plate every stripe beside the head would be a shadow.
    cv::Mat striped = b.portrait.bgr.clone();
    for (int x = 0; x < striped.cols; x += 30)
        cv::rectangle(striped, cv::Rect(x, 0, 20, striped.rows), cv::Scalar::all(150), cv::FILLED);
    b.portrait.bgr.copyTo(striped, b.portrait.person);
    const BackdropPlate stale(b.plate);
    const CropWindow window{{cv::Point2f(0, 0), cv::Point2f(599, 0), cv::Point2f(599, 749), cv::Point2f(0, 749)}};
    const double busy_delta = exit_entry().checks.number("background_uniform", "busy_delta");
    const auto m = measure_backdrop(striped, b.portrait.face, window, busy_delta, b.portrait.person, &stale);
    ASSERT_TRUE(m.measured) << m.why_not;
    EXPECT_FALSE(m.against_plate);
}

} // namespace
} // namespace kiosk::vision
