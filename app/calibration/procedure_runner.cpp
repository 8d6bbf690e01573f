#include "calibration/procedure_runner.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <utility>

#include "calibration/background_plate.h"
#include "calibration/exposure.h"
#include "calibration/light_balance.h"
#include "calibration/printer_check.h"
#include "calibration/seat_eye_line.h"
#include "calibration/seat_probe_travel.h"
#include "core/error.h"
#include "receipt/receipt_config.h"
#include "spec/document_spec.h"

namespace kiosk::calibration {

namespace {

// A device (or the face models) the procedure cannot run without: the run
// ends before it starts, with the advice for that device.
struct Missing {
    std::string advice_key;
    std::string detail;
};

template <typename Device>
Device& need(Device* device, const std::string& procedure, const char* what, const char* advice_key)
{
    if (!device)
        throw Missing{advice_key, procedure + " needs " + what + ", and this front end has none"};
    return *device;
}

camera::CameraSource& need_camera(const BoothDevices& d, const std::string& procedure)
{
    return need(d.camera, procedure, "the camera", "calibration.advice.no_camera");
}

lightseat::LightSeatController& need_controller(const BoothDevices& d, const std::string& procedure)
{
    return need(d.controller, procedure, "the light/seat board", "calibration.advice.no_controller");
}

const vision::Models& need_models(const BoothDevices& d, const std::string& procedure)
{
    return need(d.models, procedure, "the face models", "calibration.advice.no_face_models");
}

// The booth lit as for a citizen before it is measured.
void light_as_for_citizens(lightseat::LightSeatController* controller, const ProcedureSetup& s)
{
    if (controller && s.working_lights)
        controller->set_lights(*s.working_lights).wait();
}

ProcedureRun of(ProcedureReport report)
{
    ProcedureRun run;
    run.report = std::move(report);
    return run;
}

ProcedureRun background_plate(BoothDevices& d, const ProcedureSetup& s)
{
    const std::string procedure = "background_plate";
    auto& camera = need_camera(d, procedure);
    auto& controller = need_controller(d, procedure);
    const auto& models = need_models(d, procedure);
    const auto settings = load_background_plate_settings(s.calibration_json);
    const auto spec = spec::load_spec(s.config / "specs", settings.spec);
    light_as_for_citizens(&controller, s);
    auto plate = capture_background_plate(camera, controller, models, spec, settings, s.progress, s.cancel);
    ProcedureRun run = of(std::move(plate.report));
    if (run.report.outcome == Outcome::Pass && !plate.plate.empty())
        run.background_plate = store_background_plate(plate.plate, s.state_dir / "calibration");
    return run;
}

ProcedureRun exposure(BoothDevices& d, const ProcedureSetup& s)
{
    auto& camera = need_camera(d, "exposure");
    light_as_for_citizens(d.controller, s);
    auto result = set_exposure(camera, load_exposure_settings(s.calibration_json, s.config / "specs"), s.progress,
                               s.cancel);
    ProcedureRun run = of(std::move(result.report));
    run.camera = result.controls;
    return run;
}

ProcedureRun light_balance(BoothDevices& d, const ProcedureSetup& s)
{
    const std::string procedure = "light_balance";
    auto& camera = need_camera(d, procedure);
    auto& controller = need_controller(d, procedure);
    light_as_for_citizens(&controller, s);
    // The models find the technician's cheeks; a grey card needs none.
    auto result = balance_lights(camera, controller, d.models, load_light_balance_settings(s.calibration_json),
                                 s.progress, s.cancel);
    ProcedureRun run = of(std::move(result.report));
    run.lights = result.levels;
    return run;
}

// The board has no stop command: a move to where the seat is now ends the
// one under way, so a stopped run leaves the seat where the technician
// stopped it (while the widened travel still allows any position it reached).
void hold_seat_where_it_is(lightseat::LightSeatController& controller)
{
    const auto status = controller.read_status().get();
    if (status && status->motion == lightseat::SeatMotion::Moving)
        controller.send(lightseat::MoveSeat{status->seat_mm}).wait();
}

// The stops, then (technician seated) the eye line, judged as one seat report.
ProcedureRun seat(BoothDevices& d, const ProcedureSetup& s)
{
    const std::string procedure = "seat";
    auto& controller = need_controller(d, procedure);
    camera::CameraSource* camera = s.eye_line ? &need_camera(d, procedure) : nullptr;
    const vision::Models* models = s.eye_line ? &need_models(d, procedure) : nullptr;
    const auto settings = load_seat_calibration_settings(s.calibration_json);
    const auto eye_settings = s.eye_line ? load_eye_line_settings(s.calibration_json) : EyeLineSettings{};

    // The stops found may lie beyond the configured travel, and the eye line
    // is measured between them: both parts run widened.
    const WidenedSeatTravel widened(controller, d.seat_travel, settings);
    SeatCalibration stops(controller, settings, d.seat_travel);
    ProcedureRun run = of(stops.find_stops(s.progress, s.cancel));
    run.stops = stops.stops();
    if (s.cancel.stop_requested())
        hold_seat_where_it_is(controller);
    if (!camera || !run.stops)
        return run;
    EyeLineMap map(controller, *camera, *models, eye_settings);
    const auto eye = map.measure(*run.stops, s.progress, s.cancel);
    if (s.cancel.stop_requested())
        hold_seat_where_it_is(controller);
    run.report.figures.insert(run.report.figures.end(), eye.figures.begin(), eye.figures.end());
    run.report.detail += "; " + eye.detail;
    if (eye.outcome != Outcome::Pass) {
        run.report.outcome = eye.outcome;
        run.report.advice_key = eye.advice_key;
        run.stops.reset();
    }
    run.eye_px_per_mm = map.eye_px_per_mm();
    return run;
}

ProcedureRun printer(BoothDevices& d, const ProcedureSetup& s)
{
    auto& device = need(d.printer, "printer", "a printer", "calibration.advice.no_printer");
    PrinterCheck check(device, d.printer_queue, receipt::load_slip_layout(s.config, d.printer_paper),
                       load_test_slip_text(s.config, s.kiosk_id, std::chrono::system_clock::now()));
    return of(check.run());
}

// Checks every device it is given and reports the missing ones as not checked.
ProcedureRun self_test(BoothDevices& d, const ProcedureSetup& s)
{
    SelfTestDevices devices;
    devices.camera = d.camera;
    devices.controller = d.controller;
    devices.seat_travel = d.seat_travel;
    devices.printer = d.printer;
    devices.upload_probe = d.upload_probe;
    devices.state_dir = s.state_dir;
    auto result = run_self_test(devices, load_self_test_settings(s.calibration_json));
    ProcedureRun run = of(std::move(result.report));
    run.rows = std::move(result.rows);
    return run;
}

using Procedure = ProcedureRun (*)(BoothDevices&, const ProcedureSetup&);

// In menu order.
const std::vector<std::pair<std::string, Procedure>>& procedures()
{
    static const std::vector<std::pair<std::string, Procedure>> table = {
        {"background_plate", background_plate}, {"exposure", exposure}, {"light_balance", light_balance},
        {"seat", seat},                         {"printer", printer},   {"self_test", self_test},
    };
    return table;
}

} // namespace

const std::vector<std::string>& procedure_names()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (const auto& [name, run] : procedures())
            n.push_back(name);
        return n;
    }();
    return names;
}

