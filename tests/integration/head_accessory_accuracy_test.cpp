// Accuracy of the head-accessory and hair checks (glasses, lens_glare,
// head_covering, hair_accessory, hair_over_eyebrows) on the shared real-photo
// set, scored against labels.csv. The labelled cases are few (one cap, one
// pair of glasses, two headbands, one fringe), so the test also scores every
// pass-verdict photo as a negative and prints each check's measured value on
// the labelled cases, so a reader sees the margin, not only a pass or a fail.

#include <cstdio>
#include <ctime>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <opencv2/core/utility.hpp>

#include "core/paths.h"
#include "spec/crop_plan.h"
#include "spec/document_spec.h"
#include "support/confusion.h"
#include "support/photo_set.h"
#include "vision/check_context.h"
#include "vision/checks/head_accessory_checks.h"

namespace {

using namespace kiosk;
using vision::CheckResult;
using vision::CheckStatus;

// The false-alarm bound on the 62 pass-verdict photos (the issue asks for a
// low rate; 5 % is at most three photos).
constexpr double kMaxFalseAlarmRate = 0.05;

using CheckFn = CheckResult (*)(const vision::CheckContext&);

// What the labels say a photo should get from one check: nullopt when they say nothing.
using Expectation = std::function<std::optional<bool>(const test::FaceLabel&)>;

bool has_accessory(const test::FaceLabel& l, const std::string& what)
{
    return l.get("accessories").find(what) != std::string::npos;
}

// A photo with verdict=pass has no accessories, no hat and no hair over the
// brows; otherwise the accessories column decides when it is labelled.
Expectation accessory_expectation(std::vector<std::string> kinds)
{
    return [kinds](const test::FaceLabel& l) -> std::optional<bool> {
        if (l.get("verdict") == "pass")
            return true;
        if (!l.known("accessories"))
            return std::nullopt;
        for (const auto& k : kinds)
            if (has_accessory(l, k))
                return false;
        return true;
    };
}

std::optional<bool> brow_expectation(const test::FaceLabel& l)
{
    if (l.get("verdict") == "pass")
        return true;
    if (!l.known("hair_over_eyebrows"))
        return std::nullopt;
    return l.get("hair_over_eyebrows") == "no";
}

std::string value_text(const CheckResult& r)
{
    char buf[32];
    if (const double* d = std::get_if<double>(&r.value))
        std::snprintf(buf, sizeof buf, "%.3f", *d);
    else if (const bool* b = std::get_if<bool>(&r.value))
        std::snprintf(buf, sizeof buf, "%s", *b ? "true" : "false");
    else
        std::snprintf(buf, sizeof buf, "-");
    return buf;
}

// CPU time of this thread: the cost on one core, whatever else the machine
// (or a parallel build) is doing. OpenCV's own worker threads are switched
// off in score() so that all the work is counted here.
double thread_cpu_ms()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}

struct Scored {
    test::Confusion confusion;
    double false_alarm_rate = 0;   // on pass-verdict photos
    std::vector<std::string> missed_positives;
    int positives = 0;
};

// Runs one check on every located photo, prints its table, the photos it
// misjudged, the values on the labelled positives and its cost.
Scored score(const char* id, CheckFn check, const spec::DocumentSpec& spec, const Expectation& expect)
{
    const spec::CropPlan crop;   // these checks do not read the crop
    cv::setNumThreads(0);
    Scored s{test::Confusion(id), 0, {}, 0};
    std::string wrong, positives;
    int pass_photos = 0, false_alarms = 0, timed = 0;
    double total_ms = 0;
    for (const auto& p : test::labelled_photos()) {
        if (!p.located.subject)
            continue;
        const auto want = expect(p.label);
        if (!want)
            continue;
        const vision::CheckContext ctx{p.bgr, p.gray, *p.located.subject, spec, crop, test::shared_models()};
        const double start = thread_cpu_ms();
        const CheckResult r = check(ctx);
        const double ms = thread_cpu_ms() - start;
        if (p.bgr.cols == 1350 && p.bgr.rows == 1350) {
            total_ms += ms;
            ++timed;
        }
        s.confusion.add(*want, r.status);
        const bool right = r.status == (*want ? CheckStatus::Pass : CheckStatus::Fail);
        if (!right)
            wrong += "  " + p.label.path + ": " + vision::to_string(r.status) + " (value " + value_text(r) + ") " +
                     r.detail + "\n";
        if (p.label.get("verdict") == "pass") {
            ++pass_photos;
            false_alarms += r.status == CheckStatus::Fail;
        }
        if (!*want) {
            ++s.positives;
            positives += "  " + p.label.path + ": " + vision::to_string(r.status) + ", value " + value_text(r) + "\n";
            if (r.status != CheckStatus::Fail)
                s.missed_positives.push_back(p.label.path);
        }
    }
    s.false_alarm_rate = pass_photos ? static_cast<double>(false_alarms) / pass_photos : 0;
    std::printf("\n%s", s.confusion.table().c_str());
    std::printf("false alarms on pass-verdict photos: %d of %d (%.1f %%); cost %.2f ms CPU per 1350x1350 photo\n",
                false_alarms, pass_photos, 100 * s.false_alarm_rate, timed ? total_ms / timed : 0.0);
    if (!positives.empty())
        std::printf("labelled cases:\n%s", positives.c_str());
    if (!wrong.empty())
        std::printf("misjudged:\n%s", wrong.c_str());
    return s;
}

