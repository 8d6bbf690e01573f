#include "kiosk/runtime.h"

#include <cstdlib>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include "booth/booth_mirror.h"
#include "camera/chosen_camera.h"
#include "core/devices_lock.h"
#include "core/error.h"
#include "core/paths.h"
#include "health/health_config.h"
#include "health/readiness_limits.h"
#include "health/systemd_feed.h"
#include "health/systemd_notifier.h"
#include "kiosk/calibration_application.h"
#include "kiosk/camera_preview_feed.h"
#include "kiosk/command_executor.h"
#include "kiosk/device_events.h"
#include "kiosk/health_survey.h"
#include "kiosk/kiosk_health.h"
#include "kiosk/local_date.h"
#include "kiosk/one_run_health_token.h"
#include "kiosk/receipt_printing.h"
#include "kiosk/runtime_config.h"
#include "kiosk/session_health.h"
#include "kiosk/still_capture.h"
#include "kiosk/submission_desk.h"
#include "kiosk/technician_desk.h"
#include "kiosk/vision_worker.h"
#include "lightseat/lightseat_settings.h"
#include "lightseat/posting_event_handler.h"
#include "lightseat/simulated_lightseat_controller.h"
#include "lightseat/usb_lightseat_controller.h"
#include "photo/photo_settings.h"
#include "printer/printer_config.h"
#include "receipt/receipt_issuer.h"
#include "receipt/receipt_number.h"
#include "session/session_settings.h"
#include "upload/upload_config.h"
#include "vision/models.h"

namespace kiosk::runtime {

namespace {

std::filesystem::path demo_state_dir()
{
    std::string pattern = (std::filesystem::temp_directory_path() / "kiosk-demo-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
        throw ConfigError("cannot create a state folder for the demo in " +
                          std::filesystem::temp_directory_path().string());
    return pattern;
}

printer::PrinterConfig load_printer_file(const std::filesystem::path& file)
{
    if (file.extension() != ".json" || file.parent_path().filename() != "printer")
        throw InputError("a printer config file must be printer/<name>.json, not " + file.string());
    return printer::load_printer_config(file.parent_path().parent_path(), file.stem().string());
}

upload::KioskSecrets one_run_secrets(const std::string& kiosk_id)
{
    if (sodium_init() < 0)
        throw ConfigError("libsodium cannot be initialised");
    upload::KioskSecrets secrets;
    secrets.kiosk_id = kiosk_id;
    randombytes_buf(secrets.at_rest_key.data(), secrets.at_rest_key.size());
    secrets.signing_key.resize(32);
    randombytes_buf(secrets.signing_key.data(), secrets.signing_key.size());
    return secrets;
}

// The endpoint's config and token: a test's own file, or the profile's, whose
// token the demo generates afresh in its state folder so it needs no root.
std::unique_ptr<KioskHealth> make_health(boost::asio::io_context& io, const RuntimeOptions& options,
                                         const RuntimeConfig& settings, const std::filesystem::path& state_dir,
                                         std::string& description)
{
    const auto file = options.health_config ? *options.health_config : settings.health_config;
    auto config = health::load_health_config(file);
    std::string token;
    if (!options.health_config && settings.generated_health_token) {
        config.token_file = state_dir / "health-token.json";
        token = write_one_run_health_token(config.token_file);
    } else {
        if (config.token_file.empty())
            throw ConfigError(file.string() + ".token_file: missing: /readyz and /metrics need a bearer token");
        token = health::load_bearer_token(config.token_file, config.min_token_chars);
    }
    auto health = std::make_unique<KioskHealth>(io, config, std::move(token), health::load_readiness_limits(file),
                                                KIOSK_VERSION);
    description = "health endpoint: http://" + config.address + ":" + std::to_string(health->port()) +
                  " (/healthz, /readyz, /metrics; bearer token in " + config.token_file.string() + ")";
    return health;
}

// The self-test's question to the review service: a number this kiosk could
// have issued today. Any answer, "unknown" included, shows the service is
// there and understands the kiosk.
std::function<void()> review_service_probe(const SubmissionDesk& submissions, std::string kiosk_id)
{
    return [&submissions, kiosk_id = std::move(kiosk_id)] {
        const auto number = receipt::ReceiptNumber::issue(kiosk_id, local_today(), 1).str();
        if (submissions.check_receipt(number).outcome == session::ReceiptCheck::Unreachable)
            throw std::runtime_error("the review service cannot be asked");
    };
}

} // namespace

struct Runtime::Parts {
    std::filesystem::path config;
    RuntimeConfig settings;
    std::filesystem::path state_dir;
    std::string upload_description;

