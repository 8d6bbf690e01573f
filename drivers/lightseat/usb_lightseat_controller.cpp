#include "lightseat/usb_lightseat_controller.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include <spdlog/spdlog.h>

namespace kiosk::lightseat {

namespace {

constexpr int board_interface = 0;
constexpr unsigned char event_endpoint = 0x81;
constexpr std::uint8_t vendor_interface_out = 0x41;
constexpr std::uint8_t vendor_interface_in = 0xC1;
// Room for any frame PROTOCOL.md allows, so an over-long answer shows up as
// "trailing bytes" instead of being cut to something that parses.
constexpr std::uint16_t answer_buffer_size = 64;
// How long one turn of the event loop may block before the thread looks at
// queued commands and the reconnect timer again.
constexpr auto event_loop_turn = std::chrono::milliseconds(50);
// How long stop() waits for cancelled transfers to come back from the kernel.
constexpr auto cancel_grace = std::chrono::seconds(1);

} // namespace

// A transfer in flight with the buffer libusb writes into.
struct UsbLightSeatController::Transfer {
    enum class Kind { Command, Status, Event };
    UsbLightSeatController* owner = nullptr;
    Kind kind = Kind::Event;
    LibusbTransfer transfer{libusb_alloc_transfer(0)};
    std::vector<std::uint8_t> buffer;
    std::unique_ptr<ControllerRequest> request;
};

UsbLightSeatController::UsbLightSeatController(ControllerSettings settings)
    : settings_(std::move(settings)), seat_travel_(settings_.seat)
{
}

UsbLightSeatController::~UsbLightSeatController()
{
    stop();
}

void UsbLightSeatController::start()
{
    if (event_thread_.joinable())
        throw std::logic_error("lightseat controller already started");
    libusb_context* context = nullptr;
    if (const int rc = libusb_init(&context); rc != 0)
        throw std::runtime_error(std::string("libusb_init failed: ") + libusb_error_name(rc));
    context_.reset(context);
    has_hotplug_ = libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG) != 0;
    if (has_hotplug_) {
        const int rc = libusb_hotplug_register_callback(
            context_.get(),
            static_cast<libusb_hotplug_event>(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT),
            static_cast<libusb_hotplug_flag>(0), settings_.vendor_id, settings_.product_id, LIBUSB_HOTPLUG_MATCH_ANY,
            &UsbLightSeatController::on_hotplug, this, &hotplug_);
        // Without hotplug the rescan timer still finds the board, only later.
        has_hotplug_ = rc == LIBUSB_SUCCESS;
    }
    stopping_ = false;
    next_attempt_ = Clock::now();
    set_state(ControllerState::Searching, "looking for the board " + settings_.usb_ids());
    event_thread_ = std::thread([this] { run_events(); });
}

void UsbLightSeatController::stop()
{
    if (!event_thread_.joinable())
        return;
    stopping_ = true;
    libusb_interrupt_event_handler(context_.get());
    event_thread_.join();
    if (has_hotplug_)
        libusb_hotplug_deregister_callback(context_.get(), hotplug_);
    context_.reset();
    std::deque<std::unique_ptr<ControllerRequest>> left;
    {
        std::lock_guard lock(mutex_);
        left.swap(queued_);
    }
    for (auto& request : left)
        request->fail();
    set_state(ControllerState::Stopped, "stopped");
}

std::future<std::optional<DeviceStatus>> UsbLightSeatController::read_status()
{
    auto request = std::make_unique<ControllerRequest>();
    auto result = request->status.get_future();
    std::lock_guard lock(mutex_);
    if (!context_ || stopping_) {
        request->fail();
        return result;
    }
    queued_.push_back(std::move(request));
    libusb_interrupt_event_handler(context_.get());
    return result;
}

std::future<CommandOutcome> UsbLightSeatController::send(const Command& command)
{
    if (out_of_range(command, seat_travel_))
        return answered(CommandOutcome::OutOfRange);
    auto request = std::make_unique<ControllerRequest>();
    request->command = command;
    auto result = request->done.get_future();
    std::lock_guard lock(mutex_);
    wishes_.remember(command);
    if (!context_ || stopping_) {
        request->fail();
        return result;
    }
    queued_.push_back(std::move(request));
    libusb_interrupt_event_handler(context_.get());
    return result;
}

