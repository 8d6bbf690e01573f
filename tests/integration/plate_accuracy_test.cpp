// The empty booth's plate against the engine's plate-free path, on booth
// renders of the shared studio portraits: each portrait stands in a simulated
// booth (integration/booth_stage.h: the replay camera's framing and booth
// model, a background lamp's hot spot, vignetting, sensor noise), the plate is
// that booth filmed empty, and the truth is known: where the person is, and
// which frames carry a shadow cast on the backdrop (of known strength and
// reach). Printed: background_shadow's verdicts per condition with and
// without the plate (false alarms on the lamps' own falloff, misses on cast
// shadows) and the subject mask's intersection over union with the true
// outline. The assertions are the figures measured here with some room.

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "camera/replay_settings.h"
#include "core/paths.h"
#include "integration/booth_stage.h"
#include "spec/crop_plan.h"
#include "spec/document_spec.h"
#include "support/faces.h"
#include "support/photo_set.h"
#include "vision/backdrop_plate.h"
#include "vision/check_context.h"
#include "vision/checks/scene_checks.h"
#include "vision/crown_finder.h"
#include "vision/face_locator.h"
#include "vision/head_measurements.h"
#include "vision/subject_mask.h"

namespace {

using namespace kiosk;
using vision::CheckStatus;

// The replay camera's live size.
const cv::Size kFrame{1280, 720};
constexpr double kNoiseSd = 2.0;
// A cast shadow taking this share of the light or more is one a reviewer
// sends back (about 9 L* on this light-grey backdrop); below it, borderline.
constexpr double kRealShadow = 0.25;

// Measured here (see the printed tables), with room: with the plate no false
// alarm in 165 shadowless frames (99 without it, where a lamp aimed aside or
// exposure drift darkens one side), 2 misses in 198 real shadows (89 without).
// The mask gains little on these smooth backdrops, which the plate-free
// quadratic already fits: IoU median 0.973 either way, tenth percentile 0.896
// with the plate vs 0.900 without; where the key lamps changed since the
// plate, 0.907 vs 0.836 (worst 0.757 vs 0.369).
constexpr double kMaxPlateFalseAlarms = 0.03;
constexpr double kMaxPlateMisses = 0.05;
constexpr double kMinPlateMaskIou = 0.93;   // median over every frame
// The plate must not make the worst masks worse than this (tenth percentile).
constexpr double kMaxPlateMaskLoss = 0.01;

const spec::DocumentSpec& exit_entry()
{
    static const auto spec = spec::load_spec(config_dir() / "specs", "exit-entry");
    return spec;
}

struct Condition {
    std::string name;
    test::BoothLighting frame;
    test::BoothLighting plate;
    test::CastShadow shadow;
};

std::vector<Condition> conditions(const camera::BoothModel& booth)
{
    const camera::BoothState reference{booth.key_reference_level, booth.key_reference_level,
                                       booth.background_reference_level, booth.seat_reference_mm};
    test::BoothLighting even;
    even.lamps = reference;
    test::BoothLighting falloff = even;   // background lamp aimed high, strong vignetting
    falloff.hotspot = {0.5, 0.15};
    falloff.hotspot_falloff = 0.5;
    falloff.vignetting = 0.4;
    test::BoothLighting aside = even;     // background lamp aimed at the frame's left
    aside.hotspot = {0.1, 0.3};
    aside.hotspot_falloff = 0.5;
    test::BoothLighting imbalanced = aside;   // key lamps 3:1 since the plate
    imbalanced.lamps.key_left = 900;
    imbalanced.lamps.key_right = 300;
    test::BoothLighting darker = aside;       // exposure drifted
    darker.exposure = 0.8;

    std::vector<Condition> out{
        {"even lamps", even, even, {}},
        {"falloff + vignetting", falloff, falloff, {}},
        {"lamp aimed aside", aside, aside, {}},
        {"keys 3:1 since plate", imbalanced, aside, {}},
        {"exposure -20 %", darker, aside, {}},
    };
    const auto shadow = [](double strength, double reach) {
        return test::CastShadow{strength, {reach * kFrame.width, 0.3 * reach * kFrame.width}, 6};
    };
    char name[64];
    for (double strength : {0.15, 0.25, 0.4})
        for (double reach : {0.05, 0.1}) {
            std::snprintf(name, sizeof name, "shadow %.0f %% reach %.0f %%", 100 * strength, 100 * reach);
            out.push_back({name, even, even, shadow(strength, reach)});
        }
    // The shadow where the lamps alone fool the open backdrop, and changed since the plate.
    for (double strength : {0.25, 0.4}) {
        std::snprintf(name, sizeof name, "shadow %.0f %%, keys 3:1", 100 * strength);
        out.push_back({name, imbalanced, aside, shadow(strength, 0.1)});
    }
    return out;
}

struct Verdicts {
    int fail = 0, pass = 0, unknown = 0;
    std::vector<double> values;
    void add(const vision::CheckResult& r)
    {
        if (r.status == CheckStatus::Fail)
            ++fail;
        else if (r.status == CheckStatus::Pass)
            ++pass;
        else
            ++unknown;
        if (const double* v = std::get_if<double>(&r.value))
            values.push_back(*v);
    }
    int judged() const { return fail + pass; }
};

struct ConditionResult {
    Verdicts shadow[2];       // [0] without the plate, [1] with it (the still path)
    std::vector<double> iou[2];
    int separable[2] = {0, 0};
};

double iou(const cv::Mat& alpha, const cv::Mat& truth)
{
    const cv::Mat hard = alpha >= 128;
    const double both = cv::countNonZero(hard & truth);
    const double either = cv::countNonZero(hard | truth);
    return either > 0 ? both / either : 1.0;
}

double quantile(std::vector<double> v, double q)
{
    if (v.empty())
        return -1;
    std::sort(v.begin(), v.end());
    return v[static_cast<size_t>(q * static_cast<double>(v.size() - 1))];
}

struct Study {
    std::vector<Condition> conditions;
    std::vector<ConditionResult> results;
    int portraits = 0;
};

const Study& study()
{
    static const Study s = [] {
        Study out;
        const auto faces = *test::faces_dir();
        const auto settings = camera::ReplaySettings::load(config_dir() / "camera" / "replay.json");
        const camera::BoothModel booth = *settings.booth;
        out.conditions = conditions(booth);
        out.results.resize(out.conditions.size());
        const auto& spec = exit_entry();
        const auto crown_params = vision::crown_params(spec.checks);
        std::vector<std::filesystem::path> files;
        for (const auto& e : std::filesystem::directory_iterator(faces / "frl-london" / "neutral"))
            if (e.path().extension() == ".jpg")
                files.push_back(e.path());
        std::sort(files.begin(), files.end());
        // Every other portrait: half the set tells the same story in half the time.
        for (size_t i = 0; i < files.size(); i += 2) {
            const auto& file = files[i];
            const cv::Mat portrait = cv::imread(file.string(), cv::IMREAD_COLOR);
            if (portrait.empty())
                continue;
            const test::BoothStage stage(portrait, kFrame, booth, 2.2);
            std::uint64_t seed = 1;
            // The face and the crop come from the evenly lit frame, as the tracker would hand them on.
            const cv::Mat first = stage.film(out.conditions.front().frame, {}, kNoiseSd, seed);
            cv::Mat gray;
            cv::cvtColor(first, gray, cv::COLOR_BGR2GRAY);
            const auto located = vision::locate_faces(test::shared_models(), gray);
            if (!located.subject)
                continue;
            const vision::Face& face = *located.subject;
            const auto crown = vision::find_crown(first, face, crown_params);
            const auto crop = spec::plan_crop(spec, vision::head_measurements(face, crown), first.size());
            ++out.portraits;
            for (size_t c = 0; c < out.conditions.size(); ++c) {
                const Condition& cond = out.conditions[c];
                const cv::Mat frame = stage.film(cond.frame, cond.shadow, kNoiseSd, ++seed);
                cv::cvtColor(frame, gray, cv::COLOR_BGR2GRAY);
                const vision::BackdropPlate plate(stage.plate(cond.plate, kNoiseSd, ++seed));
                for (int with = 0; with < 2; ++with) {
                    const vision::BackdropPlate* p = with ? &plate : nullptr;
                    const auto mask = vision::separate_subject(frame, face, spec.checks, p);
                    out.results[c].iou[with].push_back(iou(mask.alpha, stage.truth()));
                    out.results[c].separable[with] += mask.separable;
                    // As the still assessor does: the separated person is left out of the backdrop.
                    const vision::CheckContext ctx{frame, gray, face, spec, crop, test::shared_models(),
                                                   mask.separable ? mask.alpha : cv::Mat(), p};
                    out.results[c].shadow[with].add(vision::check_background_shadow(ctx));
                }
            }
        }
        return out;
    }();
    return s;
}

bool has_real_shadow(const Condition& c) { return c.shadow.strength >= kRealShadow; }
bool has_shadow(const Condition& c) { return c.shadow.strength > 0; }

TEST(PlateAccuracy, BackgroundShadowVerdictsWithAndWithoutThePlate)
{
    KIOSK_REQUIRE_FACES(faces);
    const Study& s = study();
    ASSERT_GT(s.portraits, 25) << "the booth renders should find most of the 33 portraits' faces";
    std::printf("\nbackground_shadow on %d portraits in the booth (still path; value = darkening, L*)\n",
                s.portraits);
    std::printf("%-26s | %-38s | %-38s\n", "condition", "without plate: fail/judged  median  max",
                "with plate: fail/judged  median  max");
    int plate_false = 0, plate_clean = 0, plate_missed = 0, plate_real = 0;
    int old_false = 0, old_clean = 0, old_missed = 0, old_real = 0;
    for (size_t c = 0; c < s.conditions.size(); ++c) {
        const auto& r = s.results[c];
        std::printf("%-26s |", s.conditions[c].name.c_str());
        for (int with = 0; with < 2; ++with)
            std::printf("   %3d/%-3d  %5.1f  %5.1f         |", r.shadow[with].fail, r.shadow[with].judged(),
                        quantile(r.shadow[with].values, 0.5), quantile(r.shadow[with].values, 1.0));
        std::printf("\n");
        if (!has_shadow(s.conditions[c])) {
            old_false += r.shadow[0].fail, old_clean += r.shadow[0].judged();
            plate_false += r.shadow[1].fail, plate_clean += r.shadow[1].judged();
        } else if (has_real_shadow(s.conditions[c])) {
            old_missed += r.shadow[0].pass, old_real += r.shadow[0].judged();
            plate_missed += r.shadow[1].pass, plate_real += r.shadow[1].judged();
        }
    }
    std::printf("false alarms without a shadow: without plate %d/%d, with plate %d/%d\n", old_false, old_clean,
                plate_false, plate_clean);
    std::printf("misses of shadows taking >= %.0f %% of the light: without plate %d/%d, with plate %d/%d\n",
                100 * kRealShadow, old_missed, old_real, plate_missed, plate_real);
    ASSERT_GT(plate_clean, 0);
    ASSERT_GT(plate_real, 0);
    EXPECT_LE(static_cast<double>(plate_false) / plate_clean, kMaxPlateFalseAlarms);
    EXPECT_LE(static_cast<double>(plate_missed) / plate_real, kMaxPlateMisses);
    EXPECT_LT(plate_missed, old_missed) << "the plate should catch shadows the open backdrop hides";
    EXPECT_LT(plate_false, old_false) << "the plate should hold the lamps' own falloff harmless";
}

TEST(PlateAccuracy, SubjectMaskAgainstTheTrueOutline)
{
    KIOSK_REQUIRE_FACES(faces);
    const Study& s = study();
    std::printf("\nsubject mask vs the true outline, intersection over union (%d portraits)\n", s.portraits);
    std::printf("%-26s | %-34s | %-34s\n", "condition", "without plate: median  p10  min  separable",
                "with plate: median  p10  min  separable");
    std::vector<double> all[2];
    for (size_t c = 0; c < s.conditions.size(); ++c) {
        const auto& r = s.results[c];
        std::printf("%-26s |", s.conditions[c].name.c_str());
        for (int with = 0; with < 2; ++with) {
            std::printf("   %.3f  %.3f  %.3f  %3d/%-3d        |", quantile(r.iou[with], 0.5),
                        quantile(r.iou[with], 0.1), quantile(r.iou[with], 0.0), r.separable[with],
                        static_cast<int>(r.iou[with].size()));
            all[with].insert(all[with].end(), r.iou[with].begin(), r.iou[with].end());
        }
        std::printf("\n");
    }
    std::printf("all frames: without plate median %.3f p10 %.3f, with plate median %.3f p10 %.3f\n",
                quantile(all[0], 0.5), quantile(all[0], 0.1), quantile(all[1], 0.5), quantile(all[1], 0.1));
    EXPECT_GE(quantile(all[1], 0.5), kMinPlateMaskIou);
    EXPECT_GE(quantile(all[1], 0.1), quantile(all[0], 0.1) - kMaxPlateMaskLoss)
        << "the plate should not make the worst masks worse";
}

} // namespace
