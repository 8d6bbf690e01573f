#pragma once

#include <cstdint>
#include <filesystem>

namespace kiosk::photo {

// Limits on image files handed to the kiosk by someone else.
struct InputLimits {
    std::int64_t max_pixels = 0;      // refused before decoding above this
    std::int64_t max_file_bytes = 0;
};

struct RenderSettings {
    double feather_px = 0;            // soft edge between subject and new background (output px)
    double backdrop_estimate_px = 0;  // reach of the local estimate of the captured backdrop (output px)
    double area_downscale_below = 0;  // scales under this are first reduced by area averaging
};

enum class ChromaSubsampling { S420, S444 };

struct JpegSettings {
    ChromaSubsampling subsampling = ChromaSubsampling::S420;
};

// config/photo.json: how images are read, rendered and encoded.
struct PhotoSettings {
    InputLimits input;
    RenderSettings render;
    JpegSettings jpeg;
};

// Reads `<config_dir>/photo.json`. Throws ConfigError naming the file and
// field when one is missing or impossible.
PhotoSettings load_photo_settings(const std::filesystem::path& config_dir);

} // namespace kiosk::photo
