#pragma once

#include <deque>
#include <string>

#include <umockdev.h>

namespace kiosk::lightseat {

class UsbBoardEmulation;

// One plugged-in session of the emulated board: answers the usbdevfs ioctls
// libusb sends to one device node, the way the kernel's usbfs does for a real
// device — URBs are submitted, completed later and reaped — so asynchronous
// transfers, stalls and disconnects reach libusb exactly as from hardware.
// Every member but the constructor and destructor runs with the owner's
// mutex held.
class UsbfsConnection {
public:
    UsbfsConnection(UsbBoardEmulation& owner, UMockdevTestbed* testbed, std::string devnode);
    ~UsbfsConnection();
    UsbfsConnection(const UsbfsConnection&) = delete;
    UsbfsConnection& operator=(const UsbfsConnection&) = delete;

    // Completes queued interrupt IN URBs with the board's pending event frames.
    void deliver_events();
    // The cable is gone: queued URBs come back with ESHUTDOWN, new ones fail.
    void disconnect();

private:
    struct Urb {
        UMockdevIoctlData* urb = nullptr;    // struct usbdevfs_urb in the client
        UMockdevIoctlData* buffer = nullptr; // its transfer buffer
        unsigned char endpoint = 0;
        int status = 0;
        int actual_length = 0;
    };

    static gboolean on_ioctl(UMockdevIoctlBase* handler, UMockdevIoctlClient* client, gpointer self);
    bool handle(UMockdevIoctlClient* client);
    void submit(UMockdevIoctlClient* client);
    void answer_control(Urb& urb);
    void reap(UMockdevIoctlClient* client);
    void discard(UMockdevIoctlClient* client);
    static void release(Urb& urb);

    UsbBoardEmulation& owner_;
    UMockdevTestbed* testbed_;
    std::string devnode_;
    UMockdevIoctlBase* handler_;
    bool connected_ = true;
    std::deque<Urb> waiting_for_events_;
    std::deque<Urb> unanswered_; // control URBs a hung board sits on
    std::deque<Urb> completed_;
};

} // namespace kiosk::lightseat
