#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "lightseat/board_model.h"
#include "lightseat/controller_request.h"
#include "lightseat/controller_status.h"
#include "lightseat/kept_wishes.h"
#include "lightseat/lightseat_controller.h"
#include "lightseat/lightseat_settings.h"

namespace kiosk::lightseat {

// The light and seat board simulated inside the kiosk's own process, for the
// demo and the session tests: no USB, but the same contract as
// UsbLightSeatController. Its thread runs the board's firmware model in real
// time (one turn per BoardSettings tick) and talks to it only in PROTOCOL.md
// frames — commands encoded and sequenced, the status and events parsed and
// decoded — so a move takes as long as on the board, an out-of-range value is
// refused by the host with the controller's seat travel, a board refusal comes
// back as Rejected and events arrive on the controller's thread.
class SimulatedLightSeatController final : public LightSeatController {
public:
    SimulatedLightSeatController(ControllerSettings controller, const BoardSettings& board);
    ~SimulatedLightSeatController() override;
    SimulatedLightSeatController(const SimulatedLightSeatController&) = delete;
    SimulatedLightSeatController& operator=(const SimulatedLightSeatController&) = delete;

    void start() override;
    void stop() override;

    std::future<CommandOutcome> send(const Command& command) override;
    std::future<std::optional<DeviceStatus>> read_status() override;
    SeatTravel seat_travel() const override { return seat_travel_; }
    void set_seat_travel(SeatTravel travel) override { seat_travel_ = travel; }

    ControllerState state() const override { return status_.state(); }
    std::string state_message() const override { return status_.message(); }
    void set_event_handler(ControllerEventHandler handler) override { status_.set_handler(std::move(handler)); }

    // The physical world acting on the board (someone sitting down, a jammed
    // motor), under the simulator's lock; the events it causes follow on the
    // controller's thread within a tick.
    void act_on_board(const std::function<void(BoardModel&)>& action);
    // The cable: while unplugged the controller is Searching and answers "not
    // connected" (the board keeps moving on its own power); after plugging it
    // initialises the board and restores the kept light levels and seat target.
    void unplug();
    void plug();

private:
    using Clock = std::chrono::steady_clock;
    // Everything one turn of the thread has to tell, told after the lock is let go.
    using Outbox = std::vector<ControllerEvent>;

    void queue(std::unique_ptr<ControllerRequest> request);
    void run();
    // One turn of the thread: the cable, initialisation, queued requests, events.
    void turn(Clock::time_point now, Outbox& outbox);
    void initialise(Clock::time_point now, Outbox& outbox);
    std::optional<DeviceStatus> read_board_status(Clock::time_point now, Outbox& outbox);
    CommandOutcome send_to_board(const Command& command);
    void serve(ControllerRequest& request, Clock::time_point now, Outbox& outbox);
    void take_events(Clock::time_point now, Outbox& outbox);
    void fault(const std::string& reason, Clock::time_point now, Outbox& outbox);
    void set_state(ControllerState state, const std::string& message, Outbox& outbox);
    void tell(const Outbox& outbox);

    const ControllerSettings settings_;
    std::atomic<SeatTravel> seat_travel_;
    const std::chrono::milliseconds tick_;
    ControllerStatus status_;

    mutable std::mutex mutex_; // guards every member below
    std::condition_variable wake_;
    BoardModel board_;
    bool plugged_ = true;
    bool stopping_ = false;
    bool running_ = false;
    std::deque<std::unique_ptr<ControllerRequest>> queued_;
    KeptWishes wishes_;
    Clock::time_point next_attempt_{};
    int attempts_ = 0;
    std::uint8_t next_sequence_ = 0;

    std::mutex lifecycle_mutex_; // serialises start() and stop()
    std::thread thread_;
};

} // namespace kiosk::lightseat
