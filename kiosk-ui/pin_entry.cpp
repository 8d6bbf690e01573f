#include "kiosk-ui/pin_entry.h"

#include <algorithm>

namespace kiosk::ui {

PinEntry::PinEntry(std::size_t max_digits) : max_digits_(max_digits) {}

PinEntry::~PinEntry()
{
    wipe();
}

void PinEntry::wipe()
{
    // Overwritten before it is let go, so no freed heap block keeps the PIN.
    std::fill(digits_.begin(), digits_.end(), '\0');
    digits_.clear();
}

std::optional<session::TechnicianPinEdited> PinEntry::press(const PinKey& key)
{
    if (key.digit) {
        if (digits_.size() >= max_digits_)
            return std::nullopt;
        digits_.push_back(*key.digit);
    } else {
        if (digits_.empty())
            return std::nullopt;
        digits_.back() = '\0';
        digits_.pop_back();
    }
    return session::TechnicianPinEdited{digits_};
}

void PinEntry::follow(const session::ViewModel& view)
{
    if (view.step != session::Step::TechnicianPin || !view.pin_digits) {
        wipe();
        session_digits_ = 0;
        return;
    }
    // A drop to none is the session letting go of the PIN (sent for checking
    // or refused); a view still at none after a first key is just behind.
    if (*view.pin_digits == 0 && session_digits_ > 0)
        wipe();
    session_digits_ = *view.pin_digits;
}

} // namespace kiosk::ui
