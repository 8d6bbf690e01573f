#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/error.h"
#include "core/paths.h"
#include "support/live_frames.h"
#include "support/photo_set.h"
#include "vision/check_ids.h"
#include "vision/face_locator.h"
#include "vision/face_tracker.h"
#include "vision/live_assessor.h"

namespace {

using namespace kiosk;
using vision::CheckStatus;
namespace check_id = vision::check_id;

const cv::Size k720p(1280, 720);

spec::DocumentSpec resident_id() { return spec::load_spec(config_dir() / "specs", "resident-id"); }

cv::Mat portrait(const std::filesystem::path& faces, const char* name)
{
    cv::Mat bgr = cv::imread((faces / "frl-london/neutral" / name).string(), cv::IMREAD_COLOR);
    if (bgr.empty())
        throw std::runtime_error(std::string("cannot read ") + name);
    return bgr;
}

cv::Mat gray_of(const cv::Mat& bgr)
{
    cv::Mat g;
    cv::cvtColor(bgr, g, cv::COLOR_BGR2GRAY);
    return g;
}

TEST(FaceTracker, FollowsASwayingSubjectAndDetectsOnlyNowAndThen)
{
    KIOSK_REQUIRE_FACES(faces);
    const cv::Mat still = portrait(faces, "002_03.jpg");
    vision::TrackerOptions options;
    options.redetect_every = 10;
    vision::FaceTracker tracker(test::shared_models(), options);

    int detections = 0;
    std::vector<double> errors;
    for (int i = 0; i < 30; ++i) {
        // A slow sway of up to 24 px left and right, 8 px up and down.
        const cv::Point2d shift(24 * std::sin(i * 0.3), 8 * std::cos(i * 0.2));
        const cv::Mat gray = gray_of(test::live_frame(still, k720p, 1.0, shift));
        const auto update = tracker.update(gray);
        ASSERT_TRUE(update.subject) << "lost at frame " << i;
        EXPECT_EQ(update.faces_found, 1);
        detections += update.detected;
        // The tracked pupils agree with a full detection on the same frame.
        const auto full = vision::locate_faces(test::shared_models(), gray);
        ASSERT_TRUE(full.subject);
        const double ied = full.subject->inter_eye_distance();
        errors.push_back(cv::norm(update.subject->eye_right - full.subject->eye_right) / ied);
        errors.push_back(cv::norm(update.subject->eye_left - full.subject->eye_left) / ied);
    }
    EXPECT_EQ(detections, 3) << "a detection on frames 0, 10 and 20 only";
    std::sort(errors.begin(), errors.end());
    EXPECT_LT(errors[errors.size() / 2], 0.02) << "median tracked-vs-detected pupil difference";
    EXPECT_LT(errors.back(), 0.05);
}

TEST(FaceTracker, ALeavingSubjectIsNoticed)
{
    KIOSK_REQUIRE_FACES(faces);
    const cv::Mat still = portrait(faces, "002_03.jpg");
    vision::FaceTracker tracker(test::shared_models());
    ASSERT_TRUE(tracker.update(gray_of(test::live_frame(still, k720p, 1.0, {0, 0}))).subject);
    const cv::Mat empty(k720p, CV_8UC1, cv::Scalar(200));
    const auto gone = tracker.update(empty);
    EXPECT_TRUE(gone.detected) << "the re-fit on an empty frame must not be trusted";
    EXPECT_FALSE(gone.subject);
    EXPECT_EQ(gone.faces_found, 0);
}

TEST(LiveAssessor, DefersExpensiveChecksWhileTheHeadIsRolled)
{
    KIOSK_REQUIRE_FACES(faces);
    const cv::Mat still = portrait(faces, "002_03.jpg");
    vision::LiveAssessor live(test::shared_models(), resident_id());

    const auto rolled = live.assess(test::live_frame(still, k720p, 1.0, {0, 0}, 15));
    ASSERT_TRUE(rolled->face);
    EXPECT_EQ(rolled->find(check_id::roll)->status, CheckStatus::Fail);
    EXPECT_NEAR(rolled->face->pose.roll, 15, 2);
    for (auto id : {check_id::glasses, check_id::earrings, check_id::background_uniform, check_id::sharpness}) {
        EXPECT_EQ(rolled->find(id)->status, CheckStatus::Unknown) << id;
        EXPECT_NE(rolled->find(id)->detail.find("deferred"), std::string::npos) << id;
    }

    live.reset();
    const auto upright = live.assess(test::live_frame(still, k720p, 1.0, {0, 0}));
    ASSERT_TRUE(upright->face);
    ASSERT_EQ(upright->checks.size(), check_id::all.size());
    bool cheap_pass = true;
    for (std::size_t i = 0; i < 9; ++i)
        cheap_pass = cheap_pass && upright->checks[i].status == CheckStatus::Pass;
    ASSERT_TRUE(cheap_pass) << "the upright studio portrait should pass framing, pose and expression";
    for (auto id : {check_id::glasses, check_id::earrings, check_id::background_uniform, check_id::sharpness})
        EXPECT_EQ(upright->find(id)->detail.find("deferred"), std::string::npos) << id;
}

TEST(LiveAssessor, RefreshesExpensiveChecksEveryNthFrameAndCarriesThemBetween)
{
    KIOSK_REQUIRE_FACES(faces);
    const cv::Mat still = portrait(faces, "002_03.jpg");
    vision::LiveOptions options;
    options.expensive_every = 4;
    vision::LiveAssessor live(test::shared_models(), resident_id(), options);

    std::vector<std::shared_ptr<const vision::Assessment>> frames;
    for (int i = 0; i < 8; ++i)
        frames.push_back(live.assess(test::live_frame(still, k720p, 1.0, {2.0 * i, 0})));
    for (const auto& a : frames) {
        ASSERT_TRUE(a->face);
        for (const auto& c : a->checks)
            EXPECT_EQ(c.detail.find("deferred"), std::string::npos) << c.id << " on a compliant subject";
    }
    // Frames 1-3 carry frame 0's results; frame 4 measures afresh (the
    // subject has moved 8 px, so a measured value may differ, a carried one may not).
    for (int i = 1; i < 4; ++i)
        for (auto id : {check_id::background_uniform, check_id::sharpness, check_id::face_shadow})
            EXPECT_EQ(frames[i]->find(id)->value, frames[0]->find(id)->value) << id << " frame " << i;

    // A rolled head: the carried results are dropped, not shown as current.
    const auto rolled = live.assess(test::live_frame(still, k720p, 1.0, {16, 0}, 15));
    EXPECT_NE(rolled->find(check_id::sharpness)->detail.find("deferred"), std::string::npos);
}

TEST(LiveAssessor, AFaceTooDarkToReadIsToldAboutTheLightOnItsFirstFrame)
{
    KIOSK_REQUIRE_FACES(faces);
    cv::Mat dark;
    portrait(faces, "002_03.jpg").convertTo(dark, -1, 0.4);
    vision::LiveAssessor live(test::shared_models(), resident_id());
    // The detail checks, cheap ones among them, cannot judge this face; the
    // exposure, though one of the deferred families, is judged at once.
    const auto a = live.assess(test::live_frame(dark, k720p, 1.0, {0, 0}));
    ASSERT_TRUE(a->face);
    EXPECT_EQ(a->find(check_id::exposure)->status, CheckStatus::Fail);
    EXPECT_EQ(a->find(check_id::exposure)->advice, "picture_too_dark");
    for (auto id : {check_id::eyes_open, check_id::expression_neutral, check_id::necklace, check_id::sharpness}) {
        EXPECT_EQ(a->find(id)->status, CheckStatus::Unknown) << id;
        EXPECT_NE(a->find(id)->detail.find("too dark to judge"), std::string::npos) << id;
    }
}

TEST(LiveAssessor, ABadFrameIsAnInputErrorAndTheTrackSurvives)
{
    KIOSK_REQUIRE_FACES(faces);
    const cv::Mat frame = test::live_frame(portrait(faces, "002_03.jpg"), k720p, 1.0, {0, 0});
    vision::LiveAssessor live(test::shared_models(), resident_id());
    const auto first = live.assess(frame);
    ASSERT_TRUE(first->face);
    EXPECT_THROW(live.assess(cv::Mat()), InputError);
    EXPECT_THROW(live.assess(cv::Mat(720, 1280, CV_8UC1, cv::Scalar(0))), InputError);
    const auto next = live.assess(frame);
    ASSERT_TRUE(next->face);
    EXPECT_NEAR(next->face->eye_left.x, first->face->eye_left.x, 2.0);
    EXPECT_EQ(next->spec_id, "resident-id");
}

} // namespace
