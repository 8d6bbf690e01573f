#include "lightseat/simulated_lightseat_controller.h"

#include <stdexcept>

#include <spdlog/spdlog.h>

namespace kiosk::lightseat {

SimulatedLightSeatController::SimulatedLightSeatController(ControllerSettings controller,
                                                           const BoardSettings& board)
    : settings_(std::move(controller)), seat_travel_(settings_.seat), tick_(board.tick), board_(board)
{
}

SimulatedLightSeatController::~SimulatedLightSeatController()
{
    stop();
}

void SimulatedLightSeatController::start()
{
    std::lock_guard lifecycle(lifecycle_mutex_);
    if (thread_.joinable())
        throw std::logic_error("lightseat controller already started");
    Outbox outbox;
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
        running_ = true;
        next_attempt_ = Clock::now();
        set_state(ControllerState::Searching, "looking for the simulated board", outbox);
    }
    tell(outbox);
    thread_ = std::thread([this] { run(); });
}

void SimulatedLightSeatController::stop()
{
    std::lock_guard lifecycle(lifecycle_mutex_);
    if (!thread_.joinable())
        return;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    std::deque<std::unique_ptr<ControllerRequest>> left;
    Outbox outbox;
    {
        std::lock_guard lock(mutex_);
        running_ = false;
        left.swap(queued_);
        set_state(ControllerState::Stopped, "stopped", outbox);
    }
    for (auto& request : left)
        request->fail();
    tell(outbox);
}

std::future<std::optional<DeviceStatus>> SimulatedLightSeatController::read_status()
{
    auto request = std::make_unique<ControllerRequest>();
    auto result = request->status.get_future();
    queue(std::move(request));
    return result;
}

std::future<CommandOutcome> SimulatedLightSeatController::send(const Command& command)
{
    if (out_of_range(command, seat_travel_))
        return answered(CommandOutcome::OutOfRange);
    auto request = std::make_unique<ControllerRequest>();
    request->command = command;
    auto result = request->done.get_future();
    {
        std::lock_guard lock(mutex_);
        wishes_.remember(command);
    }
    queue(std::move(request));
    return result;
}

void SimulatedLightSeatController::queue(std::unique_ptr<ControllerRequest> request)
{
    {
        std::lock_guard lock(mutex_);
        if (running_ && !stopping_) {
            queued_.push_back(std::move(request));
            wake_.notify_all();
            return;
        }
    }
    request->fail();
}

void SimulatedLightSeatController::act_on_board(const std::function<void(BoardModel&)>& action)
{
    std::lock_guard lock(mutex_);
    action(board_);
}

void SimulatedLightSeatController::unplug()
{
    std::lock_guard lock(mutex_);
    plugged_ = false;
}

void SimulatedLightSeatController::plug()
{
    std::lock_guard lock(mutex_);
    if (!plugged_) {
        plugged_ = true;
        // As a hotplug arrival does for the USB driver: initialise at once.
        next_attempt_ = Clock::now();
    }
}

void SimulatedLightSeatController::run()
{
    // The motor runs on whole milliseconds of real time; what is left of a
    // millisecond carries over to the next turn, so the seat keeps the
    // configured speed however late the thread wakes.
    auto simulated_until = Clock::now();
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        const auto now = Clock::now();
        const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - simulated_until);
        if (elapsed.count() > 0) {
            board_.advance(elapsed);
            simulated_until += elapsed;
        }
        Outbox outbox;
        turn(now, outbox);
        if (!outbox.empty()) {
            lock.unlock();
            tell(outbox);
            lock.lock();
        }
        wake_.wait_until(lock, now + tick_, [this] { return stopping_ || !queued_.empty(); });
    }
}

void SimulatedLightSeatController::turn(Clock::time_point now, Outbox& outbox)
{
    if (!plugged_ && state() != ControllerState::Searching)
        set_state(ControllerState::Searching, "board unplugged", outbox);
    else if (plugged_ && state() != ControllerState::Ready && now >= next_attempt_)
        initialise(now, outbox);

    std::deque<std::unique_ptr<ControllerRequest>> requests;
    requests.swap(queued_);
    for (auto& request : requests) {
        if (state() == ControllerState::Ready)
            serve(*request, now, outbox);
        else
            request->fail();
    }
    if (state() == ControllerState::Ready)
        take_events(now, outbox);
}

void SimulatedLightSeatController::initialise(Clock::time_point now, Outbox& outbox)
{
    set_state(ControllerState::Initialising, "reading the board's status", outbox);
    const auto status = read_board_status(now, outbox);
    if (!status)
        return;
    attempts_ = 0;
    set_state(ControllerState::Ready, "board ready; seat at " + std::to_string(status->seat_mm) + " mm", outbox);
    for (const auto& command : wishes_.to_restore(*status))
        send_to_board(command);
}

std::optional<DeviceStatus> SimulatedLightSeatController::read_board_status(Clock::time_point now, Outbox& outbox)
{
    const FrameParse parsed = parse_frame(board_.status_frame());
    if (!parsed.frame) {
        fault("status answer: " + parsed.reason, now, outbox);
        return std::nullopt;
    }
    Decoded<DeviceStatus> status = decode_status(*parsed.frame);
    if (!status.value)
        fault("status answer: " + status.reason, now, outbox);
    return status.value;
}

CommandOutcome SimulatedLightSeatController::send_to_board(const Command& command)
{
    const auto frame = encode_frame(encode_command(command, next_sequence_++));
    const CommandAnswer answer = board_.handle_command(request_code(command), frame);
    if (!answer.accepted) {
        spdlog::warn("lightseat: the simulated board refused request {:#04x}: {}", request_code(command),
                     answer.reason);
        return CommandOutcome::Rejected;
    }
    return CommandOutcome::Done;
}

void SimulatedLightSeatController::serve(ControllerRequest& request, Clock::time_point now, Outbox& outbox)
{
    if (request.command)
        request.done.set_value(send_to_board(*request.command));
    else
        request.status.set_value(read_board_status(now, outbox));
}

void SimulatedLightSeatController::take_events(Clock::time_point now, Outbox& outbox)
{
    while (const auto bytes = board_.take_event()) {
        const FrameParse parsed = parse_frame(*bytes);
        if (!parsed.frame) {
            fault("event: " + parsed.reason, now, outbox);
            return;
        }
        const Decoded<DeviceEvent> event = decode_event(*parsed.frame);
        if (!event.value) {
            fault("event: " + event.reason, now, outbox);
            return;
        }
        wishes_.on_event(*event.value);
        std::visit([&outbox](const auto& e) { outbox.emplace_back(e); }, *event.value);
    }
}

void SimulatedLightSeatController::fault(const std::string& reason, Clock::time_point now, Outbox& outbox)
{
    // Only a model that broke PROTOCOL.md gets here; it is handled as the USB
    // driver handles a board that does: faulted with the reason, re-initialised
    // after the backoff.
    spdlog::error("lightseat: simulated board faulted: {}", reason);
    set_state(ControllerState::Faulted, reason, outbox);
    next_attempt_ = now + settings_.reconnect.delay(attempts_++);
}

void SimulatedLightSeatController::set_state(ControllerState state, const std::string& message, Outbox& outbox)
{
    if (status_.record(state, message))
        outbox.emplace_back(StateChanged{state, message});
}

void SimulatedLightSeatController::tell(const Outbox& outbox)
{
    for (const auto& event : outbox)
        status_.tell(event);
}

} // namespace kiosk::lightseat
