#include "lightseat/usbfs_connection.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include <linux/ioctl.h>
#include <linux/usbdevice_fs.h>

#include "lightseat/messages.h"
#include "lightseat/usb_board_emulation.h"

namespace kiosk::lightseat {

namespace {

constexpr std::size_t setup_packet_size = 8;
constexpr unsigned char event_endpoint = 0x81;
constexpr std::uint8_t vendor_interface_in = 0xC1;
constexpr std::uint8_t vendor_interface_out = 0x41;

} // namespace

UsbfsConnection::UsbfsConnection(UsbBoardEmulation& owner, UMockdevTestbed* testbed, std::string devnode)
    : owner_(owner), testbed_(testbed), devnode_(std::move(devnode)), handler_(umockdev_ioctl_base_new())
{
    g_signal_connect(handler_, "handle-ioctl", G_CALLBACK(&UsbfsConnection::on_ioctl), this);
    GError* error = nullptr;
    if (!umockdev_testbed_attach_ioctl(testbed_, devnode_.c_str(), handler_, &error)) {
        const std::string message = error ? error->message : "unknown error";
        g_clear_error(&error);
        g_object_unref(handler_);
        throw std::runtime_error("cannot emulate " + devnode_ + ": " + message);
    }
}

UsbfsConnection::~UsbfsConnection()
{
    umockdev_testbed_detach_ioctl(testbed_, devnode_.c_str(), nullptr);
    for (auto* queue : {&waiting_for_events_, &unanswered_, &completed_})
        for (Urb& urb : *queue)
            release(urb);
    g_object_unref(handler_);
}

gboolean UsbfsConnection::on_ioctl(UMockdevIoctlBase*, UMockdevIoctlClient* client, gpointer self)
{
    auto* connection = static_cast<UsbfsConnection*>(self);
    std::lock_guard lock(connection->owner_.mutex_);
    return connection->handle(client) ? TRUE : FALSE;
}

bool UsbfsConnection::handle(UMockdevIoctlClient* client)
{
    const unsigned long request = umockdev_ioctl_client_get_request(client);
    if (request == USBDEVFS_REAPURB || request == USBDEVFS_REAPURBNDELAY) {
        reap(client);
        return true;
    }
    if (!connected_) {
        umockdev_ioctl_client_complete(client, -1, ENODEV);
        return true;
    }
    switch (request) {
    case USBDEVFS_GET_CAPABILITIES: {
        UMockdevIoctlData* caps = umockdev_ioctl_data_resolve(umockdev_ioctl_client_get_arg(client), 0,
                                                              sizeof(std::uint32_t), nullptr);
        std::uint32_t value = USBDEVFS_CAP_ZERO_PACKET | USBDEVFS_CAP_NO_PACKET_SIZE_LIM |
                              USBDEVFS_CAP_REAP_AFTER_DISCONNECT;
        umockdev_ioctl_data_update(caps, 0, reinterpret_cast<guint8*>(&value), sizeof(value));
        umockdev_ioctl_client_complete(client, 0, 0);
        g_object_unref(caps);
        return true;
    }
    case USBDEVFS_SETCONFIGURATION:
    case USBDEVFS_CLAIMINTERFACE:
    case USBDEVFS_RELEASEINTERFACE:
    case USBDEVFS_SETINTERFACE:
    case USBDEVFS_CLEAR_HALT:
    case USBDEVFS_RESETEP:
    case USBDEVFS_RESET:
        umockdev_ioctl_client_complete(client, 0, 0);
        return true;
    case USBDEVFS_SUBMITURB:
        submit(client);
        return true;
    case USBDEVFS_DISCARDURB:
        discard(client);
        return true;
    default:
        // No kernel driver is bound and nothing else is emulated: say so as usbfs does.
        umockdev_ioctl_client_complete(client, -1, ENOTTY);
        return true;
    }
}

void UsbfsConnection::submit(UMockdevIoctlClient* client)
{
    Urb urb;
    urb.urb = umockdev_ioctl_data_resolve(umockdev_ioctl_client_get_arg(client), 0, sizeof(usbdevfs_urb), nullptr);
    usbdevfs_urb fields;
    std::memcpy(&fields, urb.urb->data, sizeof(fields));
    urb.endpoint = fields.endpoint;
    if (fields.buffer_length > 0)
        urb.buffer = umockdev_ioctl_data_resolve(urb.urb, offsetof(usbdevfs_urb, buffer),
                                                 static_cast<gsize>(fields.buffer_length), nullptr);

    if (fields.type == USBDEVFS_URB_TYPE_CONTROL && !owner_.answering_) {
        unanswered_.push_back(urb);
    } else if (fields.type == USBDEVFS_URB_TYPE_CONTROL) {
        answer_control(urb);
        completed_.push_back(urb);
    } else if (fields.type == USBDEVFS_URB_TYPE_INTERRUPT && fields.endpoint == event_endpoint) {
        waiting_for_events_.push_back(urb);
        deliver_events();
    } else {
        release(urb);
        umockdev_ioctl_client_complete(client, -1, ENOENT);
        return;
    }
    umockdev_ioctl_client_complete(client, 0, 0);
}

void UsbfsConnection::answer_control(Urb& urb)
{
    // The kernel sends the setup packet and data stage and reports the stage's length.
    if (!urb.buffer || urb.buffer->data_len < static_cast<gint>(setup_packet_size)) {
        urb.status = -EINVAL;
        return;
    }
    const std::uint8_t* setup = urb.buffer->data;
    const std::uint8_t request_type = setup[0];
    const std::uint8_t request = setup[1];
    const std::size_t length = setup[6] | (setup[7] << 8);
    const std::span<const std::uint8_t> data(setup + setup_packet_size,
                                             std::min<std::size_t>(length, urb.buffer->data_len - setup_packet_size));

    if (request_type == vendor_interface_out) {
        const CommandAnswer answer = owner_.board_.handle_command(request, data);
        urb.status = answer.accepted ? 0 : -EPIPE;
        urb.actual_length = answer.accepted ? static_cast<int>(data.size()) : 0;
        return;
    }
    if (request_type == vendor_interface_in && request == get_status_request) {
        std::vector<std::uint8_t> frame = owner_.board_.status_frame();
        if (owner_.override_next_status_) {
            frame = std::move(owner_.next_status_override_);
            owner_.override_next_status_ = false;
        }
        const std::size_t copied = std::min(frame.size(), data.size());
        umockdev_ioctl_data_update(urb.buffer, setup_packet_size, frame.data(), static_cast<gint>(copied));
        urb.actual_length = static_cast<int>(copied);
        return;
    }
    // A request the firmware does not know: the board stalls endpoint 0.
    urb.status = -EPIPE;
}

void UsbfsConnection::deliver_events()
{
    while (!waiting_for_events_.empty()) {
        std::vector<std::uint8_t> frame;
        if (!owner_.raw_events_.empty()) {
            frame = std::move(owner_.raw_events_.front());
            owner_.raw_events_.erase(owner_.raw_events_.begin());
        } else if (auto event = owner_.board_.take_event()) {
            frame = std::move(*event);
        } else {
            return;
        }
        Urb urb = waiting_for_events_.front();
        waiting_for_events_.pop_front();
        const std::size_t copied = urb.buffer ? std::min<std::size_t>(frame.size(), urb.buffer->data_len) : 0;
        if (copied > 0)
            umockdev_ioctl_data_update(urb.buffer, 0, frame.data(), static_cast<gint>(copied));
        urb.actual_length = static_cast<int>(copied);
        completed_.push_back(urb);
    }
}

void UsbfsConnection::disconnect()
{
    connected_ = false;
    for (auto* queue : {&waiting_for_events_, &unanswered_}) {
        for (Urb& urb : *queue) {
            urb.status = -ESHUTDOWN;
            completed_.push_back(urb);
        }
        queue->clear();
    }
}

void UsbfsConnection::reap(UMockdevIoctlClient* client)
{
    if (completed_.empty()) {
        umockdev_ioctl_client_complete(client, -1, connected_ ? EAGAIN : ENODEV);
        return;
    }
    Urb urb = completed_.front();
    completed_.pop_front();
    usbdevfs_urb fields;
    std::memcpy(&fields, urb.urb->data, sizeof(fields));
    fields.status = urb.status;
    fields.actual_length = urb.actual_length;
    umockdev_ioctl_data_update(urb.urb, 0, reinterpret_cast<guint8*>(&fields), sizeof(fields));
    // The reap argument is where the kernel stores the URB's address; linking
    // the URB's data to it lets umockdev write the URB back to the client.
    UMockdevIoctlData* out = umockdev_ioctl_data_resolve(umockdev_ioctl_client_get_arg(client), 0, sizeof(void*), nullptr);
    umockdev_ioctl_data_set_ptr(out, 0, urb.urb);
    umockdev_ioctl_client_complete(client, 0, 0);
    g_object_unref(out);
    release(urb);
}

void UsbfsConnection::discard(UMockdevIoctlClient* client)
{
    // DISCARDURB's argument is the URB's address itself.
    const UMockdevIoctlData* arg = umockdev_ioctl_client_get_arg(client);
    gulong address = 0;
    std::memcpy(&address, arg->data, std::min<std::size_t>(sizeof(address), static_cast<std::size_t>(arg->data_len)));
    for (auto* queue : {&waiting_for_events_, &unanswered_}) {
        const auto found = std::find_if(queue->begin(), queue->end(),
                                        [address](const Urb& urb) { return urb.urb->client_addr == address; });
        if (found == queue->end())
            continue;
        Urb urb = *found;
        queue->erase(found);
        urb.status = -ENOENT;
        completed_.push_back(urb);
        umockdev_ioctl_client_complete(client, 0, 0);
        return;
    }
    umockdev_ioctl_client_complete(client, -1, EINVAL);
}

void UsbfsConnection::release(Urb& urb)
{
    if (urb.buffer)
        g_object_unref(urb.buffer);
    g_object_unref(urb.urb);
    urb = Urb{};
}

} // namespace kiosk::lightseat
