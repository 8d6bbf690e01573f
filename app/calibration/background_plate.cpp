#include "calibration/background_plate.h"

#include <cmath>
#include <limits>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "calibration/booth_frames.h"
#include "calibration/booth_measures.h"
#include "core/durable_file.h"

namespace kiosk::calibration {
namespace {

constexpr const char* procedure = "background_plate";
// What the person check looks at: HOG finds faces of about 80 px and up, so
// a 640 px copy finds anyone sitting in a booth framed for a portrait.
constexpr int face_search_width = 640;

bool face_in_view(const vision::Models& models, const cv::Mat& bgr)
{
    const double scale = std::min(1.0, static_cast<double>(face_search_width) / bgr.cols);
    cv::Mat gray;
    cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
    cv::resize(gray, gray, {}, scale, scale, cv::INTER_AREA);
    return !models.detect_faces(gray).empty();
}

// a*b* distance from the plate's colour to the nearest of the spec's
// background colours, and that colour's name.
std::pair<double, std::string> nearest_spec_colour(const spec::DocumentSpec& spec, cv::Vec2d ab)
{
    double best = std::numeric_limits<double>::infinity();
    std::string name;
    for (const auto& colour : spec.background) {
        const cv::Vec3d lab = lab_of_rgb(colour.rgb[0], colour.rgb[1], colour.rgb[2]);
        const double d = std::hypot(ab[0] - lab[1], ab[1] - lab[2]);
        if (d < best) {
            best = d;
            name = colour.name;
        }
    }
    return {best, name};
}

} // namespace

BackgroundPlateRun capture_background_plate(const camera::CameraSource& camera,
                                            lightseat::LightSeatController& controller,
                                            const vision::Models& models, const spec::DocumentSpec& spec,
                                            const BackgroundPlateSettings& settings, const ProgressHandler& progress,
                                            std::stop_token cancel)
{
    BackgroundPlateRun run;
    const int steps = settings.frames + 2;
    const auto tell = [&](int step, std::vector<Figure> figures = {}) {
        if (progress)
            progress({procedure, step, steps, std::move(figures)});
    };

    const auto status = controller.read_status().get();
    if (!status) {
        run.report = error_report(procedure, "calibration.advice.controller_not_ready",
                                  "the light/seat board is not ready: " + controller.state_message());
        return run;
    }
    if (status->occupied) {
        run.report = error_report(procedure, "calibration.advice.leave_booth_empty",
                                  "the seat reports someone sitting: the plate must show the empty booth");
        return run;
    }
    tell(1);

    FrameTaker taker(camera, settings.frame_timeout, cancel);
    std::vector<cv::Mat> frames;
    for (int i = 0; i < settings.frames; ++i) {
        auto one = taker.take(1);
        if (one.empty())
            break;
        frames.push_back(std::move(one.front()));
        tell(2 + i);
    }
    if (taker.cancelled()) {
        run.report = error_report(procedure, "calibration.advice.cancelled", "cancelled");
        return run;
    }
    if (static_cast<int>(frames.size()) < settings.frames) {
        run.report = error_report(procedure, "calibration.advice.camera_not_streaming",
                                  "the camera delivered " + std::to_string(frames.size()) + " of " +
                                      std::to_string(settings.frames) + " frames: " + camera.state_message());
        return run;
    }
    for (const cv::Mat& frame : frames) {
        if (frame.size() != frames.front().size()) {
            run.report = error_report(procedure, "calibration.advice.camera_not_streaming",
                                      "the camera changed its frame size while the plate was taken");
            return run;
        }
    }

    cv::Mat plate = median_frame(frames);
    if (face_in_view(models, plate) || face_in_view(models, frames.back())) {
        run.report = error_report(procedure, "calibration.advice.leave_booth_empty",
                                  "a face is in view: the plate must show the empty booth");
        return run;
    }

    const PlateMeasures m = measure_plate(plate);
    const auto [colour_delta, colour_name] = nearest_spec_colour(spec, m.mean_ab);
    ProcedureReport& report = run.report;
    report.procedure = procedure;
    report.figures = {
        judged("lightness_spread", m.lightness_spread, settings.max_lightness_spread, "<=", "L*"),
        judged("gradient_left_right", std::abs(m.gradient_left_right), settings.max_gradient, "<=", "L*"),
        judged("gradient_top_bottom", std::abs(m.gradient_top_bottom), settings.max_gradient, "<=", "L*"),
        judged("vignetting", std::abs(m.vignetting), settings.max_vignetting, "<=", "L*"),
        judged("colour_delta", colour_delta, settings.max_colour_delta, "<=", "a*b*"),
        judged("mean_lightness", m.mean_lightness, settings.min_lightness, ">=", "L*"),
        measured("mean_a", m.mean_ab[0]),
        measured("mean_b", m.mean_ab[1]),
    };
    tell(steps, report.figures);

    const auto failed = [&](const std::string& name) {
        for (const Figure& f : report.figures)
            if (f.name == name)
                return !passes(f);
        return false;
    };
    report.outcome = Outcome::Pass;
    if (failed("lightness_spread") || failed("gradient_left_right") || failed("gradient_top_bottom") ||
        failed("vignetting")) {
        report.outcome = Outcome::Fail;
        report.advice_key = "calibration.advice.background_uneven";
        report.detail = "the backdrop is unevenly lit or marked";
    } else if (failed("colour_delta")) {
        report.outcome = Outcome::Fail;
        report.advice_key = "calibration.advice.background_colour";
        report.detail = "the backdrop's colour is not one of " + spec.id + "'s background colours";
    } else if (failed("mean_lightness")) {
        report.outcome = Outcome::Fail;
        report.advice_key = "calibration.advice.background_dark";
        report.detail = "the backdrop is too dark";
    } else {
        report.detail = "even backdrop, nearest " + spec.id + " colour " + colour_name;
    }
    run.plate = std::move(plate);
    return run;
}

std::filesystem::path store_background_plate(const cv::Mat& plate, const std::filesystem::path& folder)
{
    std::vector<uchar> png;
    if (plate.empty() || !cv::imencode(".png", plate, png))
        throw std::invalid_argument("store_background_plate: no plate to store");
    const auto path = folder / "background-plate.png";
    write_file_durably(path, std::string_view(reinterpret_cast<const char*>(png.data()), png.size()));
    return path;
}

} // namespace kiosk::calibration
