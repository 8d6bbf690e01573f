#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/error.h"
#include "core/paths.h"
#include "support/photo_set.h"
#include "vision/assessor.h"
#include "vision/check_ids.h"

namespace {

using namespace kiosk;
using vision::CheckStatus;

vision::Assessor resident_id_assessor()
{
    return vision::Assessor(test::shared_models(), spec::load_spec(config_dir() / "specs", "resident-id"));
}

void expect_report_order(const vision::Assessment& a)
{
    ASSERT_EQ(a.checks.size(), vision::check_id::all.size());
    for (std::size_t i = 0; i < a.checks.size(); ++i)
        EXPECT_EQ(a.checks[i].id, vision::check_id::all[i]);
}

TEST(Assessor, UnusableImagesAreInputErrors)
{
    const auto assessor = resident_id_assessor();
    EXPECT_THROW(assessor.assess(cv::Mat()), InputError);
    EXPECT_THROW(assessor.assess(cv::Mat(100, 100, CV_8UC1, cv::Scalar(0))), InputError);
    EXPECT_THROW(assessor.assess(cv::Mat(100, 100, CV_16UC3, cv::Scalar(0))), InputError);
    EXPECT_THROW(assessor.assess(cv::Mat(100, 100, CV_8UC4, cv::Scalar(0))), InputError);
}

TEST(Assessor, MissingEngineLimitFailsAtConstruction)
{
    auto spec = spec::load_spec(config_dir() / "specs", "resident-id");
    auto values = spec.checks.raw();
    values["roll"].erase("straighten_max_deg");
    spec.checks = spec::Thresholds(spec.id, values);
    EXPECT_THROW(vision::Assessor(test::shared_models(), spec), ConfigError);
}

TEST(Assessor, EmptySceneFailsFaceCountAndKnowsNothingElse)
{
    const auto a = resident_id_assessor().assess(cv::Mat(720, 1280, CV_8UC3, cv::Scalar(180, 190, 200)));
    expect_report_order(a);
    EXPECT_EQ(a.spec_id, "resident-id");
    EXPECT_EQ(a.image_size, cv::Size(1280, 720));
    EXPECT_EQ(a.faces_found, 0);
    EXPECT_FALSE(a.face);
    EXPECT_FALSE(a.crop);
    EXPECT_EQ(a.checks[0].status, CheckStatus::Fail);
    EXPECT_EQ(a.checks[0].advice, "face_the_camera");
    for (std::size_t i = 1; i < a.checks.size(); ++i) {
        EXPECT_EQ(a.checks[i].status, CheckStatus::Unknown) << a.checks[i].id;
        EXPECT_NE(a.checks[i].detail.find("no face"), std::string::npos) << a.checks[i].id;
    }
    EXPECT_EQ(a.verdict(), CheckStatus::Fail);
}

TEST(Assessor, StudioPortraitIsMeasuredAndCropped)
{
    KIOSK_REQUIRE_FACES(faces);
    const cv::Mat bgr = cv::imread((faces / "frl-london/neutral/002_03.jpg").string(), cv::IMREAD_COLOR);
    ASSERT_FALSE(bgr.empty());
    const auto a = resident_id_assessor().assess(bgr);
    expect_report_order(a);
    EXPECT_EQ(a.faces_found, 1);
    ASSERT_TRUE(a.face);
    ASSERT_TRUE(a.crop);
    EXPECT_GT(a.face->inter_eye_distance(), 150);
    for (auto id : {vision::check_id::face_count, vision::check_id::face_size, vision::check_id::face_centered,
                    vision::check_id::roll})
        EXPECT_EQ(a.find(id)->status, CheckStatus::Pass) << id << ": " << a.find(id)->detail;
    EXPECT_TRUE(a.crop->unmet.empty()) << a.crop->unmet.front();
    // A plain studio backdrop: the still path separates the person from it.
    EXPECT_TRUE(a.background_separable) << a.background_note;
    ASSERT_FALSE(a.subject_alpha.empty());
    EXPECT_EQ(a.subject_alpha.size(), bgr.size());
    EXPECT_EQ(a.subject_alpha.at<uchar>(cvRound(a.face->eye_right.y), cvRound(a.face->eye_right.x)), 255);
}

TEST(Assessor, LiveDepthDefersExpensiveChecksWhileCheapOnesFail)
{
    KIOSK_REQUIRE_FACES(faces);
    const cv::Mat bgr = cv::imread((faces / "frl-london/neutral/002_03.jpg").string(), cv::IMREAD_COLOR);
    ASSERT_FALSE(bgr.empty());
    cv::Mat gray;
    cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
    const auto assessor = resident_id_assessor();
    const auto located = vision::locate_faces(test::shared_models(), gray);
    ASSERT_TRUE(located.subject);
    // Two faces: face_count fails, so accessories and scene wait.
    const auto a = assessor.judge(bgr, gray, 2, located.subject,
                                  vision::Assessor::Depth::DeferExpensiveUnlessCheapPass);
    expect_report_order(a);
    EXPECT_EQ(a.find(vision::check_id::face_count)->status, CheckStatus::Fail);
    for (auto id : {vision::check_id::glasses, vision::check_id::earrings, vision::check_id::background_uniform,
                    vision::check_id::colour_cast}) {
        EXPECT_EQ(a.find(id)->status, CheckStatus::Unknown) << id;
        EXPECT_NE(a.find(id)->detail.find("deferred"), std::string::npos) << id;
    }
    EXPECT_NE(a.find(vision::check_id::yaw)->status, CheckStatus::Unknown);
}

// The studio portrait as a booth with its lamps off films it (the hall's
// light alone, about 0.4 of the grey levels) and as one with them far too
// bright: the exposure check fails, the checks that read the face's details
// say why they cannot judge instead of seeing chains and blur, and framing
// and pose are still judged.
TEST(Assessor, AFaceTooDarkOrTooBrightIsJudgedForItsLightAlone)
{
    KIOSK_REQUIRE_FACES(faces);
    const cv::Mat bgr = cv::imread((faces / "frl-london/neutral/002_03.jpg").string(), cv::IMREAD_COLOR);
    ASSERT_FALSE(bgr.empty());
    const auto assessor = resident_id_assessor();
    struct Light {
        double gain;
        const char* advice;
        const char* detail;
    };
    for (const Light light : {Light{0.4, "picture_too_dark", "too dark to judge"},
                              Light{1.6, "picture_too_bright", "too bright to judge"}}) {
        cv::Mat lit;
        bgr.convertTo(lit, -1, light.gain);
        cv::Mat gray;
        cv::cvtColor(lit, gray, cv::COLOR_BGR2GRAY);
        const auto located = vision::locate_faces(test::shared_models(), gray);
        ASSERT_TRUE(located.subject) << light.advice;
        for (auto depth : {vision::Assessor::Depth::Full, vision::Assessor::Depth::CheapOnly}) {
            const auto a = assessor.judge(lit, gray, located.count, located.subject, depth);
            expect_report_order(a);
            const auto* exposure = a.find(vision::check_id::exposure);
            EXPECT_EQ(exposure->status, CheckStatus::Fail) << light.advice;
            EXPECT_EQ(exposure->advice, light.advice);
            for (const auto& c : a.checks) {
                if (!vision::Assessor::needs_lit_face(c.id))
                    continue;
                EXPECT_EQ(c.status, CheckStatus::Unknown) << c.id << " at gain " << light.gain;
                EXPECT_TRUE(c.advice.empty()) << c.id;
                EXPECT_NE(c.detail.find(light.detail), std::string::npos) << c.id << ": " << c.detail;
            }
            for (auto id : {vision::check_id::face_size, vision::check_id::yaw, vision::check_id::roll})
                EXPECT_NE(a.find(id)->status, CheckStatus::Unknown) << id;
        }
    }
    for (auto id : {vision::check_id::necklace, vision::check_id::eyes_open, vision::check_id::sharpness})
        EXPECT_TRUE(vision::Assessor::needs_lit_face(id)) << id;
    for (auto id : {vision::check_id::exposure, vision::check_id::yaw, vision::check_id::background_uniform})
        EXPECT_FALSE(vision::Assessor::needs_lit_face(id)) << id;
}

} // namespace
