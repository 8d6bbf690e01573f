// Scene and lighting checks and the subject mask on the shared real-photo set:
// background_uniform against the labels' background column, the false-alarm
// rate of the lighting and quality checks on the studio photos a reviewer
// passes, where the subject separates from the backdrop, and what each costs
// at 1350 x 1350. Tables are printed so a reader sees the margins.

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/paths.h"
#include "spec/crop_plan.h"
#include "spec/document_spec.h"
#include "support/confusion.h"
#include "support/photo_set.h"
#include "vision/check_context.h"
#include "vision/check_ids.h"
#include "vision/checks/scene_checks.h"
#include "vision/crown_finder.h"
#include "vision/head_measurements.h"
#include "vision/subject_mask.h"

namespace {

using namespace kiosk;
using vision::CheckResult;
using vision::CheckStatus;

// Measured on this set (see the printed tables) with a little room; a change
// that makes a check noisier on good studio photos fails here.
constexpr double kMaxFalseAlarmRate = 0.05;
// With the separated subject left out of the backdrop, every light-grey
// backdrop of the set passes (132 / 132; before, hair reaching past the
// landmark priors, subject 001's bun among it, failed two).
constexpr double kMinGreyBackdropPass = 0.99;
constexpr double kMinStudioSeparable = 0.95;

using CheckFn = CheckResult (*)(const vision::CheckContext&);
struct SceneCheck {
    const char* id;
    CheckFn run;
};
constexpr SceneCheck kChecks[] = {
    {"face_shadow", vision::check_face_shadow},       {"face_hotspot", vision::check_face_hotspot},
    {"background_uniform", vision::check_background_uniform},
    {"background_shadow", vision::check_background_shadow},
    {"exposure", vision::check_exposure},             {"sharpness", vision::check_sharpness},
    {"colour_cast", vision::check_colour_cast}};
constexpr size_t kCheckCount = std::size(kChecks);

double thread_ms()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

const spec::DocumentSpec& exit_entry()
{
    static const auto spec = spec::load_spec(config_dir() / "specs", "exit-entry");
    return spec;
}

struct Judged {
    const test::LabelledPhoto* photo;
    CheckResult results[kCheckCount];
    double cpu_ms[kCheckCount];
    vision::SubjectMask mask;
    double mask_ms = 0;
};

const std::vector<Judged>& judged_photos()
{
    static const std::vector<Judged> judged = [] {
        const auto& spec = exit_entry();
        const auto crown_params = vision::crown_params(spec.checks);
        std::vector<Judged> out;
        for (const auto& p : test::labelled_photos()) {
            if (!p.located.subject)
                continue;
            const auto& face = *p.located.subject;
            // The crop the assessor would plan, so the background checks judge what the document shows.
            const auto crown = vision::find_crown(p.bgr, face, crown_params);
            const auto crop = spec::plan_crop(spec, vision::head_measurements(face, crown), p.bgr.size());
            Judged j{&p, {}, {}, {}, 0};
            const double t0 = thread_ms();
            j.mask = vision::separate_subject(p.bgr, face, spec.checks);
            j.mask_ms = thread_ms() - t0;
            // As the assessor does: the separated person is left out of the backdrop when it separates.
            const vision::CheckContext ctx{p.bgr, p.gray, face, spec, crop, test::shared_models(),
                                           j.mask.separable ? j.mask.alpha : cv::Mat()};
            for (size_t i = 0; i < kCheckCount; ++i) {
                const double t1 = thread_ms();
                j.results[i] = kChecks[i].run(ctx);
                j.cpu_ms[i] = thread_ms() - t1;
            }
            out.push_back(std::move(j));
        }
        return out;
    }();
    return judged;
}

size_t index_of(const std::string& id)
{
    for (size_t i = 0; i < kCheckCount; ++i)
        if (id == kChecks[i].id)
            return i;
    throw std::logic_error("not a scene check: " + id);
}

double value_of(const CheckResult& r)
{
    const double* v = std::get_if<double>(&r.value);
    return v ? *v : -1;
}

bool studio_pass(const test::LabelledPhoto& p) { return p.label.get("verdict") == "pass"; }

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

TEST(SceneAccuracy, BackgroundUniformCatchesEveryLabelledBackground)
{
    KIOSK_REQUIRE_FACES(faces);
    const size_t k = index_of("background_uniform");
    test::Confusion confusion("background_uniform");
    std::string misjudged;
    for (const auto& j : judged_photos()) {
        const auto& bg = j.photo->label.get("background");
        if (bg == "unknown")
            continue;
        // A light-grey studio backdrop is fine before it is replaced; busy and tinted ones are not.
        const bool expect_pass = bg == "uniform-light-grey";
        const CheckResult& r = j.results[k];
        confusion.add(expect_pass, r.status);
        const bool right = r.status == (expect_pass ? CheckStatus::Pass : CheckStatus::Fail);
        if (!right)
            misjudged += "  " + j.photo->label.path + " (" + bg + "): " + vision::to_string(r.status) + " value " +
                         std::to_string(value_of(r)) + " " + r.detail + "\n";
    }
    std::printf("\n%s", confusion.table().c_str());
    if (!misjudged.empty())
        std::printf("misjudged:\n%s", misjudged.c_str());
    EXPECT_EQ(confusion.total(false), 10) << "labels.csv should hold 8 busy and 2 lilac backgrounds";
    EXPECT_DOUBLE_EQ(confusion.hit_rate(false), 1.0) << "every busy or tinted background must fail";
    EXPECT_GE(confusion.hit_rate(true), kMinGreyBackdropPass);
}

TEST(SceneAccuracy, FewFalseAlarmsOnStudioPhotosAReviewerPasses)
{
    KIOSK_REQUIRE_FACES(faces);
    std::printf("\nscene checks on the photos labelled verdict=pass (studio, light-grey backdrop)\n");
    std::printf("%-20s | pass | fail | unknown | false alarms | median value | worst photo\n", "check");
    for (const auto& check : kChecks) {
        const size_t k = index_of(check.id);
        int pass = 0, fail = 0, unknown = 0;
        std::vector<double> values;
        std::string worst;
        for (const auto& j : judged_photos()) {
            if (!studio_pass(*j.photo))
                continue;
            const CheckResult& r = j.results[k];
            pass += r.status == CheckStatus::Pass;
            fail += r.status == CheckStatus::Fail;
            unknown += r.status == CheckStatus::Unknown;
            values.push_back(value_of(r));
            if (r.status != CheckStatus::Pass)
                worst += " " + j.photo->label.path + " (" + r.detail + ")";
        }
        const int n = pass + fail + unknown;
        const double alarms = n > 0 ? static_cast<double>(fail + unknown) / n : 0;
        std::printf("%-20s | %4d | %4d | %7d | %10.1f %% | %12.3f |%s\n", check.id, pass, fail, unknown,
                    100 * alarms, median(values), worst.c_str());
        EXPECT_EQ(n, 62) << check.id;
        EXPECT_LE(alarms, kMaxFalseAlarmRate) << check.id;
    }
}

TEST(SceneAccuracy, SubjectSeparatesFromStudioBackdropsAndNotFromBusyOnes)
{
    KIOSK_REQUIRE_FACES(faces);
    int studio = 0, studio_separable = 0, busy = 0, busy_separable = 0;
    std::vector<double> studio_contrast;
    std::string notes;
    for (const auto& j : judged_photos()) {
        const auto& bg = j.photo->label.get("background");
        if (bg == "uniform-light-grey") {
            ++studio;
            studio_separable += j.mask.separable;
            studio_contrast.push_back(j.mask.outline_contrast);
            if (!j.mask.separable)
                notes += "  " + j.photo->label.path + ": " + j.mask.note + "\n";
        } else if (bg == "busy") {
            ++busy;
            busy_separable += j.mask.separable;
            if (j.mask.separable)
                notes += "  " + j.photo->label.path + ": separable on a busy backdrop\n";
        }
        ASSERT_EQ(j.mask.alpha.size(), j.photo->bgr.size());
    }
    std::printf("\nsubject mask: light-grey studio %d/%d separable (median outline contrast %.1f delta-E), "
                "busy %d/%d separable\n%s",
                studio_separable, studio, median(studio_contrast), busy_separable, busy, notes.c_str());
    ASSERT_GT(studio, 0);
    EXPECT_GE(static_cast<double>(studio_separable) / studio, kMinStudioSeparable);
    EXPECT_EQ(busy_separable, 0);
}

TEST(SceneAccuracy, CostAt1350)
{
    KIOSK_REQUIRE_FACES(faces);
    std::vector<double> per_check[kCheckCount];
    std::vector<double> mask;
    for (const auto& j : judged_photos()) {
        if (j.photo->bgr.cols != 1350 || j.photo->bgr.rows != 1350)
            continue;
        for (size_t i = 0; i < kCheckCount; ++i)
            per_check[i].push_back(j.cpu_ms[i]);
        mask.push_back(j.mask_ms);
    }
    ASSERT_FALSE(mask.empty());
    std::printf("\nCPU time per call at 1350 x 1350 (median over %zu photos, one thread; the backdrop is\n"
                "measured by background_uniform and the face's skin by face_shadow, the checks after them reuse it)\n",
                mask.size());
    double total = 0;
    for (size_t i = 0; i < kCheckCount; ++i) {
        const double m = median(per_check[i]);
        total += m;
        std::printf("  %-20s %6.2f ms\n", kChecks[i].id, m);
        // Each scene check works on a reduced face patch or crop: a few ms.
        EXPECT_LT(m, 25.0) << kChecks[i].id;
    }
    std::printf("  %-20s %6.2f ms\n  %-20s %6.2f ms\n", "all seven checks", total, "subject mask", median(mask));
    EXPECT_LT(median(mask), 150.0);
}

} // namespace
