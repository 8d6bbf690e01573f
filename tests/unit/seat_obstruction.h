#pragma once

// Something under the seat, for the seat calibration tests on either board
// (in-process or on the emulated USB bus): it stalls the motor whenever the
// seat rises past a height, a limited number of times.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <thread>

#include "lightseat/board_model.h"

namespace kiosk::lightseat::test {

class SeatObstruction {
public:
    using ActOnBoard = std::function<void(const std::function<void(BoardModel&)>&)>;

    SeatObstruction(ActOnBoard act_on_board, std::uint16_t at_mm, int times)
        : act_on_board_(std::move(act_on_board)), at_mm_(at_mm), times_(times), watcher_([this] { watch(); })
    {
    }
    ~SeatObstruction()
    {
        stopping_ = true;
        watcher_.join();
    }
    SeatObstruction(const SeatObstruction&) = delete;
    SeatObstruction& operator=(const SeatObstruction&) = delete;

    int stalls() const { return stalls_; }

private:
    void watch()
    {
        // Well inside one board tick, so the seat never slips past unseen.
        while (!stopping_) {
            act_on_board_([this](BoardModel& board) {
                const DeviceStatus s = board.status();
                if (stalls_ < times_ && s.motion == SeatMotion::Moving && s.target_mm > at_mm_ &&
                    s.seat_mm >= at_mm_) {
                    board.stall_motor();
                    ++stalls_;
                }
            });
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    }

    ActOnBoard act_on_board_;
    const std::uint16_t at_mm_;
    const int times_;
    std::atomic<int> stalls_{0};
    std::atomic<bool> stopping_{false};
    std::thread watcher_;
};

} // namespace kiosk::lightseat::test
