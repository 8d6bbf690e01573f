#include "calibrate_procedures.h"

#include <chrono>
#include <memory>
#include <thread>

#include "booth/booth_mirror.h"
#include "calibration/background_plate.h"
#include "calibration/exposure.h"
#include "calibration/light_balance.h"
#include "calibration/printer_check.h"
#include "calibration/seat_eye_line.h"
#include "camera/camera_choice.h"
#include "camera/libcamera_settings.h"
#include "camera/libcamera_source.h"
#include "camera/replay_settings.h"
#include "camera/replay_source.h"
#include "lightseat/usb_lightseat_controller.h"
#include "printer/printer_config.h"
#include "receipt/receipt_config.h"
#include "receipt/receipt_number.h"
#include "spec/document_spec.h"
#include "upload/receipt_decision.h"
#include "upload/review_client.h"
#include "upload/upload_config.h"
#include "vision/models.h"

namespace kiosk::ctl {

namespace {

using namespace std::chrono_literals;

// Started, and given the time an answer takes to arrive (or to time out
// once) to become ready; a board that does not is the procedure's to report.
void start_controller(lightseat::LightSeatController& controller, const lightseat::ControllerSettings& settings)
{
    controller.start();
    const auto give_up = std::chrono::steady_clock::now() + 2 * settings.control_timeout + 500ms;
    while (controller.state() != lightseat::ControllerState::Ready && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(10ms);
}

std::unique_ptr<camera::CameraSource> open_camera(const CalibrateSetup& setup)
{
    auto choice = camera::CameraChoice::load(setup.config / "camera" / "camera.json");
    if (setup.camera == "libcamera")
        choice.backend = camera::CameraBackend::Libcamera;
    else if (setup.camera == "replay")
        choice.backend = camera::CameraBackend::Replay;
    if (!setup.footage.empty())
        choice.footage = setup.footage;
    if (choice.backend == camera::CameraBackend::Replay)
        return std::make_unique<camera::ReplaySource>(
            choice.footage, camera::ReplaySettings::load(setup.config / "camera" / "replay.json"));
    return std::make_unique<camera::LibcameraSource>(
        camera::LibcameraSettings::load(setup.config / "camera" / "libcamera.json"));
}

// Asks for the decision on a number this kiosk could have issued today: any
// answer, "unknown" included, shows the service is there and understands us.
std::function<void()> upload_probe(const CalibrateSetup& setup)
{
    const auto config = upload::load_upload_config(setup.config / "upload" / "upload.json");
    return [config, kiosk_id = setup.kiosk_id] {
        const upload::ReviewClient client(config.service, kiosk_id, "");
        const auto today = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
        try {
            client.fetch_receipt_decision(receipt::ReceiptNumber::issue(kiosk_id, today, 1).str());
        } catch (const upload::UnknownReceipt&) {
        }
    };
}

} // namespace

CalibrationRun calibrate_seat(const CalibrateSetup& setup, const calibration::SeatCalibration::ProgressHandler& progress)
{
    const auto host = lightseat::ControllerSettings::load(setup.config / "lightseat" / "controller.json");
    const auto settings = calibration::load_seat_calibration_settings(setup.calibration_json);
    const auto probing = calibration::widened_for_probing(host, settings);
    lightseat::UsbLightSeatController controller(probing);
    start_controller(controller, probing);
    calibration::SeatCalibration seat(controller, settings, host.seat);
    CalibrationRun run;
    run.report = seat.find_stops(progress);
    run.stops = seat.stops();
    if (setup.eye_line && run.stops) {
        const auto camera = open_camera(setup);
        booth::BoothMirror booth(*camera, controller);
        camera->start(camera::StreamRequest{});
        const vision::Models models;
        calibration::EyeLineMap map(controller, *camera, models,
                                    calibration::load_eye_line_settings(setup.calibration_json));
        const auto eye = map.measure(*run.stops, progress);
        camera->stop();
        // One seat report: the stops' figures, then the eye line's, judged by both.
        run.report.figures.insert(run.report.figures.end(), eye.figures.begin(), eye.figures.end());
        run.report.detail += "; " + eye.detail;
        if (eye.outcome != calibration::Outcome::Pass) {
            run.report.outcome = eye.outcome;
            run.report.advice_key = eye.advice_key;
            run.stops.reset();
        }
        run.eye_px_per_mm = map.eye_px_per_mm();
    }
    controller.stop();
    return run;
}

CalibrationRun check_printer(const CalibrateSetup& setup)
{
    const auto config = printer::load_printer_config(setup.config, setup.printer);
    const auto device = printer::make_printer(config);
    calibration::PrinterCheck check(
        *device, config.backend == "cups" ? config.queue : config.name,
        receipt::load_slip_layout(setup.config, config.paper),
        calibration::load_test_slip_text(setup.config, setup.kiosk_id, std::chrono::system_clock::now()));
    CalibrationRun run;
    run.report = check.run();
    return run;
}

CalibrationRun self_test(const CalibrateSetup& setup)
{
    const auto settings = calibration::load_self_test_settings(setup.calibration_json);
    const auto host = lightseat::ControllerSettings::load(setup.config / "lightseat" / "controller.json");
    lightseat::UsbLightSeatController controller(host);
    start_controller(controller, host);
    const auto camera = open_camera(setup);
    camera->start(camera::StreamRequest{});
    const auto printer_config = printer::load_printer_config(setup.config, setup.printer);
    const auto printer = printer::make_printer(printer_config);

    calibration::SelfTestDevices devices;
    devices.camera = camera.get();
    devices.controller = &controller;
    devices.seat_travel = host.seat;
    devices.printer = printer.get();
    devices.upload_probe = upload_probe(setup);
    devices.state_dir = setup.state_dir;
    auto result = calibration::run_self_test(devices, settings);
    camera->stop();
    controller.stop();
    CalibrationRun run;
    run.report = std::move(result.report);
    run.rows = std::move(result.rows);
    return run;
}

CalibrationRun capture_background(const CalibrateSetup& setup,
                                  const calibration::SeatCalibration::ProgressHandler& progress)
{
    const auto settings = calibration::load_background_plate_settings(setup.calibration_json);
    const auto spec = spec::load_spec(setup.config / "specs", settings.spec);
    const auto host = lightseat::ControllerSettings::load(setup.config / "lightseat" / "controller.json");
    lightseat::UsbLightSeatController controller(host);
    start_controller(controller, host);
    const auto camera = open_camera(setup);
    camera->start(camera::StreamRequest{});
    const vision::Models models;
    auto plate = calibration::capture_background_plate(*camera, controller, models, spec, settings, progress);
    camera->stop();
    controller.stop();
    CalibrationRun run;
    run.report = std::move(plate.report);
    if (run.report.outcome == calibration::Outcome::Pass && !plate.plate.empty())
        run.background_plate = calibration::store_background_plate(plate.plate, setup.state_dir / "calibration");
    return run;
}

CalibrationRun set_exposure(const CalibrateSetup& setup, const calibration::SeatCalibration::ProgressHandler& progress)
{
    const auto settings = calibration::load_exposure_settings(setup.calibration_json, setup.config / "specs");
    const auto camera = open_camera(setup);
    camera->start(camera::StreamRequest{});
    auto exposure = calibration::set_exposure(*camera, settings, progress);
    camera->stop();
    CalibrationRun run;
    run.report = std::move(exposure.report);
    run.camera = exposure.controls;
    return run;
}

CalibrationRun balance_lights(const CalibrateSetup& setup, const calibration::SeatCalibration::ProgressHandler& progress)
{
    const auto settings = calibration::load_light_balance_settings(setup.calibration_json);
    const auto host = lightseat::ControllerSettings::load(setup.config / "lightseat" / "controller.json");
    lightseat::UsbLightSeatController controller(host);
    start_controller(controller, host);
    const auto camera = open_camera(setup);
    camera->start(camera::StreamRequest{});
    const vision::Models models;
    auto balance = calibration::balance_lights(*camera, controller, &models, settings, progress);
    camera->stop();
    controller.stop();
    CalibrationRun run;
    run.report = std::move(balance.report);
    run.lights = balance.levels;
    return run;
}

} // namespace kiosk::ctl
