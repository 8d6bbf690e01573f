#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "lightseat/board_model.h"
#include "lightseat/lightseat_settings.h"

namespace kiosk::lightseat {

class UsbfsConnection;

// The studio board on an emulated USB bus: a umockdev testbed holds its sysfs
// entry and device node, and a usbdevfs ioctl handler answers libusb's URBs
// from a BoardModel, so the host driver runs its real libusb code path.
// A thread advances the model in the board's tick and hands its event frames
// to the interrupt IN URBs the host has queued.
//
// The process (or, for lightseat-sim, its child) must run with
// libumockdev-preload.so.0 in LD_PRELOAD; the constructor throws
// std::runtime_error otherwise, since nothing could reach the device.
class UsbBoardEmulation {
public:
    UsbBoardEmulation(const BoardSettings& board, std::uint16_t vendor_id, std::uint16_t product_id);
    ~UsbBoardEmulation();
    UsbBoardEmulation(const UsbBoardEmulation&) = delete;
    UsbBoardEmulation& operator=(const UsbBoardEmulation&) = delete;

    // The testbed's root: children that should see the board get it as UMOCKDEV_DIR.
    std::string root_dir() const;

    // Connects the board (a hotplug "add"); each plug uses the next device address.
    void plug();
    // Pulls the cable: queued URBs end with ESHUTDOWN as the kernel gives
    // them back, later calls fail with ENODEV, and the device leaves sysfs.
    void unplug();

    // Runs `action` on the board model under the emulation's lock, as the
    // physical world (a person sitting down, a blocked motor) acts on the board.
    void act_on_board(const std::function<void(BoardModel&)>& action);

    // Answers the next GET_STATUS with these bytes instead of the model's
    // frame, as a firmware bug would.
    void answer_next_status_with(std::vector<std::uint8_t> bytes);
    // Queues these bytes on the interrupt endpoint as if the board sent them.
    void send_raw_event(std::vector<std::uint8_t> bytes);
    // A hung firmware: control transfers get no answer until the host gives
    // up on them (its timeout cancels them).
    void set_answering(bool answering);

private:
    void run_board();

    struct Testbed;
    std::unique_ptr<Testbed> testbed_;
    std::mutex mutex_;
    BoardModel board_;
    std::chrono::milliseconds tick_;
    std::uint16_t vendor_id_;
    std::uint16_t product_id_;
    int next_address_ = 1;
    std::vector<std::uint8_t> next_status_override_;
    bool override_next_status_ = false;
    bool answering_ = true;
    std::vector<std::vector<std::uint8_t>> raw_events_;
    std::unique_ptr<UsbfsConnection> connection_;
    std::vector<std::unique_ptr<UsbfsConnection>> unplugged_;
    std::atomic<bool> stopping_{false};
    std::thread board_thread_;

    friend class UsbfsConnection;
};

} // namespace kiosk::lightseat
