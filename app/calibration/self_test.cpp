#include "calibration/self_test.h"

#include <algorithm>
#include <future>
#include <thread>

#include <sys/statvfs.h>

#include "calibration/printer_check.h"
#include "core/json_fields.h"
#include "core/json_file.h"

namespace kiosk::calibration {

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

double ms_since(Clock::time_point start)
{
    return double(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count());
}

SelfTestRow row(std::string device, Outcome outcome, std::string detail, std::string advice = {})
{
    return SelfTestRow{std::move(device), outcome, std::move(detail), std::move(advice), {}};
}

SelfTestRow not_checked(std::string device)
{
    return row(std::move(device), Outcome::Error, "not configured for this run", "calibration.self_test.not_checked");
}

SelfTestRow check_camera(camera::CameraSource& camera, const SelfTestSettings& settings)
{
    const auto first = camera.frames().wait_any(settings.device_timeout);
    if (!first)
        return row("camera", Outcome::Fail,
                   "no frame within " + std::to_string(settings.device_timeout.count()) + " ms (" +
                       std::string(camera::to_string(camera.state())) + ": " + camera.state_message() + ")",
                   "calibration.self_test.camera_silent");
    const std::uint64_t posted_before = camera.frames().posted();
    const auto start = Clock::now();
    std::this_thread::sleep_for(settings.camera_window);
    const double seconds = ms_since(start) / 1000.0;
    const double fps = double(camera.frames().posted() - posted_before) / seconds;
    const auto latest = camera.frames().latest();
    SelfTestRow r = row("camera", fps >= settings.min_camera_fps ? Outcome::Pass : Outcome::Fail,
                        camera.id() + " streaming " + std::to_string(latest->image.cols) + "x" +
                            std::to_string(latest->image.rows));
    if (r.outcome == Outcome::Fail)
        r.advice_key = "calibration.self_test.camera_slow";
    r.figures.push_back({"camera_fps", fps, settings.min_camera_fps, ">=", "fps"});
    return r;
}

std::optional<lightseat::DeviceStatus> status_within(lightseat::LightSeatController& controller,
                                                     std::chrono::milliseconds timeout)
{
    auto answer = controller.read_status();
    if (answer.wait_for(timeout) != std::future_status::ready)
        return std::nullopt;
    return answer.get();
}

SelfTestRow check_controller(lightseat::LightSeatController& controller, const SelfTestSettings& settings)
{
    const auto give_up = Clock::now() + settings.device_timeout;
    while (controller.state() != lightseat::ControllerState::Ready && Clock::now() < give_up)
        std::this_thread::sleep_for(10ms);
    const auto status = status_within(controller, settings.device_timeout);
    if (!status)
        return row("controller", Outcome::Fail,
                   std::string(lightseat::to_string(controller.state())) + ": " + controller.state_message(),
                   "calibration.self_test.controller_missing");
    if (status->faults.any())
        return row("controller", Outcome::Fail, "faults latched: " + lightseat::describe(status->faults),
                   "calibration.self_test.controller_faulted");
    return row("controller", Outcome::Pass, "ready, " + std::string(status->occupied ? "seat occupied" : "seat free"));
}

SelfTestRow check_lights(lightseat::LightSeatController& controller, const SelfTestSettings& settings)
{
    const auto before = status_within(controller, settings.device_timeout);
    if (!before)
        return row("lights", Outcome::Error, "no board to ask", "calibration.self_test.controller_missing");
    // Levels that differ from the current ones in every channel, so an echo
    // cannot be a coincidence.
    const auto other = [](std::uint16_t v) { return static_cast<std::uint16_t>(v >= 500 ? v - 100 : v + 100); };
    const lightseat::LightLevels probe{other(before->lights.key_left), other(before->lights.key_right),
                                       other(before->lights.background)};
    const auto start = Clock::now();
    const auto outcome = controller.set_lights(probe).get();
    const auto echoed = status_within(controller, settings.device_timeout);
    const double took = ms_since(start);
    controller.set_lights(before->lights).get();
    if (outcome != lightseat::CommandOutcome::Done || !echoed || echoed->lights != probe)
        return row("lights", Outcome::Fail,
                   "the board did not take new light levels (" + std::string(lightseat::to_string(outcome)) + ")",
                   "calibration.self_test.lights_silent");
    SelfTestRow r = row("lights", Outcome::Pass, "new levels taken and the old ones restored");
    r.figures.push_back({"lights_ms", took, {}, "", "ms"});
    return r;
}

// Waits until the seat stands still (homed), or faults, or the time is up.
std::optional<lightseat::DeviceStatus> seat_settled(lightseat::LightSeatController& controller,
                                                    std::optional<std::uint16_t> target,
                                                    std::chrono::milliseconds timeout)
{
    const auto give_up = Clock::now() + timeout;
    while (Clock::now() < give_up) {
        const auto s = status_within(controller, timeout);
        if (!s || s->faults.any())
            return s;
        if (s->motion == lightseat::SeatMotion::Idle && (!target || s->seat_mm == *target))
            return s;
        std::this_thread::sleep_for(20ms);
    }
    return std::nullopt;
}

SelfTestRow check_seat(lightseat::LightSeatController& controller, lightseat::SeatTravel travel,
                       const SelfTestSettings& settings)
{
    const auto before = status_within(controller, settings.device_timeout);
    if (!before)
        return row("seat", Outcome::Error, "no board to ask", "calibration.self_test.controller_missing");
    const auto start = Clock::now();
    std::string what;
    bool moved = false;
    if (before->motion == lightseat::SeatMotion::NotHomed) {
        what = "homed";
        moved = controller.home_seat().get() == lightseat::CommandOutcome::Done &&
                seat_settled(controller, std::nullopt, settings.device_timeout).value_or(*before).motion ==
                    lightseat::SeatMotion::Idle;
    } else {
        const int from = before->seat_mm;
        const int to = from + settings.seat_nudge_mm <= travel.max_mm ? from + settings.seat_nudge_mm
                                                                      : from - settings.seat_nudge_mm;
        what = "moved " + std::to_string(from) + " -> " + std::to_string(to) + " -> " + std::to_string(from) + " mm";
        const auto go = [&](int target) {
            const auto t = static_cast<std::uint16_t>(target);
            if (controller.move_seat(t).get() != lightseat::CommandOutcome::Done)
                return false;
            const auto s = seat_settled(controller, t, settings.device_timeout);
            return s && !s->faults.any() && s->seat_mm == t;
        };
        moved = travel.contains(static_cast<std::uint16_t>(to)) && go(to) && go(from);
    }
    if (!moved)
        return row("seat", Outcome::Fail, "the seat was not " + what + " within " +
                                              std::to_string(settings.device_timeout.count()) + " ms",
                   "calibration.self_test.seat_silent");
    SelfTestRow r = row("seat", Outcome::Pass, what);
    r.figures.push_back({"seat_ms", ms_since(start), {}, "", "ms"});
    return r;
}

SelfTestRow check_printer(printer::Printer& printer)
{
    const auto status = printer.status();
    const auto problem = status.problem();
    const bool prints = problem == printer::Problem::None || problem == printer::Problem::PaperLow;
    SelfTestRow r = row("printer",
                        prints ? Outcome::Pass
                               : (problem == printer::Problem::Unreachable ? Outcome::Error : Outcome::Fail),
                        std::string(printer::to_string(problem)) + ": " + describe_queue(status));
    if (problem != printer::Problem::None)
        r.advice_key = printer_advice_key(problem);
    return r;
}

SelfTestRow check_upload(const std::function<void()>& probe)
{
    const auto start = Clock::now();
    try {
        probe();
    } catch (const std::exception& e) {
        return row("upload", Outcome::Fail, e.what(), "calibration.self_test.upload_unreachable");
    }
    SelfTestRow r = row("upload", Outcome::Pass, "the review service answers");
    r.figures.push_back({"upload_ms", ms_since(start), {}, "", "ms"});
    return r;
}

SelfTestRow check_disk(const std::filesystem::path& state_dir, const SelfTestSettings& settings)
{
    struct statvfs fs {};
    if (::statvfs(state_dir.c_str(), &fs) != 0)
        return row("disk", Outcome::Error, "cannot read the free space of " + state_dir.string(),
                   "calibration.self_test.disk_low");
    const double free_mb = double(fs.f_bavail) * double(fs.f_frsize) / (1024.0 * 1024.0);
    SelfTestRow r = row("disk", free_mb >= double(settings.min_free_disk_mb) ? Outcome::Pass : Outcome::Fail,
                        "free in " + state_dir.string());
    if (r.outcome == Outcome::Fail)
        r.advice_key = "calibration.self_test.disk_low";
    r.figures.push_back({"disk_free_mb", free_mb, double(settings.min_free_disk_mb), ">=", "MB"});
    return r;
}

} // namespace