    vision::Models models;
    photo::PhotoSettings photo_settings;
    std::map<std::string, spec::DocumentSpec> specs;

    // Held for the runtime's life: `kioskctl calibrate` must not drive the
    // camera, board or printer while the kiosk does.
    std::unique_ptr<DevicesLock> devices_lock;

    std::unique_ptr<camera::CameraSource> camera;
    camera::StreamRequest camera_stream;
    std::unique_ptr<lightseat::LightSeatController> controller;
    lightseat::SimulatedLightSeatController* simulated = nullptr;
    // Declared after the camera and the board: dropped before either, and only
    // ever after the camera has stopped asking it.
    std::unique_ptr<booth::BoothMirror> booth;

    std::unique_ptr<receipt::ReceiptIssuer> issuer;
    std::unique_ptr<upload::Outbox> outbox;
    std::unique_ptr<upload::UploadWorker> upload_worker;
    std::unique_ptr<SubmissionDesk> submissions;
    std::unique_ptr<ReceiptPrinting> printing;
    std::unique_ptr<CalibrationApplication> calibration;
    std::unique_ptr<TechnicianDesk> technician;
    std::unique_ptr<StillCapture> still;

    boost::asio::io_context io;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work;
    std::thread io_thread;

    std::unique_ptr<SessionLoop> loop;
    std::unique_ptr<VisionWorker> vision;
    std::unique_ptr<CommandExecutor> executor;
    std::unique_ptr<CameraPreviewFeed> preview;

