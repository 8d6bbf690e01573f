#include "kiosk-ui/presser.h"

namespace kiosk::ui {

Presser presser_of(const SDL_Event& event)
{
    if (event.type == SDL_FINGERDOWN || event.type == SDL_FINGERUP || event.type == SDL_FINGERMOTION)
        return {event.tfinger.touchId, event.tfinger.fingerId, false};
    return {0, 0, true};
}

} // namespace kiosk::ui
