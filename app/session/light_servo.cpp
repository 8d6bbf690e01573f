#include "session/light_servo.h"

#include <algorithm>
#include <cmath>

namespace kiosk::session {
namespace {

std::uint16_t bounded_level(int level)
{
    return static_cast<std::uint16_t>(std::clamp(level, 0, static_cast<int>(lightseat::max_light_level)));
}

} // namespace

lightseat::LightLevels levels_for_shift(const LightServoSettings& settings, int shift)
{
    lightseat::LightLevels levels = settings.start;
    levels.key_left = bounded_level(settings.start.key_left + shift);
    levels.key_right = bounded_level(settings.start.key_right - shift);
    return levels;
}

LightDecision balance_lights(const LightServoSettings& settings, const LightServoState& state, double shadow_ratio)
{
    LightDecision decision{state, std::nullopt};
    LightServoState& next = decision.state;
    if (!std::isfinite(shadow_ratio) || shadow_ratio <= settings.dead_band_ratio) {
        // Even enough: remember it, so a later drift is judged from here.
        next.last_ratio = std::isfinite(shadow_ratio) ? std::optional<double>(shadow_ratio) : std::nullopt;
        return decision;
    }
    if (next.step == 0)
        next.step = settings.first_step;
    const bool worse = state.last_ratio && shadow_ratio > *state.last_ratio;
    if (worse) {
        next.direction = -next.direction;
        next.step = std::max(settings.min_step, next.step / 2);
    }
    const int shift = std::clamp(next.shift + next.direction * next.step, -settings.max_shift, settings.max_shift);
    next.last_ratio = shadow_ratio;
    // At the limit and still improving when it was reached: this is as even
    // as the lights can make it; the face_shadow check says the rest.
    if (shift == next.shift)
        return decision;
    next.shift = shift;
    decision.levels = levels_for_shift(settings, shift);
    return decision;
}

} // namespace kiosk::session
