#include "kiosk/runtime_config.h"

#include "core/json_fields.h"
#include "core/json_file.h"
#include "core/paths.h"

namespace kiosk::runtime {

namespace {

std::string one_of(const JsonFields& fields, const std::string& field, std::initializer_list<const char*> allowed)
{
    const std::string value = fields.text(field);
    std::string names;
    for (const char* name : allowed) {
        if (value == name)
            return value;
        names += (names.empty() ? "" : ", ") + std::string(name);
    }
    fields.fail(field, "must be one of " + names + ", not \"" + value + "\"");
}

std::optional<std::filesystem::path> optional_path(const JsonFields& fields, const std::string& field)
{
    if (!fields.find(field))
        return std::nullopt;
    return std::filesystem::path(fields.text(field));
}

} // namespace

RuntimeConfig RuntimeConfig::load(const std::filesystem::path& config_dir, const std::string& profile)
{
    const auto file = kiosk_profile_file(config_dir, profile);
    const auto json = load_json_file(file);
    const JsonFields root(file.string(), json);
    RuntimeConfig c;

    c.camera = camera::CameraChoice::read(root.child("camera"), config_dir);

    const auto controller = root.child("controller");
    c.controller_backend = one_of(controller, "backend", {"usb", "simulated"});
    c.controller_settings = config_dir / controller.text("settings");
    if (c.controller_backend == "simulated")
        c.board_settings = config_dir / controller.text("board");

    const auto printer = root.child("printer");
    if (const auto* name = printer.find("config"); name && !name->is_string())
        printer.fail("config", "must be a printer config name or empty");
    c.printer = printer.find("config") ? printer.require("config").get<std::string>() : "";
    c.printer_folder = optional_path(printer, "folder");

    const auto upload = root.child("upload");
    c.upload_config = config_dir / upload.text("config");
    c.upload_spool = optional_path(upload, "spool_dir");
    if (const auto* send = upload.find("send_applicant")) {
        if (!send->is_boolean())
            upload.fail("send_applicant", "must be true or false");
        c.send_applicant = send->get<bool>();
    }
    if (upload.find("secrets")) {
        one_of(upload, "secrets", {"generated"});
        c.generated_upload_secrets = true;
    }

    const auto health = root.child("health");
    c.health_config = config_dir / health.text("config");
    if (health.find("token")) {
        one_of(health, "token", {"generated"});
        c.generated_health_token = true;
    }

    c.state_dir = optional_path(root, "state_dir");

    const auto timing = root.child("timing");
    c.tick = timing.millis("tick_ms");
    c.still_timeout = timing.millis("still_timeout_ms");
    c.upload_poll = timing.millis("upload_poll_ms");
    c.vision_wait = timing.millis("vision_wait_ms");

    return c;
}

} // namespace kiosk::runtime