SelfTestSettings load_self_test_settings(const std::filesystem::path& calibration_json)
{
    const auto json = load_json_file(calibration_json);
    const JsonFields section = JsonFields(calibration_json.string(), json).child("self_test");
    SelfTestSettings s;
    s.min_camera_fps = section.positive("min_camera_fps");
    s.camera_window = section.millis("camera_window_ms");
    s.device_timeout = section.millis("device_timeout_ms");
    s.seat_nudge_mm = section.whole_number("seat_nudge_mm", 1, 100);
    s.min_free_disk_mb = static_cast<std::uint64_t>(section.positive_int("min_free_disk_mb"));
    return s;
}

SelfTestResult run_self_test(const SelfTestDevices& devices, const SelfTestSettings& settings)
{
    SelfTestResult result;
    auto& rows = result.rows;
    rows.push_back(devices.camera ? check_camera(*devices.camera, settings) : not_checked("camera"));
    if (devices.controller) {
        rows.push_back(check_controller(*devices.controller, settings));
        rows.push_back(check_lights(*devices.controller, settings));
        rows.push_back(check_seat(*devices.controller, devices.seat_travel, settings));
    } else {
        for (const char* device : {"controller", "lights", "seat"})
            rows.push_back(not_checked(device));
    }
    rows.push_back(devices.printer ? check_printer(*devices.printer) : not_checked("printer"));
    rows.push_back(devices.upload_probe ? check_upload(devices.upload_probe) : not_checked("upload"));
    rows.push_back(check_disk(devices.state_dir, settings));

    auto& report = result.report;
    report.procedure = "self_test";
    const auto has = [&rows](Outcome o) {
        return std::any_of(rows.begin(), rows.end(), [o](const SelfTestRow& r) { return r.outcome == o; });
    };
    report.outcome = has(Outcome::Fail) ? Outcome::Fail : has(Outcome::Error) ? Outcome::Error : Outcome::Pass;
    int passed = 0;
    for (const auto& r : rows) {
        passed += r.outcome == Outcome::Pass;
        report.figures.insert(report.figures.end(), r.figures.begin(), r.figures.end());
        if (r.outcome != Outcome::Pass) {
            report.detail += (report.detail.empty() ? "" : "; ") + r.device + ": " + r.detail;
            if (report.advice_key.empty())
                report.advice_key = r.advice_key;
        }
    }
    report.figures.push_back({"devices_passed", double(passed), double(rows.size()), ">=", ""});
    if (report.outcome == Outcome::Pass) {
        report.advice_key = "calibration.self_test.all_ok";
        report.detail = "every device answered";
    }
    return result;
}

} // namespace kiosk::calibration
