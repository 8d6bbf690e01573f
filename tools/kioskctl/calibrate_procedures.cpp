#include "calibrate_procedures.h"

#include <chrono>
#include <memory>
#include <thread>

#include "booth/booth_mirror.h"
#include "camera/chosen_camera.h"
#include "lightseat/usb_lightseat_controller.h"
#include "printer/printer_config.h"
#include "receipt/receipt_number.h"
#include "upload/receipt_decision.h"
#include "upload/review_client.h"
#include "upload/upload_config.h"
#include "vision/models.h"

namespace kiosk::ctl {

namespace {

using namespace std::chrono_literals;

// Which devices a procedure runs on, so the others stay closed (a printer
// check must not need a camera).
struct DevicesUsed {
    bool camera = false;
    bool controller = false;
    bool printer = false;
    bool models = false;
};

DevicesUsed devices_used(const std::string& procedure, bool eye_line)
{
    if (procedure == "background_plate" || procedure == "light_balance")
        return {.camera = true, .controller = true, .models = true};
    if (procedure == "exposure")
        return {.camera = true};
    if (procedure == "seat")
        return {.camera = eye_line, .controller = true, .models = eye_line};
    if (procedure == "printer")
        return {.printer = true};
    if (procedure == "self_test")
        return {.camera = true, .controller = true, .printer = true};
    return {};
}

// Started, and given the time an answer takes to arrive (or to time out
// once) to become ready; a board that does not is the procedure's to report.
void start_controller(lightseat::LightSeatController& controller, const lightseat::ControllerSettings& settings)
{
    controller.start();
    const auto give_up = std::chrono::steady_clock::now() + 2 * settings.control_timeout + 500ms;
    while (controller.state() != lightseat::ControllerState::Ready && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(10ms);
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

// The devices kioskctl opened for one run. The members are destroyed in the
// order that keeps each alive while another uses it (also when opening one
// throws): the camera stops streaming before the mirror filming the board
// goes, and the board is stopped last.
class OpenedDevices {
public:
    OpenedDevices(const CalibrateSetup& setup, const DevicesUsed& used)
    {
        const auto host = lightseat::ControllerSettings::load(setup.config / "lightseat" / "controller.json");
        devices.seat_travel = host.seat;
        if (used.controller) {
            controller_ = std::make_unique<lightseat::UsbLightSeatController>(host);
            start_controller(*controller_, host);
            devices.controller = controller_.get();
        }
        if (used.camera) {
            auto chosen = camera::open_chosen_camera(setup.camera, setup.faces);
            camera_ = std::move(chosen.source);
            if (controller_)
                mirror_ = std::make_unique<booth::BoothMirror>(*camera_, *controller_);
            camera_->start(chosen.stream);
            devices.camera = camera_.get();
        }
        if (used.printer) {
            const auto config = printer::load_printer_config(setup.config, setup.printer);
            printer_ = printer::make_printer(config);
            devices.printer = printer_.get();
            devices.printer_queue = config.backend == "cups" ? config.queue : config.name;
            devices.printer_paper = config.paper;
        }
        if (used.models) {
            models_ = std::make_unique<vision::Models>();
            devices.models = models_.get();
        }
    }

    OpenedDevices(const OpenedDevices&) = delete;
    OpenedDevices& operator=(const OpenedDevices&) = delete;

    calibration::BoothDevices devices;

private:
    std::unique_ptr<lightseat::UsbLightSeatController> controller_;
    std::unique_ptr<booth::BoothMirror> mirror_;
    std::unique_ptr<camera::CameraSource> camera_;
    std::unique_ptr<printer::Printer> printer_;
    std::unique_ptr<vision::Models> models_;
};

} // namespace

calibration::ProcedureRun run_calibration(const std::string& procedure, const CalibrateSetup& setup,
                                          const calibration::ProgressHandler& progress)
{
    OpenedDevices opened(setup, devices_used(procedure, setup.eye_line));
    if (procedure == "self_test")
        opened.devices.upload_probe = upload_probe(setup);
    calibration::ProcedureSetup run;
    run.config = setup.config;
    run.calibration_json = setup.calibration_json;
    run.state_dir = setup.state_dir;
    run.kiosk_id = setup.kiosk_id;
    run.eye_line = setup.eye_line;
    run.working_lights = setup.working_lights;
    run.progress = progress;
    return calibration::run_procedure(procedure, opened.devices, run);
}

} // namespace kiosk::ctl
