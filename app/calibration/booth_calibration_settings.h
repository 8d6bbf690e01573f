#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include <opencv2/core.hpp>

namespace kiosk::calibration {

// A part of the frame as fractions of its width and height, so one setting
// fits any stream size.
struct FrameRegion {
    double x = 0, y = 0, width = 1, height = 1;

    cv::Rect in(cv::Size frame) const;
};

// The "background_plate" section of config/calibration/calibration.json.
struct BackgroundPlateSettings {
    int frames = 9;                            // medianed into the plate
    std::chrono::milliseconds frame_timeout{2000};
    std::string spec;                          // whose background colours the plate must match
    double max_lightness_spread = 0;           // L*, 95th minus 5th percentile
    double max_gradient = 0;                   // L* from one side to the other, either direction
    double max_vignetting = 0;                 // L*, middle over corners
    double max_colour_delta = 0;               // a*b* distance to the nearest spec colour
    double min_lightness = 0;                  // L*, the plate's mean
};

// The "exposure" section.
struct ExposureSettings {
    bool grey_card = false;                    // else the backdrop is metered
    FrameRegion backdrop_region;
    FrameRegion grey_card_region;
    double backdrop_level = 0;                 // 8-bit green, from the spec's background colour
    double grey_card_level = 0;
    double level_tolerance = 0;                // 8-bit levels
    double max_chroma = 0;                     // a*b* distance from neutral
    int max_steps = 0;
    std::chrono::microseconds min_exposure{0};
    std::chrono::microseconds max_exposure{0};
    float max_gain = 1;
    double max_step_ratio = 0;                 // largest change of light per step
    int frames_per_measure = 1;
    std::chrono::milliseconds frame_timeout{2000};
};

// The "light_balance" section.
struct LightBalanceSettings {
    bool face = false;                         // else a grey card held where the face will be
    FrameRegion grey_card_region;
    double min_balance = 0;                    // darker over brighter half
    int max_steps = 0;
    double max_step_ratio = 0;                 // largest change of one lamp's level per step
    int min_level = 0, max_level = 0;          // per mille, what a lamp may be set to
    FrameRegion backdrop_left;                 // the backdrop beside the target, each side
    FrameRegion backdrop_right;
    double backdrop_level = 0;                 // 8-bit green the background lamp aims for
    double backdrop_tolerance = 0;
    int max_background_steps = 0;
    int settle_frames = 0;                     // frames between a light change and a measurement
    int frames_per_measure = 1;
    std::chrono::milliseconds frame_timeout{2000};
};

// Each throws ConfigError naming the field. `specs_dir` is where the spec
// named by a section is read for its background colours.
BackgroundPlateSettings load_background_plate_settings(const std::filesystem::path& calibration_json);
ExposureSettings load_exposure_settings(const std::filesystem::path& calibration_json,
                                        const std::filesystem::path& specs_dir);
LightBalanceSettings load_light_balance_settings(const std::filesystem::path& calibration_json);

} // namespace kiosk::calibration