void UsbLightSeatController::run_events()
{
    while (!stopping_) {
        service();
        timeval turn{0, static_cast<suseconds_t>(std::chrono::microseconds(event_loop_turn).count())};
        libusb_handle_events_timeout_completed(context_.get(), &turn, nullptr);
    }
    // Give every transfer back before the device is closed: libusb may not
    // free a transfer the kernel still holds.
    for (auto& [raw, transfer] : in_flight_)
        libusb_cancel_transfer(raw);
    const auto give_up = Clock::now() + cancel_grace;
    while (!in_flight_.empty() && Clock::now() < give_up) {
        timeval turn{0, static_cast<suseconds_t>(std::chrono::microseconds(event_loop_turn).count())};
        libusb_handle_events_timeout_completed(context_.get(), &turn, nullptr);
    }
    if (device_)
        libusb_release_interface(device_.get(), board_interface);
    device_.reset();
}

void UsbLightSeatController::service()
{
    if (device_left_.exchange(false) && device_ && !closing_)
        lose_device("board unplugged");
    if (closing_ && in_flight_.empty()) {
        device_.reset();
        closing_ = false;
    }
    if (!device_ && !closing_ && (rescan_now_.exchange(false) || Clock::now() >= next_attempt_))
        try_open();

    std::deque<std::unique_ptr<ControllerRequest>> requests;
    {
        std::lock_guard lock(mutex_);
        requests.swap(queued_);
    }
    const bool ready = state() == ControllerState::Ready;
    for (auto& request : requests) {
        if (!ready || !device_ || closing_)
            request->fail();
        else if (request->command)
            submit_command(std::move(request));
        else
            submit_status_read(std::move(request));
    }
}

void UsbLightSeatController::try_open()
{
    const auto retry_later = [this](const std::string& why) {
        next_attempt_ = Clock::now() + settings_.reconnect.delay(attempts_++);
        if (state() != ControllerState::Faulted)
            set_state(ControllerState::Searching, why);
    };
    LibusbHandle device(libusb_open_device_with_vid_pid(context_.get(), settings_.vendor_id, settings_.product_id));
    if (!device) {
        retry_later("no board " + settings_.usb_ids() + " on USB");
        return;
    }
    if (const int rc = libusb_claim_interface(device.get(), board_interface); rc != 0) {
        retry_later(std::string("cannot claim the board's interface: ") + libusb_error_name(rc));
        return;
    }
    device_ = std::move(device);
    timeouts_in_a_row_ = 0;
    last_event_sequence_.reset();
    set_state(ControllerState::Initialising, "reading the board's status");
    submit_status_read(std::make_unique<ControllerRequest>());
}

void UsbLightSeatController::submit_command(std::unique_ptr<ControllerRequest> request)
{
    const auto frame = encode_frame(encode_command(*request->command, next_sequence_++));
    auto transfer = std::make_unique<Transfer>();
    transfer->kind = Transfer::Kind::Command;
    transfer->buffer.resize(LIBUSB_CONTROL_SETUP_SIZE + frame.size());
    libusb_fill_control_setup(transfer->buffer.data(), vendor_interface_out, request_code(*request->command), 0,
                              board_interface, static_cast<std::uint16_t>(frame.size()));
    std::copy(frame.begin(), frame.end(), transfer->buffer.begin() + LIBUSB_CONTROL_SETUP_SIZE);
    libusb_fill_control_transfer(transfer->transfer.get(), device_.get(), transfer->buffer.data(),
                                 &UsbLightSeatController::on_transfer_done, transfer.get(),
                                 static_cast<unsigned>(settings_.control_timeout.count()));
    transfer->request = std::move(request);
    submit(std::move(transfer));
}

void UsbLightSeatController::submit_status_read(std::unique_ptr<ControllerRequest> request)
{
    auto transfer = std::make_unique<Transfer>();
    transfer->kind = Transfer::Kind::Status;
    transfer->buffer.resize(LIBUSB_CONTROL_SETUP_SIZE + answer_buffer_size);
    libusb_fill_control_setup(transfer->buffer.data(), vendor_interface_in, get_status_request, 0, board_interface,
                              answer_buffer_size);
    libusb_fill_control_transfer(transfer->transfer.get(), device_.get(), transfer->buffer.data(),
                                 &UsbLightSeatController::on_transfer_done, transfer.get(),
                                 static_cast<unsigned>(settings_.control_timeout.count()));
    transfer->request = std::move(request);
    submit(std::move(transfer));
}

