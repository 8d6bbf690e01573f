#include "calibration/light_balance.h"

#include <algorithm>
#include <cmath>
#include <string>

#include <opencv2/imgproc.hpp>

#include "calibration/booth_frames.h"
#include "calibration/booth_measures.h"
#include "vision/face_locator.h"
#include "vision/face_regions.h"

namespace kiosk::calibration {
namespace {

constexpr const char* procedure = "light_balance";
// A lamp turned up by this share at least must brighten its side by this
// share of the change, or it is taken for not answering.
constexpr double noticeable_raise = 1.1;
constexpr double least_response = 1.01;

double luma(const cv::Scalar& bgr) { return 0.114 * bgr[0] + 0.587 * bgr[1] + 0.299 * bgr[2]; }

double mean_luma(const cv::Mat& bgr, cv::Rect region) { return luma(cv::mean(bgr(region))); }

double mean_luma(const cv::Mat& bgr, const vision::Polygon& polygon)
{
    std::vector<cv::Point> points;
    for (const auto& p : polygon)
        points.emplace_back(cvRound(p.x), cvRound(p.y));
    cv::Mat mask = cv::Mat::zeros(bgr.size(), CV_8U);
    cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{points}, 255);
    return luma(cv::mean(bgr, mask));
}

// The target's two halves, as display levels; empty when there is no target.
std::optional<std::pair<double, double>> halves(const cv::Mat& frame, const vision::Models* models,
                                                const LightBalanceSettings& s)
{
    if (!s.face) {
        const cv::Rect card = s.grey_card_region.in(frame.size());
        const int half = card.width / 2;
        return std::pair{mean_luma(frame, cv::Rect(card.x, card.y, half, card.height)),
                         mean_luma(frame, cv::Rect(card.x + half, card.y, card.width - half, card.height))};
    }
    cv::Mat gray;
    cv::cvtColor(frame, gray, cv::COLOR_BGR2GRAY);
    const vision::LocatedFaces faces = vision::locate_faces(*models, gray);
    if (!faces.subject)
        return std::nullopt;
    const vision::FaceRegions regions = vision::face_regions(*faces.subject);
    return std::pair{mean_luma(frame, regions.cheek_image_left), mean_luma(frame, regions.cheek_image_right)};
}

std::uint16_t level_in(double level, const LightBalanceSettings& s)
{
    return static_cast<std::uint16_t>(std::clamp(static_cast<int>(std::lround(level)), s.min_level, s.max_level));
}

// The procedure from the board's current levels; balance_lights() puts them
// back when it does not pass.
LightBalanceRun balance_from(lightseat::LightLevels levels, camera::CameraSource& camera,
                             lightseat::LightSeatController& controller, const vision::Models* models,
                             const LightBalanceSettings& s, const ProgressHandler& progress, std::stop_token cancel)
{
    LightBalanceRun run;
    levels.key_left = level_in(levels.key_left, s);
    levels.key_right = level_in(levels.key_right, s);
    levels.background = level_in(levels.background, s);

    // Hold the exposure, or an automatic one would undo what the lamps do.
    camera::CameraControls held = camera.controls();
    held.auto_exposure = false;
    held.auto_white_balance = false;
    camera.set_controls(held);

    FrameTaker taker(camera, s.frame_timeout, cancel);
    ProcedureReport& report = run.report;
    report.procedure = procedure;
    const int steps = s.max_steps + s.max_background_steps;
    int step = 0;
    // Sets the lamps and returns the mean of frames filmed afterwards; empty
    // with the report filled in when it could not.
    const auto light_and_film = [&](const lightseat::LightLevels& l) -> cv::Mat {
        const auto outcome = controller.set_lights(l).get();
        if (outcome != lightseat::CommandOutcome::Done) {
            report = error_report(procedure, "calibration.advice.controller_not_ready",
                                  "the board did not take the light levels: " + std::string(to_string(outcome)));
            return {};
        }
        taker.changed(s.settle_frames);
        const auto frames = taker.take(s.frames_per_measure, held);
        if (frames.empty()) {
            report = taker.cancelled() ? error_report(procedure, "calibration.advice.cancelled", "cancelled")
                                       : error_report(procedure, "calibration.advice.camera_not_streaming",
                                                      "no frame arrived after the lights changed: " +
                                                          camera.state_message());
            return {};
        }
        return mean_frame(frames);
    };
    const auto fail = [&](std::string advice, std::string detail) {
        report.outcome = Outcome::Fail;
        report.advice_key = std::move(advice);
        report.detail = std::move(detail);
        return run;
    };

    // The key lamps.
    std::optional<std::pair<double, double>> previous;
    lightseat::LightLevels previous_levels = levels;
    cv::Mat last_frame;
    for (int key_step = 1;; ++key_step) {
        const cv::Mat frame = light_and_film(levels);
        if (frame.empty())
            return run;
        last_frame = frame;
        const auto sides = halves(frame, models, s);
        if (!sides)
            return {error_report(procedure, "calibration.advice.no_target",
                                 "no face in view to balance the lights on"),
                    std::nullopt};
        const auto [left, right] = *sides;
        const double balance = std::min(left, right) / std::max({left, right, 1e-6});
        report.figures = {
            judged("balance", balance, s.min_balance, ">="),
            measured("left_level", left, "levels"),
            measured("right_level", right, "levels"),
            measured("key_left", levels.key_left, "per mille"),
            measured("key_right", levels.key_right, "per mille"),
            measured("steps", key_step),
        };
        if (progress)
            progress({procedure, ++step, steps, report.figures});
        if (balance >= s.min_balance)
            break;

        // A lamp turned up noticeably whose side got no brighter is dead or
        // unplugged: more level would not help.
        if (previous) {
            const bool left_raised = levels.key_left >= previous_levels.key_left * noticeable_raise;
            const bool right_raised = levels.key_right >= previous_levels.key_right * noticeable_raise;
            if (left_raised && linear_light(left) < linear_light(previous->first) * least_response)
                return fail("calibration.advice.key_left_not_responding",
                            "the left key lamp was turned up and its side got no brighter");
            if (right_raised && linear_light(right) < linear_light(previous->second) * least_response)
                return fail("calibration.advice.key_right_not_responding",
                            "the right key lamp was turned up and its side got no brighter");
        }
        if (key_step == s.max_steps)
            return fail("calibration.advice.lights_not_settling",
                        "the key lamps did not balance within " + std::to_string(s.max_steps) + " steps");

        const double ratio = std::clamp(std::sqrt(linear_light(right) / std::max(linear_light(left), 1e-9)),
                                        1.0 / s.max_step_ratio, s.max_step_ratio);
        lightseat::LightLevels next = levels;
        next.key_left = level_in(levels.key_left * ratio, s);
        next.key_right = level_in(levels.key_right / ratio, s);
        if (next == levels)
            return fail(left < right ? "calibration.advice.key_left_too_weak" : "calibration.advice.key_right_too_weak",
                        "the key lamps are at the ends of their range and the sides still differ");
        previous = sides;
        previous_levels = levels;
        levels = next;
    }

    // The background lamp: the backdrop beside the target to its level.
    const std::vector<Figure> key_figures = report.figures;
    cv::Mat frame = last_frame;
    for (int background_step = 1;; ++background_step) {
        const double left = mean_luma(frame, s.backdrop_left.in(frame.size()));
        const double right = mean_luma(frame, s.backdrop_right.in(frame.size()));
        const double level = (left + right) / 2.0;
        report.figures = key_figures;
        report.figures.insert(report.figures.begin() + 1,
                              judged("backdrop_level_error", std::abs(level - s.backdrop_level), s.backdrop_tolerance,
                                     "<=", "levels"));
        report.figures.push_back(measured("backdrop_level", level, "levels"));
        report.figures.push_back(measured("backdrop_left_right", right - left, "levels"));
        report.figures.push_back(measured("background", levels.background, "per mille"));
        report.figures.push_back(measured("background_steps", background_step));
        if (progress)
            progress({procedure, ++step, steps, report.figures});
        if (passes(report.figures[1]))
            break;
        if (background_step == s.max_background_steps)
            return fail("calibration.advice.background_light_not_settling",
                        "the backdrop did not reach its level within " + std::to_string(s.max_background_steps) +
                            " steps");
        const double ratio = std::clamp(linear_light(s.backdrop_level) / std::max(linear_light(level), 1e-9),
                                        1.0 / s.max_step_ratio, s.max_step_ratio);
        const std::uint16_t next = level_in(levels.background * ratio, s);
        if (next == levels.background)
            return fail(level < s.backdrop_level ? "calibration.advice.background_light_too_weak"
                                                 : "calibration.advice.background_light_too_strong",
                        "the background lamp is at the end of its range and the backdrop is not at its level");
        levels.background = next;
        frame = light_and_film(levels);
        if (frame.empty())
            return run;
    }

    report.outcome = Outcome::Pass;
    report.detail = "key lamps balanced and backdrop at its level";
    run.levels = levels;
    return run;
}

} // namespace

LightBalanceRun balance_lights(camera::CameraSource& camera, lightseat::LightSeatController& controller,
                               const vision::Models* models, const LightBalanceSettings& settings,
                               const ProgressHandler& progress, std::stop_token cancel)
{
    if (settings.face && !models)
        throw std::invalid_argument("balance_lights: the face target needs the face models");
    const auto status = controller.read_status().get();
    if (!status)
        return {error_report(procedure, "calibration.advice.controller_not_ready",
                             "the light/seat board is not ready: " + controller.state_message()),
                std::nullopt};
    auto run = balance_from(status->lights, camera, controller, models, settings, progress, std::move(cancel));
    // A run that did not pass leaves the booth lit as the technician found it.
    if (run.report.outcome != Outcome::Pass)
        controller.set_lights(status->lights).wait();
    return run;
}

} // namespace kiosk::calibration