spec::DocumentSpec exit_entry() { return spec::load_spec(config_dir() / "specs", "exit-entry"); }

TEST(HeadAccessoryAccuracy, GlassesAreSeenAndNothingElseIs)
{
    KIOSK_REQUIRE_FACES(faces);
    // Judge as a document that forbids glasses, so the status says "worn".
    auto spec = exit_entry();
    spec.glasses = spec::GlassesPolicy::Forbidden;
    const auto s = score("glasses (forbidden)", vision::check_glasses, spec, accessory_expectation({"glasses"}));
    EXPECT_GE(s.positives, 1);
    EXPECT_TRUE(s.missed_positives.empty());
    EXPECT_LE(s.false_alarm_rate, kMaxFalseAlarmRate);
}

TEST(HeadAccessoryAccuracy, LensGlareDoesNotFireWithoutGlasses)
{
    KIOSK_REQUIRE_FACES(faces);
    // No photo in the set is labelled with glare; every labelled photo without
    // glasses must pass (value 0), the one with glasses is printed.
    const auto s = score("lens_glare", vision::check_lens_glare, exit_entry(), accessory_expectation({"glare"}));
    EXPECT_LE(s.false_alarm_rate, kMaxFalseAlarmRate);
    EXPECT_EQ(s.confusion.count(true, CheckStatus::Fail), 0);
}

TEST(HeadAccessoryAccuracy, HatsAreSeen)
{
    KIOSK_REQUIRE_FACES(faces);
    const auto s = score("head_covering", vision::check_head_covering, exit_entry(), accessory_expectation({"hat"}));
    EXPECT_GE(s.positives, 1);
    EXPECT_TRUE(s.missed_positives.empty());
    EXPECT_LE(s.false_alarm_rate, kMaxFalseAlarmRate);
}

TEST(HeadAccessoryAccuracy, HeadbandsAndClipsAreSeen)
{
    KIOSK_REQUIRE_FACES(faces);
    const auto s = score("hair_accessory", vision::check_hair_accessory, exit_entry(),
                         accessory_expectation({"headband", "clip", "hair-ornament"}));
    EXPECT_GE(s.positives, 2);
    EXPECT_TRUE(s.missed_positives.empty());
    EXPECT_LE(s.false_alarm_rate, kMaxFalseAlarmRate);
}

TEST(HeadAccessoryAccuracy, FringeOverTheBrowsIsSeen)
{
    KIOSK_REQUIRE_FACES(faces);
    const auto s = score("hair_over_eyebrows", vision::check_hair_over_eyebrows, exit_entry(), brow_expectation);
    EXPECT_GE(s.positives, 1);
    EXPECT_TRUE(s.missed_positives.empty());
    EXPECT_LE(s.false_alarm_rate, kMaxFalseAlarmRate);
}

// The smiling photos are the pass-verdict subjects again, minutes later in
// the same studio: labels.csv leaves their accessories unlabelled, but a
// subject whose neutral photo passes wore no hat, headband or glasses then.
// A second, independent set of negatives for every check.
TEST(HeadAccessoryAccuracy, SameSubjectsSmilingRaiseNoAlarms)
{
    KIOSK_REQUIRE_FACES(faces);
    const auto spec = exit_entry();
    const spec::CropPlan crop;
    std::set<std::string> passing_subjects;
    for (const auto& p : test::labelled_photos())
        if (p.label.path.starts_with("frl-london/neutral/") && p.label.get("verdict") == "pass")
            passing_subjects.insert(p.file.filename().string().substr(0, 3));

    const std::pair<const char*, CheckFn> checks[] = {
        {"glasses", vision::check_glasses},
        {"lens_glare", vision::check_lens_glare},
        {"head_covering", vision::check_head_covering},
        {"hair_accessory", vision::check_hair_accessory},
        {"hair_over_eyebrows", vision::check_hair_over_eyebrows}};
    for (const auto& [id, check] : checks) {
        int judged = 0, alarms = 0;
        std::string flagged;
        for (const auto& p : test::labelled_photos()) {
            if (!p.located.subject || !p.label.path.starts_with("frl-london/smiling/") ||
                !passing_subjects.count(p.file.filename().string().substr(0, 3)))
                continue;
            const vision::CheckContext ctx{p.bgr, p.gray, *p.located.subject, spec, crop, test::shared_models()};
            const CheckResult r = check(ctx);
            ++judged;
            if (r.status == CheckStatus::Fail) {
                ++alarms;
                flagged += "  " + p.label.path + ": " + r.detail + "\n";
            }
        }
        std::printf("%-20s false alarms on the smiling photos of pass-verdict subjects: %d of %d\n%s", id, alarms,
                    judged, flagged.c_str());
        EXPECT_GT(judged, 0);
        EXPECT_LE(alarms, kMaxFalseAlarmRate * judged) << id;
    }
}

} // namespace
