#include "controller_probe.h"

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "lightseat/libusb_handles.h"
#include "lightseat/usb_lightseat_controller.h"

namespace kiosk::ctl {
namespace {

using Clock = std::chrono::steady_clock;

std::string_view motion_text(lightseat::SeatMotion motion)
{
    switch (motion) {
    case lightseat::SeatMotion::Idle: return "idle";
    case lightseat::SeatMotion::Moving: return "moving";
    case lightseat::SeatMotion::Homing: return "homing";
    case lightseat::SeatMotion::NotHomed: return "not homed";
    }
    return "unknown";
}

std::string describe_status(const lightseat::DeviceStatus& s)
{
    return "seat " + std::to_string(s.seat_mm) + " mm (" + std::string(motion_text(s.motion)) + ", target " +
           std::to_string(s.target_mm) + " mm), " + (s.occupied ? "occupied" : "free") + ", lights " +
           std::to_string(s.lights.key_left) + "/" + std::to_string(s.lights.key_right) + "/" +
           std::to_string(s.lights.background) + ", faults " + lightseat::describe(s.faults);
}

// "bus 001 address 003" for each board with the configured ids, as lsusb names them.
std::vector<std::string> find_boards(const lightseat::ControllerSettings& settings, std::string& error)
{
    libusb_context* raw = nullptr;
    if (const int rc = libusb_init(&raw); rc != 0) {
        error = std::string("libusb cannot start: ") + libusb_error_name(rc);
        return {};
    }
    const lightseat::LibusbContext context(raw);
    libusb_device** list = nullptr;
    const ssize_t count = libusb_get_device_list(context.get(), &list);
    if (count < 0) {
        error = std::string("cannot list USB devices: ") + libusb_error_name(static_cast<int>(count));
        return {};
    }
    std::vector<std::string> boards;
    for (ssize_t i = 0; i < count; ++i) {
        libusb_device_descriptor descriptor{};
        if (libusb_get_device_descriptor(list[i], &descriptor) != 0 || descriptor.idVendor != settings.vendor_id ||
            descriptor.idProduct != settings.product_id)
            continue;
        char name[32];
        std::snprintf(name, sizeof name, "bus %03u address %03u", libusb_get_bus_number(list[i]),
                      libusb_get_device_address(list[i]));
        boards.emplace_back(name);
    }
    libusb_free_device_list(list, 1);
    return boards;
}

// Opens the board as the kiosk would and reads its status: the row says
// whether it answers by the protocol, not only that it is on the bus.
void read_board(const lightseat::ControllerSettings& settings, DeviceRow& row)
{
    lightseat::UsbLightSeatController driver(settings);
    driver.start();
    // Long enough for the status read to time out once and be reported.
    const auto give_up = Clock::now() + 2 * settings.control_timeout;
    while (driver.state() != lightseat::ControllerState::Ready &&
           driver.state() != lightseat::ControllerState::Faulted && Clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    row.state = std::string(lightseat::to_string(driver.state()));
    row.detail = driver.state_message();
    if (driver.state() == lightseat::ControllerState::Ready) {
        if (const auto status = driver.read_status().get()) {
            row.detail = describe_status(*status);
            row.seat_mm = status->seat_mm;
            row.present = true;
        } else {
            row.detail = "ready, but the status read failed: " + driver.state_message();
        }
    }
    driver.stop();
}

} // namespace

std::vector<DeviceRow> probe_controllers(const lightseat::ControllerSettings& settings)
{
    std::string error;
    const auto boards = find_boards(settings, error);
    if (!error.empty())
        return {DeviceRow{"light/seat", "-", "usb", "unavailable", error, true, false, {}}};
    if (boards.empty())
        return {DeviceRow{"light/seat", "-", "usb", "none", "no board " + settings.usb_ids() + " on USB", true, false,
                          {}}};
    std::vector<DeviceRow> rows;
    for (const auto& board : boards)
        rows.push_back(DeviceRow{"light/seat", board, "usb", "present",
                                 "not opened: the kiosk drives the first board " + settings.usb_ids(), false, true, {}});
    // libusb opens the first board with the ids, which is the first listed.
    rows.front().configured = true;
    rows.front().present = false;
    read_board(settings, rows.front());
    return rows;
}

} // namespace kiosk::ctl
