#include "lightseat/usb_board_emulation.h"

#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <stdexcept>

#include <umockdev.h>

#include "lightseat/usbfs_connection.h"

namespace kiosk::lightseat {

struct UsbBoardEmulation::Testbed {
    UMockdevTestbed* testbed = umockdev_testbed_new();
    std::string syspath;
    ~Testbed() { g_object_unref(testbed); }
};

namespace {

// The board's descriptors as PROTOCOL.md lays them out: the device, then the
// configuration with its vendor interface and interrupt IN endpoint. libusb
// reads them from sysfs' binary "descriptors" attribute when it enumerates;
// umockdev takes that attribute in hex.
std::string descriptors_hex(std::uint16_t vendor_id, std::uint16_t product_id)
{
    const auto lo = [](std::uint16_t v) { return static_cast<std::uint8_t>(v & 0xFF); };
    const auto hi = [](std::uint16_t v) { return static_cast<std::uint8_t>(v >> 8); };
    const std::vector<std::uint8_t> bytes{
        // device: USB 2.0, class per interface, 64-byte ep0, ids, release 1.00, one configuration
        0x12, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x40, lo(vendor_id), hi(vendor_id), lo(product_id),
        hi(product_id), 0x00, 0x01, 0x01, 0x02, 0x00, 0x01,
        // configuration 1: 25 bytes in all, one interface, bus powered, 100 mA
        0x09, 0x02, 0x19, 0x00, 0x01, 0x01, 0x00, 0x80, 0x32,
        // interface 0: one endpoint, vendor class 0xFF, subclass 0x4C, protocol 1
        0x09, 0x04, 0x00, 0x00, 0x01, 0xFF, 0x4C, 0x01, 0x00,
        // endpoint 0x81: interrupt IN, 64 bytes, every 10 ms
        0x07, 0x05, 0x81, 0x03, 0x40, 0x00, 0x0A};
    std::string hex;
    for (std::uint8_t b : bytes) {
        char two[3];
        std::snprintf(two, sizeof(two), "%02x", b);
        hex += two;
    }
    return hex;
}

} // namespace

UsbBoardEmulation::UsbBoardEmulation(const BoardSettings& board, std::uint16_t vendor_id, std::uint16_t product_id)
    : board_(board), tick_(board.tick), vendor_id_(vendor_id), product_id_(product_id)
{
    const char* preload = std::getenv("LD_PRELOAD");
    if (!preload || !(std::string_view(preload).find("libumockdev-preload") != std::string_view::npos))
        throw std::runtime_error("USB emulation needs LD_PRELOAD=libumockdev-preload.so.0 (or umockdev-wrapper)");
    testbed_ = std::make_unique<Testbed>();
    board_thread_ = std::thread([this] { run_board(); });
}

UsbBoardEmulation::~UsbBoardEmulation()
{
    stopping_ = true;
    board_thread_.join();
    std::lock_guard lock(mutex_);
    connection_.reset();
    unplugged_.clear();
}

std::string UsbBoardEmulation::root_dir() const
{
    gchar* dir = umockdev_testbed_get_root_dir(testbed_->testbed);
    std::string result(dir);
    g_free(dir);
    return result;
}

void UsbBoardEmulation::plug()
{
    std::lock_guard lock(mutex_);
    if (connection_)
        return;
    const int address = next_address_++;
    char devname[32];
    std::snprintf(devname, sizeof(devname), "bus/usb/001/%03d", address);
    const std::string devnode = std::string("/dev/") + devname;
    // The handler is in place before the device appears, so a host that
    // opens it on the hotplug event finds it answering.
    connection_ = std::make_unique<UsbfsConnection>(*this, testbed_->testbed, devnode);
    testbed_->syspath = "/sys/devices/usb1/1-1";
    const std::string record = "P: /devices/usb1/1-1\n"
                               "N: " + std::string(devname) + "\n"
                               "E: SUBSYSTEM=usb\n"
                               "E: DEVTYPE=usb_device\n"
                               "E: DRIVER=usb\n"
                               "E: BUSNUM=001\n"
                               "E: DEVNUM=" + std::string(devname + 12) + "\n"
                               "E: DEVNAME=" + devnode + "\n"
                               "A: busnum=1\\n\n"
                               "A: devnum=" + std::to_string(address) + "\\n\n"
                               "A: bConfigurationValue=1\\n\n"
                               "A: speed=12\\n\n"
                               "H: descriptors=" + descriptors_hex(vendor_id_, product_id_) + "\n";
    GError* error = nullptr;
    if (!umockdev_testbed_add_from_string(testbed_->testbed, record.c_str(), &error)) {
        const std::string message = error ? error->message : "unknown error";
        g_clear_error(&error);
        connection_.reset();
        throw std::runtime_error("cannot add the emulated board: " + message);
    }
}

void UsbBoardEmulation::unplug()
{
    std::lock_guard lock(mutex_);
    if (!connection_)
        return;
    connection_->disconnect();
    // The old connection keeps answering (with ENODEV) until the host has
    // closed its handle, as a dead usbfs file does.
    unplugged_.push_back(std::move(connection_));
    umockdev_testbed_uevent(testbed_->testbed, testbed_->syspath.c_str(), "remove");
    umockdev_testbed_remove_device(testbed_->testbed, testbed_->syspath.c_str());
}

void UsbBoardEmulation::act_on_board(const std::function<void(BoardModel&)>& action)
{
    std::lock_guard lock(mutex_);
    action(board_);
    if (connection_)
        connection_->deliver_events();
}

void UsbBoardEmulation::answer_next_status_with(std::vector<std::uint8_t> bytes)
{
    std::lock_guard lock(mutex_);
    next_status_override_ = std::move(bytes);
    override_next_status_ = true;
}

void UsbBoardEmulation::send_raw_event(std::vector<std::uint8_t> bytes)
{
    std::lock_guard lock(mutex_);
    raw_events_.push_back(std::move(bytes));
    if (connection_)
        connection_->deliver_events();
}

void UsbBoardEmulation::set_answering(bool answering)
{
    std::lock_guard lock(mutex_);
    answering_ = answering;
}

void UsbBoardEmulation::run_board()
{
    // The board keeps its own power: the seat goes on moving while the cable is out.
    while (!stopping_) {
        std::this_thread::sleep_for(tick_);
        std::lock_guard lock(mutex_);
        board_.advance(tick_);
        if (connection_)
            connection_->deliver_events();
    }
}

} // namespace kiosk::lightseat
