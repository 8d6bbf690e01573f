#include "kiosk-ui/technician_gesture.h"

namespace kiosk::ui {

SDL_Rect gesture_corner(const TechnicianGestureSettings& gesture, const LayoutMetrics& metrics)
{
    const int s = gesture.size_px;
    const bool right = gesture.corner == Corner::TopRight || gesture.corner == Corner::BottomRight;
    const bool lower = gesture.corner == Corner::BottomLeft || gesture.corner == Corner::BottomRight;
    return {right ? metrics.width - s : 0, lower ? metrics.height - s : 0, s, s};
}

GestureHold::GestureHold(SDL_Rect corner, std::chrono::milliseconds hold) : corner_(corner), hold_(hold) {}

bool GestureHold::press(const Presser& who, SDL_Point at, Clock::time_point now)
{
    if (!SDL_PointInRect(&at, &corner_))
        return false;
    // A second finger in the corner while one holds it is not a new gesture
    // but is still kept away from the buttons.
    if (!held_)
        held_ = Held{who, now};
    return true;
}

void GestureHold::move(const Presser& who, SDL_Point at)
{
    // Once out, coming back does not resume it: the hold must be unbroken.
    if (held_ && held_->who == who && !SDL_PointInRect(&at, &corner_))
        held_->inside = false;
}

bool GestureHold::release(const Presser& who)
{
    if (!held_ || !(held_->who == who))
        return false;
    held_.reset();
    return true;
}

bool GestureHold::due(Clock::time_point now)
{
    if (!held_ || held_->fired || !held_->inside || now - held_->since < hold_)
        return false;
    held_->fired = true;
    return true;
}

void GestureHold::reset()
{
    held_.reset();
}

} // namespace kiosk::ui
