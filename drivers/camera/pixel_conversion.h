#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include <opencv2/core.hpp>

namespace kiosk::camera {

// The pixel layouts a camera pipeline may hand us that we turn into BGR.
// Named as libcamera (DRM fourcc) names them: the byte order in memory is
// the reverse of the name for the packed RGB formats.
enum class PixelLayout {
    YUYV,       // packed 4:2:2, what most UVC webcams send uncompressed
    UYVY,
    NV12,       // Y plane, then interleaved U/V at half resolution
    NV21,
    YUV420,     // three planes: Y, U, V (I420)
    XRGB8888,   // bytes B, G, R, X
    XBGR8888,   // bytes R, G, B, X
    RGB888,     // bytes B, G, R
    BGR888,     // bytes R, G, B
    MJPEG,      // one JPEG per frame (UVC at high resolutions)
};

// The layout for a DRM fourcc, or none when we cannot convert it (the
// pipeline is then asked for another format).
std::optional<PixelLayout> layout_for_fourcc(std::uint32_t fourcc);

// One captured image as the device left it in memory.
struct RawImage {
    PixelLayout layout = PixelLayout::YUYV;
    cv::Size size;
    std::size_t stride = 0;   // bytes per line of the first plane
    // One span per plane, each covering the bytes the device wrote. Formats
    // whose planes sit back to back in one buffer may pass a single span.
    std::vector<std::span<const std::uint8_t>> planes;
};

// Converts to an 8-bit BGR image that owns its pixels (the device buffer
// goes back to the camera right after). Throws InputError when the data is
// shorter than the layout needs or a JPEG does not decode: a corrupt frame,
// which the caller drops.
cv::Mat to_bgr(const RawImage& raw);

} // namespace kiosk::camera
