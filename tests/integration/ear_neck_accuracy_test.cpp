// Accuracy of the ear and neck checks on the shared real photos, against
// labels.csv: every labelled earring, necklace and covered-ear case must be
// caught, and the pass-verdict portraits (no jewellery, ears showing) must
// rarely be flagged. Prints a confusion table per check, the misjudged
// photos with their measured values, and what each check costs.

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "core/paths.h"
#include "spec/document_spec.h"
#include "support/confusion.h"
#include "support/faces.h"
#include "support/photo_set.h"
#include "vision/face_locator.h"
#include "vision/check_context.h"
#include "vision/checks/ear_neck_checks.h"

namespace kiosk::vision {
namespace {

using test::LabelledPhoto;

// What the labels say a photo should get from one check; none = not scored.
using Expectation = std::optional<bool>;   // true: should pass

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

Expectation expect_ears_visible(const test::FaceLabel& l)
{
    if (l.get("ears_visible") == "no")
        return false;
    if (l.get("ears_visible") == "yes" || l.get("verdict") == "pass")
        return true;
    return std::nullopt;
}

// Accessories, when labelled, list everything worn; a pass verdict means none.
Expectation expect_no_accessory(const test::FaceLabel& l, const std::string& accessory)
{
    if (l.known("accessories"))
        return !contains(l.get("accessories"), accessory);
    if (l.get("verdict") == "pass")
        return true;
    return std::nullopt;
}

std::string value_text(const CheckValue& v)
{
    if (const double* d = std::get_if<double>(&v)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.4f", *d);
        return buf;
    }
    return "-";
}

struct Scored {
    test::Confusion confusion;
    std::vector<std::string> misjudged;
    int pass_verdict_photos = 0;
    int pass_verdict_flagged = 0;   // said fail or unknown on a pass-verdict photo
    std::vector<double> ms_at_1350;
    // The margin: highest value among photos that should pass, lowest among
    // those that should fail.
    std::optional<std::pair<double, std::string>> highest_pass, lowest_fail;
};

double cpu_ms()
{
    return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

class EarNeckAccuracy : public ::testing::Test {
protected:
    void score(const std::string& id, CheckResult (*check)(const CheckContext&),
               const std::function<Expectation(const test::FaceLabel&)>& expect, Scored& out)
    {
        const auto spec = spec::load_spec(kiosk::config_dir() / "specs", "exit-entry");
        const spec::CropPlan crop;
        for (const LabelledPhoto& p : test::labelled_photos()) {
            const Expectation e = expect(p.label);
            if (!e || !p.located.subject)
                continue;
            const CheckContext ctx{p.bgr, p.gray, *p.located.subject, spec, crop, test::shared_models()};
            // CPU time, not wall time: the test machine is shared.
            const double t0 = cpu_ms();
            const CheckResult r = check(ctx);
            const double t1 = cpu_ms();
            if (p.bgr.cols == 1350 && p.bgr.rows == 1350)
                out.ms_at_1350.push_back(t1 - t0);
            if (const double* v = std::get_if<double>(&r.value)) {
                auto& edge = *e ? out.highest_pass : out.lowest_fail;
                if (!edge || (*e ? *v > edge->first : *v < edge->first))
                    edge = std::make_pair(*v, p.label.path);
            }
            EXPECT_EQ(r.id, id);
            out.confusion.add(*e, r.status);
            const CheckStatus wanted = *e ? CheckStatus::Pass : CheckStatus::Fail;
            if (r.status != wanted)
                out.misjudged.push_back(p.label.path + "  said " + to_string(r.status) + " value " +
                                        value_text(r.value) + (r.detail.empty() ? "" : "  (" + r.detail + ")"));
            if (p.label.get("verdict") == "pass") {
                ++out.pass_verdict_photos;
                out.pass_verdict_flagged += r.status != CheckStatus::Pass;
            }
        }
        std::printf("\n%s", out.confusion.table().c_str());
        for (const auto& m : out.misjudged)
            std::printf("  misjudged: %s\n", m.c_str());
        std::printf("  false alarms on pass-verdict photos: %d of %d\n", out.pass_verdict_flagged,
                    out.pass_verdict_photos);
        if (out.highest_pass)
            std::printf("  highest value that should pass: %.4f (%s)\n", out.highest_pass->first,
                        out.highest_pass->second.c_str());
        if (out.lowest_fail)
            std::printf("  lowest value that should fail:  %.4f (%s)\n", out.lowest_fail->first,
                        out.lowest_fail->second.c_str());
        if (!out.ms_at_1350.empty()) {
            auto ms = out.ms_at_1350;
            std::nth_element(ms.begin(), ms.begin() + ms.size() / 2, ms.end());
            std::printf("  CPU time at 1350x1350: median %.2f ms, max %.2f ms over %zu photos\n", ms[ms.size() / 2],
                        *std::max_element(ms.begin(), ms.end()), ms.size());
        }
    }
};

// Measured: 0 of 62 pass-verdict photos flagged by any of the three. The
// nearest are ears_visible on 127_03 (0.85 of the band, limit 0.9), 131_03,
// 113_03 and 092_03, which by eye have one ear partly under hair. The bound
// leaves room for two or three borderline portraits, not for a drifting
// detector.
constexpr double kMaxFalseAlarmRate = 0.05;

TEST_F(EarNeckAccuracy, EarsVisible)
{
    KIOSK_REQUIRE_FACES(faces);
    Scored s{test::Confusion("ears_visible"), {}, 0, 0, {}, {}, {}};
    score("ears_visible", check_ears_visible, expect_ears_visible, s);
    ASSERT_GT(s.confusion.total(false), 0) << "labels.csv lists no covered ears";
    EXPECT_EQ(s.confusion.hit_rate(false), 1.0) << "a labelled covered ear was not caught";
    ASSERT_GT(s.pass_verdict_photos, 50);
    EXPECT_LE(static_cast<double>(s.pass_verdict_flagged) / s.pass_verdict_photos, kMaxFalseAlarmRate);
}

TEST_F(EarNeckAccuracy, Earrings)
{
    KIOSK_REQUIRE_FACES(faces);
    Scored s{test::Confusion("earrings"), {}, 0, 0, {}, {}, {}};
    score("earrings", check_earrings, [](const test::FaceLabel& l) { return expect_no_accessory(l, "earring"); },
          s);
    ASSERT_GT(s.confusion.total(false), 0) << "labels.csv lists no earrings";
    EXPECT_EQ(s.confusion.hit_rate(false), 1.0) << "a labelled earring was not caught";
    ASSERT_GT(s.pass_verdict_photos, 50);
    EXPECT_LE(static_cast<double>(s.pass_verdict_flagged) / s.pass_verdict_photos, kMaxFalseAlarmRate);
}

TEST_F(EarNeckAccuracy, Necklace)
{
    KIOSK_REQUIRE_FACES(faces);
    Scored s{test::Confusion("necklace"), {}, 0, 0, {}, {}, {}};
    score("necklace", check_necklace, [](const test::FaceLabel& l) { return expect_no_accessory(l, "necklace"); },
          s);
    ASSERT_GT(s.confusion.total(false), 0) << "labels.csv lists no necklace";
    EXPECT_EQ(s.confusion.hit_rate(false), 1.0) << "a labelled necklace was not caught";
    ASSERT_GT(s.pass_verdict_photos, 50);
    EXPECT_LE(static_cast<double>(s.pass_verdict_flagged) / s.pass_verdict_photos, kMaxFalseAlarmRate);
}

// The same photo tilted and shrunk, as a kiosk camera might see it: a head
// rolled within the roll limit, and a face at about a 720p frame's size.
cv::Mat tilted_and_scaled(const cv::Mat& bgr, double angle_deg, double scale)
{
    cv::Mat m = cv::getRotationMatrix2D(cv::Point2f(bgr.cols / 2.0f, bgr.rows / 2.0f), angle_deg, scale);
    m.at<double>(0, 2) -= bgr.cols * (1 - scale) / 2;
    m.at<double>(1, 2) -= bgr.rows * (1 - scale) / 2;
    cv::Mat out;
    cv::warpAffine(bgr, out, m, cv::Size(cvRound(bgr.cols * scale), cvRound(bgr.rows * scale)), cv::INTER_AREA,
                   cv::BORDER_REPLICATE);
    return out;
}

// Every labelled case is still caught, and a sample of pass-verdict photos
// still passes, after a 6° tilt either way at 0.6x size: the regions follow
// the eye line and are measured in inter-eye distances, not in pixels.
TEST(EarNeckRobustness, SurvivesTiltAndScale)
{
    KIOSK_REQUIRE_FACES(faces);
    const auto spec = spec::load_spec(kiosk::config_dir() / "specs", "exit-entry");
    const spec::CropPlan crop;
    struct Case {
        CheckResult (*check)(const CheckContext&);
        Expectation expected;
    };
    int pass_photos = 0;
    for (const LabelledPhoto& p : test::labelled_photos()) {
        const std::vector<Case> cases = {
            {check_ears_visible, expect_ears_visible(p.label)},
            {check_earrings, expect_no_accessory(p.label, "earring")},
            {check_necklace, expect_no_accessory(p.label, "necklace")}};
        const bool labelled_fail = std::any_of(cases.begin(), cases.end(), [](const Case& c) {
            return c.expected && !*c.expected;
        });
        const bool sampled_pass = p.label.get("verdict") == "pass" && pass_photos < 10;
        if (!labelled_fail && !sampled_pass)
            continue;
        pass_photos += sampled_pass;
        for (const double angle : {-6.0, 6.0}) {
            const cv::Mat bgr = tilted_and_scaled(p.bgr, angle, 0.6);
            cv::Mat gray;
            cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
            const LocatedFaces located = locate_faces(test::shared_models(), gray);
            ASSERT_TRUE(located.subject) << p.label.path << " at " << angle << " deg";
            const CheckContext ctx{bgr, gray, *located.subject, spec, crop, test::shared_models()};
            for (const Case& c : cases) {
                if (!c.expected)
                    continue;
                const CheckResult r = c.check(ctx);
                if (r.status == CheckStatus::Unknown && *c.expected)
                    continue;   // e.g. a neck that the smaller frame cuts off
                EXPECT_EQ(r.status, *c.expected ? CheckStatus::Pass : CheckStatus::Fail)
                    << p.label.path << " " << r.id << " at " << angle << " deg, 0.6x: value " << value_text(r.value);
            }
        }
    }
    EXPECT_EQ(pass_photos, 10);
}

} // namespace
} // namespace kiosk::vision