ProcedureRun run_procedure(const std::string& procedure, BoothDevices& devices, const ProcedureSetup& setup)
{
    Procedure run = nullptr;
    for (const auto& [name, entry] : procedures())
        if (name == procedure)
            run = entry;
    if (!run)
        return of(error_report(procedure, "calibration.advice.unknown_procedure",
                               "no calibration procedure is called '" + procedure + "'"));
    if (setup.cancel.stop_requested())
        return of(error_report(procedure, "calibration.advice.cancelled", "cancelled"));
    try {
        return run(devices, setup);
    } catch (const Missing& missing) {
        return of(error_report(procedure, missing.advice_key, missing.detail));
    } catch (const ConfigError& e) {
        return of(error_report(procedure, "calibration.advice.settings_invalid", e.what()));
    } catch (const std::exception& e) {
        return of(error_report(procedure, "calibration.advice.device_error", e.what()));
    }
}

bool record_run(const ProcedureRun& run, CalibrationProfile& draft)
{
    if (run.report.outcome != Outcome::Pass)
        return false;
    bool changed = false;
    if (run.background_plate) {
        draft.background_plate = run.background_plate;
        changed = true;
    }
    if (run.camera) {
        draft.camera = run.camera;
        changed = true;
    }
    if (run.lights) {
        draft.lights = run.lights;
        changed = true;
    }
    if (run.stops) {
        // Stops measured without the eye line keep the slope measured before.
        const double eye_px_per_mm = run.eye_px_per_mm ? *run.eye_px_per_mm
                                     : draft.seat     ? draft.seat->eye_px_per_mm
                                                      : 0.0;
        draft.seat = SeatMap{run.stops->lower_mm, run.stops->upper_mm, eye_px_per_mm};
        changed = true;
    }
    if (!changed)
        return false;
    const auto earlier = std::find_if(draft.reports.begin(), draft.reports.end(),
                                      [&run](const ProcedureReport& r) { return r.procedure == run.report.procedure; });
    if (earlier != draft.reports.end())
        *earlier = run.report;
    else
        draft.reports.push_back(run.report);
    return true;
}

} // namespace kiosk::calibration