void UsbLightSeatController::submit_event_read()
{
    auto transfer = std::make_unique<Transfer>();
    transfer->kind = Transfer::Kind::Event;
    transfer->buffer.resize(answer_buffer_size);
    libusb_fill_interrupt_transfer(transfer->transfer.get(), device_.get(), event_endpoint, transfer->buffer.data(),
                                   answer_buffer_size, &UsbLightSeatController::on_transfer_done, transfer.get(),
                                   static_cast<unsigned>(settings_.event_poll_timeout.count()));
    submit(std::move(transfer));
}

void UsbLightSeatController::submit(std::unique_ptr<Transfer> transfer)
{
    transfer->owner = this;
    libusb_transfer* raw = transfer->transfer.get();
    if (const int rc = libusb_submit_transfer(raw); rc != 0) {
        if (transfer->request)
            transfer->request->fail();
        if (rc == LIBUSB_ERROR_NO_DEVICE)
            lose_device("board unplugged");
        else
            fault(std::string("cannot submit a transfer: ") + libusb_error_name(rc));
        return;
    }
    in_flight_.emplace(raw, std::move(transfer));
}

void LIBUSB_CALL UsbLightSeatController::on_transfer_done(libusb_transfer* raw)
{
    auto* owner = static_cast<Transfer*>(raw->user_data)->owner;
    auto found = owner->in_flight_.find(raw);
    std::unique_ptr<Transfer> transfer = std::move(found->second);
    owner->in_flight_.erase(found);
    switch (transfer->kind) {
    case Transfer::Kind::Command: owner->finish_command(*transfer); break;
    case Transfer::Kind::Status: owner->finish_status_read(*transfer); break;
    case Transfer::Kind::Event: owner->finish_event_read(*transfer); break;
    }
}

int LIBUSB_CALL UsbLightSeatController::on_hotplug(libusb_context*, libusb_device*, libusb_hotplug_event event,
                                                   void* self)
{
    // Only flags here: libusb forbids most calls from inside its callbacks,
    // so the event loop acts on them on its next turn.
    auto* owner = static_cast<UsbLightSeatController*>(self);
    if (event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED)
        owner->rescan_now_ = true;
    else
        owner->device_left_ = true;
    return 0;
}

void UsbLightSeatController::finish_command(Transfer& transfer)
{
    auto& done = transfer.request->done;
    const int code = request_code(*transfer.request->command);
    switch (transfer.transfer->status) {
    case LIBUSB_TRANSFER_COMPLETED:
        timeouts_in_a_row_ = 0;
        done.set_value(CommandOutcome::Done);
        return;
    case LIBUSB_TRANSFER_STALL:
        timeouts_in_a_row_ = 0;
        spdlog::warn("lightseat: the board refused request {:#04x}", code);
        done.set_value(CommandOutcome::Rejected);
        return;
    case LIBUSB_TRANSFER_TIMED_OUT:
        done.set_value(CommandOutcome::TimedOut);
        on_timeout();
        return;
    case LIBUSB_TRANSFER_NO_DEVICE:
        done.set_value(CommandOutcome::NotConnected);
        lose_device("board unplugged");
        return;
    case LIBUSB_TRANSFER_CANCELLED:
        done.set_value(CommandOutcome::NotConnected);
        return;
    default:
        done.set_value(CommandOutcome::NotConnected);
        fault("request " + std::to_string(code) + " failed on the bus");
        return;
    }
}

void UsbLightSeatController::finish_status_read(Transfer& transfer)
{
    auto& answer = transfer.request->status;
    switch (transfer.transfer->status) {
    case LIBUSB_TRANSFER_COMPLETED: {
        timeouts_in_a_row_ = 0;
        const std::span<const std::uint8_t> bytes(libusb_control_transfer_get_data(transfer.transfer.get()),
                                                  static_cast<std::size_t>(transfer.transfer->actual_length));
        const FrameParse parsed = parse_frame(bytes);
        if (!parsed.frame) {
            answer.set_value(std::nullopt);
            fault("status answer: " + parsed.reason);
            return;
        }
        const Decoded<DeviceStatus> status = decode_status(*parsed.frame);
        if (!status.value) {
            answer.set_value(std::nullopt);
            fault("status answer: " + status.reason);
            return;
        }
        answer.set_value(status.value);
        if (state() == ControllerState::Initialising)
            on_ready(*status.value);
        return;
    }
    case LIBUSB_TRANSFER_TIMED_OUT:
        answer.set_value(std::nullopt);
        on_timeout();
        return;
    case LIBUSB_TRANSFER_NO_DEVICE:
        answer.set_value(std::nullopt);
        lose_device("board unplugged");
        return;
    case LIBUSB_TRANSFER_CANCELLED:
        answer.set_value(std::nullopt);
        return;
    default:
        answer.set_value(std::nullopt);
        fault(transfer.transfer->status == LIBUSB_TRANSFER_STALL ? "status read stalled"
                                                                 : "status read failed on the bus");
        return;
    }
}

