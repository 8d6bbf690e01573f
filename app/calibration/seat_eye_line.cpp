#include "calibration/seat_eye_line.h"

#include <cmath>
#include <string>
#include <thread>

#include <opencv2/imgproc.hpp>

#include "calibration/booth_procedure.h"
#include "core/json_fields.h"
#include "core/json_file.h"
#include "vision/face_locator.h"

namespace kiosk::calibration {

namespace {

using Clock = std::chrono::steady_clock;

// Waits are cut into slices this long, so a cancel is noticed promptly.
constexpr std::chrono::milliseconds wait_slice{20};

struct Point {
    double seat_mm;
    double eye_px;
};

// Least squares: slope, intercept and the worst residual.
struct Fit {
    double slope = 0;
    double intercept = 0;
    double worst = 0;
};

Fit fit_line(const std::vector<Point>& points)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (const auto& p : points) {
        sx += p.seat_mm;
        sy += p.eye_px;
        sxx += p.seat_mm * p.seat_mm;
        sxy += p.seat_mm * p.eye_px;
    }
    const double n = double(points.size());
    Fit fit;
    fit.slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    fit.intercept = (sy - fit.slope * sx) / n;
    for (const auto& p : points)
        fit.worst = std::max(fit.worst, std::abs(p.eye_px - (fit.slope * p.seat_mm + fit.intercept)));
    return fit;
}

} // namespace

EyeLineSettings load_eye_line_settings(const std::filesystem::path& calibration_json)
{
    const auto json = load_json_file(calibration_json);
    const JsonFields section = JsonFields(calibration_json.string(), json).child("seat_eye_line");
    EyeLineSettings s;
    const auto& heights = section.require("heights");
    if (!heights.is_array() || heights.size() < 2)
        section.fail("heights", "must list at least two fractions of the seat travel");
    for (const auto& h : heights) {
        if (!h.is_number() || h.get<double>() < 0 || h.get<double>() > 1)
            section.fail("heights", "each must be a number from 0 to 1");
        s.heights.push_back(h.get<double>());
    }
    s.settle = section.millis("settle_ms");
    s.frame_timeout = section.millis("frame_timeout_ms");
    s.move_timeout = section.millis("move_timeout_ms");
    s.min_points = section.whole_number("min_points", 2, 100);
    if (s.min_points > static_cast<int>(s.heights.size()))
        section.fail("min_points", "is more than the heights listed");
    s.max_residual_px = section.positive("max_residual_px");
    return s;
}

EyeLineMap::EyeLineMap(lightseat::LightSeatController& controller, const camera::CameraSource& camera,
                       const vision::Models& models, EyeLineSettings settings)
    : controller_(controller), camera_(camera), models_(models), settings_(std::move(settings))
{
}

ProcedureReport EyeLineMap::measure(const SeatStops& stops, const SeatCalibration::ProgressHandler& progress,
                                    std::stop_token cancel)
{
    slope_.reset();
    const auto cancelled = [] { return error_report("seat", "calibration.advice.cancelled", "cancelled"); };
    ProcedureReport report;
    report.procedure = "seat";
    std::vector<Point> points;
    std::string missed;
    const int steps = static_cast<int>(settings_.heights.size());
    for (int i = 0; i < steps; ++i) {
        const auto target = static_cast<std::uint16_t>(
            std::lround(stops.lower_mm + settings_.heights[i] * (stops.upper_mm - stops.lower_mm)));
        if (cancel.stop_requested())
            return cancelled();
        if (controller_.move_seat(target).get() != lightseat::CommandOutcome::Done) {
            report.outcome = Outcome::Error;
            report.advice_key = "calibration.seat.no_board";
            report.detail = "the board refused a move to " + std::to_string(target) + " mm (" +
                            controller_.state_message() + ")";
            return report;
        }
        const auto give_up = Clock::now() + settings_.move_timeout;
        std::optional<lightseat::DeviceStatus> status;
        while (Clock::now() < give_up) {
            if (cancel.stop_requested())
                return cancelled();
            status = controller_.read_status().get();
            if (!status || status->faults.any() ||
                (status->motion == lightseat::SeatMotion::Idle && status->seat_mm == target))
                break;
            std::this_thread::sleep_for(wait_slice);
        }
        if (!status || status->faults.any() || status->seat_mm != target) {
            report.outcome = Outcome::Fail;
            report.advice_key = "calibration.seat.stuck";
            report.detail = "the seat did not settle at " + std::to_string(target) + " mm";
            return report;
        }
        // A frame taken after the seat stopped and the picture settled.
        const auto settled = Clock::now() + settings_.settle;
        std::shared_ptr<const camera::Frame> frame;
        auto frame_give_up = Clock::now() + settings_.frame_timeout;
        while (!frame || frame->timestamp < settled) {
            if (cancel.stop_requested())
                return cancelled();
            if (auto newer = camera_.frames().wait_newer(frame ? frame->sequence : 0, wait_slice)) {
                frame = std::move(newer);
                frame_give_up = Clock::now() + settings_.frame_timeout;
            } else if (Clock::now() > frame_give_up) {
                report.outcome = Outcome::Error;
                report.advice_key = "calibration.self_test.camera_silent";
                report.detail = "no camera frame within " + std::to_string(settings_.frame_timeout.count()) + " ms";
                return report;
            }
        }
        cv::Mat gray;
        cv::cvtColor(frame->image, gray, cv::COLOR_BGR2GRAY);
        const auto faces = vision::locate_faces(models_, gray);
        if (faces.subject) {
            points.push_back({double(target), (faces.subject->eye_left.y + faces.subject->eye_right.y) / 2.0});
        } else {
            missed += (missed.empty() ? "" : ", ") + std::to_string(target) + " mm";
        }
        if (progress)
            progress(ProcedureProgress{"seat", i + 1, steps,
                                       {Figure{"faces_found", double(points.size()), {}, "", ""}}});
    }
    report.figures.push_back({"eye_line_points", double(points.size()), double(settings_.min_points), ">=", ""});
    if (static_cast<int>(points.size()) < settings_.min_points) {
        report.outcome = Outcome::Fail;
        report.advice_key = "calibration.seat.no_face";
        report.detail = "a face was found at " + std::to_string(points.size()) + " of " + std::to_string(steps) +
                        " seat heights (none at " + missed + ")";
        return report;
    }
    const Fit fit = fit_line(points);
    report.figures.push_back({"eye_px_per_mm", fit.slope, {}, "", "px/mm"});
    report.figures.push_back({"eye_line_residual_px", fit.worst, settings_.max_residual_px, "<=", "px"});
    if (fit.worst > settings_.max_residual_px) {
        report.outcome = Outcome::Fail;
        report.advice_key = "calibration.seat.sit_still";
        report.detail = "the eye line strays " + std::to_string(fit.worst) + " px from a straight line";
        return report;
    }
    report.outcome = Outcome::Pass;
    report.advice_key = "calibration.seat.done";
    report.detail = "the eye line moves " + std::to_string(fit.slope) + " px per mm of seat travel";
    slope_ = fit.slope;
    return report;
}

} // namespace kiosk::calibration
