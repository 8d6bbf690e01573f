#pragma once

#include <chrono>
#include <optional>

#include "lightseat/messages.h"

namespace kiosk::session {

// How the two key lights are balanced against a side shadow on the face
// (config/session.json "lights").
struct LightServoSettings {
    lightseat::LightLevels start;     // levels at the start of every pose step
    int first_step = 0;               // per mille moved from one key light to the other
    int min_step = 0;                 // steps never shrink below this
    double dead_band_ratio = 1.0;     // cheek ratio (brighter / darker) treated as even
    int max_shift = 0;                // the most moved from one side to the other, per mille
    // Lights and camera exposure take a moment to show a change: frames taken
    // sooner than this after a SetLights do not judge it.
    std::chrono::milliseconds settle{0};
};

// The face_shadow check reports how many times brighter one cheek is than the
// other, not which one, so the balance is found by probing: shift light
// towards one side and keep going while the ratio falls; when it rises, turn
// back with half the step. This also makes the servo indifferent to which
// light the board calls "left" for a mirrored or rotated camera mount.
struct LightServoState {
    int shift = 0;                    // per mille moved from key_right to key_left
    int direction = 1;
    int step = 0;                     // 0: not started, use first_step
    std::optional<double> last_ratio; // the ratio measured before the last move
};

struct LightDecision {
    LightServoState state;
    std::optional<lightseat::LightLevels> levels; // to send; empty: keep the lights as they are
};

// One servo step from the face_shadow ratio measured on a frame taken after
// the lights had settled.
LightDecision balance_lights(const LightServoSettings& settings, const LightServoState& state, double shadow_ratio);

// The levels for a given shift, bounded to what the board accepts.
lightseat::LightLevels levels_for_shift(const LightServoSettings& settings, int shift);

} // namespace kiosk::session