void UsbLightSeatController::finish_event_read(Transfer& transfer)
{
    switch (transfer.transfer->status) {
    case LIBUSB_TRANSFER_COMPLETED: {
        const std::span<const std::uint8_t> bytes(transfer.buffer.data(),
                                                  static_cast<std::size_t>(transfer.transfer->actual_length));
        const FrameParse parsed = parse_frame(bytes);
        if (!parsed.frame) {
            fault("event: " + parsed.reason);
            return;
        }
        const Decoded<DeviceEvent> event = decode_event(*parsed.frame);
        if (!event.value) {
            fault("event: " + event.reason);
            return;
        }
        const std::uint8_t sequence = parsed.frame->sequence;
        if (last_event_sequence_ && sequence != static_cast<std::uint8_t>(*last_event_sequence_ + 1))
            spdlog::info("lightseat: events {} to {} were lost; the status read on demand is the truth",
                         static_cast<std::uint8_t>(*last_event_sequence_ + 1),
                         static_cast<std::uint8_t>(sequence - 1));
        last_event_sequence_ = sequence;
        {
            std::lock_guard lock(mutex_);
            wishes_.on_event(*event.value);
        }
        submit_event_read();
        std::visit([this](const auto& e) { status_.tell(e); }, *event.value);
        return;
    }
    case LIBUSB_TRANSFER_TIMED_OUT:
        // A quiet board is normal: the timeout only bounds a hung transfer.
        submit_event_read();
        return;
    case LIBUSB_TRANSFER_NO_DEVICE:
        lose_device("board unplugged");
        return;
    case LIBUSB_TRANSFER_CANCELLED:
        return;
    default:
        fault(transfer.transfer->status == LIBUSB_TRANSFER_STALL ? "event endpoint stalled"
                                                                 : "event read failed on the bus");
        return;
    }
}

void UsbLightSeatController::on_ready(const DeviceStatus& status)
{
    attempts_ = 0;
    submit_event_read();
    std::vector<Command> restore;
    {
        std::lock_guard lock(mutex_);
        restore = wishes_.to_restore(status);
    }
    set_state(ControllerState::Ready, "board ready; seat at " + std::to_string(status.seat_mm) + " mm");
    for (auto& command : restore) {
        // A failed submit closes the device; the rest waits for the next ready.
        if (!device_ || closing_)
            break;
        auto request = std::make_unique<ControllerRequest>();
        request->command = std::move(command);
        submit_command(std::move(request));
    }
}

void UsbLightSeatController::on_timeout()
{
    if (++timeouts_in_a_row_ >= settings_.timeouts_before_fault)
        fault("no answer: " + std::to_string(timeouts_in_a_row_) + " transfers in a row timed out");
}

void UsbLightSeatController::fault(const std::string& reason)
{
    if (!device_ || closing_)
        return;
    spdlog::error("lightseat: board faulted: {}", reason);
    set_state(ControllerState::Faulted, reason);
    next_attempt_ = Clock::now() + settings_.reconnect.delay(attempts_++);
    close_when_idle();
}

void UsbLightSeatController::lose_device(const std::string& reason)
{
    if (!device_ || closing_)
        return;
    set_state(ControllerState::Searching, reason);
    attempts_ = 0;
    next_attempt_ = Clock::now() + settings_.reconnect.delay(attempts_++);
    close_when_idle();
}

void UsbLightSeatController::close_when_idle()
{
    closing_ = true;
    for (auto& [raw, transfer] : in_flight_)
        libusb_cancel_transfer(raw);
}

void UsbLightSeatController::set_state(ControllerState state, const std::string& message)
{
    if (status_.record(state, message))
        status_.tell(StateChanged{state, message});
}

} // namespace kiosk::lightseat