    std::unique_ptr<KioskHealth> health;
    std::string health_description;
    health::SystemdNotifier notifier;
    std::unique_ptr<health::SystemdFeed> systemd;
    std::unique_ptr<SessionHealth> session_health;
    std::unique_ptr<HealthSurvey> survey;
    bool started = false;
};

Runtime::Runtime(const RuntimeOptions& options) : parts_(std::make_unique<Parts>())
{
    Parts& p = *parts_;
    p.config = config_dir();
    p.settings = RuntimeConfig::load(p.config, options.profile);
    if (options.state_dir)
        p.state_dir = *options.state_dir;
    else if (p.settings.state_dir)
        p.state_dir = *p.settings.state_dir;
    else
        p.state_dir = demo_state_dir();
    std::filesystem::create_directories(p.state_dir);
    p.devices_lock = std::make_unique<DevicesLock>(p.state_dir, "kiosk");

    p.photo_settings = photo::load_photo_settings(p.config);
    auto documents = spec::load_all_specs(p.config / "specs");
    for (const auto& spec : documents)
        p.specs.emplace(spec.id, spec);

    // Camera.
    const auto faces = options.faces_dir ? *options.faces_dir : faces_dir(p.config);
    auto chosen = camera::open_chosen_camera(p.settings.camera, faces);
    p.camera = std::move(chosen.source);
    p.camera_stream = chosen.stream;

    // Light and seat board.
    auto controller_settings = lightseat::ControllerSettings::load(p.settings.controller_settings);
    if (p.settings.controller_backend == "simulated") {
        auto simulated = std::make_unique<lightseat::SimulatedLightSeatController>(
            controller_settings, lightseat::BoardSettings::load(p.settings.board_settings));
        p.simulated = simulated.get();
        p.controller = std::move(simulated);
    } else {
        p.controller = std::make_unique<lightseat::UsbLightSeatController>(controller_settings);
    }

    // A replay camera films what the board's lamps and seat do, read through
    // the driver as any status is, so the servos act on the picture they
    // judge; the footage's rows continued past its edges keep a raised seat
    // from drawing streaks under the chin.
    p.booth = std::make_unique<booth::BoothMirror>(*p.camera, *p.controller);

    // Receipts: numbers, slips and the printer.
    auto identity = receipt::load_kiosk_identity(p.config);
    identity.state_dir = p.state_dir / "receipt";
    p.issuer = std::make_unique<receipt::ReceiptIssuer>(identity);
    auto printer_config = options.printer_file
                              ? load_printer_file(*options.printer_file)
                              : printer::load_printer_config(
                                    p.config, options.printer ? *options.printer
                                                              : (p.settings.printer.empty() ? identity.printer
                                                                                            : p.settings.printer));
    if (printer_config.backend == "file" && p.settings.printer_folder) {
        printer_config.folder = p.state_dir / *p.settings.printer_folder;
        std::filesystem::create_directories(printer_config.folder);
    }
    const auto layout = receipt::load_slip_layout(p.config, printer_config.paper);
    p.printing = std::make_unique<ReceiptPrinting>(
        printer::make_printer(printer_config), receipt::PrintJournal(identity.state_dir / "slips", identity.keep_slips),
        printer_config.copies, receipt::SlipRenderer(layout, receipt::load_slip_text(p.config)),
        layout.photo_aspect_tolerance, identity, receipt::load_city_table(p.config));
    if (printer_config.backend == "file")
        p.printing->set_file_folder(printer_config.folder);

    // The outbox and its upload worker.
    const bool own_upload_config = options.upload_config.has_value();
    auto upload_config = upload::load_upload_config(own_upload_config ? *options.upload_config
                                                                      : p.settings.upload_config);
    upload::KioskSecrets secrets;
    if (!own_upload_config && p.settings.generated_upload_secrets) {
        secrets = one_run_secrets(identity.kiosk_id);
        if (p.settings.upload_spool)
            upload_config.spool_dir = p.state_dir / *p.settings.upload_spool;
        p.upload_description = "no review service knows this demo kiosk's one-run keys: submissions stay in the "
                               "outbox at " + upload_config.spool_dir.string();
    } else {
        secrets = upload::load_kiosk_secrets(upload_config.secrets_file);
        p.upload_description = "submissions go to the review service at " + upload_config.service.host + ":" +
                               std::to_string(upload_config.service.port);
    }
    if (secrets.kiosk_id != identity.kiosk_id)
        throw ConfigError("the upload secrets are for kiosk " + secrets.kiosk_id + " but config/receipt/kiosk.json says " +
                          identity.kiosk_id);
    p.outbox = std::make_unique<upload::Outbox>(upload_config.spool_dir, upload::AtRestCipher(secrets.at_rest_key),
                                                upload_config.backoff, upload_config.retention);
    const upload::ReviewClient review(upload_config.service, secrets.kiosk_id, secrets.signing_key);
    p.upload_worker = std::make_unique<upload::UploadWorker>(*p.outbox, review, upload_config.housekeeping_interval);
    const auto cities = receipt::load_city_table(p.config);
    p.submissions = std::make_unique<SubmissionDesk>(
        *p.issuer, *p.outbox, *p.upload_worker, review,
        SubmissionOrigin{identity.kiosk_id, cities.find(identity.default_city).id, p.settings.send_applicant});

    // Vision, the session and the executor.
    p.still = std::make_unique<StillCapture>(*p.camera, p.models, p.photo_settings, p.settings.still_timeout);
    const auto session_settings = session::SessionSettings::load(p.config);
    auto session = std::make_unique<session::Session>(session_settings, std::move(documents),
                                                      session::SteadyClock::now());
    p.loop = std::make_unique<SessionLoop>(p.io, std::move(session),
                                           [&p](const session::Command& command) { p.executor->execute(command); });
    const auto post = [&p](session::Event event) { p.loop->post(std::move(event)); };
    p.vision = std::make_unique<VisionWorker>(p.camera->frames(), p.models, post, p.settings.vision_wait);

    // The technician's entry: PINs, audit log and calibration profiles; the
    // procedures run on the kiosk's own devices, and the active profile is
    // applied to the camera and the session's servos.
    p.calibration = std::make_unique<CalibrationApplication>(
        *p.camera, p.camera_stream.size, p.controller.get(),
        // The servos' configured figures: what a profile without a part returns to.
        session::BoothCalibrated{session_settings.lights.start, session_settings.seat.travel,
                                 session_settings.seat.mm_per_frame_height},
        [&p](std::shared_ptr<const vision::BackdropPlate> plate) {
            p.vision->use_plate(plate);
            p.still->use_plate(std::move(plate));
        },
        post);
    calibration::BoothDevices booth;
    booth.camera = p.camera.get();
    booth.controller = p.controller.get();
    booth.seat_travel = controller_settings.seat;
    booth.printer = &p.printing->shared_printer();
    booth.printer_queue = printer_config.backend == "cups" ? printer_config.queue : printer_config.name;
    booth.printer_paper = printer_config.paper;
    booth.models = &p.models;
    booth.upload_probe = review_service_probe(*p.submissions, identity.kiosk_id);
    p.technician = std::make_unique<TechnicianDesk>(
        TechnicianDesk::Booth{p.config, p.state_dir, identity.kiosk_id, std::move(booth)}, p.calibration.get(), post);
    p.executor = std::make_unique<CommandExecutor>(
        p.io,
        CommandExecutor::Parts{p.specs, *p.vision, *p.still, p.controller.get(), *p.submissions, *p.printing,
                               [identity](const std::string& number) {
                                   return receipt::status_url_of(identity, receipt::ReceiptNumber::parse(number));
                               },
                               p.settings.upload_poll, p.technician.get()},
        post);
    p.preview = std::make_unique<CameraPreviewFeed>(p.camera->frames());

    // Health: every part reports into its metrics and readiness.
    p.health = make_health(p.io, options, p.settings, p.state_dir, p.health_description);
    p.systemd = std::make_unique<health::SystemdFeed>(p.notifier, p.health->readiness(),
                                                      health::SystemdNotifier::watchdog_interval());
    p.session_health = std::make_unique<SessionHealth>(*p.health, *p.systemd);
    p.loop->observe(*p.session_health);
    p.still->observe([&p](const vision::Assessment& assessment) { p.health->still_judged(assessment); });
    p.survey = std::make_unique<HealthSurvey>(p.io, *p.health, *p.printing, *p.outbox, p.technician.get(),
                                              p.state_dir, post);

    p.camera->set_event_handler([post, &p](const camera::CameraEvent& event) {
        p.health->camera(event.state);
        if (auto news = session_event(event))
            post(std::move(*news));
    });
    p.controller->set_event_handler(lightseat::post_events_to(p.io.get_executor(),
                                                              [post, &p](const lightseat::ControllerEvent& event) {
                                                                  p.health->controller(event);
                                                                  if (auto news = session_event(event))
                                                                      post(std::move(*news));
                                                                  const auto* changed =
                                                                      std::get_if<lightseat::StateChanged>(&event);
                                                                  if (changed &&
                                                                      changed->state == lightseat::ControllerState::Ready)
                                                                      p.executor->read_seat_position();
                                                              }));
}

Runtime::~Runtime()
{
    stop();
}

void Runtime::start()
{
    Parts& p = *parts_;
    if (p.started)
        return;
    p.started = true;
    p.work.emplace(p.io.get_executor());
    p.health->start();
    p.io_thread = std::thread([&p] { p.io.run(); });
    p.loop->post(p.printing->check());
    p.survey->start();
    p.upload_worker->start();
    p.controller->start();
    p.vision->start();
    p.camera->start(p.camera_stream);
    p.technician->apply_active_profile();
    p.loop->start_ticks(p.settings.tick);
}

void Runtime::stop()
{
    Parts& p = *parts_;
    if (!p.started)
        return;
    p.started = false;
    p.health->stopping();
    p.systemd->stopping();
    p.survey->stop();
    p.camera->stop();
    p.vision->stop();
    p.controller->stop();
    p.executor->drain();
    p.upload_worker->stop();
    p.loop->stop_ticks();
    p.work.reset();
    p.io.stop();
    if (p.io_thread.joinable())
        p.io_thread.join();
    p.health->stop();
}

SessionLoop& Runtime::session()
{
    return *parts_->loop;
}

const session::PreviewFeed& Runtime::preview() const
{
    return *parts_->preview;
}

lightseat::SimulatedLightSeatController* Runtime::simulated_controller()
{
    return parts_->simulated;
}

const std::filesystem::path& Runtime::state_dir() const
{
    return parts_->state_dir;
}

std::optional<std::filesystem::path> Runtime::last_printed_file() const
{
    return parts_->executor->last_printed_file();
}

std::string Runtime::upload_description() const
{
    return parts_->upload_description;
}

std::string Runtime::health_description() const
{
    return parts_->health_description;
}

} // namespace kiosk::runtime
