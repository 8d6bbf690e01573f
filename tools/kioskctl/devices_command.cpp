// kioskctl devices: the cameras and light/seat controllers this kiosk can
// reach, and whether every device its profile wires up is there.
//   kioskctl devices [--json] [--profile NAME] [--camera libcamera|replay] [--footage PATH]
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "camera/camera_choice.h"
#include "camera/libcamera_settings.h"
#include "camera/replay_settings.h"
#include "camera_options.h"
#include "camera_probe.h"
#include "command.h"
#include "controller_probe.h"
#include "core/paths.h"
#include "lightseat/lightseat_settings.h"

namespace kiosk::ctl {
namespace {

struct DevicesOptions {
    bool json = false;
    CameraOptions camera;          // the camera that must be present
};

void print_table(const std::vector<DeviceRow>& rows)
{
    const std::vector<std::string> header{"kind", "id", "backend", "state", "detail"};
    std::vector<std::vector<std::string>> lines{header};
    for (const auto& r : rows)
        lines.push_back({r.kind, r.id, r.backend, r.state + (r.configured && !r.present ? " (needed)" : ""),
                         r.detail});
    std::vector<std::size_t> width(header.size(), 0);
    for (const auto& line : lines)
        for (std::size_t c = 0; c < line.size(); ++c)
            width[c] = std::max(width[c], line[c].size());
    for (const auto& line : lines) {
        for (std::size_t c = 0; c + 1 < line.size(); ++c)
            std::printf("%-*s  ", static_cast<int>(width[c]), line[c].c_str());
        std::printf("%s\n", line.back().c_str());
    }
}

void print_json(const std::vector<DeviceRow>& rows, bool all_present)
{
    nlohmann::json devices = nlohmann::json::array();
    for (const auto& r : rows) {
        nlohmann::json d{{"kind", r.kind},       {"id", r.id},         {"backend", r.backend},
                         {"state", r.state},     {"detail", r.detail}, {"configured", r.configured},
                         {"present", r.present}};
        if (r.seat_mm)
            d["seat_mm"] = *r.seat_mm;
        devices.push_back(std::move(d));
    }
    const nlohmann::json out{{"devices", devices}, {"all_present", all_present}};
    std::printf("%s\n", out.dump(2).c_str());
}

void list_devices(const DevicesOptions& o)
{
    const auto config = config_dir();
    const auto choice = o.camera.choice(config);
    // The camera not chosen is listed too, as its standard settings have it.
    const auto libcamera_settings =
        camera::LibcameraSettings::load(choice.settings_for(camera::CameraBackend::Libcamera, config));
    const auto replay_settings = camera::ReplaySettings::load(choice.settings_for(camera::CameraBackend::Replay, config));
    const auto controller_settings = lightseat::ControllerSettings::load(config / "lightseat" / "controller.json");

    std::vector<DeviceRow> rows =
        probe_libcamera(libcamera_settings, choice.backend == camera::CameraBackend::Libcamera);
    rows.push_back(
        probe_replay(choice, faces_dir(config), replay_settings, choice.backend == camera::CameraBackend::Replay));
    for (auto& row : probe_controllers(controller_settings))
        rows.push_back(std::move(row));

    std::vector<std::string> missing;
    for (const auto& r : rows)
        if (r.configured && !r.present)
            missing.push_back(r.kind + " (" + r.backend + ": " + r.state + ")");
    if (o.json)
        print_json(rows, missing.empty());
    else
        print_table(rows);
    if (!missing.empty()) {
        std::string list;
        for (const auto& m : missing)
            list += (list.empty() ? "" : ", ") + m;
        throw CommandFailed(kExitDeviceMissing, "not every configured device is present: " + list);
    }
}

} // namespace

void add_devices_command(CLI::App& app)
{
    auto options = std::make_shared<DevicesOptions>();
    auto* devices = app.add_subcommand("devices", "List cameras and light/seat controllers and their state");
    devices->add_flag("--json", options->json, "One JSON document for scripts instead of the table");
    add_camera_options(*devices, options->camera);
    devices->callback([options] { list_devices(*options); });
}

} // namespace kiosk::ctl
