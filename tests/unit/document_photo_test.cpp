#include <algorithm>
#include <cstdio>
#include <map>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/error.h"
#include "core/paths.h"
#include "photo/document_photo.h"
#include "photo/photo_settings.h"
#include "spec/crop_plan.h"
#include "spec/document_spec.h"
#include "photo/jpeg_encoder.h"
#include "support/faces.h"
#include "support/photo_set.h"
#include "vision/crown_finder.h"
#include "vision/face_locator.h"
#include "vision/head_measurements.h"
#include "vision/subject_mask.h"

namespace {

using namespace kiosk;

const cv::Scalar kGreyBackground(200, 200, 200);
const cv::Scalar kSkin(120, 150, 200);
const cv::Scalar kRedMark(0, 0, 255);    // on the subject's right eye (image left)
const cv::Scalar kBlueMark(255, 0, 0);   // on the subject's left eye (image right)

spec::DocumentSpec load(const std::string& id)
{
    return spec::load_spec(config_dir() / "specs", id);
}

photo::RenderSettings shipped_settings()
{
    return photo::load_photo_settings(config_dir()).render;
}

// A synthetic capture: an oval "head" with shoulders on a grey background,
// the subject's right eye marked red and the left eye blue, so any mirroring
// or misplacement shows in the output.
struct Capture {
    cv::Mat bgr;
    cv::Mat subject_mask;
    spec::HeadMeasurements head;
};

Capture synthetic_capture(cv::Size size = {1200, 1500}, double tilt_px = 0)
{
    Capture c;
    c.bgr = cv::Mat(size, CV_8UC3, kGreyBackground);
    c.subject_mask = cv::Mat(size, CV_8UC1, cv::Scalar(0));
    const cv::Point centre(size.width / 2, size.height * 45 / 100);
    const cv::Size axes(size.width / 6, size.height / 5);
    for (cv::Mat* m : {&c.bgr, &c.subject_mask}) {
        const cv::Scalar fill = m == &c.bgr ? kSkin : cv::Scalar(255);
        cv::ellipse(*m, centre, axes, 0, 0, 360, fill, cv::FILLED);
        cv::rectangle(*m, cv::Point(centre.x - axes.width * 2, centre.y + axes.height),
                      cv::Point(centre.x + axes.width * 2, size.height), fill, cv::FILLED);
    }
    c.head.eye_right = {centre.x - axes.width * 0.45, centre.y - axes.height * 0.1 - tilt_px / 2};
    c.head.eye_left = {centre.x + axes.width * 0.45, centre.y - axes.height * 0.1 + tilt_px / 2};
    c.head.chin = {static_cast<double>(centre.x), static_cast<double>(centre.y + axes.height)};
    c.head.crown_y = centre.y - axes.height;
    c.head.crown_measured = true;
    c.head.face_width = axes.width * 2.0;
    cv::circle(c.bgr, c.head.eye_right, axes.width / 8, kRedMark, cv::FILLED);
    cv::circle(c.bgr, c.head.eye_left, axes.width / 8, kBlueMark, cv::FILLED);
    return c;
}

// Centre of the pixels close to `colour`.
std::optional<cv::Point2d> centroid_of(const cv::Mat& bgr, const cv::Scalar& colour)
{
    cv::Mat hit;
    cv::inRange(bgr, colour - cv::Scalar::all(60), colour + cv::Scalar::all(60), hit);
    const cv::Moments m = cv::moments(hit, true);
    if (m.m00 < 4)
        return std::nullopt;
    return cv::Point2d(m.m10 / m.m00, m.m01 / m.m00);
}

cv::Point2d map_point(const cv::Matx23d& a, const cv::Point2d& p)
{
    return {a(0, 0) * p.x + a(0, 1) * p.y + a(0, 2), a(1, 0) * p.x + a(1, 1) * p.y + a(1, 2)};
}

TEST(DocumentPhoto, EveryShippedSpecGetsItsPixelSizeAndEyesWhereThePlanPutsThem)
{
    const Capture c = synthetic_capture();
    for (const auto& spec : spec::load_all_specs(config_dir() / "specs")) {
        SCOPED_TRACE(spec.id);
        const auto plan = spec::plan_crop(spec, c.head, c.bgr.size());
        const auto photo = photo::render_document_photo(c.bgr, plan, spec, cv::noArray(), shipped_settings());
        EXPECT_EQ(photo.picture.size(), cv::Size(spec.output.width_px, spec.output.height_px));
        EXPECT_EQ(photo.picture.type(), CV_8UC3);
        const auto red = centroid_of(photo.picture, kRedMark);
        const auto blue = centroid_of(photo.picture, kBlueMark);
        ASSERT_TRUE(red && blue);
        EXPECT_NEAR(cv::norm(*red - map_point(plan.source_to_output, c.head.eye_right)), 0, 1.5);
        EXPECT_NEAR(cv::norm(*blue - map_point(plan.source_to_output, c.head.eye_left)), 0, 1.5);
    }
}

TEST(DocumentPhoto, IsNeverMirrored)
{
    // Also with a small tilt, which the crop straightens.
    for (double tilt : {0.0, 12.0, -12.0}) {
        SCOPED_TRACE(tilt);
        const Capture c = synthetic_capture({1200, 1500}, tilt);
        const auto spec = load("exit-entry");
        const auto plan = spec::plan_crop(spec, c.head, c.bgr.size());
        const auto photo = photo::render_document_photo(c.bgr, plan, spec, c.subject_mask, shipped_settings());
        const auto red = centroid_of(photo.picture, kRedMark);
        const auto blue = centroid_of(photo.picture, kBlueMark);
        ASSERT_TRUE(red && blue);
        // The subject's right eye stays on the image's left.
        EXPECT_LT(red->x + 20, blue->x);
        EXPECT_NEAR(red->y, blue->y, 2.0) << "the eye line should come out level";
    }
}

TEST(DocumentPhoto, SeparableBackgroundBecomesTheSpecColourAndTheSubjectIsUntouched)
{
    const Capture c = synthetic_capture();
    const auto spec = load("resident-id");
    const auto plan = spec::plan_crop(spec, c.head, c.bgr.size());
    const auto settings = shipped_settings();
    const auto kept = photo::render_document_photo(c.bgr, plan, spec, cv::noArray(), settings);
    const auto replaced = photo::render_document_photo(c.bgr, plan, spec, c.subject_mask, settings);

    EXPECT_TRUE(replaced.background_replaced);
    EXPECT_FALSE(kept.background_replaced);
    EXPECT_FALSE(kept.background_note.empty());

    const auto& white = spec.background.front();
    const cv::Vec3b spec_colour(white.rgb[2], white.rgb[1], white.rgb[0]);
    // Top corners are background: the spec colour when replaced, the capture's grey when kept.
    for (const cv::Point corner : {cv::Point(2, 2), cv::Point(replaced.picture.cols - 3, 2)}) {
        EXPECT_EQ(replaced.picture.at<cv::Vec3b>(corner), spec_colour);
        EXPECT_EQ(kept.picture.at<cv::Vec3b>(corner), cv::Vec3b(200, 200, 200));
    }
    // Inside the subject, away from the feathered edge, not a pixel changes:
    // the composite only touches the background.
    cv::Mat inner;
    cv::warpAffine(c.subject_mask, inner, cv::Mat(plan.source_to_output), replaced.picture.size(), cv::INTER_NEAREST);
    cv::erode(inner, inner, cv::getStructuringElement(cv::MORPH_ELLIPSE, {15, 15}));
    ASSERT_GT(cv::countNonZero(inner), 1000);
    cv::Mat differs;
    cv::compare(replaced.picture, kept.picture, differs, cv::CMP_NE);
    cv::cvtColor(differs, differs, cv::COLOR_BGR2GRAY);
    cv::bitwise_and(differs, inner, differs);
    EXPECT_EQ(cv::countNonZero(differs), 0);
}

TEST(DocumentPhoto, OutlinePixelsLoseTheOldBackdropNotTheSubject)
{
    // A dark subject (40) on a grey backdrop (200), with a wide outline band
    // where each pixel is half subject, half backdrop (120) and the mask says 0.5.
    Capture c = synthetic_capture();
    c.bgr.setTo(cv::Scalar::all(200));
    c.subject_mask.setTo(cv::Scalar(0));
    const cv::Rect subject(0, 0, 500, c.bgr.rows);
    const cv::Rect band(500, 0, 200, c.bgr.rows);
    c.bgr(subject).setTo(cv::Scalar::all(40));
    c.subject_mask(subject).setTo(cv::Scalar(255));
    c.bgr(band).setTo(cv::Scalar::all(120));
    c.subject_mask(band).setTo(cv::Scalar(128));
    const auto spec = load("resident-id");
    const auto plan = spec::plan_crop(spec, c.head, c.bgr.size());
    const auto photo = photo::render_document_photo(c.bgr, plan, spec, c.subject_mask, shipped_settings());

    const cv::Point band_centre = map_point(plan.source_to_output, {600, 750});
    const cv::Point in_subject = map_point(plan.source_to_output, {350, 750});
    const cv::Point in_backdrop = map_point(plan.source_to_output, {900, 750});
    // Half subject, half new white: 0.5 * 40 + 0.5 * 255. Blending the whole
    // pixel with white would give 0.5 * 120 + 0.5 * 255 = 187, a grey halo.
    EXPECT_NEAR(photo.picture.at<cv::Vec3b>(band_centre)[1], 147.5, 6);
    EXPECT_EQ(photo.picture.at<cv::Vec3b>(in_subject), cv::Vec3b(40, 40, 40));
    EXPECT_EQ(photo.picture.at<cv::Vec3b>(in_backdrop), cv::Vec3b(255, 255, 255));
}

TEST(DocumentPhoto, AreaOfACropOverhangingTheCaptureBecomesBackgroundWhenSeparable)
{
    // Head near the top edge: the crop needs rows above the capture.
    Capture c = synthetic_capture();
    const int cut = 400;
    const cv::Rect lower(0, cut, c.bgr.cols, c.bgr.rows - cut);
    c.bgr = c.bgr(lower).clone();
    c.subject_mask = c.subject_mask(lower).clone();
    for (cv::Point2d* p : {&c.head.eye_right, &c.head.eye_left, &c.head.chin})
        p->y -= cut;
    c.head.crown_y -= cut;
    const auto spec = load("exit-entry");
    const auto plan = spec::plan_crop(spec, c.head, c.bgr.size());
    ASSERT_FALSE(plan.inside_source);
    const auto photo = photo::render_document_photo(c.bgr, plan, spec, c.subject_mask, shipped_settings());
    EXPECT_EQ(photo.picture.at<cv::Vec3b>(1, photo.picture.cols / 2), cv::Vec3b(255, 255, 255));
}

TEST(DocumentPhoto, LargeReductionAveragesInsteadOfAliasing)
{
    // One-pixel stripes reduced about 4x: area averaging gives an even grey;
    // point sampling would give coarse false stripes.
    cv::Mat stripes(2000, 1600, CV_8UC3);
    for (int x = 0; x < stripes.cols; ++x)
        stripes.col(x).setTo(cv::Scalar::all(x % 2 ? 255 : 0));
    spec::HeadMeasurements head;
    head.eye_right = {700, 900};
    head.eye_left = {900, 900};
    head.chin = {800, 1300};
    head.crown_y = 500;
    head.crown_measured = true;
    head.face_width = 800;
    const auto spec = load("resident-id");
    const auto plan = spec::plan_crop(spec, head, stripes.size());
    ASSERT_LT(plan.scale, 0.5);
    const auto photo = photo::render_document_photo(stripes, plan, spec, cv::noArray(), shipped_settings());
    cv::Scalar mean, stddev;
    cv::meanStdDev(photo.picture, mean, stddev);
    EXPECT_NEAR(mean[0], 127.5, 4);
    EXPECT_LT(stddev[0], 6) << "stripes aliased into a pattern";
}

TEST(DocumentPhoto, RefusesUnusableInput)
{
    const Capture c = synthetic_capture();
    const auto spec = load("resident-id");
    const auto plan = spec::plan_crop(spec, c.head, c.bgr.size());
    const auto settings = shipped_settings();
    EXPECT_THROW(photo::render_document_photo(cv::Mat(), plan, spec, cv::noArray(), settings), InputError);
    const cv::Mat small_mask(10, 10, CV_8UC1, cv::Scalar(255));
    EXPECT_THROW(photo::render_document_photo(c.bgr, plan, spec, small_mask, settings), InputError);
    EXPECT_THROW(photo::render_document_photo(c.bgr, spec::CropPlan{}, spec, cv::noArray(), settings), InputError);
}

// The whole output path on real portraits, for every spec: crop by the
// crown and landmarks, background replaced where the subject separates,
// JPEG into the size range. The face found again in the output must have its
// eyes where the plan put the source's eyes: a mirrored picture would put
// each eye where the other belongs, a wrong warp somewhere else entirely.
TEST(DocumentPhotoOnRealPhotos, LandsEyesWherePlannedAndFilesInsideTheSizeRange)
{
    KIOSK_REQUIRE_FACES(faces);
    std::vector<std::filesystem::path> all;
    for (const auto& e : std::filesystem::directory_iterator(faces / "frl-london" / "neutral"))
        if (e.path().extension() == ".jpg")
            all.push_back(e.path());
    std::sort(all.begin(), all.end());
    // Every third subject keeps this a unit test (about 10 s) and still spans the set.
    std::vector<std::filesystem::path> files;
    for (std::size_t i = 0; i < all.size(); i += 3)
        files.push_back(all[i]);
    ASSERT_FALSE(files.empty());

    const auto specs = spec::load_all_specs(config_dir() / "specs");
    const auto settings = photo::load_photo_settings(config_dir());
    const auto& models = test::shared_models();

    struct Tally {
        int photos = 0, in_range = 0, replaced = 0, refound = 0, q_min = 101, q_max = 0;
        std::vector<double> eye_error;   // share of the output's inter-eye distance
    };
    std::map<std::string, Tally> tally;
    for (const auto& file : files) {
        SCOPED_TRACE(file.filename().string());
        const cv::Mat bgr = cv::imread(file.string(), cv::IMREAD_COLOR);
        cv::Mat gray;
        cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
        const auto located = vision::locate_faces(models, gray);
        if (!located.subject)
            continue;
        const vision::Face& face = *located.subject;
        const vision::SubjectMask mask = vision::separate_subject(bgr, face, specs.front().checks);
        for (const auto& spec : specs) {
            Tally& t = tally[spec.id];
            const auto crown = vision::find_crown(bgr, face, vision::crown_params(spec.checks));
            const auto plan = spec::plan_crop(spec, vision::head_measurements(face, crown), bgr.size());
            const auto photo = photo::render_document_photo(bgr, plan, spec, mask.separable ? mask.alpha : cv::Mat(),
                                                            settings.render);
            const auto jpeg = photo::encode_jpeg(photo.picture, spec, settings.jpeg);
            t.photos++;
            t.in_range += jpeg.size_in_range;
            t.replaced += photo.background_replaced;
            t.q_min = std::min(t.q_min, jpeg.quality);
            t.q_max = std::max(t.q_max, jpeg.quality);
            EXPECT_TRUE(jpeg.size_in_range) << spec.id << ": " << jpeg.problem;
            EXPECT_GE(jpeg.quality, spec.jpeg.quality_min) << spec.id;
            if (photo.background_replaced) {
                const auto& c = spec.background.front();
                EXPECT_EQ(photo.picture.at<cv::Vec3b>(1, 1), cv::Vec3b(c.rgb[2], c.rgb[1], c.rgb[0])) << spec.id;
            }

            cv::Mat out_gray;
            cv::cvtColor(cv::imdecode(jpeg.bytes, cv::IMREAD_COLOR), out_gray, cv::COLOR_BGR2GRAY);
            const auto again = vision::locate_faces(models, out_gray);
            if (!again.subject)
                continue;
            t.refound++;
            const cv::Point2d want_right = map_point(plan.source_to_output, face.eye_right);
            const cv::Point2d want_left = map_point(plan.source_to_output, face.eye_left);
            const double ied = cv::norm(want_left - want_right);
            const cv::Point2d got_right = again.subject->eye_right;
            const cv::Point2d got_left = again.subject->eye_left;
            t.eye_error.push_back(std::max(cv::norm(got_right - want_right), cv::norm(got_left - want_left)) / ied);
            // Not mirrored: each eye found is nearer its own planned place than the other eye's.
            EXPECT_LT(cv::norm(got_right - want_right), cv::norm(got_right - want_left)) << spec.id;
            EXPECT_LT(cv::norm(got_left - want_left), cv::norm(got_left - want_right)) << spec.id;
        }
    }

    std::printf("\nDocument photos from %zu real portraits (frl-london/neutral)\n", files.size());
    std::printf("%-20s %7s %10s %10s %8s %9s %14s\n", "spec", "photos", "bg white", "size ok", "quality",
                "refound", "eye err median/max");
    for (auto& [id, t] : tally) {
        std::sort(t.eye_error.begin(), t.eye_error.end());
        const double median = t.eye_error.empty() ? 0 : t.eye_error[t.eye_error.size() / 2];
        const double worst = t.eye_error.empty() ? 0 : t.eye_error.back();
        std::printf("%-20s %7d %10d %10d %4d-%-3d %9d %8.1f%% / %.1f%%\n", id.c_str(), t.photos, t.replaced,
                    t.in_range, t.q_min, t.q_max, t.refound, 100 * median, 100 * worst);
        EXPECT_GE(t.refound, t.photos * 9 / 10) << id << ": the face is not found again in most outputs";
        EXPECT_LT(median, 0.05) << id << ": eyes land away from where the plan put them";
    }
}

} // namespace
