// Accuracy of eyes_open, mouth_closed and expression_neutral on the shared
// real-photo set, scored against labels.csv. Prints a confusion table per
// check, the photos each check misjudged, and how far apart the smile scores
// of neutral and smiling faces lie, so a reader sees the margin, not only a
// pass or a fail.

#include <algorithm>
#include <array>
#include <set>
#include <cstdio>
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
#include "vision/checks/expression_checks.h"
#include "vision/checks/face_frame.h"
#include "vision/checks/smile_cues.h"

namespace {

using namespace kiosk;
using vision::CheckResult;
using vision::CheckStatus;

// The targets.
constexpr double kNeutralPassTarget = 0.97;
constexpr double kSmileCaughtTarget = 0.95;
// What the landmark-shape smile score plus the teeth test reach on this set
// (78 %; see the printed table): closed-lip smiles that only widen the mouth
// a little fall inside the spread of neutral faces at rest. This floor guards
// the level reached; the gap to kSmileCaughtTarget is open work.
constexpr double kSmileCaughtFloor = 0.75;

struct Judged {
    const test::LabelledPhoto* photo;
    CheckResult eyes, mouth, expression;
};

const spec::DocumentSpec& exit_entry()
{
    static const auto spec = spec::load_spec(config_dir() / "specs", "exit-entry");
    return spec;
}

double limit(const char* check, const char* key) { return exit_entry().checks.number(check, key); }

const std::vector<Judged>& judged_photos()
{
    static const std::vector<Judged> judged = [] {
        const auto& spec = exit_entry();
        const spec::CropPlan crop;   // these checks do not read the crop
        std::vector<Judged> out;
        for (const auto& p : test::labelled_photos()) {
            if (!p.located.subject)
                continue;
            const vision::CheckContext ctx{p.bgr, p.gray, *p.located.subject, spec, crop, test::shared_models()};
            out.push_back({&p, vision::check_eyes_open(ctx), vision::check_mouth_closed(ctx),
                           vision::check_expression_neutral(ctx)});
        }
        return out;
    }();
    return judged;
}

bool is_neutral(const test::LabelledPhoto& p) { return p.label.get("expression") == "neutral"; }
bool is_smile(const test::LabelledPhoto& p) { return p.label.get("expression") == "smile"; }

double value_of(const CheckResult& r)
{
    const double* v = std::get_if<double>(&r.value);
    return v ? *v : -1;
}

// Scores one check against one labels.csv column, printing the table and the
// photos it got wrong. `pass_value` is the label that means the check should pass.
test::Confusion score(const char* check, const std::string& column, const std::string& pass_value,
                      CheckResult Judged::*result)
{
    test::Confusion confusion(check);
    std::string wrong;
    for (const auto& j : judged_photos()) {
        const auto& label = j.photo->label;
        if (!label.known(column))
            continue;
        const bool expect_pass = label.get(column) == pass_value;
        const CheckResult& r = j.*result;
        confusion.add(expect_pass, r.status);
        if (r.status != (expect_pass ? CheckStatus::Pass : CheckStatus::Fail))
            wrong += "    " + label.path + " (" + column + "=" + label.get(column) + "): " +
                     vision::to_string(r.status) + ", value " + std::to_string(value_of(r)) +
                     (r.detail.empty() ? "" : ", " + r.detail) + "\n";
    }
    std::printf("\n%s", confusion.table().c_str());
    if (!wrong.empty())
        std::printf("  misjudged:\n%s", wrong.c_str());
    return confusion;
}

void print_distribution(const char* name, std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    if (v.empty())
        return;
    auto at = [&](double q) { return v[static_cast<std::size_t>(q * (v.size() - 1))]; };
    std::printf("  %-22s n=%3zu  min %.3f  p10 %.3f  median %.3f  p90 %.3f  max %.3f\n", name, v.size(), v.front(),
                at(0.1), at(0.5), at(0.9), v.back());
}

TEST(ExpressionAccuracy, NeutralSubjectsPassEyesMouthAndExpression)
{
    KIOSK_REQUIRE_FACES(faces);
    const auto eyes = score("eyes_open", "eyes", "open", &Judged::eyes);
    const auto mouth = score("mouth_closed", "mouth", "closed", &Judged::mouth);
    const auto expression = score("expression_neutral", "expression", "neutral", &Judged::expression);

    // The target is about neutral subjects, whatever the other columns say.
    int neutral = 0, eyes_pass = 0, mouth_pass = 0, expression_pass = 0;
    for (const auto& j : judged_photos()) {
        if (!is_neutral(*j.photo))
            continue;
        ++neutral;
        eyes_pass += j.eyes.status == CheckStatus::Pass;
        mouth_pass += j.mouth.status == CheckStatus::Pass;
        expression_pass += j.expression.status == CheckStatus::Pass;
    }
    ASSERT_GT(neutral, 0) << "labels.csv has no neutral subject";
    // How far the measured values stay from the limits. Every eye here is
    // open; on neutral faces the mouth value is the lip gap (no teeth show).
    std::vector<double> eye_ratio, lip_gap;
    for (const auto& j : judged_photos()) {
        if (j.photo->label.get("eyes") == "open")
            eye_ratio.push_back(value_of(j.eyes));
        if (is_neutral(*j.photo))
            lip_gap.push_back(value_of(j.mouth));
    }
    std::printf("open eyes, eye aspect ratio (limit >= %.2f):\n", limit("eyes_open", "min_eye_aspect_ratio"));
    print_distribution("open eyes", eye_ratio);
    std::printf("neutral faces, lip gap (limit <= %.3f):\n", limit("mouth_closed", "max_lip_gap_ratio"));
    print_distribution("neutral mouths", lip_gap);
    std::printf("\nneutral subjects (%d) passing: eyes_open %d, mouth_closed %d, expression_neutral %d\n", neutral,
                eyes_pass, mouth_pass, expression_pass);
    EXPECT_GE(eyes_pass, kNeutralPassTarget * neutral);
    EXPECT_GE(mouth_pass, kNeutralPassTarget * neutral);
    EXPECT_GE(expression_pass, kNeutralPassTarget * neutral);
    // Every labelled column was scored: the tables above are not empty.
    EXPECT_GT(eyes.total(true), 0);
    EXPECT_GT(mouth.total(false), 0);
    EXPECT_GT(expression.total(false), 0);
}

TEST(ExpressionAccuracy, SmilingSubjectsFailExpressionOrMouth)
{
    KIOSK_REQUIRE_FACES(faces);
    int smiles = 0, caught = 0, by_expression = 0, by_mouth = 0;
    std::string missed;
    std::vector<double> neutral_scores, smile_scores, smile_scores_missed;
    for (const auto& j : judged_photos()) {
        const double smile_score = value_of(j.expression);
        if (is_neutral(*j.photo))
            neutral_scores.push_back(smile_score);
        if (!is_smile(*j.photo))
            continue;
        ++smiles;
        smile_scores.push_back(smile_score);
        const bool expression_fails = j.expression.status == CheckStatus::Fail;
        const bool mouth_fails = j.mouth.status == CheckStatus::Fail;
        by_expression += expression_fails;
        by_mouth += mouth_fails;
        if (expression_fails || mouth_fails) {
            ++caught;
        } else {
            smile_scores_missed.push_back(smile_score);
            missed += "    " + j.photo->label.path + ": smile score " + std::to_string(smile_score) +
                      ", lip gap " + std::to_string(value_of(j.mouth)) + "\n";
        }
    }
    ASSERT_GT(smiles, 0) << "labels.csv has no smiling subject";
    const double rate = static_cast<double>(caught) / smiles;
    std::printf("\nsmiling subjects (%d): %d fail expression_neutral or mouth_closed (%.1f %%; issue target %.0f %%: %s)\n"
                "  failed by expression_neutral %d, by mouth_closed %d\n"
                "  how obtained: the smile cues' neutral and smiling values and the score limit were read off\n"
                "  this same set; SmileScoreCrossValidatedBySubject refits them without each person\n",
                smiles, caught, 100 * rate, 100 * kSmileCaughtTarget, rate >= kSmileCaughtTarget ? "met" : "NOT MET",
                by_expression, by_mouth);
    if (!missed.empty())
        std::printf("  passed although smiling:\n%s", missed.c_str());
    std::printf("smile score (limit <= %.2f):\n", limit("expression_neutral", "max_smile_score"));
    print_distribution("neutral", neutral_scores);
    print_distribution("smiling", smile_scores);
    print_distribution("smiling, not caught", smile_scores_missed);
    EXPECT_GE(rate, kSmileCaughtFloor);
}

// The person a photo shows: frl-london file names start with the subject's
// number (001_03 neutral, 001_08 smiling); every other photo is its own person.
std::string subject_of(const std::string& path)
{
    if (path.rfind("frl-london/neutral/", 0) == 0 || path.rfind("frl-london/smiling/", 0) == 0)
        return "frl-" + path.substr(path.rfind('/') + 1, 3);
    return path;
}

// The still smile score as it would be had its fitted numbers not seen the
// person judged: for every subject, the cues' typical neutral and smiling
// values are the class means of the other subjects, and the limit lets the
// same share of the others' neutral faces through as the configured one does
// on the whole set (one photo in 72). The nose-drop shares stay as
// configured. A smile counts as caught when this score or mouth_closed fails.
TEST(ExpressionAccuracy, SmileScoreCrossValidatedBySubject)
{
    KIOSK_REQUIRE_FACES(faces);
    const auto& limits = exit_entry().checks;
    struct Cued {
        const Judged* judged;
        std::string subject;
        vision::SmileCues cues;   // scaled by the configured typical values
    };
    std::vector<Cued> cued;
    for (const auto& j : judged_photos())
        if (is_neutral(*j.photo) || is_smile(*j.photo))
            cued.push_back({&j, subject_of(j.photo->label.path),
                            vision::smile_cues(vision::to_face_frame(*j.photo->located.subject), limits)});
    const double configured_limit = limit("expression_neutral", "max_smile_score");
    int neutral_total = 0, neutral_over = 0;
    for (const auto& c : cued)
        if (is_neutral(*c.judged->photo)) {
            ++neutral_total;
            neutral_over += vision::smile_score(c.cues) > configured_limit;
        }
    const double over_share = static_cast<double>(neutral_over) / neutral_total;

    test::Confusion table("expression_neutral (leave one subject out)");
    int smiles = 0, caught = 0;
    std::set<std::string> people;
    double lowest_limit = 1e9, highest_limit = -1e9;
    for (const auto& c : cued)
        people.insert(c.subject);
    for (const auto& subject : people) {
        // Class means of the scaled cues without this subject: rescaling by
        // them is refitting the typical values in the cues' own units.
        std::array<double, 4> sum[2] = {};
        int count[2] = {0, 0};
        std::vector<const Cued*> train_neutral;
        for (const auto& c : cued) {
            if (c.subject == subject)
                continue;
            const int k = is_smile(*c.judged->photo);
            ++count[k];
            for (std::size_t i = 0; i < 4; ++i)
                sum[k][i] += c.cues[i];
            if (!k)
                train_neutral.push_back(&c);
        }
        auto refit = [&](const vision::SmileCues& v) {
            vision::SmileCues out;
            for (std::size_t i = 0; i < 4; ++i) {
                const double n = sum[0][i] / count[0], m = sum[1][i] / count[1];
                out[i] = (v[i] - n) / (m - n);
            }
            return vision::smile_score(out);
        };
        std::vector<double> neutral_scores;
        for (const Cued* c : train_neutral)
            neutral_scores.push_back(refit(c->cues));
        std::sort(neutral_scores.begin(), neutral_scores.end());
        const auto let_over = static_cast<std::size_t>(over_share * neutral_scores.size() + 0.5);
        const std::size_t top = neutral_scores.size() - 1 - let_over;
        const double fold_limit = top + 1 < neutral_scores.size()
                                      ? (neutral_scores[top] + neutral_scores[top + 1]) / 2
                                      : neutral_scores[top] + 1e-9;
        lowest_limit = std::min(lowest_limit, fold_limit);
        highest_limit = std::max(highest_limit, fold_limit);
        for (const auto& c : cued) {
            if (c.subject != subject)
                continue;
            const bool fails = refit(c.cues) > fold_limit;
            const bool mouth_fails = c.judged->mouth.status == CheckStatus::Fail;
            if (is_neutral(*c.judged->photo)) {
                table.add(true, fails ? CheckStatus::Fail : CheckStatus::Pass);
            } else {
                table.add(false, fails || mouth_fails ? CheckStatus::Fail : CheckStatus::Pass);
                ++smiles;
                caught += fails || mouth_fails;
            }
        }
    }
    std::printf("\nStill smile score, leave-one-subject-out over %d people (a smiling row counts mouth_closed too):\n%s",
                static_cast<int>(people.size()), table.table().c_str());
    std::printf("  the folds' score limits %.3f-%.3f (configured %.2f)\n", lowest_limit, highest_limit, configured_limit);
    std::printf("  smiling subjects caught %d/%d = %.1f %% (the in-sample figure above is what the configured numbers "
                "reach on the photos they were read from)\n",
                caught, smiles, 100.0 * caught / smiles);
    EXPECT_GE(table.hit_rate(true), kNeutralPassTarget);
    EXPECT_GE(static_cast<double>(caught) / smiles, kSmileCaughtFloor);
}

} // namespace
