#include "calibration/exposure.h"

#include <algorithm>
#include <cmath>

#include "calibration/booth_frames.h"
#include "calibration/booth_measures.h"

namespace kiosk::calibration {
namespace {

constexpr const char* procedure = "exposure";
// Colour gains a sensor accepts (libcamera's usual range).
constexpr float min_colour_gain = 0.25f;
constexpr float max_colour_gain = 8.0f;
// An 8-bit channel this bright may be clipped: the true level is unknown.
constexpr double clipped_level = 253.0;

struct Metered {
    double blue = 0, green = 0, red = 0;
    double chroma = 0;   // a*b* distance from neutral
};

Metered meter(const cv::Mat& bgr, cv::Rect region)
{
    const cv::Scalar mean = cv::mean(bgr(region));
    const cv::Vec3d lab = mean_lab(bgr, region);
    return {mean[0], mean[1], mean[2], std::hypot(lab[1], lab[2])};
}

// The controls for the next step: the light changed by `ratio` (exposure
// time first, then gain) and the colour gains corrected towards neutral.
camera::CameraControls next_controls(const camera::CameraControls& now, const ExposureSettings& s, double ratio,
                                     const Metered& m)
{
    camera::CameraControls next = now;
    const double total = static_cast<double>(now.exposure_time.count()) * now.analogue_gain * ratio;
    const auto exposure = std::clamp(static_cast<std::int64_t>(std::llround(total)),
                                     static_cast<std::int64_t>(s.min_exposure.count()),
                                     static_cast<std::int64_t>(s.max_exposure.count()));
    next.exposure_time = std::chrono::microseconds(exposure);
    next.analogue_gain =
        std::clamp(static_cast<float>(total / static_cast<double>(exposure)), 1.0f, s.max_gain);
    // Channels compared in linear light, where a gain is a plain factor.
    const double green = linear_light(m.green);
    if (m.red > 0 && m.red < clipped_level)
        next.colour_gains.red = std::clamp(static_cast<float>(now.colour_gains.red * green / linear_light(m.red)),
                                           min_colour_gain, max_colour_gain);
    if (m.blue > 0 && m.blue < clipped_level)
        next.colour_gains.blue = std::clamp(static_cast<float>(now.colour_gains.blue * green / linear_light(m.blue)),
                                            min_colour_gain, max_colour_gain);
    return next;
}

// The procedure from the camera's current controls; set_exposure() puts them
// back when it does not pass.
ExposureRun expose_from(camera::CameraControls controls, camera::CameraSource& camera, const ExposureSettings& s,
                        const ProgressHandler& progress, std::stop_token cancel)
{
    ExposureRun run;
    const double target = s.grey_card ? s.grey_card_level : s.backdrop_level;
    controls.auto_exposure = false;
    controls.auto_white_balance = false;
    controls.exposure_time = std::clamp(controls.exposure_time, s.min_exposure, s.max_exposure);
    controls.analogue_gain = std::clamp(controls.analogue_gain, 1.0f, s.max_gain);

    FrameTaker taker(camera, s.frame_timeout, cancel);
    ProcedureReport& report = run.report;
    report.procedure = procedure;
    for (int step = 1; step <= s.max_steps; ++step) {
        camera.set_controls(controls);
        taker.changed(0);
        const auto frames = taker.take(s.frames_per_measure, controls);
        if (taker.cancelled())
            return {error_report(procedure, "calibration.advice.cancelled", "cancelled"), std::nullopt};
        if (frames.empty())
            return {error_report(procedure, "calibration.advice.camera_not_streaming",
                                 "no frame with the new controls arrived: " + camera.state_message()),
                    std::nullopt};
        const cv::Mat frame = mean_frame(frames);
        const cv::Rect region = (s.grey_card ? s.grey_card_region : s.backdrop_region).in(frame.size());
        const Metered m = meter(frame, region);

        report.figures = {
            judged("level_error", std::abs(m.green - target), s.level_tolerance, "<=", "levels"),
            judged("chroma", m.chroma, s.max_chroma, "<=", "a*b*"),
            measured("level", m.green, "levels"),
            measured("target_level", target, "levels"),
            measured("exposure_time", static_cast<double>(controls.exposure_time.count()), "us"),
            measured("analogue_gain", controls.analogue_gain),
            measured("red_gain", controls.colour_gains.red),
            measured("blue_gain", controls.colour_gains.blue),
            measured("steps", step),
        };
        if (progress)
            progress({procedure, step, s.max_steps, report.figures});
        if (passes(report.figures[0]) && passes(report.figures[1])) {
            report.outcome = Outcome::Pass;
            report.detail = "the " + std::string(s.grey_card ? "grey card" : "backdrop") +
                            " reads neutral at the target level after " + std::to_string(step) + " step(s)";
            run.controls = controls;
            return run;
        }

        double ratio = m.green >= clipped_level ? 1.0 / s.max_step_ratio
                                                : linear_light(target) / std::max(linear_light(m.green), 1e-6);
        ratio = std::clamp(ratio, 1.0 / s.max_step_ratio, s.max_step_ratio);
        const camera::CameraControls next = next_controls(controls, s, ratio, m);
        const bool light_stuck = next.exposure_time == controls.exposure_time &&
                                 next.analogue_gain == controls.analogue_gain && !passes(report.figures[0]);
        if (light_stuck) {
            report.outcome = Outcome::Fail;
            report.advice_key = m.green < target ? "calibration.advice.exposure_too_dark"
                                                 : "calibration.advice.exposure_too_bright";
            report.detail = "the camera's exposure limits cannot bring the level to the target";
            return run;
        }
        controls = next;
    }
    report.outcome = Outcome::Fail;
    report.advice_key = "calibration.advice.exposure_not_settling";
    report.detail = "no steady exposure within " + std::to_string(s.max_steps) + " steps";
    return run;
}

} // namespace

ExposureRun set_exposure(camera::CameraSource& camera, const ExposureSettings& settings,
                         const ProgressHandler& progress, std::stop_token cancel)
{
    const camera::CameraControls found = camera.controls();
    auto run = expose_from(found, camera, settings, progress, std::move(cancel));
    // A run that did not pass leaves the camera as the technician found it.
    if (run.report.outcome != Outcome::Pass)
        camera.set_controls(found);
    return run;
}

} // namespace kiosk::calibration
