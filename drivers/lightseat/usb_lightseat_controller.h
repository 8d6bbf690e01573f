#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "lightseat/controller_request.h"
#include "lightseat/controller_status.h"
#include "lightseat/kept_wishes.h"
#include "lightseat/libusb_handles.h"
#include "lightseat/lightseat_controller.h"
#include "lightseat/lightseat_settings.h"

namespace kiosk::lightseat {

// The board on real USB through libusb-1.0, asynchronously: one thread runs
// libusb's event loop and owns the device; every transfer has a timeout;
// hotplug (where libusb supports it) or a rescan with backoff finds the board
// again after an unplug; a malformed answer marks it faulted with the reason
// and the board is re-initialised after the backoff.
class UsbLightSeatController final : public LightSeatController {
public:
    explicit UsbLightSeatController(ControllerSettings settings);
    ~UsbLightSeatController() override;

    void start() override;
    void stop() override;

    std::future<CommandOutcome> send(const Command& command) override;
    std::future<std::optional<DeviceStatus>> read_status() override;
    SeatTravel seat_travel() const override { return seat_travel_; }
    void set_seat_travel(SeatTravel travel) override { seat_travel_ = travel; }

    ControllerState state() const override { return status_.state(); }
    std::string state_message() const override { return status_.message(); }
    void set_event_handler(ControllerEventHandler handler) override { status_.set_handler(std::move(handler)); }

private:
    using Clock = std::chrono::steady_clock;
    struct Transfer;

    void run_events();
    void service();
    void try_open();
    void submit_status_read(std::unique_ptr<ControllerRequest> request);
    void submit_command(std::unique_ptr<ControllerRequest> request);
    void submit_event_read();
    void submit(std::unique_ptr<Transfer> transfer);
    static void LIBUSB_CALL on_transfer_done(libusb_transfer* transfer);
    static int LIBUSB_CALL on_hotplug(libusb_context*, libusb_device*, libusb_hotplug_event event, void* self);
    void finish_command(Transfer& transfer);
    void finish_status_read(Transfer& transfer);
    void finish_event_read(Transfer& transfer);
    void on_ready(const DeviceStatus& status);
    void on_timeout();
    void fault(const std::string& reason);
    void lose_device(const std::string& reason);
    void close_when_idle();
    void set_state(ControllerState state, const std::string& message);

    const ControllerSettings settings_;
    std::atomic<SeatTravel> seat_travel_;
    ControllerStatus status_;
    LibusbContext context_;
    libusb_hotplug_callback_handle hotplug_ = 0;
    bool has_hotplug_ = false;
    std::thread event_thread_;
    std::atomic<bool> stopping_{false};
    std::atomic<bool> rescan_now_{false};
    std::atomic<bool> device_left_{false};

    mutable std::mutex mutex_; // guards the members below up to the event thread's own
    std::deque<std::unique_ptr<ControllerRequest>> queued_;
    KeptWishes wishes_;

    // Touched only on the event thread.
    LibusbHandle device_;
    bool closing_ = false;
    std::map<libusb_transfer*, std::unique_ptr<Transfer>> in_flight_;
    Clock::time_point next_attempt_{};
    int attempts_ = 0;
    int timeouts_in_a_row_ = 0;
    std::uint8_t next_sequence_ = 0;
    std::optional<std::uint8_t> last_event_sequence_;
};

} // namespace kiosk::lightseat
