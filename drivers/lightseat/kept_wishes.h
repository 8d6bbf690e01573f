#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "lightseat/messages.h"

namespace kiosk::lightseat {

// The light levels and seat target the kiosk last asked for, kept while the
// board is unplugged or faulted so that a re-initialised board is brought
// back to them (PROTOCOL.md, last paragraph): a move cut short by the cable
// still ends where it should. Not thread-safe: its owner serialises calls.
class KeptWishes {
public:
    // Remembers a light or seat command the caller sent; others change nothing.
    void remember(const Command& command);
    // The seat arriving where it was asked to go ends that wish.
    void on_event(const DeviceEvent& event);
    // What to send to a board that has just become ready with this status.
    std::vector<Command> to_restore(const DeviceStatus& status) const;

private:
    std::optional<LightLevels> lights_;
    std::optional<std::uint16_t> seat_mm_;
};

} // namespace kiosk::lightseat
