#pragma once

// What a light/seat controller reports, collected for tests to wait on,
// whichever backend (USB driver, in-process simulator) raised it.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <vector>

#include "lightseat/lightseat_controller.h"

namespace kiosk::lightseat {

class EventLog {
public:
    void add(const ControllerEvent& event)
    {
        std::lock_guard lock(mutex_);
        events_.push_back(event);
        changed_.notify_all();
    }

    // The first event after the last one found that matches, waiting up to `limit`.
    template <typename Predicate>
    std::optional<ControllerEvent> wait_for(Predicate matches, std::chrono::milliseconds limit)
    {
        std::unique_lock lock(mutex_);
        std::optional<ControllerEvent> found;
        changed_.wait_for(lock, limit, [&] {
            for (std::size_t i = seen_; i < events_.size(); ++i) {
                if (matches(events_[i])) {
                    found = events_[i];
                    seen_ = i + 1;
                    return true;
                }
            }
            return false;
        });
        return found;
    }

    std::vector<ControllerEvent> all() const
    {
        std::lock_guard lock(mutex_);
        return events_;
    }

private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<ControllerEvent> events_;
    std::size_t seen_ = 0;
};

inline auto state_is(ControllerState state)
{
    return [state](const ControllerEvent& e) {
        const auto* change = std::get_if<StateChanged>(&e);
        return change && change->state == state;
    };
}

template <typename T>
bool is(const ControllerEvent& e)
{
    return std::holds_alternative<T>(e);
}

} // namespace kiosk::lightseat
