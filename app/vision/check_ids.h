#pragma once

#include <array>
#include <string_view>

namespace kiosk::vision::check_id {

// Every check the engine reports, in the order it reports them.
inline constexpr std::string_view face_count = "face_count";
inline constexpr std::string_view face_size = "face_size";
inline constexpr std::string_view face_centered = "face_centered";
inline constexpr std::string_view yaw = "yaw";
inline constexpr std::string_view pitch = "pitch";
inline constexpr std::string_view roll = "roll";
inline constexpr std::string_view eyes_open = "eyes_open";
inline constexpr std::string_view mouth_closed = "mouth_closed";
inline constexpr std::string_view expression_neutral = "expression_neutral";
inline constexpr std::string_view glasses = "glasses";
inline constexpr std::string_view lens_glare = "lens_glare";
inline constexpr std::string_view head_covering = "head_covering";
inline constexpr std::string_view hair_accessory = "hair_accessory";
inline constexpr std::string_view hair_over_eyebrows = "hair_over_eyebrows";
inline constexpr std::string_view ears_visible = "ears_visible";
inline constexpr std::string_view earrings = "earrings";
inline constexpr std::string_view necklace = "necklace";
inline constexpr std::string_view face_shadow = "face_shadow";
inline constexpr std::string_view face_hotspot = "face_hotspot";
inline constexpr std::string_view background_uniform = "background_uniform";
inline constexpr std::string_view background_shadow = "background_shadow";
inline constexpr std::string_view exposure = "exposure";
inline constexpr std::string_view sharpness = "sharpness";
inline constexpr std::string_view colour_cast = "colour_cast";

inline constexpr std::array<std::string_view, 24> all = {
    face_count, face_size, face_centered, yaw, pitch, roll, eyes_open, mouth_closed,
    expression_neutral, glasses, lens_glare, head_covering, hair_accessory, hair_over_eyebrows,
    ears_visible, earrings, necklace, face_shadow, face_hotspot, background_uniform,
    background_shadow, exposure, sharpness, colour_cast};

} // namespace kiosk::vision::check_id
