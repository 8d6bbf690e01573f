#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "kiosk-ui/screen_layout.h"
#include "session/events.h"
#include "session/view_model.h"

namespace kiosk::ui {

// The technician's PIN as typed on the pad. The screen keeps its own copy so
// quick taps add up before the session's view catches up, and sends the whole
// PIN after each key; the view only ever says how many digits there are.
// The copy is never logged or drawn, and is wiped once the session no longer
// holds a PIN (sent for checking, cancelled) or the screen is left.
class PinEntry {
public:
    // `max_digits`: config/session.json technician.max_pin_digits; the
    // session keeps no longer PIN, so neither does the pad.
    explicit PinEntry(std::size_t max_digits);
    ~PinEntry();
    PinEntry(const PinEntry&) = delete;
    PinEntry& operator=(const PinEntry&) = delete;

    // What to tell the session after a key, if anything changed.
    std::optional<session::TechnicianPinEdited> press(const PinKey& key);

    // Follows the session's newest view.
    void follow(const session::ViewModel& view);

    std::size_t size() const { return digits_.size(); }

private:
    void wipe();

    std::size_t max_digits_;
    std::string digits_;
    std::size_t session_digits_ = 0; // what the view said last
};

} // namespace kiosk::ui
