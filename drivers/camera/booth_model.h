#pragma once

#include <functional>
#include <optional>
#include <string>

#include <opencv2/core.hpp>

#include "core/json_fields.h"

namespace kiosk::camera {

// What the booth's hardware is doing at the moment a frame is filmed, in the
// light/seat board's own units: lamp levels per mille of full power and the
// seat height in mm. The camera driver does not know the board; whoever
// composes the kiosk reads it from the board and hands it over.
struct BoothState {
    double key_left = 0;     // the key lamp on the frame's left
    double key_right = 0;
    double background = 0;
    double seat_mm = 0;
};

// Called on the camera's thread once per frame; must be quick. Empty while
// the booth's state is not known (no board has answered yet): the footage is
// then filmed as it is, not as if every lamp were off and the seat at zero.
using BoothStateSource = std::function<std::optional<BoothState>()>;

// The studio's physics as the replay camera applies it to footage that was
// shot evenly lit with the subject at a reference seat height: the two key
// lights light the subject from either side with a falloff across the face,
// the background light (and some spill of the key lights) lights the
// backdrop, and the seat lifts the subject in the frame. The footage counts
// as lit by the reference levels with perfect lamps; every figure comes from
// the "booth" section of the replay settings.
struct BoothModel {
    // Share of the footage's light that does not come from the studio lamps
    // (the hall's own lighting): it stays when every lamp is off.
    double ambient = 0.12;

    double key_reference_level = 600;
    double key_left_efficiency = 1.0;   // light given per unit of level, 1 = as the footage was lit
    double key_right_efficiency = 1.0;
    // 0: each key lamp lights the whole face alike; 1: its light fades to
    // nothing on the far side of the face.
    double key_falloff = 0.8;
    // Half the distance, as a fraction of the frame width, over which a key
    // lamp's light fades from its own side of the head to the far side.
    double key_falloff_half_width = 0.1;

    double background_reference_level = 700;
    double background_efficiency = 1.0;
    // Share of the backdrop's studio light that comes from the background
    // lamp; the rest is the key lamps' spill, which fades across the backdrop.
    double background_share = 0.75;

    double seat_reference_mm = 450;
    // How far one mm of seat travel moves the subject, in pixels of a frame
    // `seat_frame_height` pixels tall (raising the seat lifts the subject).
    double seat_px_per_mm = 1.24;
    double seat_frame_height = 720;

    // Parses the "booth" object; throws ConfigError naming the field.
    static BoothModel from_json(const JsonFields& fields);

    // How far the subject moves down the frame, as a fraction of its height.
    double subject_shift(const BoothState& state) const;

    // Light falling on the subject at the frame column `x`, relative to the
    // footage's, for a head centred at column `head_x` in a frame `width` wide.
    double subject_light(const BoothState& state, double x, double head_x, double width) const;
    // Light falling on the backdrop at the frame column `x`.
    double backdrop_light(const BoothState& state, double x, double width) const;

    // Relights an 8-bit BGR frame in place, in linear light (footage encoded
    // with `gamma`). `subject_alpha` is 8-bit, frame-sized, 255 where the
    // subject stands and 0 on the backdrop.
    void relight(cv::Mat& bgr, const cv::Mat& subject_alpha, double head_x, const BoothState& state,
                 double gamma) const;
};

} // namespace kiosk::camera
