#include "vision/assessor.h"

#include <iterator>

#include <opencv2/imgproc.hpp>

#include "core/error.h"
#include "vision/check_context.h"
#include "vision/check_ids.h"
#include "vision/checks/check_builder.h"
#include "vision/checks/ear_neck_checks.h"
#include "vision/checks/expression_checks.h"
#include "vision/checks/geometry_checks.h"
#include "vision/checks/head_accessory_checks.h"
#include "vision/checks/scene_checks.h"
#include "vision/face_locator.h"
#include "vision/head_measurements.h"
#include "vision/subject_mask.h"

namespace kiosk::vision {
namespace {

// One subject or scene check: its id, its function, whether it costs
// enough (pixel regions, colour statistics) for the live path to defer it,
// and whether it reads the face's details (see Assessor::needs_lit_face).
struct FaceCheck {
    std::string_view id;
    CheckResult (*run)(const CheckContext&);
    bool expensive;
    bool needs_lit_face;
};

// In check_id::all order after face_count, which needs no face.
const FaceCheck kFaceChecks[] = {
    {check_id::face_size, check_face_size, false, false},
    {check_id::face_centered, check_face_centered, false, false},
    {check_id::yaw, check_yaw, false, false},
    {check_id::pitch, check_pitch, false, false},
    {check_id::roll, check_roll, false, false},
    {check_id::eyes_open, check_eyes_open, false, true},
    {check_id::mouth_closed, check_mouth_closed, false, true},
    {check_id::expression_neutral, check_expression_neutral, false, true},
    {check_id::glasses, check_glasses, true, true},
    {check_id::lens_glare, check_lens_glare, true, true},
    {check_id::head_covering, check_head_covering, true, true},
    {check_id::hair_accessory, check_hair_accessory, true, true},
    {check_id::hair_over_eyebrows, check_hair_over_eyebrows, true, true},
    {check_id::ears_visible, check_ears_visible, true, true},
    {check_id::earrings, check_earrings, true, true},
    {check_id::necklace, check_necklace, true, true},
    {check_id::face_shadow, check_face_shadow, true, true},
    {check_id::face_hotspot, check_face_hotspot, true, true},
    {check_id::background_uniform, check_background_uniform, true, false},
    {check_id::background_shadow, check_background_shadow, true, false},
    {check_id::exposure, check_exposure, true, false},
    {check_id::sharpness, check_sharpness, true, true},
    {check_id::colour_cast, check_colour_cast, true, true},
};
static_assert(std::size(kFaceChecks) + 1 == check_id::all.size(), "every check has exactly one entry");

void validate(const cv::Mat& bgr)
{
    if (bgr.empty())
        throw InputError("the image is empty");
    if (bgr.type() != CV_8UC3)
        throw InputError("expected an 8-bit 3-channel BGR image, got " + std::to_string(bgr.channels()) +
                         " channel(s) of depth " + std::to_string(bgr.depth()));
}

// Whether the backdrop can be replaced, decided once per still so the photo
// stage composites with the same mask the assessment reports on.
void separate_background(const cv::Mat& bgr, const spec::Thresholds& limits, const BackdropPlate* plate,
                         Assessment& a)
{
    SubjectMask mask = separate_subject(bgr, *a.face, limits, plate);
    a.background_separable = mask.separable;
    a.background_note = mask.separable ? "" : mask.note;
    if (mask.separable)
        a.subject_alpha = std::move(mask.alpha);
}

} // namespace

bool Assessor::is_expensive(std::string_view check_id)
{
    for (const auto& c : kFaceChecks)
        if (c.id == check_id)
            return c.expensive;
    return false;
}

bool Assessor::needs_lit_face(std::string_view check_id)
{
    for (const auto& c : kFaceChecks)
        if (c.id == check_id)
            return c.needs_lit_face;
    return false;
}

Assessor::Assessor(const Models& models, const spec::DocumentSpec& spec)
    : models_(models), spec_(spec), crown_params_(crown_params(spec_.checks))
{
    // Read the engine's own limits now so a broken spec fails at start-up,
    // not on the first citizen.
    spec_.checks.number("roll", "straighten_max_deg");
}

Assessment Assessor::assess(const cv::Mat& bgr) const
{
    validate(bgr);
    cv::Mat gray;
    cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
    const LocatedFaces found = locate_faces(models_, gray);
    return judge(bgr, gray, found.count, found.subject, Depth::Full);
}

Assessment Assessor::judge(const cv::Mat& bgr, const cv::Mat& gray, int faces_found,
                           const std::optional<Face>& subject, Depth depth) const
{
    validate(bgr);
    Assessment a;
    a.spec_id = spec_.id;
    a.image_size = bgr.size();
    a.faces_found = faces_found;
    a.background_note = "not measured on live frames";
    a.checks.reserve(check_id::all.size());
    a.checks.push_back(check_face_count(faces_found, spec_.checks));

    if (!subject) {
        for (const auto& c : kFaceChecks)
            a.checks.push_back(unknown_check(c.id, "no face found, nothing to judge"));
        return a;
    }

    a.face = *subject;
    const std::shared_ptr<const BackdropPlate> plate = plate_.load();
    const Crown crown = find_crown(bgr, *a.face, crown_params_);
    a.crop = spec::plan_crop(spec_, head_measurements(*a.face, crown), bgr.size());
    if (depth == Depth::Full)
        separate_background(bgr, spec_.checks, plate.get(), a);
    const CheckContext ctx{bgr, gray, *a.face, spec_, *a.crop, models_, a.subject_alpha, plate.get()};

    // The light is judged first, on every frame: a face too dark or too
    // bright for the photo is one the detail checks cannot read either, and
    // then the exposure's failure is what the citizen must hear, whatever
    // the depth.
    const CheckResult exposure = check_exposure(ctx);
    const bool lit = exposure.status != CheckStatus::Fail;
    const std::string unlit =
        (exposure.advice == "picture_too_bright" ? "too bright to judge: " : "too dark to judge: ") + exposure.detail;

    bool cheap_pass = a.checks.front().status == CheckStatus::Pass;
    for (const auto& c : kFaceChecks) {
        if (!lit && c.needs_lit_face) {
            a.checks.push_back(unknown_check(c.id, unlit));
            cheap_pass = false;
            continue;
        }
        if (!lit && c.id == check_id::exposure) {
            a.checks.push_back(exposure);
            continue;
        }
        const bool deferred = depth == Depth::CheapOnly || (depth == Depth::DeferExpensiveUnlessCheapPass && !cheap_pass);
        if (c.expensive && deferred) {
            a.checks.push_back(unknown_check(c.id, "deferred until framing, pose and expression pass"));
            continue;
        }
        a.checks.push_back(c.id == check_id::exposure ? exposure : c.run(ctx));
        if (!c.expensive)
            cheap_pass = cheap_pass && a.checks.back().status == CheckStatus::Pass;
    }
    return a;
}

} // namespace kiosk::vision
