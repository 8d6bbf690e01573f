#pragma once

#include <opencv2/core.hpp>

namespace kiosk::receipt {

// Turns a photo into what a thermal head can print: grey, resized to
// `width` x `height` printer dots, then Floyd-Steinberg error diffusion to
// black and white (0 or 255). A plain threshold would lose the face's shading;
// diffusion keeps it as dot density. `gamma` > 1 lightens mid-tones for heads
// that burn dark.
cv::Mat thermal_dither(const cv::Mat& photo, int width, int height, double gamma);

} // namespace kiosk::receipt
