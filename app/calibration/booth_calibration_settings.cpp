#include "calibration/booth_calibration_settings.h"

#include <algorithm>
#include <cmath>

#include "core/json_fields.h"
#include "core/json_file.h"
#include "spec/document_spec.h"

namespace kiosk::calibration {
namespace {

FrameRegion region(const JsonFields& fields, const std::string& field)
{
    const nlohmann::json& j = fields.require(field);
    if (!j.is_array() || j.size() != 4)
        fields.fail(field, "must be [x, y, width, height] as fractions of the frame");
    FrameRegion r;
    try {
        r = {j[0].get<double>(), j[1].get<double>(), j[2].get<double>(), j[3].get<double>()};
    } catch (const nlohmann::json::exception&) {
        fields.fail(field, "must hold four numbers");
    }
    if (r.x < 0 || r.y < 0 || r.width <= 0 || r.height <= 0 || r.x + r.width > 1 || r.y + r.height > 1)
        fields.fail(field, "must lie inside the frame (fractions in [0, 1], width and height positive)");
    return r;
}

double fraction_above_zero(const JsonFields& fields, const std::string& field, double max)
{
    const double v = fields.positive(field);
    if (v > max)
        fields.fail(field, "must be at most " + std::to_string(max));
    return v;
}

std::chrono::microseconds micros(const JsonFields& fields, const std::string& field)
{
    return std::chrono::microseconds(fields.whole_number(field, 1, 10'000'000));
}

// The 8-bit green of the spec's background colour called `name`: what the
// backdrop should read once exposure is right.
double spec_background_level(const std::filesystem::path& specs_dir, const JsonFields& fields)
{
    const spec::DocumentSpec document = spec::load_spec(specs_dir, fields.text("spec"));
    const std::string name = fields.text("background");
    const auto colour = std::find_if(document.background.begin(), document.background.end(),
                                     [&](const spec::BackgroundColour& c) { return c.name == name; });
    if (colour == document.background.end())
        fields.fail("background", "spec " + document.id + " has no background colour \"" + name + "\"");
    return colour->rgb[1];
}

} // namespace

cv::Rect FrameRegion::in(cv::Size frame) const
{
    const cv::Rect r(static_cast<int>(std::lround(x * frame.width)), static_cast<int>(std::lround(y * frame.height)),
                     std::max(1, static_cast<int>(std::lround(width * frame.width))),
                     std::max(1, static_cast<int>(std::lround(height * frame.height))));
    return r & cv::Rect({0, 0}, frame);
}

BackgroundPlateSettings load_background_plate_settings(const std::filesystem::path& calibration_json)
{
    const auto json = load_json_file(calibration_json);
    const JsonFields f = JsonFields(calibration_json.string(), json).child("background_plate");
    BackgroundPlateSettings s;
    s.frames = f.whole_number("frames", 1, 61);
    s.frame_timeout = f.millis("frame_timeout_ms");
    s.spec = f.text("spec");
    s.max_lightness_spread = f.positive("max_lightness_spread");
    s.max_gradient = f.positive("max_gradient");
    s.max_vignetting = f.positive("max_vignetting");
    s.max_colour_delta = f.positive("max_colour_delta");
    s.min_lightness = fraction_above_zero(f, "min_lightness", 100);
    return s;
}

ExposureSettings load_exposure_settings(const std::filesystem::path& calibration_json,
                                        const std::filesystem::path& specs_dir)
{
    const auto json = load_json_file(calibration_json);
    const JsonFields f = JsonFields(calibration_json.string(), json).child("exposure");
    ExposureSettings s;
    const std::string meter = f.text("meter");
    if (meter != "backdrop" && meter != "grey_card")
        f.fail("meter", "must be \"backdrop\" or \"grey_card\"");
    s.grey_card = meter == "grey_card";
    s.backdrop_region = region(f, "backdrop_region");
    s.grey_card_region = region(f, "grey_card_region");
    s.backdrop_level = spec_background_level(specs_dir, f);
    s.grey_card_level = fraction_above_zero(f, "grey_card_level", 254);
    s.level_tolerance = f.positive("level_tolerance");
    s.max_chroma = f.positive("max_chroma");
    s.max_steps = f.whole_number("max_steps", 1, 50);
    s.min_exposure = micros(f, "min_exposure_us");
    s.max_exposure = micros(f, "max_exposure_us");
    if (s.max_exposure < s.min_exposure)
        f.fail("max_exposure_us", "is shorter than min_exposure_us");
    s.max_gain = static_cast<float>(f.positive("max_gain"));
    if (s.max_gain < 1)
        f.fail("max_gain", "must be at least 1");
    s.max_step_ratio = f.positive("max_step_ratio");
    if (s.max_step_ratio <= 1)
        f.fail("max_step_ratio", "must be above 1");
    s.frames_per_measure = f.whole_number("frames_per_measure", 1, 30);
    s.frame_timeout = f.millis("frame_timeout_ms");
    return s;
}

LightBalanceSettings load_light_balance_settings(const std::filesystem::path& calibration_json)
{
    const auto json = load_json_file(calibration_json);
    const JsonFields f = JsonFields(calibration_json.string(), json).child("light_balance");
    LightBalanceSettings s;
    const std::string target = f.text("target");
    if (target != "face" && target != "grey_card")
        f.fail("target", "must be \"face\" or \"grey_card\"");
    s.face = target == "face";
    s.grey_card_region = region(f, "grey_card_region");
    s.min_balance = fraction_above_zero(f, "min_balance", 1);
    s.max_steps = f.whole_number("max_steps", 1, 50);
    s.max_step_ratio = f.positive("max_step_ratio");
    if (s.max_step_ratio <= 1)
        f.fail("max_step_ratio", "must be above 1");
    s.min_level = f.whole_number("min_level", 1, 1000);
    s.max_level = f.whole_number("max_level", 1, 1000);
    if (s.max_level <= s.min_level)
        f.fail("max_level", "must be above min_level");
    s.backdrop_left = region(f, "backdrop_left");
    s.backdrop_right = region(f, "backdrop_right");
    s.backdrop_level = fraction_above_zero(f, "backdrop_level", 254);
    s.backdrop_tolerance = f.positive("backdrop_tolerance");
    s.max_background_steps = f.whole_number("max_background_steps", 1, 50);
    s.settle_frames = f.whole_number("settle_frames", 0, 30);
    s.frames_per_measure = f.whole_number("frames_per_measure", 1, 30);
    s.frame_timeout = f.millis("frame_timeout_ms");
    return s;
}

} // namespace kiosk::calibration
