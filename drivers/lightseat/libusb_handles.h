#pragma once

#include <memory>

#include <libusb.h>

namespace kiosk::lightseat {

// Owners for libusb's C handles, so every exit path gives them back.
struct LibusbContextDeleter {
    void operator()(libusb_context* context) const { libusb_exit(context); }
};
struct LibusbHandleDeleter {
    void operator()(libusb_device_handle* handle) const { libusb_close(handle); }
};
struct LibusbTransferDeleter {
    void operator()(libusb_transfer* transfer) const { libusb_free_transfer(transfer); }
};

using LibusbContext = std::unique_ptr<libusb_context, LibusbContextDeleter>;
using LibusbHandle = std::unique_ptr<libusb_device_handle, LibusbHandleDeleter>;
using LibusbTransfer = std::unique_ptr<libusb_transfer, LibusbTransferDeleter>;

} // namespace kiosk::lightseat
